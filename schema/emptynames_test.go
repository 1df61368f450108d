package schema

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

// A decoded request tells an AttributeName sent as "" (a length violation)
// from one left out (a null violation); a Go caller's "" is a missing name.
func TestEmptyAttributeNames(t *testing.T) {
	const lenMsg = "failed to satisfy constraint: Member must have length greater than or equal to 1"
	const nullMsg = "failed to satisfy constraint: Member must not be null"
	for _, c := range []struct{ body, want string }{
		{`{"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"","AttributeType":"S"}],"KeySchema":[{"AttributeName":"","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`,
			"2 validation errors detected: Value '' at 'attributeDefinitions.1.member.attributeName' " + lenMsg +
				"; Value '' at 'keySchema.1.member.attributeName' " + lenMsg},
		{`{"TableName":"tbl","AttributeDefinitions":[{"AttributeType":"S"}],"KeySchema":[{"AttributeName":"","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`,
			"2 validation errors detected: Value null at 'attributeDefinitions.1.member.attributeName' " + nullMsg +
				"; Value '' at 'keySchema.1.member.attributeName' " + lenMsg},
		{`{"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST",` +
			`"GlobalSecondaryIndexes":[{"IndexName":"gsi","KeySchema":[{"AttributeName":"","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]}`,
			"1 validation error detected: Value '' at 'globalSecondaryIndexes.1.member.keySchema.1.member.attributeName' " + lenMsg},
	} {
		var def TableDefinition
		if err := json.Unmarshal([]byte(c.body), &def); err != nil {
			t.Fatal(err)
		}
		err := ValidateCreateTable(&def)
		var e *apierr.Error
		if !errors.As(err, &e) || e.Message != c.want {
			t.Errorf("%s:\n got %v\nwant %s", c.body, err, c.want)
		}
	}
	// A definition built in Go, or decoded without empty names, carries no
	// presence record, so decoded and literal definitions stay equal.
	goDef := TableDefinition{TableName: "tbl", AttributeDefinitions: []AttributeDefinition{{AttributeName: "", AttributeType: "S"}},
		KeySchema: []KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}}, BillingMode: "PAY_PER_REQUEST"}
	var e *apierr.Error
	if err := ValidateCreateTable(&goDef); !errors.As(err, &e) ||
		e.Message != "1 validation error detected: Value null at 'attributeDefinitions.1.member.attributeName' "+nullMsg {
		t.Errorf("Go caller's empty name: %v", err)
	}
	var decoded TableDefinition
	body := `{"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`
	if err := json.Unmarshal([]byte(body), &decoded); err != nil {
		t.Fatal(err)
	}
	literal := TableDefinition{TableName: "tbl", AttributeDefinitions: []AttributeDefinition{{AttributeName: "pk", AttributeType: "S"}},
		KeySchema: []KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}}, BillingMode: "PAY_PER_REQUEST"}
	if !reflect.DeepEqual(decoded, literal) {
		t.Errorf("decoded %+v != literal %+v", decoded, literal)
	}
}
