package enginetest

import (
	"errors"
	"testing"

	"github.com/kvs-project/kvs/engine"
)

func testReadYourWrites(t *testing.T, h Harness) {
	e := open(t, h)
	mustApply(t, e, "a", "1", "b", "1", "c", "1", "e", "1")
	tx := begin(t, e)
	mustSet(t, tx, "b", "2")
	mustSet(t, tx, "d", "2")
	if err := tx.Delete([]byte("c")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Delete([]byte("zz")); err != nil {
		t.Fatal(err)
	}
	wantGet(t, tx, "b", str("2"))
	wantGet(t, tx, "c", nil)
	wantGet(t, tx, "d", str("2"))
	wantGet(t, tx, "a", str("1"))
	wantScan(t, tx, engine.IterOptions{}, "a=1", "b=2", "d=2", "e=1")
	wantScan(t, tx, engine.IterOptions{Reverse: true}, "e=1", "d=2", "b=2", "a=1")
	wantScan(t, tx, engine.IterOptions{Lower: []byte("b"), Upper: []byte("e")}, "b=2", "d=2")
	wantScan(t, tx, engine.IterOptions{Lower: []byte("c"), Upper: []byte("d")})

	// Writes after NewIter are not seen by that iterator.
	it, err := tx.NewIter(bg, engine.IterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	mustSet(t, tx, "aa", "late")
	var keys []string
	for it.Next() {
		keys = append(keys, string(it.Key()))
	}
	it.Close()
	if len(keys) != 4 {
		t.Fatalf("iterator keys %q", keys)
	}
	// The buffered value is the transaction's copy.
	v, _ := tx.Get(bg, []byte("b"))
	v[0] = 'X'
	wantGet(t, tx, "b", str("2"))

	// Nothing is visible outside before Commit.
	wantGet(t, e, "b", str("1"))
	wantGet(t, e, "d", nil)
	wantCommit(t, tx, nil)
	wantGet(t, e, "b", str("2"))
	wantGet(t, e, "c", nil)
	wantGet(t, e, "d", str("2"))
	wantGet(t, e, "aa", str("late"))
}

func testConflicts(t *testing.T, h Harness) {
	e := open(t, h)
	mustApply(t, e, "x", "0", "y", "0")

	t.Run("ReadWrite", func(t *testing.T) {
		t1 := begin(t, e)
		wantGet(t, t1, "x", str("0"))
		mustSet(t, t1, "y", "1")
		mustApply(t, e, "x", "other")
		wantCommit(t, t1, engine.ErrConflict)
		wantGet(t, e, "y", str("0"))
	})
	t.Run("ReadOfAbsentKey", func(t *testing.T) {
		// A conditional put "attribute_not_exists": the read of a missing
		// key conflicts with a concurrent insert.
		t1 := begin(t, e)
		wantGet(t, t1, "new", nil)
		mustSet(t, t1, "new", "t1")
		t2 := begin(t, e)
		wantGet(t, t2, "new", nil)
		mustSet(t, t2, "new", "t2")
		wantCommit(t, t2, nil)
		wantCommit(t, t1, engine.ErrConflict)
		wantGet(t, e, "new", str("t2"))
	})
	t.Run("WriteWrite", func(t *testing.T) {
		t1 := begin(t, e)
		t2 := begin(t, e)
		mustSet(t, t1, "w", "1")
		mustSet(t, t2, "w", "2")
		wantCommit(t, t1, nil)
		wantCommit(t, t2, engine.ErrConflict)
		wantGet(t, e, "w", str("1"))
	})
	t.Run("DeleteConflicts", func(t *testing.T) {
		t1 := begin(t, e)
		wantGet(t, t1, "x", str("other"))
		mustSet(t, t1, "x", "t1")
		mustDelete(t, e, "x")
		wantCommit(t, t1, engine.ErrConflict)
		wantGet(t, e, "x", nil)
	})
	t.Run("ReadOnlyConflicts", func(t *testing.T) {
		t1 := begin(t, e)
		wantGet(t, t1, "y", str("0"))
		mustApply(t, e, "y", "2")
		wantCommit(t, t1, engine.ErrConflict)
	})
	t.Run("NoFalseConflicts", func(t *testing.T) {
		mustApply(t, e, "p", "0", "q", "0")
		t1 := begin(t, e)
		t2 := begin(t, e)
		wantGet(t, t1, "p", str("0"))
		mustSet(t, t1, "p", "1")
		wantGet(t, t2, "q", str("0"))
		mustSet(t, t2, "q", "1")
		mustApply(t, e, "unrelated", "1")
		wantCommit(t, t1, nil)
		wantCommit(t, t2, nil)
		wantGet(t, e, "p", str("1"))
		wantGet(t, e, "q", str("1"))
		// A commit before the transaction began is not a conflict.
		mustApply(t, e, "p", "2")
		t3 := begin(t, e)
		wantGet(t, t3, "p", str("2"))
		mustSet(t, t3, "p", "3")
		wantCommit(t, t3, nil)
	})
	t.Run("SequentialRetrySucceeds", func(t *testing.T) {
		for attempt := 0; ; attempt++ {
			tx := begin(t, e)
			v, err := tx.Get(bg, []byte("p"))
			if err != nil {
				t.Fatal(err)
			}
			mustSet(t, tx, "p", string(v)+"+")
			if attempt == 0 {
				mustApply(t, e, "p", "interfere")
			}
			_, err = tx.Commit(bg)
			if err == nil {
				break
			}
			if !errors.Is(err, engine.ErrConflict) || attempt > 0 {
				t.Fatalf("attempt %d: %v", attempt, err)
			}
		}
		wantGet(t, e, "p", str("interfere+"))
	})
}

func testRangeConflicts(t *testing.T, h Harness) {
	e := open(t, h)
	mustApply(t, e, "r/a", "1", "r/c", "1", "s/a", "1")

	scanAll := func(tx engine.Txn, o engine.IterOptions) {
		t.Helper()
		scan(t, tx, o)
	}
	t.Run("PhantomInScannedRange", func(t *testing.T) {
		tx := begin(t, e)
		scanAll(tx, engine.IterOptions{Lower: []byte("r/"), Upper: []byte("r0")})
		mustSet(t, tx, "out", "1")
		mustApply(t, e, "r/b", "phantom")
		wantCommit(t, tx, engine.ErrConflict)
	})
	t.Run("PhantomReverse", func(t *testing.T) {
		tx := begin(t, e)
		scanAll(tx, engine.IterOptions{Lower: []byte("r/"), Upper: []byte("r0"), Reverse: true})
		mustApply(t, e, "r/0", "phantom")
		wantCommit(t, tx, engine.ErrConflict)
	})
	t.Run("OutsideRangeNoConflict", func(t *testing.T) {
		tx := begin(t, e)
		scanAll(tx, engine.IterOptions{Lower: []byte("r/"), Upper: []byte("r0")})
		mustSet(t, tx, "out2", "1")
		mustApply(t, e, "s/b", "1", "r0", "upper bound is exclusive")
		wantCommit(t, tx, nil)
	})
	t.Run("PartialScanCoversVisitedOnly", func(t *testing.T) {
		tx := begin(t, e)
		it, err := tx.NewIter(bg, engine.IterOptions{Lower: []byte("r/"), Upper: []byte("r0")})
		if err != nil {
			t.Fatal(err)
		}
		if !it.Next() || string(it.Key()) != "r/0" {
			t.Fatalf("first key %q", it.Key())
		}
		it.Close()
		mustSet(t, tx, "out3", "1")
		mustApply(t, e, "r/zzz", "beyond the visited part")
		wantCommit(t, tx, nil)

		tx = begin(t, e)
		it, _ = tx.NewIter(bg, engine.IterOptions{Lower: []byte("r/"), Upper: []byte("r0")})
		it.Next()
		it.Close()
		mustApply(t, e, "r/", "inside the visited part")
		wantCommit(t, tx, engine.ErrConflict)
	})
	t.Run("UnboundedScan", func(t *testing.T) {
		tx := begin(t, e)
		scanAll(tx, engine.IterOptions{Lower: []byte("s/")})
		mustApply(t, e, "\xff\xff", "far")
		wantCommit(t, tx, engine.ErrConflict)
	})
}

func testAtomicity(t *testing.T, h Harness) {
	e := open(t, h)
	mustApply(t, e, "a", "0")
	before := scan(t, snapshot(t, e), engine.IterOptions{})

	// A conflicted transaction leaves none of its writes.
	tx := begin(t, e)
	wantGet(t, tx, "a", str("0"))
	for i := 0; i < 50; i++ {
		mustSet(t, tx, string(keyf("t%02d", i)), "x")
	}
	tx.Delete([]byte("a"))
	mustApply(t, e, "a", "1")
	wantCommit(t, tx, engine.ErrConflict)

	// A discarded one neither.
	tx = begin(t, e)
	mustSet(t, tx, "d1", "x")
	tx.Delete([]byte("a"))
	tx.Discard()

	after := scan(t, snapshot(t, e), engine.IterOptions{})
	if len(after) != len(before) || after[0] != "a=1" {
		t.Fatalf("after failed transactions: %q (before %q)", after, before)
	}

	// A successful one applies all of its writes, seen together.
	tx = begin(t, e)
	for i := 0; i < 50; i++ {
		mustSet(t, tx, string(keyf("t%02d", i)), "y")
	}
	wantCommit(t, tx, nil)
	if got := scan(t, snapshot(t, e), engine.IterOptions{Lower: []byte("t")}); len(got) != 50 {
		t.Fatalf("%d of 50 writes visible", len(got))
	}
}

func testTxnLifecycle(t *testing.T, h Harness) {
	e := open(t, h)
	tx := begin(t, e)
	mustSet(t, tx, "a", "1")
	wantCommit(t, tx, nil)
	if _, err := tx.Commit(bg); !errors.Is(err, engine.ErrTxnDone) {
		t.Fatalf("second Commit: %v", err)
	}
	if err := tx.Set([]byte("b"), nil); !errors.Is(err, engine.ErrTxnDone) {
		t.Fatalf("Set after Commit: %v", err)
	}
	if _, err := tx.Get(bg, []byte("a")); !errors.Is(err, engine.ErrTxnDone) {
		t.Fatalf("Get after Commit: %v", err)
	}
	if _, err := tx.NewIter(bg, engine.IterOptions{}); !errors.Is(err, engine.ErrTxnDone) {
		t.Fatalf("NewIter after Commit: %v", err)
	}
	tx.Discard() // no-op after Commit
	wantGet(t, e, "a", str("1"))

	tx = begin(t, e)
	tx.Discard()
	tx.Discard()
	if err := tx.Delete([]byte("a")); !errors.Is(err, engine.ErrTxnDone) {
		t.Fatalf("Delete after Discard: %v", err)
	}
	if _, err := tx.Commit(bg); !errors.Is(err, engine.ErrTxnDone) {
		t.Fatalf("Commit after Discard: %v", err)
	}
}
