package occ

import (
	"errors"
	"fmt"
	"testing"
)

func commitKeys(t *testing.T, tb *Table, keys ...string) uint64 {
	t.Helper()
	var w [][]byte
	for _, k := range keys {
		w = append(w, []byte(k))
	}
	seq, err := tb.Commit(false, 0, nil, w, func(uint64) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	return seq
}

func begin(tb *Table) uint64 {
	s, _ := tb.Begin(func(uint64) error { return nil })
	return s
}

func TestValidate(t *testing.T) {
	tb := New(10)
	commitKeys(t, tb, "a")
	start := begin(tb)
	defer tb.End(start)
	if start != 11 {
		t.Fatalf("start %d", start)
	}
	commitKeys(t, tb, "b", "d")

	check := func(name string, reads *ReadSet, writes []string, want error) {
		t.Helper()
		var w [][]byte
		for _, k := range writes {
			w = append(w, []byte(k))
		}
		called := false
		_, err := tb.Commit(true, start, reads, w, func(uint64) error { called = true; return nil })
		if !errors.Is(err, want) && !(want == nil && err == nil) {
			t.Fatalf("%s: %v; want %v", name, err, want)
		}
		if called != (err == nil && len(w) > 0) {
			t.Fatalf("%s: apply called=%v with err=%v", name, called, err)
		}
	}
	rs := func(keys ...string) *ReadSet {
		r := &ReadSet{}
		for _, k := range keys {
			r.AddKey([]byte(k))
		}
		return r
	}
	// Conflicts are checked against commits after start only; the "x"
	// commits below each raise the sequence but touch nothing read.
	check("read a (before start)", rs("a"), nil, nil)
	check("read b", rs("b"), nil, ErrConflict)
	check("write d", nil, []string{"d"}, ErrConflict)
	check("disjoint", rs("a", "c"), []string{"x"}, nil)

	span := func(lo, hi string, unbounded, empty bool) *ReadSet {
		r := &ReadSet{}
		s := r.AddSpan()
		s.Lo, s.Hi, s.Unbounded, s.Empty = []byte(lo), []byte(hi), unbounded, empty
		return r
	}
	check("span [c, e)", span("c", "e", false, false), nil, ErrConflict)
	check("span [c, d) excludes d", span("c", "d", false, false), nil, nil)
	check("span [bb, ∞)", span("bb", "", true, false), nil, ErrConflict)
	check("span [e, ∞)", span("e", "", true, false), []string{"y"}, ErrConflict) // x was written after start
	check("span [e, x)", span("e", "x", false, false), nil, nil)
	check("empty span", span("", "", true, true), nil, nil)
	check("inverted span", span("z", "a", false, false), nil, nil)
}

func TestPrune(t *testing.T) {
	tb := New(0)
	for i := 0; i < 100; i++ {
		commitKeys(t, tb, fmt.Sprint(i))
	}
	if v, live := tb.Stats(); v != 0 || live != 0 {
		t.Fatalf("no live transactions: %d versions, %d live; want 0, 0", v, live)
	}
	old := begin(tb)
	for i := 0; i < 100; i++ {
		commitKeys(t, tb, fmt.Sprint(i%10))
	}
	if v, live := tb.Stats(); v != 10 || live != 1 {
		t.Fatalf("one live transaction: %d versions, %d live; want 10, 1", v, live)
	}
	// The live transaction still sees its conflicts.
	r := &ReadSet{}
	r.AddKey([]byte("3"))
	if _, err := tb.Commit(true, old, r, nil, nil); !errors.Is(err, ErrConflict) {
		t.Fatalf("got %v; want conflict", err)
	}
	young := begin(tb)
	tb.End(old)
	if v, _ := tb.Stats(); v != 0 {
		t.Fatalf("%d versions after the old transaction ended; want 0", v)
	}
	commitKeys(t, tb, "k")
	if v, _ := tb.Stats(); v != 1 {
		t.Fatalf("%d versions; want 1 (young is live)", v)
	}
	tb.End(young)
	if v, live := tb.Stats(); v != 0 || live != 0 {
		t.Fatalf("%d versions, %d live; want 0, 0", v, live)
	}
}

func TestApplyErrorConsumesNothing(t *testing.T) {
	tb := New(5)
	boom := errors.New("boom")
	if _, err := tb.Commit(false, 0, nil, [][]byte{[]byte("a")}, func(uint64) error { return boom }); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if tb.Seq() != 5 {
		t.Fatalf("seq %d after failed apply; want 5", tb.Seq())
	}
	start := begin(tb)
	defer tb.End(start)
	r := &ReadSet{}
	r.AddKey([]byte("a"))
	if _, err := tb.Commit(true, 0, r, nil, nil); err != nil {
		t.Fatalf("failed apply left a version: %v", err)
	}
}
