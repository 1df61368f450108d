package schema

import (
	"encoding/json"
	"testing"
)

// A StreamSpecification without StreamEnabled is Coral's null constraint
// on CreateTable and UpdateTable; it used to read as a request to disable
// the stream (CreateTable succeeded, UpdateTable answered "Table has no
// stream to disable").
func TestStreamEnabledRequired(t *testing.T) {
	const want = "1 validation error detected: Value null at 'streamSpecification.streamEnabled' failed to satisfy constraint: Member must not be null"
	var def TableDefinition
	if err := json.Unmarshal([]byte(`{"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST","StreamSpecification":{}}`), &def); err != nil {
		t.Fatal(err)
	}
	if err := ValidateCreateTable(&def); err == nil || err.Error() != "ValidationException: "+want {
		t.Errorf("CreateTable: got %v, want %q", err, want)
	}
	var req UpdateTableRequest
	if err := json.Unmarshal([]byte(`{"TableName":"tbl","StreamSpecification":{"StreamViewType":"KEYS_ONLY"}}`), &req); err != nil {
		t.Fatal(err)
	}
	if err := ValidateUpdateTableRequest(&req); err == nil || err.Error() != "ValidationException: "+want {
		t.Errorf("UpdateTable: got %v, want %q", err, want)
	}
	// Present, either value: no constraint; a Go caller's false is present.
	for _, body := range []string{`{"StreamEnabled":false}`, `{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}`} {
		var s StreamSpecification
		if err := json.Unmarshal([]byte(body), &s); err != nil || s.enabledMissing {
			t.Errorf("%s: missing=%v err=%v", body, s.enabledMissing, err)
		}
	}
	def.StreamSpecification = &StreamSpecification{}
	if err := ValidateCreateTable(&def); err != nil {
		t.Errorf("Go caller's disabled stream: %v", err)
	}
}
