package kvs

import (
	"encoding/json"
	"strings"
	"testing"
)

// A TTL attribute name longer than 255 characters is the model's length
// constraint; kvs used to enable TTL on it (found by tools/difftest -tables).
func TestUpdateTimeToLiveNameLength(t *testing.T) {
	long := strings.Repeat("a", 256)
	var in UpdateTimeToLiveInput
	if err := json.Unmarshal([]byte(`{"TableName":"tbl","TimeToLiveSpecification":{"AttributeName":"`+long+`","Enabled":true}}`), &in); err != nil {
		t.Fatal(err)
	}
	want := "1 validation error detected: Value '" + long + "' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length less than or equal to 255"
	if err := validateUpdateTimeToLive(&in); err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("got %v, want %q", err, want)
	}
	in.TimeToLiveSpecification.AttributeName = long[:255]
	if err := validateUpdateTimeToLive(&in); err != nil {
		t.Errorf("255 characters: %v", err)
	}
}
