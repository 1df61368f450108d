package enginetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/kvs-project/kvs/engine"
)

func testClose(t *testing.T, h Harness) {
	e := h.Open(t, t.TempDir())
	mustApply(t, e, "a", "1", "b", "2")
	snap, err := e.NewSnapshot(bg)
	if err != nil {
		t.Fatal(err)
	}
	it, err := snap.NewIter(bg, engine.IterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !it.Next() {
		t.Fatal("iterator empty")
	}
	tx, err := e.Begin(bg)
	if err != nil {
		t.Fatal(err)
	}
	mustSet(t, tx, "c", "3")

	// Close with a snapshot, an iterator and a transaction still open.
	if err := e.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := e.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	closed := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, engine.ErrClosed) {
			t.Errorf("%s after Close: %v; want ErrClosed", what, err)
		}
	}
	_, err = e.Get(bg, []byte("a"))
	closed("Get", err)
	_, err = e.NewSnapshot(bg)
	closed("NewSnapshot", err)
	_, err = e.Begin(bg)
	closed("Begin", err)
	var b engine.Batch
	b.Set([]byte("x"), nil)
	_, err = e.Apply(bg, &b)
	closed("Apply", err)
	_, err = snap.Get(bg, []byte("a"))
	closed("Snapshot.Get", err)
	_, err = snap.NewIter(bg, engine.IterOptions{})
	closed("Snapshot.NewIter", err)
	if it.Next() {
		t.Error("iterator Next after engine Close returned true")
	}
	closed("Iterator.Err", it.Err())
	_ = it.Close()
	_, err = tx.Get(bg, []byte("a"))
	closed("Txn.Get", err)
	closed("Txn.Set", tx.Set([]byte("d"), nil))
	_, err = tx.Commit(bg)
	closed("Txn.Commit", err)
	tx.Discard()
	if err := snap.Close(); err != nil {
		t.Errorf("Snapshot.Close after engine Close: %v", err)
	}
}

func testContext(t *testing.T, h Harness) {
	e := open(t, h)
	mustApply(t, e, "a", "1")
	ctx, cancel := context.WithCancel(bg)
	cancel()
	if _, err := e.Get(ctx, []byte("a")); !errors.Is(err, context.Canceled) {
		t.Errorf("Get: %v", err)
	}
	var b engine.Batch
	b.Set([]byte("b"), []byte("1"))
	if _, err := e.Apply(ctx, &b); !errors.Is(err, context.Canceled) {
		t.Errorf("Apply: %v", err)
	}
	tx := begin(t, e)
	mustSet(t, tx, "c", "1")
	if _, err := tx.Commit(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Commit: %v", err)
	}
	wantGet(t, e, "b", nil)
	wantGet(t, e, "c", nil)
}

func testReopen(t *testing.T, h Harness) {
	dir := t.TempDir()
	e := h.Open(t, dir)
	t.Cleanup(func() { _ = e.Close() })
	mustApply(t, e, "a", "1", "b", "2", "", "empty")
	mustDelete(t, e, "b")
	tx := begin(t, e)
	mustSet(t, tx, "c", "3")
	seq := wantCommit(t, tx, nil)
	// A conflicted and an open transaction leave nothing behind.
	lost := begin(t, e)
	mustSet(t, lost, "lost", "1")
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}

	want := []string{"=empty", "a=1", "c=3"}
	for round := 0; round < 2; round++ {
		e = h.Open(t, dir)
		wantGet(t, e, "a", str("1"))
		wantGet(t, e, "b", nil)
		wantGet(t, e, "c", str("3"))
		wantGet(t, e, "", str("empty"))
		wantGet(t, e, "lost", nil)
		s, err := e.NewSnapshot(bg)
		if err != nil {
			t.Fatal(err)
		}
		if s.Seq() != seq {
			t.Fatalf("round %d: reopened snapshot seq %d; want %d (sequences must survive reopening)", round, s.Seq(), seq)
		}
		wantScan(t, s, engine.IterOptions{}, want...)
		want = append(want, "r=x")
		s.Close()
		seq = mustApply(t, e, "r", "x")
		if err := e.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// testCloseWhileBusy closes the engine while clients are in the middle of
// reads, batches, transactions and snapshot reads: every call must either
// succeed or return ErrClosed, never panic or fail otherwise.
func testCloseWhileBusy(t *testing.T, h Harness) {
	e := h.Open(t, t.TempDir())
	t.Cleanup(func() { _ = e.Close() })
	mustApply(t, e, "k", "v")
	errc := make(chan error, 16)
	var wg sync.WaitGroup
	ok := func(err error) bool {
		return err == nil || errors.Is(err, engine.ErrClosed) || errors.Is(err, engine.ErrNotFound) || errors.Is(err, engine.ErrConflict)
	}
	for c := 0; c < 8; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				var err error
				switch i % 5 {
				case 0:
					_, err = e.Get(bg, []byte("k"))
				case 1:
					var b engine.Batch
					b.Set(keyf("c%d/%d", c, i), []byte("v"))
					_, err = e.Apply(bg, &b)
				case 2:
					var tx engine.Txn
					if tx, err = e.Begin(bg); err == nil {
						_, _ = tx.Get(bg, []byte("k"))
						_ = tx.Set(keyf("t%d/%d", c, i), []byte("v"))
						_, err = tx.Commit(bg)
						tx.Discard()
					}
				case 3:
					var s engine.Snapshot
					if s, err = e.NewSnapshot(bg); err == nil {
						_, err = s.Get(bg, []byte("k"))
						s.Close()
					}
				case 4:
					_, err = engine.Update(bg, e, func(tx engine.Txn) error {
						if _, err := tx.Get(bg, []byte("k")); err != nil && !errors.Is(err, engine.ErrNotFound) {
							return err
						}
						if it, err := tx.NewIter(bg, engine.IterOptions{}); err == nil {
							for j := 0; j < 3 && it.Next(); j++ {
							}
							it.Close()
						}
						return tx.Set(keyf("u%d/%d", c, i), []byte("v"))
					})
				}
				if !ok(err) {
					errc <- err
					return
				}
				if errors.Is(err, engine.ErrClosed) {
					return
				}
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	if err := e.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Errorf("call during Close: %v", err)
	}
}
