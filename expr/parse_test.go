package expr

import (
	"reflect"
	"strings"
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

func mustCond(t *testing.T, s string) Cond {
	t.Helper()
	c, err := ParseCondition(KindCondition, s)
	if err != nil {
		t.Fatalf("ParseCondition(%q): %v", s, err)
	}
	return c
}

func TestParseConditionShapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a = :v", "a = :v"},
		{"a.b[3].#c <> :v", "a.b[3].#c <> :v"},
		{"a < b AND c > d OR e <= f", "a < b AND c > d OR e <= f"},
		{"a < b AND (c > d OR e <= f)", "a < b AND (c > d OR e <= f)"},
		{"NOT a = b AND c = d", "NOT (a = b) AND c = d"},
		{"NOT (a = b AND c = d)", "NOT (a = b AND c = d)"},
		{"NOT NOT a = b", "NOT (NOT (a = b))"},
		{"(a = b) AND ((c = d) OR e = f)", "a = b AND (c = d OR e = f)"},
		{"a BETWEEN :lo AND :hi AND b IN (:x, :y)", "a BETWEEN :lo AND :hi AND b IN (:x, :y)"},
		{"size(a) > :n", "size(a) > :n"},
		{"(a) = :v", "a = :v"},
		{"attribute_exists(a) and begins_with(b, :p) or contains(c, :x)", "attribute_exists(a) AND begins_with(b, :p) OR contains(c, :x)"},
		{"a=:v", "a = :v"},
		{"  a\t=\n:v  ", "a = :v"},
	} {
		c := mustCond(t, tc.in)
		if got := c.String(); got != tc.want {
			t.Errorf("%q printed as %q, want %q", tc.in, got, tc.want)
		}
		back := mustCond(t, c.String())
		if !reflect.DeepEqual(c, back) {
			t.Errorf("%q does not round-trip: %#v vs %#v", tc.in, c, back)
		}
	}
}

func TestPrecedence(t *testing.T) {
	c := mustCond(t, "a = :a OR b = :b AND NOT c = :c")
	or, ok := c.(*Or)
	if !ok || len(or.Terms) != 2 {
		t.Fatalf("want OR of 2 terms, got %#v", c)
	}
	and, ok := or.Terms[1].(*And)
	if !ok || len(and.Terms) != 2 {
		t.Fatalf("want AND on the right, got %#v", or.Terms[1])
	}
	if _, ok := and.Terms[1].(*Not); !ok {
		t.Fatalf("want NOT, got %#v", and.Terms[1])
	}
}

func wantMsg(t *testing.T, err error, msg string) {
	t.Helper()
	var e *apierr.Error
	if err == nil {
		t.Fatalf("no error, want %q", msg)
	}
	if !errorAs(err, &e) || e.Code != apierr.Validation || e.Message != msg {
		t.Fatalf("error %v, want ValidationException: %s", err, msg)
	}
}

func errorAs(err error, e **apierr.Error) bool {
	x, ok := err.(*apierr.Error)
	*e = x
	return ok
}

func TestConditionErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "The expression can not be empty;"},
		{"a = =", `Syntax error; token: "=", near: "= ="`},
		{"a-b", `Syntax error; token: "-", near: "a-b"`},
		{"a", `Syntax error; token: "<EOF>", near: "a"`},
		{"!!", `Syntax error; token: "!", near: "!!"`},
		{"attribute_type()", `Syntax error; token: ")", near: "()"`},
		{"name = :v", "Attribute name is a reserved keyword; reserved keyword: name"},
		{"foo(a)", "Invalid function name; function: foo"},
		{"size(a)", "The function is not allowed to be used this way in an expression; function: size"},
		{"attribute_exists(a) = :v", "The function is not allowed to be used this way in an expression; function: attribute_exists"},
		{"((a = :v))", "The expression has redundant parentheses;"},
		{"a IN (" + strings.Repeat(":v, ", 100) + ":v)", "The IN operator is provided with too many operands; number of operands: 101"},
		{strings.Repeat("a.", 32) + "a = :v", "The document path has too many nesting levels; nesting levels: 33"},
		{"a = :v AND " + strings.Repeat(" ", 4096), "Expression size has exceeded the maximum allowed size; expression size: 4107"},
	} {
		_, err := ParseCondition(KindCondition, tc.in)
		wantMsg(t, err, "Invalid ConditionExpression: "+tc.want)
	}
}

func TestUpdateParse(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"SET a = :v", "SET a = :v"},
		{"set a = b + :v, c = list_append(c, :l) remove d[1], e ADD f :n DELETE g :s",
			"SET a = b + :v, c = list_append(c, :l) REMOVE d[1], e ADD f :n DELETE g :s"},
		{"SET a = (b - :v)", "SET a = b - :v"},
		{"SET a = if_not_exists(a, :z) + :one", "SET a = if_not_exists(a, :z) + :one"},
		{"REMOVE a DELETE s :x SET #b = :v", "REMOVE a DELETE s :x SET #b = :v"},
	} {
		u, err := ParseUpdate(tc.in)
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if got := u.String(); got != tc.want {
			t.Errorf("%q printed as %q, want %q", tc.in, got, tc.want)
		}
		back, err := ParseUpdate(u.String())
		if err != nil || !reflect.DeepEqual(u, back) {
			t.Errorf("%q does not round-trip: %v", tc.in, err)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"", "The expression can not be empty;"},
		{"   ", `Syntax error; token: "<EOF>", near: "   "`},
		{"SET a = :v SET b = :w", `The "SET" section can only be used once in an update expression;`},
		{"SET a = size(b)", "The function is not allowed in an update expression; function: size"},
		{"SET a = foo(b)", "Invalid function name; function: foo"},
		{"SET a = b + c + d", `Syntax error; token: "+", near: "c + d"`},
		{"INVALID SYNTAX HERE", `Syntax error; token: "INVALID", near: "INVALID SYNTAX"`},
		{"SET hits : incr", `Syntax error; token: ":", near: "hits : incr"`},
		{"SET name = :v", "Attribute name is a reserved keyword; reserved keyword: name"},
	} {
		_, err := ParseUpdate(tc.in)
		wantMsg(t, err, "Invalid UpdateExpression: "+tc.want)
	}
}

func TestProjectionParse(t *testing.T) {
	p, err := ParseProjection("a, b.c[2], #n")
	if err != nil {
		t.Fatal(err)
	}
	if p.String() != "a, b.c[2], #n" || len(p.Paths) != 3 {
		t.Fatalf("got %q", p)
	}
	for _, tc := range []struct{ in, want string }{
		{"a b", `Syntax error; token: "b", near: "a b"`},
		{"a,", `Syntax error; token: "<EOF>", near: ","`},
		{"!!!", `Syntax error; token: "!", near: "!!"`},
	} {
		_, err := ParseProjection(tc.in)
		wantMsg(t, err, "Invalid ProjectionExpression: "+tc.want)
	}
}
