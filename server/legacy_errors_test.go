package server

import "testing"

// TestLegacyErrorWording: errors the kvs layer finds in expressions rewritten
// from legacy parameters name the legacy parameter, as on DynamoDB.
func TestLegacyErrorWording(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, openTestDB(t), Options{})
		if r := post(t, ts, "CreateTable", `{"TableName":"tab","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST"}`); r.status != 200 {
			t.Fatalf("CreateTable: %d %s", r.status, r.body)
		}
		const v = `{"__type":"com.amazon.coral.validate#ValidationException","message":`
		post(t, ts, "Query", `{"TableName":"tab","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"p"}]}},"QueryFilter":{"sk":{"ComparisonOperator":"GE","AttributeValueList":[{"N":"1"}]}}}`).
			want(t, 400, v+`"QueryFilter can only contain non-primary key attributes: Primary key attribute: sk"}`)
		post(t, ts, "Scan", `{"TableName":"tab","AttributesToGet":["n"],"Select":"ALL_ATTRIBUTES"}`).
			want(t, 400, v+`"Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES"}`)
		post(t, ts, "Query", `{"TableName":"tab","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"p"}]}},"AttributesToGet":["n"],"Select":"COUNT"}`).
			want(t, 400, v+`"1 validation error detected: Cannot specify the AttributesToGet when choosing to get only the Count"}`)
		// The expression forms keep the expression wording.
		post(t, ts, "Scan", `{"TableName":"tab","ProjectionExpression":"n","Select":"ALL_ATTRIBUTES"}`).
			want(t, 400, v+`"Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES"}`)
	})
}
