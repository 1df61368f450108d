package main

import (
	"testing"

	"github.com/kvs-project/kvs/internal/wirecase"
)

// TestRoundTrip checks that rendering a parsed file reproduces it byte for
// byte, so a rewrite touches nothing but outputs.
func TestRoundTrip(t *testing.T) {
	const in = `# comment

# another
condition
expr: a = :v
values: {":v":{"N":"1"}}
----
true

update doc-override
expr: SET a = :v
----
updated_old: {}
updated_new: {"a":{"N":"1"}}
new: {"a":{"N":"1"},"pk":{"S":"k"}}


item
{"pk":{"S":"k"}}
----
----
line

after blank
----
----

# trailing
`
	f, err := wirecase.Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.String(); got != in {
		t.Errorf("round trip changed the file:\n%s", got)
	}
	if len(f.Cases) != 3 {
		t.Fatalf("got %d cases", len(f.Cases))
	}
	if _, ok := f.Cases[1].Args["doc-override"]; !ok {
		t.Error("doc-override arg not parsed")
	}
	if got := f.Cases[2].Output; len(got) != 3 || got[1] != "" {
		t.Errorf("double-separator output = %q", got)
	}
	fields, err := fields(f.Cases[0])
	if err != nil || fields["expr"] != "a = :v" || fields["values"] != `{":v":{"N":"1"}}` {
		t.Errorf("fields = %v, %v", fields, err)
	}
}
