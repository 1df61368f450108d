package schema

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/kvs-project/kvs/apierr"
)

// FuzzValidate feeds arbitrary CreateTable and UpdateTable JSON through the
// validators: they must not panic, must fail only with *apierr.Error, and a
// definition they accept must describe and pass its own update rules.
func FuzzValidate(f *testing.F) {
	f.Add(`{"TableName":"abc","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}],"KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`,
		`{"TableName":"abc","DeletionProtectionEnabled":true}`)
	f.Add(`{"TableName":"abc","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"},{"AttributeName":"b","AttributeType":"N"}],"KeySchema":[{"AttributeName":"a","KeyType":"HASH"},{"AttributeName":"b","KeyType":"RANGE"}],"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1},"LocalSecondaryIndexes":[{"IndexName":"l-b","KeySchema":[{"AttributeName":"a","KeyType":"HASH"},{"AttributeName":"b","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["x"]}}],"GlobalSecondaryIndexes":[{"IndexName":"g-b","KeySchema":[{"AttributeName":"b","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"},"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}]}`,
		`{"TableName":"abc","BillingMode":"PAY_PER_REQUEST","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"g-b"}}]}`)
	f.Add(`{"KeySchema":[{},{},{}],"GlobalSecondaryIndexes":[],"LocalSecondaryIndexes":[{}]}`, `{"GlobalSecondaryIndexUpdates":[{},{"Create":{}}]}`)
	f.Fuzz(func(t *testing.T, create, update string) {
		var def TableDefinition
		if json.Unmarshal([]byte(create), &def) != nil {
			return
		}
		err := ValidateCreateTable(&def)
		var e *apierr.Error
		if err != nil {
			if !errors.As(err, &e) {
				t.Fatalf("ValidateCreateTable: %T %v", err, err)
			}
			return
		}
		desc := Describe(&def, DescribeOptions{Region: "r", Account: "1", Created: time.Unix(0, 0)})
		var req UpdateTableRequest
		if json.Unmarshal([]byte(update), &req) != nil {
			return
		}
		if err := ValidateUpdateTable(desc, &req); err != nil && !errors.As(err, &e) {
			t.Fatalf("ValidateUpdateTable: %T %v", err, err)
		}
	})
}
