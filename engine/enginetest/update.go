package enginetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/kvs-project/kvs/engine"
)

// testUpdate checks engine.Update: exclusively on an engine.Updater, in an
// optimistic transaction otherwise. Either way fn reads the latest state
// with its own writes, its writes land atomically with one new sequence,
// and an error from fn applies nothing.
func testUpdate(t *testing.T, h Harness) {
	e := open(t, h)
	before := mustApply(t, e, "a", "1", "b", "2", "c", "3")

	seq, err := engine.Update(bg, e, func(tx engine.Txn) error {
		wantGet(t, tx, "a", str("1"))
		mustSet(t, tx, "a", "10")
		wantGet(t, tx, "a", str("10")) // read-your-writes
		if err := tx.Delete([]byte("b")); err != nil {
			return err
		}
		mustSet(t, tx, "d", "4")
		wantScan(t, tx, engine.IterOptions{}, "a=10", "c=3", "d=4")
		wantScan(t, tx, engine.IterOptions{Reverse: true}, "d=4", "c=3", "a=10")
		return nil
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if seq != before+1 {
		t.Errorf("Update's sequence = %d, want %d", seq, before+1)
	}
	wantScan(t, snapshot(t, e), engine.IterOptions{}, "a=10", "c=3", "d=4")

	// An error from fn applies nothing and consumes no sequence.
	errStop := errors.New("stop")
	if _, err := engine.Update(bg, e, func(tx engine.Txn) error {
		mustSet(t, tx, "a", "lost")
		mustSet(t, tx, "z", "lost")
		return errStop
	}); !errors.Is(err, errStop) {
		t.Fatalf("Update with a failing fn = %v, want its error", err)
	}
	wantScan(t, snapshot(t, e), engine.IterOptions{}, "a=10", "c=3", "d=4")
	if got := mustApply(t, e, "e", "5"); got != seq+1 {
		t.Errorf("next sequence after a failed Update = %d, want %d", got, seq+1)
	}

	// A panic in fn applies nothing and leaves the engine usable.
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Update swallowed fn's panic")
			}
		}()
		engine.Update(bg, e, func(tx engine.Txn) error {
			mustSet(t, tx, "a", "panicked")
			panic("boom")
		})
	}()
	wantGet(t, e, "a", str("10"))

	// Without writes: the latest sequence, nothing new.
	latest, err := engine.Update(bg, e, func(tx engine.Txn) error {
		wantGet(t, tx, "e", str("5"))
		return nil
	})
	if err != nil || latest != seq+1 {
		t.Errorf("read-only Update = %d, %v; want %d", latest, err, seq+1)
	}

	// A transaction that read a key an Update then wrote must not commit.
	tx := begin(t, e)
	wantGet(t, tx, "c", str("3"))
	if _, err := engine.Update(bg, e, func(u engine.Txn) error {
		mustSet(t, u, "c", "30")
		return nil
	}); err != nil {
		t.Fatalf("Update: %v", err)
	}
	mustSet(t, tx, "x", "1")
	wantCommit(t, tx, engine.ErrConflict)
	wantGet(t, e, "c", str("30"))

	// Nor a transaction that iterated a range an Update then wrote into.
	tx = begin(t, e)
	wantScan(t, tx, engine.IterOptions{Lower: []byte("m"), Upper: []byte("p")})
	if _, err := engine.Update(bg, e, func(u engine.Txn) error {
		mustSet(t, u, "n", "1")
		return nil
	}); err != nil {
		t.Fatalf("Update: %v", err)
	}
	mustSet(t, tx, "x", "1")
	wantCommit(t, tx, engine.ErrConflict)

	// A transaction or iterator kept past its Update is finished, also
	// while a later Update runs (an engine may reuse them).
	var kept engine.Txn
	var keptIter engine.Iterator
	if _, err := engine.Update(bg, e, func(u engine.Txn) error {
		kept = u
		it, err := u.NewIter(bg, engine.IterOptions{})
		keptIter = it
		return err
	}); err != nil {
		t.Fatalf("Update: %v", err)
	}
	checkKept := func(when string) {
		t.Helper()
		if _, err := kept.Get(bg, []byte("a")); !errors.Is(err, engine.ErrTxnDone) {
			t.Errorf("%s: Get on a kept Update transaction = %v, want ErrTxnDone", when, err)
		}
		if err := kept.Set([]byte("hijack"), []byte("1")); !errors.Is(err, engine.ErrTxnDone) {
			t.Errorf("%s: Set on a kept Update transaction = %v, want ErrTxnDone", when, err)
		}
		if keptIter.Next() || !errors.Is(keptIter.Err(), engine.ErrClosed) {
			t.Errorf("%s: a kept Update iterator: Next/Err = %v, want false/ErrClosed", when, keptIter.Err())
		}
	}
	checkKept("after its Update")
	if _, err := engine.Update(bg, e, func(u engine.Txn) error {
		checkKept("during a later Update")
		mustSet(t, u, "later", "1")
		return nil
	}); err != nil {
		t.Fatalf("Update: %v", err)
	}
	wantGet(t, e, "hijack", nil)
	wantGet(t, e, "later", str("1"))

	// A snapshot taken before an Update does not see it.
	snap := snapshot(t, e)
	if _, err := engine.Update(bg, e, func(u engine.Txn) error {
		mustSet(t, u, "c", "300")
		return nil
	}); err != nil {
		t.Fatalf("Update: %v", err)
	}
	wantGet(t, snap, "c", str("30"))
	wantGet(t, e, "c", str("300"))
}

// testUpdateConcurrent increments counters from many goroutines, half with
// engine.Update and half with optimistic transactions, each retried on
// ErrConflict: a lost update shows as a short count.
func testUpdateConcurrent(t *testing.T, h Harness) {
	e := open(t, h)
	const counters, perClient = 3, 20
	var wg sync.WaitGroup
	errc := make(chan error, clients)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perClient {
				key := []byte(fmt.Sprintf("counter%d", (c+i)%counters))
				for {
					var err error
					if c%2 == 0 {
						_, err = engine.Update(bg, e, func(tx engine.Txn) error { return incrementIn(tx, key) })
					} else {
						err = increment(e, key)
					}
					if err == nil {
						break
					}
					if !errors.Is(err, engine.ErrConflict) {
						errc <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Fatal(err)
	}
	wantCounterSum(t, e, counters, clients*perClient)
}
