package server

import "testing"

// TestLegacyEndToEnd runs legacy requests against the real kvs DB and checks
// DynamoDB's answers (recorded from DynamoDB Local for the same requests).
func TestLegacyEndToEnd(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, openTestDB(t), Options{})
		ok := func(op, body, want string) {
			t.Helper()
			r := post(t, ts, op, body)
			if want == "" {
				if r.status != 200 {
					t.Fatalf("%s: %d %s", op, r.status, r.body)
				}
				return
			}
			if r.status != 200 || !jsonEqual(r.body, []byte(want)) {
				t.Fatalf("%s: got %d %s\nwant %s", op, r.status, r.body, want)
			}
		}
		ccf := `{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}`

		ok("CreateTable", `{"TableName":"tab","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST"}`, "")
		ok("PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"n":{"N":"1"},"gone":{"S":"x"}},"Expected":{"pk":{"Exists":false}}}`, `{}`)
		post(t, ts, "PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"Expected":{"pk":{"Exists":false}}}`).want(t, 400, ccf)
		post(t, ts, "PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"Expected":{"zz":{"ComparisonOperator":"NOT_CONTAINS","AttributeValueList":[{"N":"5"}]}}}`).want(t, 400, ccf)
		post(t, ts, "DeleteItem", `{"TableName":"tab","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"Expected":{"n":{"Value":{"N":"2"}}}}`).want(t, 400, ccf)

		ok("UpdateItem", `{"TableName":"tab","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"2"}},"l":{"Action":"ADD","Value":{"L":[{"S":"x"}]}},"s":{"Value":{"S":"v"}},"gone":{"Action":"DELETE"}},"Expected":{"zz":{"ComparisonOperator":"NE","AttributeValueList":[{"N":"5"}]},"n":{"ComparisonOperator":"IN","AttributeValueList":[{"N":"1"},{"N":"7"}]}},"ReturnValues":"UPDATED_NEW"}`, "")
		ok("GetItem", `{"TableName":"tab","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"AttributesToGet":["n","l","s","gone"]}`,
			`{"Item":{"l":{"L":[{"S":"x"}]},"n":{"N":"3"},"s":{"S":"v"}}}`)

		ok("PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"},"sk":{"N":"2"},"n":{"N":"0"}}}`, `{}`)
		ok("Query", `{"TableName":"tab","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]},"sk":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"1"},{"N":"5"}]}},"QueryFilter":{"n":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"1"}]}},"AttributesToGet":["n"]}`,
			`{"Items":[{"n":{"N":"3"}}],"Count":1,"ScannedCount":2}`)
		ok("Scan", `{"TableName":"tab","ScanFilter":{"n":{"ComparisonOperator":"LE","AttributeValueList":[{"N":"0"}]},"l":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"S":"x"}]}},"ConditionalOperator":"OR","Select":"COUNT"}`,
			`{"Count":2,"ScannedCount":2}`)
		ok("Scan", `{"TableName":"tab","ScanFilter":{"zz":{"ComparisonOperator":"NOT_CONTAINS","AttributeValueList":[{"N":"5"}]}}}`,
			`{"Items":[],"Count":0,"ScannedCount":2}`)
	})
}
