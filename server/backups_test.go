package server

import "testing"

// TestDescribeContinuousBackups checks the answer for a new table (by name
// and by ARN), a missing table and a missing TableName, against the real DB.
func TestDescribeContinuousBackups(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, openTestDB(t), Options{})
		if r := post(t, ts, "CreateTable", `{"TableName":"tab","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`); r.status != 200 {
			t.Fatalf("CreateTable: %d %s", r.status, r.body)
		}

		enabled := `{"ContinuousBackupsDescription":{"ContinuousBackupsStatus":"ENABLED","PointInTimeRecoveryDescription":{"PointInTimeRecoveryStatus":"DISABLED"}}}`
		post(t, ts, "DescribeContinuousBackups", `{"TableName":"tab"}`).want(t, 200, enabled)
		post(t, ts, "DescribeContinuousBackups", `{"TableName":"arn:aws:dynamodb:us-east-1:000000000000:table/tab"}`).want(t, 200, enabled)

		post(t, ts, "DescribeContinuousBackups", `{"TableName":"nope"}`).want(t, 400,
			`{"__type":"com.amazonaws.dynamodb.v20120810#TableNotFoundException","message":"Table not found: nope"}`)
		post(t, ts, "DescribeContinuousBackups", `{"TableName":"arn:aws:dynamodb:us-east-1:000000000000:table/nope"}`).want(t, 400,
			`{"__type":"com.amazonaws.dynamodb.v20120810#TableNotFoundException","message":"Table not found: nope"}`)

		if r := post(t, ts, "DescribeContinuousBackups", `{}`); r.status != 400 {
			t.Fatalf("no TableName: got %d %s, want a 400 ValidationException", r.status, r.body)
		}
		post(t, ts, "DescribeContinuousBackups", `{"TableName":1}`).want(t, 400,
			`{"__type":"com.amazon.coral.service#SerializationException","Message":"class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"}`)
	})
}
