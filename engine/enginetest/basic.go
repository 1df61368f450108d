package enginetest

import (
	"errors"
	"testing"

	"github.com/kvs-project/kvs/engine"
)

func testGetSetDelete(t *testing.T, h Harness) {
	e := open(t, h)
	wantGet(t, e, "a", nil)
	mustApply(t, e, "a", "1", "b", "2")
	wantGet(t, e, "a", str("1"))
	wantGet(t, e, "b", str("2"))

	// Overwrite, delete, delete of an absent key.
	mustApply(t, e, "a", "3")
	wantGet(t, e, "a", str("3"))
	mustDelete(t, e, "a", "zzz")
	wantGet(t, e, "a", nil)
	wantGet(t, e, "b", str("2"))

	// The empty key and the empty value are ordinary.
	mustApply(t, e, "", "empty-key", "ev", "")
	wantGet(t, e, "", str("empty-key"))
	got, err := e.Get(bg, []byte("ev"))
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("Get(empty value) = %#v, %v; want non-nil empty slice", got, err)
	}

	// Later operations on the same key in one batch win.
	var b engine.Batch
	b.Set([]byte("k"), []byte("first"))
	b.Delete([]byte("k"))
	b.Set([]byte("k"), []byte("last"))
	b.Set([]byte("d"), []byte("x"))
	b.Delete([]byte("d"))
	if _, err := e.Apply(bg, &b); err != nil {
		t.Fatal(err)
	}
	wantGet(t, e, "k", str("last"))
	wantGet(t, e, "d", nil)

	// Get returns a copy the caller owns; Batch copies its input.
	v, _ := e.Get(bg, []byte("k"))
	v[0] = 'X'
	wantGet(t, e, "k", str("last"))
	key, val := []byte("m"), []byte("orig")
	b.Reset()
	b.Set(key, val)
	key[0], val[0] = 'n', 'X'
	if _, err := e.Apply(bg, &b); err != nil {
		t.Fatal(err)
	}
	wantGet(t, e, "m", str("orig"))
	wantGet(t, e, "n", nil)

	// SetOwned writes as Set does (the engine may keep the slices; they
	// are never modified here), the empty value included.
	b.Reset()
	b.SetOwned([]byte("o1"), []byte("owned"))
	b.SetOwned([]byte("o2"), nil)
	if _, err := e.Apply(bg, &b); err != nil {
		t.Fatal(err)
	}
	wantGet(t, e, "o1", str("owned"))
	if got, err := e.Get(bg, []byte("o2")); err != nil || got == nil || len(got) != 0 {
		t.Fatalf("Get(owned empty value) = %#v, %v; want non-nil empty slice", got, err)
	}

	// Large values round-trip.
	big := make([]byte, 1<<20)
	for i := range big {
		big[i] = byte(i * 7)
	}
	b.Reset()
	b.Set([]byte("big"), big)
	if _, err := e.Apply(bg, &b); err != nil {
		t.Fatal(err)
	}
	got, err = e.Get(bg, []byte("big"))
	if err != nil || string(got) != string(big) {
		t.Fatalf("big value did not round-trip: len %d, %v", len(got), err)
	}
}

func testOrdering(t *testing.T, h Harness) {
	e := open(t, h)
	// Bytewise order: prefixes first, 0x00 and 0xff, no UTF-8 collation.
	keys := []string{"", "\x00", "\x00\x00", "\x01", "A", "B", "a", "a\x00", "ab", "b", "\x7f", "\x80", "\xc3\xa9", "\xff", "\xff\xff"}
	var b engine.Batch
	for i := len(keys) - 1; i >= 0; i-- {
		b.Set([]byte(keys[i]), []byte(keys[i]))
	}
	if _, err := e.Apply(bg, &b); err != nil {
		t.Fatal(err)
	}
	var want, rev []string
	for _, k := range keys {
		want = append(want, k+"="+k)
	}
	for i := len(want) - 1; i >= 0; i-- {
		rev = append(rev, want[i])
	}
	s := snapshot(t, e)
	wantScan(t, s, engine.IterOptions{}, want...)
	wantScan(t, s, engine.IterOptions{Reverse: true}, rev...)
}

func testBounds(t *testing.T, h Harness) {
	e := open(t, h)
	mustApply(t, e, "a", "1", "b", "2", "c", "3", "d", "4", "da", "5")
	s := snapshot(t, e)
	cases := []struct {
		lo, hi string
		want   []string
	}{
		{"", "", []string{"a=1", "b=2", "c=3", "d=4", "da=5"}},
		{"b", "d", []string{"b=2", "c=3"}},
		{"b", "da", []string{"b=2", "c=3", "d=4"}},
		{"bb", "cc", []string{"c=3"}},
		{"d", "", []string{"d=4", "da=5"}},
		{"", "b", []string{"a=1"}},
		{"c", "c", nil},
		{"d", "c", nil}, // inverted bounds: empty
		{"e", "", nil},
		{"", "a", nil},
		{"a\x00", "b\x00", []string{"b=2"}},
	}
	for _, c := range cases {
		o := engine.IterOptions{Lower: []byte(c.lo), Upper: []byte(c.hi)}
		wantScan(t, s, o, c.want...)
		o.Reverse = true
		var rev []string
		for i := len(c.want) - 1; i >= 0; i-- {
			rev = append(rev, c.want[i])
		}
		wantScan(t, s, o, rev...)
	}
	// nil bounds equal empty ones.
	wantScan(t, s, engine.IterOptions{Lower: nil, Upper: nil, Reverse: true}, "da=5", "d=4", "c=3", "b=2", "a=1")
}

func testIteratorMisc(t *testing.T, h Harness) {
	e := open(t, h)
	var b engine.Batch
	for i := 0; i < 300; i++ { // more than any internal chunk
		b.Set(keyf("k%04d", i), keyf("v%d", i))
	}
	if _, err := e.Apply(bg, &b); err != nil {
		t.Fatal(err)
	}
	s := snapshot(t, e)
	for _, rev := range []bool{false, true} {
		got := scan(t, s, engine.IterOptions{Lower: []byte("k0010"), Upper: []byte("k0290"), Reverse: rev})
		if len(got) != 280 {
			t.Fatalf("reverse=%v: %d keys, want 280", rev, len(got))
		}
		first, last := "k0010=v10", "k0289=v289"
		if rev {
			first, last = last, first
		}
		if got[0] != first || got[len(got)-1] != last {
			t.Fatalf("reverse=%v: first %q last %q", rev, got[0], got[len(got)-1])
		}
	}

	// Key/Value are stable until Next; Next after the end stays false; Close
	// is idempotent; the bounds passed in may be modified after NewIter.
	lo, hi := []byte("k0001"), []byte("k0003")
	it, err := s.NewIter(bg, engine.IterOptions{Lower: lo, Upper: hi})
	if err != nil {
		t.Fatal(err)
	}
	lo[1], hi[1] = '9', '9'
	var n int
	for it.Next() {
		if string(it.Key()) != string(keyf("k%04d", n+1)) || string(it.Value()) != string(keyf("v%d", n+1)) {
			t.Fatalf("at %d: %q=%q", n, it.Key(), it.Value())
		}
		n++
	}
	if n != 2 || it.Next() || it.Err() != nil {
		t.Fatalf("n=%d, Next after end or Err=%v", n, it.Err())
	}
	if err := it.Close(); err != nil {
		t.Fatal(err)
	}
	if err := it.Close(); err != nil {
		t.Fatal(err)
	}
	if it.Next() {
		t.Fatal("Next after Close returned true")
	}
	// Early close mid-iteration.
	it, _ = s.NewIter(bg, engine.IterOptions{})
	it.Next()
	if err := it.Close(); err != nil {
		t.Fatal(err)
	}
}

func testSnapshotIsolation(t *testing.T, h Harness) {
	e := open(t, h)
	mustApply(t, e, "a", "1", "b", "1")
	s1 := snapshot(t, e)
	mustApply(t, e, "a", "2", "c", "2")
	mustDelete(t, e, "b")
	s2 := snapshot(t, e)
	mustApply(t, e, "a", "3")

	wantGet(t, s1, "a", str("1"))
	wantGet(t, s1, "b", str("1"))
	wantGet(t, s1, "c", nil)
	wantScan(t, s1, engine.IterOptions{}, "a=1", "b=1")
	wantScan(t, s1, engine.IterOptions{Reverse: true}, "b=1", "a=1")
	wantGet(t, s2, "a", str("2"))
	wantGet(t, s2, "b", nil)
	wantScan(t, s2, engine.IterOptions{}, "a=2", "c=2")
	wantGet(t, e, "a", str("3"))
	if !(s1.Seq() < s2.Seq()) {
		t.Fatalf("snapshot seqs %d, %d not increasing", s1.Seq(), s2.Seq())
	}

	// An iterator opened before a commit does not see it, even mid-scan.
	it, err := s2.NewIter(bg, engine.IterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	it.Next()
	mustApply(t, e, "b", "new", "z", "new")
	var rest []string
	for it.Next() {
		rest = append(rest, string(it.Key()))
	}
	it.Close()
	if len(rest) != 1 || rest[0] != "c" {
		t.Fatalf("iterator saw %q after a later commit", rest)
	}

	// A transaction reads its Begin snapshot.
	tx := begin(t, e)
	mustApply(t, e, "a", "4")
	wantGet(t, tx, "a", str("3"))

	// Closed snapshots refuse work.
	s1.Close()
	if _, err := s1.Get(bg, []byte("a")); !errors.Is(err, engine.ErrClosed) {
		t.Fatalf("Get on closed snapshot: %v", err)
	}
	if err := s1.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

func testSequence(t *testing.T, h Harness) {
	e := open(t, h)
	s0 := snapshot(t, e)
	seq1 := mustApply(t, e, "a", "1")
	if seq1 <= s0.Seq() {
		t.Fatalf("commit seq %d not above snapshot seq %d", seq1, s0.Seq())
	}
	s1 := snapshot(t, e)
	if s1.Seq() != seq1 {
		t.Fatalf("snapshot after commit %d has seq %d", seq1, s1.Seq())
	}
	tx := begin(t, e)
	mustSet(t, tx, "b", "1")
	seq2 := wantCommit(t, tx, nil)
	if seq2 <= seq1 {
		t.Fatalf("txn seq %d not above %d", seq2, seq1)
	}
	// An empty batch and a read-only transaction create no sequence.
	seq3, err := e.Apply(bg, &engine.Batch{})
	if err != nil || seq3 != seq2 {
		t.Fatalf("empty Apply = %d, %v; want %d", seq3, err, seq2)
	}
	ro := begin(t, e)
	wantGet(t, ro, "a", str("1"))
	if seq := wantCommit(t, ro, nil); seq != seq2 {
		t.Fatalf("read-only commit = %d; want %d", seq, seq2)
	}
	if seq := mustApply(t, e, "c", "1"); seq <= seq2 {
		t.Fatalf("seq %d after %d", seq, seq2)
	}
}
