package schema

import (
	"errors"
	"strings"
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

// defs builds string-typed attribute definitions.
func defs(names ...string) []AttributeDefinition {
	out := make([]AttributeDefinition, len(names))
	for i, n := range names {
		out[i] = AttributeDefinition{AttributeName: n, AttributeType: TypeS}
	}
	return out
}

// keys builds a key schema from "name:TYPE" pairs ("a:HASH", "b:RANGE").
func keys(pairs ...string) []KeySchemaElement {
	out := make([]KeySchemaElement, len(pairs))
	for i, p := range pairs {
		name, typ, _ := strings.Cut(p, ":")
		out[i] = KeySchemaElement{AttributeName: name, KeyType: typ}
	}
	return out
}

func ptr[T any](v T) *T { return &v }

func all() Projection { return Projection{ProjectionType: ProjectAll} }

func gsi(name string, ks []KeySchemaElement, p Projection) GlobalSecondaryIndex {
	return GlobalSecondaryIndex{IndexName: name, KeySchema: ks, Projection: p}
}

func lsi(name string, ks []KeySchemaElement, p Projection) LocalSecondaryIndex {
	return LocalSecondaryIndex{IndexName: name, KeySchema: ks, Projection: p}
}

// hashRange is a valid on-demand table keyed a (HASH), b (RANGE).
func hashRange() *TableDefinition {
	return &TableDefinition{
		TableName:            "abc",
		AttributeDefinitions: defs("a", "b"),
		KeySchema:            keys("a:HASH", "b:RANGE"),
		BillingMode:          BillingPayPerRequest,
	}
}

// wantErr asserts that err is a ValidationException (or the given code) with
// exactly msg.
func wantErr(t *testing.T, err error, code apierr.Code, msg string) {
	t.Helper()
	var e *apierr.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want %s: %q", err, code, msg)
	}
	if e.Code != code || e.Message != msg {
		t.Fatalf("got %s: %q\nwant %s: %q", e.Code, e.Message, code, msg)
	}
}
