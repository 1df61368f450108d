package kvs

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

func TestValidateControlTableName(t *testing.T) {
	const length = "TableName must be at least 3 characters long and at most 255 characters long"
	tests := []struct {
		name    string
		missing bool
		want    string
	}{
		{"", true, "The parameter 'TableName' is required but was not present in the request"},
		{"", false, length},
		{"x", false, length},
		{"a;", false, length},
		{strings.Repeat("a", 256), false, length},
		{"abc;", false, "1 validation error detected: Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"abc", false, ""},
		{strings.Repeat("a", 255), false, ""},
	}
	for _, tc := range tests {
		err := validateControlTableName(tc.name, tc.missing)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%q: %v", tc.name, err)
			}
			continue
		}
		e, ok := err.(*apierr.Error)
		if !ok || e.Code != apierr.Validation || e.Message != tc.want {
			t.Errorf("%q: got %v, want ValidationException %q", tc.name, err, tc.want)
		}
	}
}

// An empty ExclusiveStartTableName that was sent is two Coral violations,
// and Limit's come first (architect/dynalite test/listTables.js); kvs used
// to read "" as no start name and list every table (found by
// tools/difftest -tables).
func TestListTablesStartNameChecks(t *testing.T) {
	db, err := Open(context.Background(), "mem://", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var in ListTablesInput
	if err := json.Unmarshal([]byte(`{"ExclusiveStartTableName":""}`), &in); err != nil {
		t.Fatal(err)
	}
	_, err = db.ListTables(context.Background(), &in)
	want := "2 validation errors detected: Value '' at 'exclusiveStartTableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
		"Value '' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length greater than or equal to 3"
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("empty start name: got %v, want %q", err, want)
	}
	if err := json.Unmarshal([]byte(`{"ExclusiveStartTableName":"a;","Limit":500}`), &in); err != nil {
		t.Fatal(err)
	}
	_, err = db.ListTables(context.Background(), &in)
	want = "3 validation errors detected: Value '500' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100; " +
		"Value 'a;' at 'exclusiveStartTableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
		"Value 'a;' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length greater than or equal to 3"
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("order: got %v, want %q", err, want)
	}
	if _, err := db.ListTables(context.Background(), &ListTablesInput{}); err != nil {
		t.Errorf("no start name: %v", err)
	}
}
