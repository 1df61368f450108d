package server

import (
	"encoding/json"
	"reflect"
	"sort"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/schema"
)

func i32(n int32) *int32 { return &n }
func bptr(b bool) *bool  { return &b }

// TestRouting sends every operation through HTTP and checks the input the
// API received and the body the client got back.
func TestRouting(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		desc := &kvs.TableDescription{TableName: "tab", TableStatus: "ACTIVE", KeySchema: []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}},
			AttributeDefinitions: []kvs.AttributeDefinition{{AttributeName: "pk", AttributeType: "S"}}}
		descJSON, _ := json.Marshal(desc)
		key := attr.Item{"pk": attr.S("a")}
		tests := []struct {
			op       string
			body     string
			wantIn   any // the API's input, compared with reflect.DeepEqual
			reply    any
			wantBody string
		}{
			{"CreateTable", `{"TableName":"tab","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`,
				&kvs.TableDefinition{TableName: "tab", AttributeDefinitions: desc.AttributeDefinitions, KeySchema: desc.KeySchema, BillingMode: "PAY_PER_REQUEST"},
				&kvs.CreateTableOutput{TableDescription: desc}, `{"TableDescription":` + string(descJSON) + `}`},
			{"DeleteTable", `{"TableName":"tab"}`, &kvs.DeleteTableInput{TableName: "tab"},
				&kvs.DeleteTableOutput{TableDescription: desc}, `{"TableDescription":` + string(descJSON) + `}`},
			{"DescribeTable", `{"TableName":"tab"}`, &kvs.DescribeTableInput{TableName: "tab"},
				&kvs.DescribeTableOutput{Table: desc}, `{"Table":` + string(descJSON) + `}`},
			{"ListTables", `{"ExclusiveStartTableName":"a","Limit":2}`, &kvs.ListTablesInput{ExclusiveStartTableName: "a", Limit: i32(2)},
				&kvs.ListTablesOutput{TableNames: []string{"b", "c"}, LastEvaluatedTableName: "c"}, `{"TableNames":["b","c"],"LastEvaluatedTableName":"c"}`},
			{"ListTables", `{}`, &kvs.ListTablesInput{}, nil, `{"TableNames":[]}`},
			{"UpdateTable", `{"TableName":"tab","BillingMode":"PAY_PER_REQUEST"}`, &kvs.UpdateTableInput{TableName: "tab", BillingMode: "PAY_PER_REQUEST"},
				&kvs.UpdateTableOutput{TableDescription: desc}, `{"TableDescription":` + string(descJSON) + `}`},
			{"UpdateTimeToLive", `{"TableName":"tab","TimeToLiveSpecification":{"AttributeName":"ttl","Enabled":true}}`,
				&kvs.UpdateTimeToLiveInput{TableName: "tab", TimeToLiveSpecification: schema.TimeToLiveSpecification{AttributeName: "ttl", Enabled: true}},
				&kvs.UpdateTimeToLiveOutput{TimeToLiveSpecification: schema.TimeToLiveSpecification{AttributeName: "ttl", Enabled: true}},
				`{"TimeToLiveSpecification":{"AttributeName":"ttl","Enabled":true}}`},
			{"DescribeTimeToLive", `{"TableName":"tab"}`, &kvs.DescribeTimeToLiveInput{TableName: "tab"},
				&kvs.DescribeTimeToLiveOutput{TimeToLiveDescription: schema.TimeToLiveDescription{TimeToLiveStatus: "DISABLED"}},
				`{"TimeToLiveDescription":{"TimeToLiveStatus":"DISABLED"}}`},
			{"TagResource", `{"ResourceArn":"arn:x","Tags":[{"Key":"k","Value":"v"}]}`,
				&kvs.TagResourceInput{ResourceArn: "arn:x", Tags: []kvs.Tag{{Key: "k", Value: "v"}}}, nil, noBody},
			{"UntagResource", `{"ResourceArn":"arn:x","TagKeys":["k"]}`, &kvs.UntagResourceInput{ResourceArn: "arn:x", TagKeys: []string{"k"}}, nil, noBody},
			{"ListTagsOfResource", `{"ResourceArn":"arn:x"}`, &kvs.ListTagsOfResourceInput{ResourceArn: "arn:x"}, nil, `{"Tags":[]}`},
			{"GetItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}},"ConsistentRead":true}`,
				&kvs.GetItemInput{TableName: "tab", Key: key, ConsistentRead: bptr(true)},
				&kvs.GetItemOutput{Item: attr.Item{"pk": attr.S("a"), "n": attr.N("1.5")}}, ``},
			{"GetItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}}}`, &kvs.GetItemInput{TableName: "tab", Key: key}, nil, `{}`},
			{"GetItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}},"ReturnConsumedCapacity":"TOTAL"}`,
				&kvs.GetItemInput{TableName: "tab", Key: key, ReturnConsumedCapacity: "TOTAL"},
				&kvs.GetItemOutput{ConsumedCapacity: &kvs.ConsumedCapacity{TableName: "tab", CapacityUnits: 0.5}},
				``},
			{"PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"}},"ReturnValues":"ALL_OLD"}`,
				&kvs.PutItemInput{TableName: "tab", Item: key, ReturnValues: "ALL_OLD"},
				&kvs.PutItemOutput{Attributes: key}, `{"Attributes":{"pk":{"S":"a"}}}`},
			{"PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"}}}`, &kvs.PutItemInput{TableName: "tab", Item: key}, nil, `{}`},
			{"UpdateItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET #n = :v","ExpressionAttributeNames":{"#n":"n"},"ExpressionAttributeValues":{":v":{"N":"01"}}}`,
				&kvs.UpdateItemInput{TableName: "tab", Key: key, UpdateExpression: "SET #n = :v", ExpressionAttributeNames: kvs.Names{"#n": "n"},
					ExpressionAttributeValues: kvs.Values{":v": attr.N("1")}},
				&kvs.UpdateItemOutput{Attributes: attr.Item{"n": attr.N("1")}}, `{"Attributes":{"n":{"N":"1"}}}`},
			{"DeleteItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}},"ConditionExpression":"attribute_exists(pk)"}`,
				&kvs.DeleteItemInput{TableName: "tab", Key: key, ConditionExpression: "attribute_exists(pk)"},
				&kvs.DeleteItemOutput{ConsumedCapacity: &kvs.ConsumedCapacity{TableName: "tab", CapacityUnits: 1}},
				``}, // compared as JSON: kvs decides how capacity numbers are spelled
			{"Query", `{"TableName":"tab","KeyConditionExpression":"pk = :v","ExpressionAttributeValues":{":v":{"S":"a"}},"Limit":1,"ScanIndexForward":false}`,
				&kvs.QueryInput{TableName: "tab", KeyConditionExpression: "pk = :v", ExpressionAttributeValues: kvs.Values{":v": attr.S("a")},
					Limit: i32(1), ScanIndexForward: bptr(false)},
				&kvs.QueryOutput{Items: []attr.Item{key}, Count: 1, ScannedCount: 1, LastEvaluatedKey: key},
				`{"Items":[{"pk":{"S":"a"}}],"Count":1,"ScannedCount":1,"LastEvaluatedKey":{"pk":{"S":"a"}}}`},
			{"Query", `{"TableName":"tab","KeyConditionExpression":"pk = :v","ExpressionAttributeValues":{":v":{"S":"a"}}}`,
				&kvs.QueryInput{TableName: "tab", KeyConditionExpression: "pk = :v", ExpressionAttributeValues: kvs.Values{":v": attr.S("a")}},
				nil, `{"Items":[],"Count":0,"ScannedCount":0}`},
			{"Scan", `{"TableName":"tab","Select":"COUNT","Segment":0,"TotalSegments":2}`,
				&kvs.ScanInput{TableName: "tab", Select: "COUNT", Segment: i32(0), TotalSegments: i32(2)},
				&kvs.QueryOutput{Count: 3, ScannedCount: 4}, `{"Count":3,"ScannedCount":4}`},
			{"BatchGetItem", `{"RequestItems":{"tab":{"Keys":[{"pk":{"S":"a"}}],"ProjectionExpression":"pk"}}}`,
				&kvs.BatchGetItemInput{RequestItems: map[string]*kvs.KeysAndAttributes{"tab": {Keys: []attr.Item{key}, ProjectionExpression: "pk"}}},
				&kvs.BatchGetItemOutput{Responses: map[string][]attr.Item{"tab": nil}},
				`{"Responses":{"tab":[]},"UnprocessedKeys":{}}`},
			{"BatchWriteItem", `{"RequestItems":{"tab":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"b"}}}}]}}`,
				&kvs.BatchWriteItemInput{RequestItems: map[string][]kvs.WriteRequest{"tab": {
					{PutRequest: &kvs.PutRequest{Item: key}}, {DeleteRequest: &kvs.DeleteRequest{Key: attr.Item{"pk": attr.S("b")}}}}}},
				nil, `{"UnprocessedItems":{}}`},
			{"TransactWriteItems", `{"TransactItems":[{"Put":{"TableName":"tab","Item":{"pk":{"S":"a"}}}},{"ConditionCheck":{"TableName":"tab","Key":{"pk":{"S":"b"}},"ConditionExpression":"attribute_exists(pk)"}}],"ClientRequestToken":"tok"}`,
				&kvs.TransactWriteItemsInput{ClientRequestToken: "tok", TransactItems: []kvs.TransactWriteItem{
					{Put: &kvs.TransactPut{TableName: "tab", Item: key}},
					{ConditionCheck: &kvs.ConditionCheck{TableName: "tab", Key: attr.Item{"pk": attr.S("b")}, ConditionExpression: "attribute_exists(pk)"}}}},
				nil, `{}`},
			{"TransactGetItems", `{"TransactItems":[{"Get":{"TableName":"tab","Key":{"pk":{"S":"a"}}}}]}`,
				&kvs.TransactGetItemsInput{TransactItems: []kvs.TransactGetItem{{Get: &kvs.TransactGet{TableName: "tab", Key: key}}}},
				&kvs.TransactGetItemsOutput{Responses: []kvs.ItemResponse{{Item: key}, {}}},
				`{"Responses":[{"Item":{"pk":{"S":"a"}}},{}]}`},
		}
		rec := &recorder{}
		ts := startOn(t, tr, rec, Options{})
		routed := map[string]bool{}
		for _, tt := range tests {
			t.Run(tt.op, func(t *testing.T) {
				rec.reply = func(string, any) (any, error) { return tt.reply, nil }
				r := post(t, ts, tt.op, tt.body)
				op, in := rec.last()
				if op != tt.op {
					t.Fatalf("API method %q called, want %q", op, tt.op)
				}
				routed[op] = true
				if !reflect.DeepEqual(in, tt.wantIn) {
					got, _ := json.Marshal(in)
					want, _ := json.Marshal(tt.wantIn)
					t.Fatalf("API input\n got %s\nwant %s", got, want)
				}
				if tt.wantBody == noBody {
					if r.status != 200 || len(r.body) != 0 {
						t.Fatalf("got %d %q, want 200 and an empty body", r.status, r.body)
					}
					return
				}
				if tt.wantBody == "" { // compare as JSON (map order varies)
					want, _ := json.Marshal(tt.reply)
					if r.status != 200 || !jsonEqual(r.body, want) {
						t.Fatalf("got %d %s, want %s", r.status, r.body, want)
					}
					return
				}
				r.want(t, 200, tt.wantBody)
			})
		}
		// Every operation but those the server answers itself was routed
		// (DescribeContinuousBackups has its own test in backups_test.go).
		var missing []string
		for _, op := range Operations() {
			if !routed[op] && op != "DescribeEndpoints" && op != "DescribeLimits" && op != "DescribeContinuousBackups" {
				missing = append(missing, op)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("operations not covered: %v", missing)
		}
	})
}

// noBody as a wantBody means the answer must be HTTP 200 with an empty body.
const noBody = "<no body>"

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

func TestDescribeEndpointsAndLimits(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, &recorder{}, Options{})
		host := ts.Addr
		post(t, ts, "DescribeEndpoints", `{}`).want(t, 200,
			`{"Endpoints":[{"Address":"`+host+`","CachePeriodInMinutes":1440}]}`)
		ts2 := startOn(t, tr, &recorder{}, Options{EndpointAddress: "kvs.example:8000"})
		post(t, ts2, "DescribeEndpoints", `{}`).want(t, 200,
			`{"Endpoints":[{"Address":"kvs.example:8000","CachePeriodInMinutes":1440}]}`)
		post(t, ts, "DescribeLimits", `{}`).want(t, 200,
			`{"AccountMaxReadCapacityUnits":80000,"AccountMaxWriteCapacityUnits":80000,"TableMaxReadCapacityUnits":40000,"TableMaxWriteCapacityUnits":40000}`)
	})
}
