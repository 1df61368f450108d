package enginetest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/kvs-project/kvs/engine"
)

// viewer is what View is tested on: an engine, a snapshot or a transaction.
type viewer interface {
	Get(context.Context, []byte) ([]byte, error)
	View(context.Context, []byte, func([]byte) error) error
}

// wantView checks that r.View(key) hands fn want exactly once (and returns
// fn's nil), or returns ErrNotFound without calling fn when want is nil; and,
// when r is an engine.SharedGetter, that GetShared agrees.
func wantView(t testing.TB, r viewer, key string, want *string) {
	t.Helper()
	calls := 0
	var got string
	err := r.View(bg, []byte(key), func(v []byte) error {
		calls++
		got = string(v) // copied: v is only valid in here
		return nil
	})
	switch {
	case want == nil && (!errors.Is(err, engine.ErrNotFound) || calls != 0):
		t.Fatalf("View(%q) = %v after %d calls of fn; want ErrNotFound and none", key, err, calls)
	case want != nil && (err != nil || calls != 1 || got != *want):
		t.Fatalf("View(%q) = %v, fn called %d times with %q; want nil, once with %q", key, err, calls, got, *want)
	}
	if sg, ok := r.(engine.SharedGetter); ok {
		v, err := sg.GetShared(bg, []byte(key))
		switch {
		case want == nil && !errors.Is(err, engine.ErrNotFound):
			t.Fatalf("GetShared(%q) = %q, %v; want ErrNotFound", key, v, err)
		case want != nil && (err != nil || v == nil || string(v) != *want):
			t.Fatalf("GetShared(%q) = %#v, %v; want %q (non-nil)", key, v, err, *want)
		}
	}
}

// testView checks View (and GetShared where an engine offers it) on the
// engine, a snapshot and a transaction: the value, not found, the empty
// value, fn's error returned as is, isolation, conflicts, Close and
// cancelled contexts.
func testView(t *testing.T, h Harness) {
	e := open(t, h)
	mustApply(t, e, "a", "1", "big", string(make([]byte, 5000)), "ev", "")
	wantView(t, e, "a", str("1"))
	wantView(t, e, "big", str(string(make([]byte, 5000))))
	wantView(t, e, "ev", str(""))
	wantView(t, e, "missing", nil)
	wantView(t, e, "", nil)

	// fn's error comes back unwrapped (callers may compare it with ==),
	// and so does a sentinel that happens to be an engine error.
	errFn := errors.New("fn failed")
	readers := map[string]viewer{"engine": e, "snapshot": snapshot(t, e), "txn": begin(t, e)}
	for name, r := range readers {
		if err := r.View(bg, []byte("a"), func([]byte) error { return errFn }); err != errFn {
			t.Fatalf("%s: View with a failing fn = %v; want %v itself", name, err, errFn)
		}
		if err := r.View(bg, []byte("a"), func([]byte) error { return engine.ErrConflict }); err != engine.ErrConflict {
			t.Fatalf("%s: View returning ErrConflict from fn = %v", name, err)
		}
	}

	// A snapshot's View sees the snapshot, not later commits; a value
	// obtained by GetShared never changes, whatever is committed after.
	snap := readers["snapshot"]
	var shared []byte
	if sg, ok := e.(engine.SharedGetter); ok {
		shared, _ = sg.GetShared(bg, []byte("a"))
	}
	mustApply(t, e, "a", "2", "new", "n")
	mustDelete(t, e, "big")
	wantView(t, snap, "a", str("1"))
	wantView(t, snap, "big", str(string(make([]byte, 5000))))
	wantView(t, snap, "new", nil)
	wantView(t, e, "a", str("2"))
	wantView(t, e, "big", nil)
	if shared != nil && string(shared) != "1" {
		t.Fatalf("GetShared's value changed to %q after an overwrite; want %q", shared, "1")
	}

	// A transaction's View reads its own writes over its snapshot.
	tx := readers["txn"]
	txn := tx.(engine.Txn)
	mustSet(t, txn, "mine", "m")
	if err := txn.Delete([]byte("ev")); err != nil {
		t.Fatal(err)
	}
	wantView(t, tx, "mine", str("m"))
	wantView(t, tx, "ev", nil)
	wantView(t, tx, "a", str("1"))
	wantView(t, tx, "new", nil)

	// A View in a transaction is a read for conflict detection, found or
	// not, like Get.
	for _, key := range []string{"a", "absent"} {
		tx := begin(t, e)
		_ = tx.View(bg, []byte(key), func([]byte) error { return nil })
		mustSet(t, tx, "elsewhere", "x")
		mustApply(t, e, key, "other")
		wantCommit(t, tx, engine.ErrConflict)
	}

	// Cancelled contexts and closed views.
	cctx, cancel := context.WithCancel(bg)
	cancel()
	for name, r := range map[string]viewer{"engine": e, "snapshot": snapshot(t, e)} {
		called := false
		if err := r.View(cctx, []byte("a"), func([]byte) error { called = true; return nil }); !errors.Is(err, context.Canceled) || called {
			t.Fatalf("%s: View with a cancelled context = %v (fn called: %v); want context.Canceled", name, err, called)
		}
	}
	s2 := snapshot(t, e)
	_ = s2.Close()
	if err := s2.View(bg, []byte("a"), func([]byte) error { return nil }); !errors.Is(err, engine.ErrClosed) {
		t.Fatalf("View on a closed snapshot = %v; want ErrClosed", err)
	}
	tx3 := begin(t, e)
	tx3.Discard()
	if err := tx3.View(bg, []byte("a"), func([]byte) error { return nil }); !errors.Is(err, engine.ErrTxnDone) {
		t.Fatalf("View on a discarded transaction = %v; want ErrTxnDone", err)
	}
	s3 := snapshot(t, e)
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]viewer{"engine": e, "snapshot": s3} {
		if err := r.View(bg, []byte("a"), func([]byte) error { return nil }); !errors.Is(err, engine.ErrClosed) {
			t.Fatalf("%s: View after Close = %v; want ErrClosed", name, err)
		}
	}
}

// testViewConcurrent reads one key with View (and GetShared) while another
// goroutine keeps overwriting it: every value fn sees must be one committed
// value, whole and unchanged while fn runs (run it with -race).
func testViewConcurrent(t *testing.T, h Harness) {
	e := open(t, h)
	value := func(i int) string { return string(keyf("%04d", i%10000)) + string(make([]byte, 2000)) }
	mustApply(t, e, "k", value(0))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 1; i <= 300; i++ {
			var b engine.Batch
			b.Set([]byte("k"), []byte(value(i)))
			if _, err := e.Apply(bg, &b); err != nil {
				t.Errorf("Apply: %v", err) // not Fatal: not the test's goroutine
				return
			}
		}
	}()
	valid := func(v []byte) error {
		first := string(v)
		var i int
		if _, err := fmt.Sscanf(first[:4], "%04d", &i); err != nil || first != value(i) {
			return fmt.Errorf("torn or unknown value %.8q (len %d)", first, len(first))
		}
		if string(v) != first {
			return errors.New("value changed while fn ran")
		}
		return nil
	}
	for {
		select {
		case <-done:
			return
		default:
		}
		if err := e.View(bg, []byte("k"), valid); err != nil {
			t.Fatalf("View: %v", err)
		}
		if sg, ok := e.(engine.SharedGetter); ok {
			v, err := sg.GetShared(bg, []byte("k"))
			if err == nil {
				err = valid(v)
			}
			if err != nil {
				t.Fatalf("GetShared: %v", err)
			}
		}
	}
}
