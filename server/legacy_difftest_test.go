package server

import "testing"

// TestLegacyDifftestFixes pins the answers tools/difftest's legacy round
// found kvs giving differently from DynamoDB Local (docs/difftest.md, items
// 22-24): a type mismatch of an AttributeUpdates ADD or DELETE, and
// BatchGetItem's duplicate AttributesToGet, checked after mixing in every
// table.
func TestLegacyDifftestFixes(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, openTestDB(t), Options{})
		for _, tab := range []string{"tab", "tac"} {
			if r := post(t, ts, "CreateTable", `{"TableName":"`+tab+`","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`); r.status != 200 {
				t.Fatalf("CreateTable: %d %s", r.status, r.body)
			}
		}
		if r := post(t, ts, "PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"},"s":{"S":"x"},"ns":{"NS":["1"]},"l":{"L":[]}}}`); r.status != 200 {
			t.Fatalf("PutItem: %d %s", r.status, r.body)
		}
		const v = `{"__type":"com.amazon.coral.validate#ValidationException","message":`
		mismatch := v + `"Type mismatch for attribute to update"}`
		for _, u := range []string{
			`{"s":{"Action":"ADD","Value":{"N":"1"}}}`,
			`{"ns":{"Action":"ADD","Value":{"SS":["1"]}}}`,
			`{"ns":{"Action":"ADD","Value":{"N":"1"}}}`,
			`{"ns":{"Action":"DELETE","Value":{"SS":["1"]}}}`,
			`{"s":{"Action":"ADD","Value":{"L":[{"S":"1"}]}}}`,
			`{"l":{"Action":"ADD","Value":{"NS":["1"]}}}`,
		} {
			post(t, ts, "UpdateItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}},"AttributeUpdates":`+u+`}`).want(t, 400, mismatch)
		}
		// The expression form keeps its own text.
		post(t, ts, "UpdateItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}},"UpdateExpression":"ADD s :v","ExpressionAttributeValues":{":v":{"N":"1"}}}`).
			want(t, 400, v+`"An operand in the update expression has an incorrect data type"}`)

		post(t, ts, "BatchGetItem", `{"RequestItems":{"tac":{"AttributesToGet":["l","b","l"],"Keys":[{"pk":{"S":"a"}}]},"tab":{"AttributesToGet":["s","n","s"],"Keys":[{"pk":{"S":"a"}}]}}}`).
			want(t, 400, v+`"One or more parameter values were invalid: Duplicate value in attribute name: s"}`)
		post(t, ts, "BatchGetItem", `{"RequestItems":{"tab":{"AttributesToGet":["l","b","l"],"Keys":[{"pk":{"S":"a"}}]},"tac":{"AttributesToGet":["s"],"ProjectionExpression":"a","Keys":[{"pk":{"S":"a"}}]}}}`).
			want(t, 400, v+`"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}"}`)
		post(t, ts, "GetItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}},"AttributesToGet":["s","s"]}`).
			want(t, 400, v+`"Cannot have two attributes with the same name"}`)
	})
}
