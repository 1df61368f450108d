package kvs

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

// TestValidateUpdateTimeToLive pins DynamoDB's answers to incomplete
// UpdateTimeToLive requests as they arrive over the wire.
func TestValidateUpdateTimeToLive(t *testing.T) {
	tests := []struct{ body, want string }{
		{`{"TableName":"tab","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}}`, ""},
		{`{"TableName":"tab","TimeToLiveSpecification":{"Enabled":false,"AttributeName":"exp"}}`, ""},
		{`{"TableName":"tab"}`, "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null"},
		{`{"TableName":"tab","TimeToLiveSpecification":null}`, "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null"},
		{`{"TableName":"tab","TimeToLiveSpecification":{"Enabled":true}}`, "1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be null"},
		{`{"TableName":"tab","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":null}}`, "1 validation error detected: Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null"},
		{`{"TableName":"tab","TimeToLiveSpecification":{}}`, "2 validation errors detected: Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be null; Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null"},
		{`{"TableName":"tab","TimeToLiveSpecification":{"Enabled":true,"AttributeName":""}}`, "TimeToLiveSpecification.AttributeName must be non empty"},
	}
	for _, tt := range tests {
		var in UpdateTimeToLiveInput
		if err := json.Unmarshal([]byte(tt.body), &in); err != nil {
			t.Fatalf("%s: %v", tt.body, err)
		}
		err := validateUpdateTimeToLive(&in)
		got := ""
		var ae *apierr.Error
		if errors.As(err, &ae) {
			got = ae.Message
			if ae.Code != apierr.Validation {
				t.Errorf("%s: code %s", tt.body, ae.Code)
			}
		} else if err != nil {
			t.Fatalf("%s: %v is not an *apierr.Error", tt.body, err)
		}
		if got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.body, got, tt.want)
		}
	}
	// A Go caller cannot leave members out: the zero Enabled is false.
	in := &UpdateTimeToLiveInput{TableName: "tab"}
	in.TimeToLiveSpecification.AttributeName = "exp"
	if err := validateUpdateTimeToLive(in); err != nil {
		t.Errorf("Go caller: %v", err)
	}
}
