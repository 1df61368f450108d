package server

import (
	"testing"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
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

// Outputs encoded with encoding/json (table descriptions, capacity) write
// '<', '>' and '&' as they are, in their own strings and in the items they
// carry.
func TestAppendJSONNoHTMLEscaping(t *testing.T) {
	v := struct {
		Name string
		Item attr.Item
	}{"a<b>&c", attr.Item{"k<&>": attr.S("<&>")}}
	got, err := appendJSON(nil, v)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"Name":"a<b>&c","Item":{"k<&>":{"S":"<&>"}}}`; string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
