package schema

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

// TestThroughputNullMembers: a capacity member the request leaves out is
// null, not zero.
func TestThroughputNullMembers(t *testing.T) {
	tests := []struct{ body, want string }{
		{`{"TableName":"tab","ProvisionedThroughput":{"ReadCapacityUnits":1}}`,
			"1 validation error detected: Value null at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must not be null"},
		{`{"TableName":"tab","ProvisionedThroughput":{}}`,
			"2 validation errors detected: Value null at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must not be null"},
		{`{"TableName":"tab","ProvisionedThroughput":{"ReadCapacityUnits":0,"WriteCapacityUnits":null}}`,
			"2 validation errors detected: Value null at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must not be null; " +
				"Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1"},
	}
	for _, tt := range tests {
		var req UpdateTableRequest
		if err := json.Unmarshal([]byte(tt.body), &req); err != nil {
			t.Fatalf("%s: %v", tt.body, err)
		}
		var ae *apierr.Error
		if err := ValidateUpdateTableRequest(&req); !errors.As(err, &ae) || ae.Message != tt.want {
			t.Errorf("%s:\n got %v\nwant %q", tt.body, err, tt.want)
		}
	}
	// Go callers and fully given requests compare equal.
	var req UpdateTableRequest
	if err := json.Unmarshal([]byte(`{"ProvisionedThroughput":{"ReadCapacityUnits":2,"WriteCapacityUnits":3}}`), &req); err != nil {
		t.Fatal(err)
	}
	if *req.ProvisionedThroughput != (ProvisionedThroughput{ReadCapacityUnits: 2, WriteCapacityUnits: 3}) {
		t.Errorf("decoded %+v", *req.ProvisionedThroughput)
	}
}

// TestProvisionedThroughputTruncates: a capacity with a fraction or a small
// exponent is truncated (DynamoDB Local: ReadCapacityUnits 1.5 creates a
// table with 1); strings, huge numbers and huge exponents stay errors.
func TestProvisionedThroughputTruncates(t *testing.T) {
	for in, want := range map[string][2]int64{
		`{"ReadCapacityUnits":1.5,"WriteCapacityUnits":2}`:    {1, 2},
		`{"ReadCapacityUnits":5e0,"WriteCapacityUnits":9.99}`: {5, 9},
		`{"ReadCapacityUnits":-1.5,"WriteCapacityUnits":1E1}`: {-1, 10},
	} {
		var p ProvisionedThroughput
		if err := json.Unmarshal([]byte(in), &p); err != nil || p.ReadCapacityUnits != want[0] || p.WriteCapacityUnits != want[1] {
			t.Errorf("%s: %+v, %v; want %v", in, p, err, want)
		}
	}
	for _, in := range []string{
		`{"ReadCapacityUnits":"5","WriteCapacityUnits":1}`,
		`{"ReadCapacityUnits":1e400000,"WriteCapacityUnits":1}`,
		`{"ReadCapacityUnits":1e30,"WriteCapacityUnits":1}`,
		`{"ReadCapacityUnits":true,"WriteCapacityUnits":1}`,
	} {
		var p ProvisionedThroughput
		if err := json.Unmarshal([]byte(in), &p); err == nil {
			t.Errorf("%s: decoded as %+v, want an error", in, p)
		}
	}
}
