// Package enginetest is the conformance suite every engine.Engine passes.
//
// An engine's test calls RunConformance with a Harness:
//
//	func TestConformance(t *testing.T) {
//		enginetest.RunConformance(t, enginetest.Harness{
//			Open:       func(t testing.TB, dir string) engine.Engine { ... },
//			Persistent: true,
//			Reference:  func(t testing.TB) engine.Engine { return memengine.New() },
//		})
//	}
//
// The suite covers point reads (Get, and View's zero-copy contract),
// bytewise ordering, bounds, reverse iteration, snapshot
// isolation, conflicts (read-write, write-write, ranges, and no false
// conflicts on disjoint keys), atomicity, reopening (persistent engines),
// closing, concurrent use (run it with -race), and a randomized
// model-based comparison against a reference engine (see RunRandomized).
package enginetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/kvs-project/kvs/engine"
)

// Harness describes the engine under test.
type Harness struct {
	// Open opens the engine stored in dir, a fresh t.TempDir() for each
	// test. A persistent engine is reopened by calling Open again with the
	// same dir after Close. Open fails the test on error. The suite closes
	// every engine it opens.
	Open func(t testing.TB, dir string) engine.Engine

	// Persistent reports that data survives Close and a new Open of the
	// same dir.
	Persistent bool

	// Reference opens the engine whose results the randomized test compares
	// with; nil skips that test.
	Reference func(t testing.TB) engine.Engine
}

// RunConformance runs the whole suite as subtests of t.
func RunConformance(t *testing.T, h Harness) {
	t.Run("GetSetDelete", func(t *testing.T) { testGetSetDelete(t, h) })
	t.Run("View", func(t *testing.T) { testView(t, h) })
	t.Run("ViewConcurrent", func(t *testing.T) { testViewConcurrent(t, h) })
	t.Run("Ordering", func(t *testing.T) { testOrdering(t, h) })
	t.Run("Bounds", func(t *testing.T) { testBounds(t, h) })
	t.Run("IteratorMisc", func(t *testing.T) { testIteratorMisc(t, h) })
	t.Run("SnapshotIsolation", func(t *testing.T) { testSnapshotIsolation(t, h) })
	t.Run("Sequence", func(t *testing.T) { testSequence(t, h) })
	t.Run("TxnReadYourWrites", func(t *testing.T) { testReadYourWrites(t, h) })
	t.Run("Conflicts", func(t *testing.T) { testConflicts(t, h) })
	t.Run("RangeConflicts", func(t *testing.T) { testRangeConflicts(t, h) })
	t.Run("Atomicity", func(t *testing.T) { testAtomicity(t, h) })
	t.Run("TxnLifecycle", func(t *testing.T) { testTxnLifecycle(t, h) })
	t.Run("Close", func(t *testing.T) { testClose(t, h) })
	t.Run("CloseWhileBusy", func(t *testing.T) { testCloseWhileBusy(t, h) })
	t.Run("Context", func(t *testing.T) { testContext(t, h) })
	if h.Persistent {
		t.Run("Reopen", func(t *testing.T) { testReopen(t, h) })
	}
	t.Run("Update", func(t *testing.T) { testUpdate(t, h) })
	t.Run("UpdateConcurrent", func(t *testing.T) { testUpdateConcurrent(t, h) })
	t.Run("ConcurrentCounters", func(t *testing.T) { testConcurrentCounters(t, h) })
	t.Run("ConcurrentBank", func(t *testing.T) { testConcurrentBank(t, h) })
	if h.Reference != nil {
		t.Run("Randomized", func(t *testing.T) {
			RunRandomized(t, h, RandomizedOptions{})
		})
	}
}

// open opens a fresh engine closed at the end of the test.
func open(t *testing.T, h Harness) engine.Engine {
	t.Helper()
	e := h.Open(t, t.TempDir())
	t.Cleanup(func() { _ = e.Close() })
	return e
}

var bg = context.Background()

func mustApply(t testing.TB, e engine.Engine, kv ...string) uint64 {
	t.Helper()
	var b engine.Batch
	for i := 0; i+1 < len(kv); i += 2 {
		b.Set([]byte(kv[i]), []byte(kv[i+1]))
	}
	seq, err := e.Apply(bg, &b)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	return seq
}

func mustDelete(t testing.TB, e engine.Engine, keys ...string) {
	t.Helper()
	var b engine.Batch
	for _, k := range keys {
		b.Delete([]byte(k))
	}
	if _, err := e.Apply(bg, &b); err != nil {
		t.Fatalf("Apply(delete): %v", err)
	}
}

// wantGet checks that r.Get(key) returns want, or ErrNotFound when want is
// nil.
func wantGet(t testing.TB, r interface {
	Get(context.Context, []byte) ([]byte, error)
}, key string, want *string) {
	t.Helper()
	got, err := r.Get(bg, []byte(key))
	if want == nil {
		if !errors.Is(err, engine.ErrNotFound) {
			t.Fatalf("Get(%q) = %q, %v; want ErrNotFound", key, got, err)
		}
		return
	}
	if err != nil || string(got) != *want {
		t.Fatalf("Get(%q) = %q, %v; want %q", key, got, err, *want)
	}
}

func str(s string) *string { return &s }

// scan collects "key=value" pairs of a whole iteration.
func scan(t testing.TB, r engine.Reader, opts engine.IterOptions) []string {
	t.Helper()
	it, err := r.NewIter(bg, opts)
	if err != nil {
		t.Fatalf("NewIter: %v", err)
	}
	var out []string
	for it.Next() {
		out = append(out, string(it.Key())+"="+string(it.Value()))
	}
	if err := it.Close(); err != nil {
		t.Fatalf("iterator: %v", err)
	}
	return out
}

func wantScan(t testing.TB, r engine.Reader, opts engine.IterOptions, want ...string) {
	t.Helper()
	got := scan(t, r, opts)
	if !slices.Equal(got, want) {
		t.Fatalf("scan [%q, %q) reverse=%v = %q; want %q", opts.Lower, opts.Upper, opts.Reverse, got, want)
	}
}

func snapshot(t testing.TB, e engine.Engine) engine.Snapshot {
	t.Helper()
	s, err := e.NewSnapshot(bg)
	if err != nil {
		t.Fatalf("NewSnapshot: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func begin(t testing.TB, e engine.Engine) engine.Txn {
	t.Helper()
	tx, err := e.Begin(bg)
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	t.Cleanup(tx.Discard)
	return tx
}

func mustSet(t testing.TB, tx engine.Txn, k, v string) {
	t.Helper()
	if err := tx.Set([]byte(k), []byte(v)); err != nil {
		t.Fatalf("Set(%q): %v", k, err)
	}
}

func wantCommit(t testing.TB, tx engine.Txn, want error) uint64 {
	t.Helper()
	seq, err := tx.Commit(bg)
	if !errors.Is(err, want) {
		t.Fatalf("Commit = %d, %v; want %v", seq, err, want)
	}
	return seq
}

func keyf(format string, args ...any) []byte { return []byte(fmt.Sprintf(format, args...)) }
