package expr

import (
	"strings"
	"testing"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// TestUpdateErrorOrder pins which error an update with several faults
// reports. Every case was sent to DynamoDB Local by tools/difftest -replay
// on the item below, and the expected text is its answer.
func TestUpdateErrorOrder(t *testing.T) {
	item := attr.Item{"pk": attr.S("k"), "s": attr.S("str"), "n": attr.N("1"),
		"l": attr.L(attr.N("1")), "m": attr.M(map[string]attr.Value{"x": attr.N("1")})}
	const (
		badPath  = "The document path provided in the update expression is invalid for update"
		badType  = "An operand in the update expression has an incorrect data type"
		noAttr   = "The provided expression refers to an attribute that does not exist in the item"
		noErrMsg = ""
	)
	for _, tc := range []struct{ expr, want string }{
		{"REMOVE b.x", badPath},
		{"REMOVE s.x ADD m :one", badType},
		{"ADD m :one REMOVE s.x", badType},
		{"SET b.x = :one ADD m :one", badType},
		{"SET s.x = :one ADD m :one", badType},
		{"SET b.x[1] = :one ADD z :one", badPath},
		{"SET m.z[1] = :one ADD s :one", badPath},
		{"SET a.z[1] = :one ADD s :one", badType},
		{"SET b.x = nope + :one", badPath},
		{"SET s.x = :one, q = nope + :one", badPath},
		{"SET s.x = :one REMOVE n.y", badPath},
		{"SET s.x = :one DELETE n :ss", badType},
		{"SET q = nope + :one ADD m :one", badType},
		{"SET l.y = :one ADD s :one", badPath},
		{"SET m[0] = :one ADD s :one", badPath},
		{"REMOVE m[0] ADD s :one", badPath},
		{"REMOVE b.x ADD s :one", badType},
		{"SET q[0] = :one, r = nope + :one", noAttr},
		{"SET s[0] = :one, r = nope + :one", badPath},
		{"SET q.x = :one, r = nope + :one", noAttr},
		{"SET q[0] = :one ADD s :one", badType},
		{"SET m.y = :one, l[5] = :one ADD n :one", noErrMsg},
	} {
		u, err := ParseUpdate(tc.expr)
		if err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		vals := map[string]attr.Value{":one": attr.N("1")}
		if tc.expr == "SET s.x = :one DELETE n :ss" {
			vals[":ss"] = attr.SS("a")
		}
		if u, err = NewResolver(Params{Values: vals}).Update(u); err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		_, _, err = u.Apply(item)
		got := ""
		if e, ok := err.(*apierr.Error); ok {
			got = e.Message
		} else if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%s: error %q, want %q", tc.expr, got, tc.want)
		}
	}
}

// An operator's or function's operand error is reported for the last SET
// action that has one (DynamoDB Local, found by tools/difftest).
func TestUpdateOperandErrorLastAction(t *testing.T) {
	vals := map[string]attr.Value{":b": attr.B([]byte{1}), ":m": attr.M(nil), ":s": attr.S("x"), ":l": attr.L(),
		":ns": attr.NS("1"), ":bool": attr.BOOL(true)}
	for _, tc := range []struct{ expr, want string }{
		{"SET a = :b - :m, n = :s - :b", "S"},
		{"SET c = :b + :bool, l = :ns + :m", "NS"},
		{"SET a = s + :s, n = :b + :bool", "B"},
		{"SET a = :b + :m", "B"},
		{"SET s[1].a = :m + s[1], a[1].y = s + :l", "L"},
	} {
		u, err := ParseUpdate(tc.expr)
		if err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		_, err = NewResolver(Params{Values: vals}).Update(u)
		want := "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: "
		if e, ok := err.(*apierr.Error); !ok || !strings.HasPrefix(e.Message, want) || !strings.HasSuffix(e.Message, "operand type: "+tc.want) {
			t.Errorf("%s: err = %v, want operand type %s", tc.expr, err, tc.want)
		}
	}
}

// Updates with two faulty actions, sent to DynamoDB Local by tools/difftest
// -replay: the faulty action checked first names the error (the order of
// checkActionsInOrder).
func TestUpdateErrorActionOrder(t *testing.T) {
	item := attr.Item{"pk": attr.S("k"), "s": attr.S("x"), "m": attr.NULL(), "a": attr.S("str"), "c": attr.N("1"),
		"l": attr.L(attr.N("1")), "mm": attr.M(map[string]attr.Value{"x": attr.N("1")}), "n": attr.N("5"), "b": attr.S("b")}
	const (
		badPath = "The document path provided in the update expression is invalid for update"
		badType = "An operand in the update expression has an incorrect data type"
		noAttr  = "The provided expression refers to an attribute that does not exist in the item"
	)
	for _, tc := range []struct{ expr, want string }{
		{"SET l = s + :v REMOVE m[0]", badPath},
		{"SET c.a = :v ADD a :v", badPath},
		{"ADD a :v REMOVE m[0]", badPath},
		{"SET x = s + :v REMOVE m.a", badPath},
		{"SET x = nope + :v REMOVE m[0]", badPath},
		{"SET x = nope.a + :v, c.a = :v", noAttr},
		{"SET c.a = :v, x = nope.a + :v", noAttr},
		{"SET x = s + :v, c.a = :v", badType},
		{"SET c.a = :v, x = s + :v", badType},
		{"SET a = s + :v REMOVE z[0]", badPath},
		{"SET z = s + :v REMOVE q[0]", badType},
		{"SET q = s + :v, n.a = :v", badPath},
		{"SET z = s + :v, b.a = :v", badType},
		{"SET a.x = :v ADD s :v", badType},
		{"SET b.x = :v ADD l :v", badType},
		{"REMOVE q.x ADD s :v", badType},
		{"REMOVE z.x ADD s :v", badPath},
		{"ADD mm :v REMOVE s.x", badPath},
		{"ADD l :v REMOVE s[0]", badType},
		{"ADD c :ss REMOVE s[0]", badPath},
		{"ADD m :v REMOVE s[0]", badType},
		{"SET x = s + :v REMOVE y.a", badPath},
		{"SET x = s + :v REMOVE g.a", badType},
	} {
		u, err := ParseUpdate(tc.expr)
		if err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		vals := map[string]attr.Value{":v": attr.N("1"), ":ss": attr.SS("x")}
		if u, err = NewResolver(Params{Values: vals}).Update(u); err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		_, _, err = u.Apply(item)
		got := ""
		if e, ok := err.(*apierr.Error); ok {
			got = e.Message
		}
		if got != tc.want {
			t.Errorf("%s: error %q, want %q", tc.expr, got, tc.want)
		}
	}
}

// Overlapping paths name the first path that overlaps a later one and the
// first of the later paths in DynamoDB Local's order (DynamoDB Local's
// answers, found by tools/difftest).
func TestOverlapPathsLocalOrder(t *testing.T) {
	for _, tc := range []struct{ proj, one, two string }{
		{"b, b.a[2], m", "[b]", "[m]"},
		{"a, c, a", "[a]", "[c]"},
		{"n, n[1].y, s", "[n]", "[n, [1], y]"},
		{"s, c, c[2][1]", "[c]", "[c, [2], [1]]"},
		{"n, a, a", "[a]", "[a]"},
		{"l, s, s[1]", "[s]", "[s, [1]]"},
		{"sk.z, pk.a, sk", "[sk, z]", "[pk, a]"},
		{"c[2], c, pk.a", "[c, [2]]", "[pk, a]"},
		{"sk[1][2], sk.z, sk", "[sk, z]", "[sk]"},
		{"a.y, a, a", "[a]", "[a]"},
		{"c[2][0], c, c", "[c]", "[c]"},
		{"a, a.b", "[a]", "[a, b]"},
		{"a.b, a", "[a, b]", "[a]"},
	} {
		p, err := ParseProjection(tc.proj)
		if err != nil {
			t.Fatalf("%s: %v", tc.proj, err)
		}
		_, err = NewResolver(Params{}).Projection(p)
		want := "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: " + tc.one + ", path two: " + tc.two
		if e, ok := err.(*apierr.Error); !ok || e.Message != want {
			t.Errorf("%s: err = %v, want %s", tc.proj, err, want)
		}
	}
	p, err := ParseProjection("n.z, n.x, n[2]")
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewResolver(Params{}).Projection(p)
	if want := "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [n, x], path two: [n, [2]]"; err == nil || err.(*apierr.Error).Message != want {
		t.Errorf("conflict: err = %v, want %s", err, want)
	}
	u, err := ParseUpdate("SET a = if_not_exists(a, :v), m = b + :v REMOVE a")
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewResolver(Params{Values: map[string]attr.Value{":v": attr.N("1")}}).Update(u)
	if want := "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [m]"; err == nil || err.(*apierr.Error).Message != want {
		t.Errorf("update: err = %v, want %s", err, want)
	}
}
