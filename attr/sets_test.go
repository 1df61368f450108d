package attr

import "testing"

func TestSetUnionDifference(t *testing.T) {
	u := SetUnion(SS("a", "b"), SS("b", "c"))
	if u.String() != `{"SS":["a","b","c"]}` || len(u.Set()) != 3 {
		t.Errorf("SetUnion = %s", u)
	}
	u = SetUnion(NS("1", "2"), NS("2", "3"))
	if !Equal(u, NS("1", "2", "3")) || len(u.Set()) != 3 {
		t.Errorf("SetUnion NS = %s", u)
	}
	d, empty := SetDifference(NS("1", "2", "3"), NS("2", "4"))
	if empty || !Equal(d, NS("1", "3")) {
		t.Errorf("SetDifference = %s, %v", d, empty)
	}
	d, empty = SetDifference(BS([]byte{1}), BS([]byte{1}, []byte{2}))
	if !empty || !d.IsZero() {
		t.Errorf("SetDifference to empty = %s, %v", d, empty)
	}
	// Arguments are not modified.
	a := SS("a")
	_ = SetUnion(a, SS("b"))
	if len(a.Set()) != 1 {
		t.Error("SetUnion modified its argument")
	}
	// Large sets take the hashed path and agree with the small one.
	big := make([]string, 100)
	for i := range big {
		big[i] = itoa(i)
	}
	u = SetUnion(NS(big...), NS("5", "100", "101"))
	if len(u.Set()) != 102 {
		t.Errorf("large SetUnion has %d members", len(u.Set()))
	}
	d, _ = SetDifference(NS(big...), NS(big[:50]...))
	if len(d.Set()) != 50 || SetContains(d, N("0")) || !SetContains(d, N("99")) {
		t.Errorf("large SetDifference = %d members", len(d.Set()))
	}
}

func TestContains(t *testing.T) {
	cases := []struct {
		set, m Value
		want   bool
	}{
		{SS("a", "b"), S("b"), true},
		{SS("a", "b"), S("c"), false},
		{SS("1"), N("1"), false},
		{NS("1", "2.5"), N("2.5"), true},
		{BS([]byte{1}), B([]byte{1}), true},
		{BS([]byte{1}), S("\x01"), false},
		{S("abc"), S("b"), false}, // substring is the expression's job
	}
	for _, c := range cases {
		if got := SetContains(c.set, c.m); got != c.want {
			t.Errorf("SetContains(%s, %s) = %v", c.set, c.m, got)
		}
	}
	l := L(S("a"), N("1"), M(map[string]Value{"x": SS("p", "q")}))
	if !ListContains(l, N("1")) || !ListContains(l, M(map[string]Value{"x": SS("q", "p")})) {
		t.Error("ListContains missed a member")
	}
	if ListContains(l, S("1")) || ListContains(SS("a"), S("a")) {
		t.Error("ListContains matched a non-member")
	}
	if SetElemType(TypeNS) != TypeN || SetElemType(TypeL) != TypeInvalid {
		t.Error("SetElemType")
	}
}
