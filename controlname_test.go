package kvs

import (
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
