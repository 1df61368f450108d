package txn

import (
	"fmt"
	"testing"

	"github.com/kvs-project/kvs/engine"
)

// TestWriteSet checks the last write of a key wins and that every key is
// found, below and above the size at which lookups switch to a map.
func TestWriteSet(t *testing.T) {
	var w writeSet
	want := map[string]engine.Op{}
	for round := range 3 {
		for i := range 2 * indexThreshold {
			k := fmt.Sprintf("k%02d", (i*7)%(2*indexThreshold))
			op := engine.Op{Key: []byte(k), Value: []byte(fmt.Sprint(round, i)), Delete: (i+round)%5 == 0}
			w.put(op)
			want[k] = op
			for wk, wop := range want {
				got, ok := w.get([]byte(wk))
				if !ok || string(got.Value) != string(wop.Value) || got.Delete != wop.Delete {
					t.Fatalf("round %d after %d puts: get(%s) = %+v, %v; want %+v", round, i, wk, got, ok, wop)
				}
			}
		}
	}
	if len(w.ops) != len(want) {
		t.Errorf("%d buffered ops for %d keys", len(w.ops), len(want))
	}
	if _, ok := w.get([]byte("absent")); ok {
		t.Error("found a key never written")
	}
}
