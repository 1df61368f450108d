package coral

import (
	"strings"
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

func TestViolationsMessages(t *testing.T) {
	var v Violations
	if v.Err() != nil {
		t.Fatal("no violations must give no error")
	}
	v.Enum("returnValues", "X", "ALL_NEW", "NONE")
	err := v.Err().(*apierr.Error)
	want := "1 validation error detected: Value 'X' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, NONE]"
	if err.Code != apierr.Validation || err.Message != want {
		t.Fatalf("got %v", err)
	}
	v.Null("tableName")
	v.Name("indexName", "a!", 3, 255)
	msg := v.Err().(*apierr.Error).Message
	if !strings.HasPrefix(msg, "4 validation errors detected: ") ||
		!strings.Contains(msg, "Value null at 'tableName' failed to satisfy constraint: Member must not be null; ") ||
		!strings.Contains(msg, "Value 'a!' at 'indexName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; ") ||
		!strings.HasSuffix(msg, "Value 'a!' at 'indexName' failed to satisfy constraint: Member must have length greater than or equal to 3") {
		t.Fatalf("message = %q", msg)
	}
}

func TestViolationsCapAtTen(t *testing.T) {
	var v Violations
	for i := 0; i < 15; i++ {
		v.Null("x")
	}
	if msg := v.Err().(*apierr.Error).Message; !strings.HasPrefix(msg, "10 validation errors detected") {
		t.Fatalf("message = %q", msg)
	}
}

func TestLengthsCountUTF16(t *testing.T) {
	var v Violations
	v.StrLen("k", "😀", 3, 0) // one rune, two UTF-16 units: still under 3
	if v.Err() == nil {
		t.Fatal("want a length violation")
	}
	var w Violations
	w.StrLen("k", "😀a", 3, 0)
	if w.Err() != nil {
		t.Fatalf("3 UTF-16 units must pass: %v", w.Err())
	}
}

func TestBounds(t *testing.T) {
	var v Violations
	v.Min("limit", 0, 1)
	v.Max("limit", 101, 100)
	v.Min("limit", 5, 1)
	msg := v.Err().(*apierr.Error).Message
	if !strings.Contains(msg, "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1") ||
		!strings.Contains(msg, "Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100") ||
		!strings.HasPrefix(msg, "2 validation errors") {
		t.Fatalf("message = %q", msg)
	}
}

func TestJavaHashSetOrder(t *testing.T) {
	// Java: new HashSet<>(List.of("b", "a", "c")) iterates a, b, c
	// (single-character strings hash to their code point).
	got := strings.Join(JavaHashSetOrder([]string{"b", "a", "c", "a"}), ",")
	if got != "a,b,c" {
		t.Fatalf("got %s", got)
	}
	if JavaStringHash("hello") != 99162322 { // "hello".hashCode() in Java
		t.Fatalf("hash = %d", JavaStringHash("hello"))
	}
}
