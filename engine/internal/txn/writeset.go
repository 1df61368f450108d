package txn

import "github.com/kvs-project/kvs/engine"

// writeSet buffers a transaction's writes, the last write of a key winning.
//
// Most transactions write one to a few keys (a single item and its index
// entries), so the writes are a slice searched linearly; a map from key to
// position is built only past indexThreshold keys, for big transactions.
// Against a map from the start this saves the map's allocation, a string
// copy of every key, and the []byte conversions at commit.
type writeSet struct {
	ops   []engine.Op    // in order of each key's first write
	index map[string]int // key -> position in ops, once len(ops) > indexThreshold
}

// indexThreshold is the number of keys from which lookups use a map.
const indexThreshold = 16

// find returns the position of key's write, or -1.
func (w *writeSet) find(key []byte) int {
	if w.index != nil {
		if i, ok := w.index[string(key)]; ok {
			return i
		}
		return -1
	}
	for i := range w.ops {
		if string(w.ops[i].Key) == string(key) {
			return i
		}
	}
	return -1
}

// get returns key's buffered write, if any.
func (w *writeSet) get(key []byte) (engine.Op, bool) {
	if i := w.find(key); i >= 0 {
		return w.ops[i], true
	}
	return engine.Op{}, false
}

// put records op (whose Key and Value the caller already owns), replacing
// an earlier write of the same key.
func (w *writeSet) put(op engine.Op) {
	if i := w.find(op.Key); i >= 0 {
		w.ops[i].Value, w.ops[i].Delete = op.Value, op.Delete
		return
	}
	w.ops = append(w.ops, op)
	switch {
	case w.index != nil:
		w.index[string(op.Key)] = len(w.ops) - 1
	case len(w.ops) > indexThreshold:
		w.index = make(map[string]int, 2*len(w.ops))
		for i, o := range w.ops {
			w.index[string(o.Key)] = i
		}
	}
}
