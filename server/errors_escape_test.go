package server

import (
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

// Error messages quote user strings (names, tokens); they are escaped like
// item strings, as DynamoDB Local does (attr.AppendJSONString pins every
// escape).
func TestErrorBodyEscaping(t *testing.T) {
	e := apierr.New(apierr.Validation, "key: \"#n\b\x01\f<&>/\u2028😀\"")
	got := string(appendErrorBody(nil, e))
	want := `{"__type":"com.amazon.coral.validate#ValidationException","message":"key: \"#n\b\u0001\f<&>/` +
		"\u2028" + `\uD83D\uDE00\""}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
