package txn

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/internal/occ"
)

// sliceSnap is a trivially correct snapshot: a sorted slice.
type sliceSnap struct{ keys, vals []string }

func (s *sliceSnap) Get(_ context.Context, key []byte) ([]byte, error) {
	i := sort.SearchStrings(s.keys, string(key))
	if i < len(s.keys) && s.keys[i] == string(key) {
		return []byte(s.vals[i]), nil
	}
	return nil, engine.ErrNotFound
}

func (s *sliceSnap) View(ctx context.Context, key []byte, fn func([]byte) error) error {
	return engine.ViewByGet(ctx, s.Get, key, fn)
}

func (s *sliceSnap) NewIter(_ context.Context, o engine.IterOptions) (engine.Iterator, error) {
	var it sliceIter
	for i, k := range s.keys {
		if k >= string(o.Lower) && (len(o.Upper) == 0 || k < string(o.Upper)) {
			it.keys = append(it.keys, k)
			it.vals = append(it.vals, s.vals[i])
		}
	}
	if o.Reverse {
		slices.Reverse(it.keys)
		slices.Reverse(it.vals)
	}
	it.pos = -1
	return &it, nil
}

func (s *sliceSnap) Close() error { return nil }

type sliceIter struct {
	keys, vals []string
	pos        int
}

func (it *sliceIter) Next() bool    { it.pos++; return it.pos < len(it.keys) }
func (it *sliceIter) Key() []byte   { return []byte(it.keys[it.pos]) }
func (it *sliceIter) Value() []byte { return []byte(it.vals[it.pos]) }
func (it *sliceIter) Err() error    { return nil }
func (it *sliceIter) Close() error  { return nil }

type nopCommitter struct{ reads *occ.ReadSet }

func (c *nopCommitter) CommitTxn(_ context.Context, _ uint64, r *occ.ReadSet, _ []engine.Op) (uint64, error) {
	c.reads = r
	return 1, nil
}
func (c *nopCommitter) EndTxn(uint64) {}
func (c *nopCommitter) Closed() bool  { return false }

// TestMergeAgainstModel compares transaction iteration (snapshot merged with
// buffered writes) with a map-based model, and checks that the recorded span
// covers the keys the caller saw.
func TestMergeAgainstModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	key := func() string { return fmt.Sprintf("%c%c", 'a'+rng.IntN(4), 'a'+rng.IntN(4))[:1+rng.IntN(2)] }
	for round := 0; round < 500; round++ {
		model := map[string]string{}
		snap := &sliceSnap{}
		for i := 0; i < rng.IntN(10); i++ {
			model[key()] = fmt.Sprint("s", i)
		}
		for k := range model {
			snap.keys = append(snap.keys, k)
		}
		sort.Strings(snap.keys)
		for _, k := range snap.keys {
			snap.vals = append(snap.vals, model[k])
		}
		tx := New(snap, 0, &nopCommitter{})
		for i := 0; i < rng.IntN(8); i++ {
			k := key()
			if rng.IntN(3) == 0 {
				tx.Delete([]byte(k))
				delete(model, k)
			} else {
				v := fmt.Sprint("w", i)
				tx.Set([]byte(k), []byte(v))
				model[k] = v
			}
		}
		o := engine.IterOptions{Reverse: rng.IntN(2) == 0}
		if rng.IntN(2) == 0 {
			o.Lower = []byte(key())
		}
		if rng.IntN(2) == 0 {
			o.Upper = []byte(key())
		}
		var want []string
		for k, v := range model {
			if k >= string(o.Lower) && (len(o.Upper) == 0 || k < string(o.Upper)) {
				want = append(want, k+"="+v)
			}
		}
		sort.Strings(want)
		if o.Reverse {
			slices.Reverse(want)
		}
		limit := len(want) + 1
		if rng.IntN(2) == 0 {
			limit = rng.IntN(len(want) + 1)
		}
		it, _ := tx.NewIter(context.Background(), o)
		var got []string
		for len(got) < limit && it.Next() {
			got = append(got, string(it.Key())+"="+string(it.Value()))
		}
		it.Close()
		if limit <= len(want) {
			want = want[:limit]
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d %+v: got %q want %q", round, o, got, want)
		}
		// Every key the caller saw lies in the span.
		span := tx.reads.Spans()[0]
		for _, kv := range got {
			k := []byte(kv[:bytes.IndexByte([]byte(kv), '=')])
			if span.Empty || bytes.Compare(k, span.Lo) < 0 || (!span.Unbounded && bytes.Compare(k, span.Hi) >= 0) {
				t.Fatalf("round %d: key %q outside span %+v", round, k, *span)
			}
		}
		if limit > len(want) && len(want) == 0 && span.Empty {
			t.Fatalf("round %d: exhausted iteration left the span empty", round)
		}
	}
}
