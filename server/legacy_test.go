package server

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
)

// TestLegacyRewrite checks that legacy parameters reach the API as
// expressions, and that DynamoDB's rules against mixing hold.
func TestLegacyRewrite(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		key := attr.Item{"pk": attr.S("a")}
		tests := []struct {
			name   string
			op     string
			body   string
			wantIn any
			err    string // ValidationException message
			late   bool   // err comes once the API has accepted the request
		}{
			{name: "GetItem AttributesToGet", op: "GetItem",
				body:   `{"TableName":"tab","Key":{"pk":{"S":"a"}},"AttributesToGet":["a","b"]}`,
				wantIn: &kvs.GetItemInput{TableName: "tab", Key: key, ProjectionExpression: "#legacy0, #legacy1", ExpressionAttributeNames: kvs.Names{"#legacy0": "a", "#legacy1": "b"}}},
			{name: "GetItem empty AttributesToGet is ignored", op: "GetItem",
				body:   `{"TableName":"tab","Key":{"pk":{"S":"a"}},"AttributesToGet":[]}`,
				wantIn: &kvs.GetItemInput{TableName: "tab", Key: key}},
			{name: "GetItem mixed", op: "GetItem",
				body: `{"TableName":"tab","Key":{"pk":{"S":"a"}},"AttributesToGet":["n"],"ProjectionExpression":"n"}`,
				err:  "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}"},
			{name: "PutItem Expected", op: "PutItem",
				body: `{"TableName":"tab","Item":{"pk":{"S":"a"}},"Expected":{"pk":{"Exists":false}}}`,
				wantIn: &kvs.PutItemInput{TableName: "tab", Item: key, ConditionExpression: "attribute_not_exists(#legacy0)",
					ExpressionAttributeNames: kvs.Names{"#legacy0": "pk"}}},
			{name: "PutItem mixed", op: "PutItem",
				body: `{"TableName":"tab","Item":{"pk":{"S":"a"}},"Expected":{"n":{"Exists":false}},"ConditionExpression":"attribute_exists(n)"}`,
				err:  "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}"},
			{name: "DeleteItem mixed with operator", op: "DeleteItem",
				body: `{"TableName":"tab","Key":{"pk":{"S":"x"}},"Expected":{"n":{"Exists":false}},"ConditionalOperator":"AND","ConditionExpression":"attribute_exists(n)"}`,
				err:  "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected, ConditionalOperator} Expression parameters: {ConditionExpression}"},
			{name: "DeleteItem Expected with values", op: "DeleteItem",
				body: `{"TableName":"tab","Key":{"pk":{"S":"x"}},"Expected":{"n":{"Exists":false}},"ExpressionAttributeValues":{":v":{"S":"a"}}}`,
				err:  "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null"},
			{name: "UpdateItem AttributeUpdates and Expected", op: "UpdateItem",
				body: `{"TableName":"tab","Key":{"pk":{"S":"a"}},"AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"2"}}},"Expected":{"n":{"Value":{"N":"1"}}}}`,
				wantIn: &kvs.UpdateItemInput{TableName: "tab", Key: key, UpdateExpression: "ADD #legacy0 :legacy0", ConditionExpression: "#legacy0 = :legacy1",
					ExpressionAttributeNames: kvs.Names{"#legacy0": "n"}, ExpressionAttributeValues: kvs.Values{":legacy0": attr.N("2"), ":legacy1": attr.N("1")}}},
			{name: "UpdateItem all mixed", op: "UpdateItem",
				body: `{"TableName":"tab","Key":{"pk":{"S":"a"}},"AttributeUpdates":{"n":{"Action":"PUT","Value":{"N":"2"}}},"Expected":{"n":{"Exists":false}},"ConditionExpression":"attribute_exists(n)","UpdateExpression":"SET n = :v","ExpressionAttributeValues":{":v":{"N":"1"}}}`,
				err:  "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates, Expected} Expression parameters: {UpdateExpression, ConditionExpression}"},
			{name: "UpdateItem AttributeUpdates with values", op: "UpdateItem",
				body: `{"TableName":"tab","Key":{"pk":{"S":"a"}},"AttributeUpdates":{},"ExpressionAttributeValues":{":v":{"S":"a"}}}`,
				err:  "ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null"},
			{name: "Query KeyConditions and QueryFilter", op: "Query",
				body: `{"TableName":"tab","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}},"QueryFilter":{"n":{"ComparisonOperator":"NULL"}},"AttributesToGet":["n"]}`,
				wantIn: &kvs.QueryInput{TableName: "tab", KeyConditionExpression: "#legacy0 = :legacy0", FilterExpression: "attribute_not_exists(#legacy1)",
					ProjectionExpression: "#legacy1", ExpressionAttributeNames: kvs.Names{"#legacy0": "pk", "#legacy1": "n"},
					ExpressionAttributeValues: kvs.Values{":legacy0": attr.S("a")}}},
			{name: "Query KeyConditions with FilterExpression is allowed", op: "Query",
				body: `{"TableName":"tab","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}},"FilterExpression":"n = :legacy0","ExpressionAttributeValues":{":legacy0":{"N":"1"}}}`,
				wantIn: &kvs.QueryInput{TableName: "tab", KeyConditionExpression: "#legacy0 = :legacy1", FilterExpression: "n = :legacy0",
					ExpressionAttributeNames:  kvs.Names{"#legacy0": "pk"},
					ExpressionAttributeValues: kvs.Values{":legacy0": attr.N("1"), ":legacy1": attr.S("a")}}},
			{name: "Query all mixed", op: "Query",
				body: `{"TableName":"tab","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}},"QueryFilter":{"n":{"ComparisonOperator":"NULL"}},"ConditionalOperator":"AND","AttributesToGet":["n"],"ProjectionExpression":"n","FilterExpression":"attribute_exists(n)","KeyConditionExpression":"pk = :v","ExpressionAttributeValues":{":v":{"S":"a"}}}`,
				err:  "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet, QueryFilter, ConditionalOperator, KeyConditions} Expression parameters: {ProjectionExpression, FilterExpression, KeyConditionExpression}"},
			{name: "Query QueryFilter with FilterExpression", op: "Query",
				body: `{"TableName":"tab","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}},"QueryFilter":{"n":{"ComparisonOperator":"NULL"}},"FilterExpression":"attribute_exists(n)"}`,
				err:  "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {QueryFilter} Expression parameters: {FilterExpression}"},
			{name: "Query KeyConditions with values", op: "Query",
				body: `{"TableName":"tab","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}},"ExpressionAttributeValues":{":v":{"S":"a"}}}`,
				err:  "ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression are null"},
			{name: "Query KeyConditions with names", op: "Query",
				body: `{"TableName":"tab","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}},"ExpressionAttributeNames":{"#v":"a"}}`,
				err:  "ExpressionAttributeNames can only be specified when using expressions"},
			{name: "Scan ScanFilter OR", op: "Scan",
				body: `{"TableName":"tab","ScanFilter":{"a":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"1"}]},"b":{"ComparisonOperator":"NOT_NULL"}},"ConditionalOperator":"OR"}`,
				wantIn: &kvs.ScanInput{TableName: "tab", FilterExpression: "(#legacy0 > :legacy0) OR (attribute_exists(#legacy1))",
					ExpressionAttributeNames: kvs.Names{"#legacy0": "a", "#legacy1": "b"}, ExpressionAttributeValues: kvs.Values{":legacy0": attr.N("1")}}},
			{name: "Scan mixed", op: "Scan",
				body: `{"TableName":"tab","ScanFilter":{"n":{"ComparisonOperator":"NULL"}},"ConditionalOperator":"AND","AttributesToGet":["n"],"ProjectionExpression":"n","FilterExpression":"attribute_exists(n)"}`,
				err:  "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet, ScanFilter, ConditionalOperator} Expression parameters: {ProjectionExpression, FilterExpression}"},
			{name: "Scan ConditionalOperator alone", op: "Scan",
				body: `{"TableName":"tab","ConditionalOperator":"OR"}`,
				err:  "ConditionalOperator cannot be used without Filter or Expected", late: true},
			{name: "Scan filter with values", op: "Scan",
				body: `{"TableName":"tab","ScanFilter":{"n":{"ComparisonOperator":"NULL"}},"ExpressionAttributeValues":{":v":{"S":"a"}}}`,
				err:  "ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null"},
			{name: "BatchGetItem AttributesToGet", op: "BatchGetItem",
				body: `{"RequestItems":{"tab":{"Keys":[{"pk":{"S":"a"}}],"AttributesToGet":["n"]}}}`,
				wantIn: &kvs.BatchGetItemInput{RequestItems: map[string]*kvs.KeysAndAttributes{"tab": {Keys: []attr.Item{key},
					ProjectionExpression: "#legacy0", ExpressionAttributeNames: kvs.Names{"#legacy0": "n"}}}}},
			{name: "BatchGetItem mixed", op: "BatchGetItem",
				body: `{"RequestItems":{"tab":{"Keys":[{"pk":{"S":"x"}}],"AttributesToGet":["n"],"ProjectionExpression":"n"}}}`,
				err:  "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}"},
		}
		rec := &recorder{}
		ts := startOn(t, tr, rec, Options{})
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rec.forget()
				r := post(t, ts, tt.op, tt.body)
				if tt.err != "" {
					want, _ := json.Marshal(map[string]string{"__type": "com.amazon.coral.validate#ValidationException", "message": tt.err})
					r.want(t, 400, string(want))
					if op, _ := rec.last(); op != "" && !tt.late {
						t.Fatalf("API called (%s) despite the error", op)
					}
					return
				}
				if r.status != 200 {
					t.Fatalf("status %d: %s", r.status, r.body)
				}
				_, in := rec.last()
				if !reflect.DeepEqual(in, tt.wantIn) {
					got, _ := json.Marshal(in)
					want, _ := json.Marshal(tt.wantIn)
					t.Fatalf("API input\n got %s\nwant %s", got, want)
				}
			})
		}
	})
}
