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
