package server

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/kvs-project/kvs"
)

// fastCases are bodies the fast decoders must accept.
var fastCases = []struct{ op, body string }{
	{"GetItem", benchGetItemBody},
	{"GetItem", `{ "TableName" : "t", "Key" : {"pk":{"S":"a\"b"}}, "ProjectionExpression":"#a, b", "ExpressionAttributeNames":{"#a":"x","#a":"y"}, "ReturnConsumedCapacity":"TOTAL" }`},
	{"PutItem", `{"TableName":"t","Item":{"pk":{"S":"a"},"n":{"N":"-1.50e3"},"b":{"B":"AAE="},"l":{"L":[{"M":{"x":{"NULL":true}}}]}},"ConditionExpression":"attribute_not_exists(pk) OR n < :v","ExpressionAttributeValues":{":v":{"N":"1"}},"ReturnValues":"ALL_OLD","ReturnValuesOnConditionCheckFailure":"ALL_OLD","ReturnItemCollectionMetrics":"SIZE"}`},
	{"UpdateItem", `{"TableName":"t","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET #n = :v","ExpressionAttributeNames":{"#n":"n"},"ExpressionAttributeValues":{":v":{"SS":["a","b"]}},"ReturnValues":"UPDATED_NEW"}`},
	{"DeleteItem", `{"TableName":"t","Key":{"pk":{"S":"a"}},"ConditionExpression":"attribute_exists(pk)"}`},
	{"Query", `{"TableName":"t","IndexName":"i","KeyConditionExpression":"pk = :v","FilterExpression":"x > :v","ExpressionAttributeValues":{":v":{"S":"a"}},"Select":"COUNT","Limit":-2147483648,"ExclusiveStartKey":{"pk":{"S":"a"}},"ScanIndexForward":false,"ConsistentRead":true}`},
	{"Query", `{"TableName":"t","Limit":2147483647}`},
	{"GetItem", `{}`},
	{"Scan", `{"TableName":"t","FilterExpression":"x > :v","ExpressionAttributeValues":{":v":{"N":"0"}},"Segment":0,"TotalSegments":4,"Limit":10}`},
	{"PutItem", `{"TableName":"t","Item":{"pk":{"S":"a\\\\"},"q":{"S":"x\"}]y\\\"{"}}}`}, // escapes inside item strings
	{"BatchWriteItem", benchBatchWriteBody},
	{"BatchWriteItem", `{ "RequestItems" : { "a" : [ { "PutRequest" : { "Item" : {"pk":{"S":"x"},"l":{"L":[{"N":"1"}]}} } } , {"DeleteRequest":{"Key":{"pk":{"S":"y"}}}} ], "b":[], "c":[{}], "d":[{"PutRequest":{}},{"DeleteRequest":{}}] }, "ReturnConsumedCapacity":"INDEXES", "ReturnItemCollectionMetrics":"SIZE" }`},
	{"BatchWriteItem", `{"RequestItems":{}}`},
	{"BatchWriteItem", `{"RequestItems":{"a":[{"PutRequest":{"Item":{"pk":{"S":"x"}}},"DeleteRequest":{"Key":{"pk":{"S":"x"}}}}]}}`},
	{"BatchGetItem", `{"RequestItems":{"a":{"Keys":[{"pk":{"S":"x"}},{"pk":{"S":"y"},"sk":{"N":"1"}}],"ProjectionExpression":"#p, q","ExpressionAttributeNames":{"#p":"p"},"ConsistentRead":true},"b":{"Keys":[]},"c":{}},"ReturnConsumedCapacity":"TOTAL"}`},
	{"BatchGetItem", `{}`},
	{"TransactWriteItems", `{"TransactItems":[{"Put":{"TableName":"t","Item":{"pk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}},` +
		`{"Update":{"TableName":"t","Key":{"pk":{"S":"b"}},"UpdateExpression":"SET #n = :v","ExpressionAttributeNames":{"#n":"n"},"ExpressionAttributeValues":{":v":{"N":"1"}}}},` +
		`{"Delete":{"TableName":"t","Key":{"pk":{"S":"c"}}}},{"ConditionCheck":{"TableName":"t","Key":{"pk":{"S":"d"}},"ConditionExpression":"attribute_exists(pk)"}},{}],` +
		`"ClientRequestToken":"tok","ReturnConsumedCapacity":"TOTAL","ReturnItemCollectionMetrics":"SIZE"}`},
	{"TransactWriteItems", `{"TransactItems":[{"Put":{"TableName":"t","Item":{"pk":{"S":"a"}}},"Delete":{}}]}`},
	{"TransactGetItems", `{"TransactItems":[{"Get":{"TableName":"t","Key":{"pk":{"S":"a"}},"ProjectionExpression":"#a","ExpressionAttributeNames":{"#a":"a"}}},{}],"ReturnConsumedCapacity":"TOTAL"}`},
	{"TransactGetItems", `{"TransactItems":[]}`},
}

// fastAndSlow decodes body both ways for op; fastOK reports whether the
// fast path answered.
func fastAndSlow(op string, body []byte) (fast, slow any, fastOK bool, slowErr error) {
	switch op {
	case "GetItem":
		var a, b getItemRequest
		fastOK = fastGetItem(body, &a)
		slowErr = decode(body, &b)
		return &a, &b, fastOK, slowErr
	case "PutItem":
		var a, b putItemRequest
		fastOK = fastPutItem(body, &a)
		slowErr = decode(body, &b)
		return &a, &b, fastOK, slowErr
	case "UpdateItem":
		var a, b updateItemRequest
		fastOK = fastUpdateItem(body, &a)
		slowErr = decode(body, &b)
		return &a, &b, fastOK, slowErr
	case "DeleteItem":
		var a, b deleteItemRequest
		fastOK = fastDeleteItem(body, &a)
		slowErr = decode(body, &b)
		return &a, &b, fastOK, slowErr
	case "BatchWriteItem":
		var a, b kvs.BatchWriteItemInput
		fastOK = fastBatchWriteItem(body, &a)
		slowErr = decode(body, &b)
		return &a, &b, fastOK, slowErr
	case "BatchGetItem":
		var a, b batchGetItemRequest
		fastOK = fastBatchGetItem(body, &a)
		slowErr = decode(body, &b)
		return &a, &b, fastOK, slowErr
	case "TransactWriteItems":
		var a, b kvs.TransactWriteItemsInput
		fastOK = fastTransactWriteItems(body, &a)
		slowErr = decode(body, &b)
		return &a, &b, fastOK, slowErr
	case "TransactGetItems":
		var a, b kvs.TransactGetItemsInput
		fastOK = fastTransactGetItems(body, &a)
		slowErr = decode(body, &b)
		return &a, &b, fastOK, slowErr
	case "Scan":
		var a, b scanRequest
		fastOK = fastScan(body, &a)
		slowErr = decode(body, &b)
		return &a, &b, fastOK, slowErr
	default:
		var a, b queryRequest
		fastOK = fastQuery(body, &a)
		slowErr = decode(body, &b)
		return &a, &b, fastOK, slowErr
	}
}

func TestFastDecodeAcceptsCommonBodies(t *testing.T) {
	for _, c := range fastCases {
		fast, slow, ok, err := fastAndSlow(c.op, []byte(c.body))
		if !ok || err != nil {
			t.Fatalf("%s %s: fast ok=%v, slow err=%v", c.op, c.body, ok, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%s %s: fast and slow differ", c.op, c.body)
		}
	}
}

func TestFastDecodeGivesUp(t *testing.T) {
	for _, body := range []string{
		`{"TableName":"t","AttributesToGet":["a"]}`, // legacy
		`{"TableName":"t\u0041"}`,                   // escapes
		`{"TableName":"t","TableName":"u"}`,         // duplicate member
		`{"tablename":"t"}`,                         // encoding/json matches case-insensitively
		`{"TableName":null}`,
		`{"Limit":1.5}`, `{"Limit":01}`, `{"Limit":2147483648}`, `{"Limit":1e3}`,
		`{"Key":{"pk":{"S":"a"}}} x`, `{"Key":{"pk":{"S":"a"}`, `[]`, ``,
		`{"Key":{"pk":{"N":"x"}}}`, // an error: the slow path reports it
	} {
		var q queryRequest
		if fastQuery([]byte(body), &q) {
			t.Errorf("fast path accepted %s", body)
		}
	}
	for _, body := range []string{
		`{"RequestItems":null}`,
		`{"RequestItems":{"a":null}}`,
		`{"RequestItems":{"a":[null]}}`,
		`{"RequestItems":{"a":[],"a":[]}}`,                                       // table named twice
		`{"RequestItems":{"a":[{"PutRequest":{"Item":{}},"PutRequest":{}}]}}`,    // merged by encoding/json
		`{"RequestItems":{"a":[{"PutRequest":{"Item":{"p":{"S":"x"}},"X":1}}]}}`, // unknown member
		`{"RequestItems":{"a":[{"PutRequest":{"Item":null}}]}}`,
		`{"RequestItems":{"a":[{"putrequest":{}}]}}`,
		`{"RequestItems":{"a":[{}]]}}`, `{"RequestItems":{"a":[{},]}}`,
	} {
		var in kvs.BatchWriteItemInput
		if fastBatchWriteItem([]byte(body), &in) {
			t.Errorf("fast BatchWriteItem accepted %s", body)
		}
	}
	for _, body := range []string{
		`{"RequestItems":{"a":{"Keys":[{"pk":{"S":"x"}}],"AttributesToGet":["a"]}}}`, // legacy
		`{"RequestItems":{"a":null}}`,
		`{"RequestItems":{"a":{"Keys":[null]}}}`,
		`{"RequestItems":{"a":{"Keys":null}}}`,
		`{"RequestItems":{"a":{"Keys":[]},"a":{"Keys":[]}}}`,
		`{"RequestItems":{"a":{"Keys":[],"Keys":[]}}}`,
	} {
		var in batchGetItemRequest
		if fastBatchGetItem([]byte(body), &in) {
			t.Errorf("fast BatchGetItem accepted %s", body)
		}
	}
	for _, body := range []string{
		`{"TransactItems":null}`, `{"TransactItems":[null]}`, `{"TransactItems":[{"Put":null}]}`,
		`{"TransactItems":[{"Put":{"TableName":"t"},"Put":{}}]}`,        // merged by encoding/json
		`{"TransactItems":[{"Put":{"TableName":"t","TableName":"u"}}]}`, // merged by encoding/json
		`{"TransactItems":[{"Put":{"Key":{"pk":{"S":"a"}}}}]}`,          // Key is not a Put member
		`{"TransactItems":[{"Delete":{"UpdateExpression":"SET a = :a"}}]}`,
	} {
		var in kvs.TransactWriteItemsInput
		if fastTransactWriteItems([]byte(body), &in) {
			t.Errorf("fast TransactWriteItems accepted %s", body)
		}
	}
	for _, body := range []string{
		`{"TransactItems":[{"Get":null}]}`, `{"TransactItems":[{"Get":{"Key":null}}]}`,
		`{"TransactItems":[{"Get":{},"Get":{}}]}`,
	} {
		var in kvs.TransactGetItemsInput
		if fastTransactGetItems([]byte(body), &in) {
			t.Errorf("fast TransactGetItems accepted %s", body)
		}
	}
}

// FuzzFastDecode checks that whenever a fast decoder answers, it answers
// exactly what encoding/json does.
func FuzzFastDecode(f *testing.F) {
	for _, c := range fastCases {
		f.Add(c.op, c.body)
	}
	f.Fuzz(func(t *testing.T, op, body string) {
		fast, slow, ok, err := fastAndSlow(op, []byte(body))
		if !ok {
			return
		}
		if err != nil {
			t.Fatalf("fast path accepted %q, encoding/json says %v", body, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			a, _ := json.Marshal(fast)
			b, _ := json.Marshal(slow)
			t.Fatalf("%q:\nfast %s\nslow %s", body, a, b)
		}
	})
}
