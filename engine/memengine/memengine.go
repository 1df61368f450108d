// Package memengine is an in-memory engine.Engine, for tests and for
// embedded use without persistence.
//
// Data structure: one copy-on-write B-tree (github.com/google/btree) holds the
// latest state. A snapshot is a Clone of it, which is O(1): the clone and the
// original share nodes, and whichever is written afterwards copies the nodes
// on its path first. Snapshots are never written, so they are immutable and
// safe to read from any number of goroutines without locks, while commits
// keep modifying the latest tree. This gives cheap consistent snapshots
// without keeping per-key version chains (MVCC) or a garbage collector: old
// versions disappear with the last snapshot that references their nodes.
// The price is that a commit right after a snapshot copies a few nodes
// (O(log n)), which is small next to everything else a commit does.
//
// Conflict detection and commit sequences come from engine/internal/occ,
// shared with the disk engine, so both engines behave identically.
package memengine

import (
	"bytes"
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/google/btree"

	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/internal/occ"
	"github.com/kvs-project/kvs/engine/internal/txn"
)

// item is immutable once in a tree: replacing a value inserts a new item.
type item struct {
	key, value []byte
}

func lessItem(a, b *item) bool { return bytes.Compare(a.key, b.key) < 0 }

// DB is an in-memory engine. It is safe for concurrent use.
type DB struct {
	mu   sync.RWMutex // guards tree and index; commits also hold the occ mutex
	tree *btree.BTreeG[*item]
	// index finds the latest tree's items by key: a point read in the
	// B-tree compares keys down its whole height, a cache miss or more per
	// level (about 2 µs at 100,000 keys), a map lookup hashes once. Keys are
	// the items' own immutable bytes (indexKey).
	index  map[string]*item
	occ    *occ.Table
	closed atomic.Bool
	excl   exclusive // Update's, guarded by the occ table's mutex
}

var (
	_ engine.Engine       = (*DB)(nil)
	_ engine.SharedGetter = (*DB)(nil)
	_ engine.Updater      = (*DB)(nil)
)

// New returns an empty in-memory engine.
func New() *DB {
	return &DB{tree: btree.NewG(32, lessItem), index: make(map[string]*item), occ: occ.New(0)}
}

// Get implements engine.Engine.
func (db *DB) Get(ctx context.Context, key []byte) ([]byte, error) {
	it, err := db.lookup(ctx, key)
	if err != nil {
		return nil, err
	}
	return cloneValue(it.value), nil
}

// cloneValue is the caller-owned copy Get returns: never nil, since the
// empty value is stored as empty (slices.Clone keeps nil nil).
func cloneValue(v []byte) []byte {
	if v == nil {
		return []byte{}
	}
	return slices.Clone(v)
}

// lookup finds the stored item of key in the latest tree. Its value is
// never modified (a commit inserts a new item), so it may be read after the
// lock is released: that is what View and GetShared rely on.
func (db *DB) lookup(ctx context.Context, key []byte) (*item, error) {
	if db.closed.Load() {
		return nil, engine.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	db.mu.RLock()
	it, ok := db.index[string(key)]
	db.mu.RUnlock()
	if !ok {
		return nil, engine.ErrNotFound
	}
	return it, nil
}

// indexKey is the index's key of it: its key bytes, which no one modifies
// once the item is in the tree, viewed as a string.
func indexKey(it *item) string {
	if len(it.key) == 0 {
		return ""
	}
	return unsafe.String(&it.key[0], len(it.key))
}

// View implements engine.Engine: fn reads the stored value itself.
func (db *DB) View(ctx context.Context, key []byte, fn func(value []byte) error) error {
	it, err := db.lookup(ctx, key)
	if err != nil {
		return err
	}
	return fn(it.value)
}

// GetShared implements engine.SharedGetter: the stored value itself, which
// no commit modifies.
func (db *DB) GetShared(ctx context.Context, key []byte) ([]byte, error) {
	it, err := db.lookup(ctx, key)
	if err != nil {
		return nil, err
	}
	return sharedValue(it.value), nil
}

// sharedValue is an item's value as Get returns it (non-nil when empty)
// but not copied.
func sharedValue(v []byte) []byte {
	if v == nil {
		return []byte{}
	}
	return v[:len(v):len(v)] // an append by the caller cannot reach past it
}

func (db *DB) clone() *btree.BTreeG[*item] {
	// Clone modifies the original's copy-on-write bookkeeping: exclusive.
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.tree.Clone()
}

// NewSnapshot implements engine.Engine.
func (db *DB) NewSnapshot(ctx context.Context) (engine.Snapshot, error) {
	if db.closed.Load() {
		return nil, engine.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := &snapshot{db: db}
	s.seq, _ = db.occ.Snapshot(func(uint64) error {
		s.tree = db.clone()
		return nil
	})
	return s, nil
}

// Begin implements engine.Engine.
func (db *DB) Begin(ctx context.Context) (engine.Txn, error) {
	if db.closed.Load() {
		return nil, engine.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := &snapshot{db: db}
	s.seq, _ = db.occ.Begin(func(uint64) error {
		s.tree = db.clone()
		return nil
	})
	return txn.New(s, s.seq, committer{db}), nil
}

// Apply implements engine.Engine.
func (db *DB) Apply(ctx context.Context, b *engine.Batch) (uint64, error) {
	return db.commit(ctx, false, 0, nil, b.Ops())
}

// committer is the engine side of transactions (txn.Committer), kept off
// DB's exported method set.
type committer struct{ db *DB }

func (c committer) CommitTxn(ctx context.Context, start uint64, reads *occ.ReadSet, ops []engine.Op) (uint64, error) {
	return c.db.commit(ctx, true, start, reads, ops)
}

func (c committer) EndTxn(start uint64) { c.db.occ.End(start) }

func (c committer) Closed() bool { return c.db.closed.Load() }

func (db *DB) commit(ctx context.Context, validate bool, start uint64, reads *occ.ReadSet, ops []engine.Op) (uint64, error) {
	if db.closed.Load() {
		return 0, engine.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	keys := make([][]byte, len(ops))
	for i, op := range ops {
		keys[i] = op.Key
	}
	seq, err := db.occ.Commit(validate, start, reads, keys, func(uint64) error {
		return db.apply(ops)
	})
	if err == occ.ErrConflict {
		return 0, engine.ErrConflict
	}
	return seq, err
}

// apply makes ops visible in the latest tree, or nothing once closed. The
// caller holds the occ table's mutex.
func (db *DB) apply(ops []engine.Op) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed.Load() {
		return engine.ErrClosed
	}
	for _, op := range ops {
		if op.Delete {
			db.tree.Delete(&item{key: op.Key})
			delete(db.index, string(op.Key))
		} else {
			// Batch and Txn already copied key and value for us.
			it := &item{key: op.Key, value: op.Value}
			db.tree.ReplaceOrInsert(it)
			db.index[indexKey(it)] = it
		}
	}
	return nil
}

// Update implements engine.Updater. fn runs under the occ table's mutex and
// reads the latest tree itself: no other commit can change it meanwhile,
// and no Clone either (snapshots are taken under the same mutex). Besides
// the snapshot, read set and validation, this spares the commit the
// copy-on-write copies of every node on its path, which a write right
// after a Clone makes.
func (db *DB) Update(ctx context.Context, fn func(engine.Txn) error) (seq uint64, err error) {
	if db.closed.Load() {
		return 0, engine.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	next := db.occ.LockExclusive()
	var keys [][]byte
	defer func() {
		// Deferred, so that a panic in fn cannot leave the engine locked.
		seq = db.occ.RecordExclusive(keys)
		db.excl.reset()
		db.occ.UnlockExclusive()
		if err != nil {
			seq = 0
		}
	}()
	keys, err = db.update(ctx, next, fn)
	return 0, err // seq is set by the deferred unlock
}

// update runs fn in the reusable exclusive transaction and applies its
// writes with sequence seq, returning their keys (nil when there were none
// or on error). The caller holds the occ table's exclusive lock.
func (db *DB) update(ctx context.Context, seq uint64, fn func(engine.Txn) error) ([][]byte, error) {
	x := &db.excl
	x.gen++
	// Field by field rather than a new snapshot value: a stale iterator
	// or handle may load gen concurrently (misuse, but not a data race).
	x.snap.gen.Store(x.gen)
	x.snap.db, x.snap.seq = db, seq-1
	db.mu.RLock()
	x.snap.tree, x.snap.index = db.tree, db.index
	db.mu.RUnlock()
	x.snap.closed.Store(false)
	x.c.db = db
	x.tx.ResetExclusive(&x.snap, seq-1, &x.c, x.c.ops)
	err := fn(&exclusiveTxn{x: x, gen: x.gen})
	if err == nil {
		_, err = x.tx.Commit(ctx) // hands the writes to x.c
	}
	x.tx.Discard()
	if err != nil || len(x.c.ops) == 0 {
		return nil, err
	}
	for _, op := range x.c.ops {
		x.keys = append(x.keys, op.Key)
	}
	if err := db.apply(x.c.ops); err != nil {
		return nil, err
	}
	return x.keys, nil
}

// exclusive is the reusable state of DB.Update, which runs one at a time.
type exclusive struct {
	snap snapshot
	c    exclusiveCommitter
	tx   txn.Txn
	keys [][]byte
	gen  uint64 // counts Updates; see snapshot.gen
}

// reset drops the references of the last Update to its keys and values
// (in the whole of the buffers, which a failed Update may have written
// past their lengths) and keeps the buffers. The transaction stays
// finished, so that a caller that kept it gets ErrTxnDone until the next
// Update reuses it (engine.Updater forbids keeping it).
func (x *exclusive) reset() {
	clear(x.c.ops[:cap(x.c.ops)])
	clear(x.keys)
	x.c.ops, x.keys = x.c.ops[:0], x.keys[:0]
	x.snap.tree, x.snap.index = nil, nil
}

// exclusiveTxn is the handle fn gets of the reused transaction: it works
// only while its own Update runs, so that a handle fn kept cannot reach a
// later Update's transaction (engine.Updater forbids keeping it; this makes
// the mistake an ErrTxnDone instead of a write in someone else's commit).
type exclusiveTxn struct {
	x   *exclusive
	gen uint64
}

// tx returns the transaction, or nil once a later Update has taken it
// over (between the two, the finished transaction answers ErrTxnDone
// itself).
func (h *exclusiveTxn) tx() *txn.Txn {
	if h.x.snap.gen.Load() != h.gen {
		return nil
	}
	return &h.x.tx
}

func (h *exclusiveTxn) Seq() uint64 { return h.x.tx.Seq() }

func (h *exclusiveTxn) Get(ctx context.Context, key []byte) ([]byte, error) {
	if t := h.tx(); t != nil {
		return t.Get(ctx, key)
	}
	return nil, engine.ErrTxnDone
}

func (h *exclusiveTxn) View(ctx context.Context, key []byte, fn func([]byte) error) error {
	if t := h.tx(); t != nil {
		return t.View(ctx, key, fn)
	}
	return engine.ErrTxnDone
}

// GetShared implements engine.SharedGetter.
func (h *exclusiveTxn) GetShared(ctx context.Context, key []byte) ([]byte, error) {
	if t := h.tx(); t != nil {
		return t.GetShared(ctx, key)
	}
	return nil, engine.ErrTxnDone
}

func (h *exclusiveTxn) NewIter(ctx context.Context, opts engine.IterOptions) (engine.Iterator, error) {
	if t := h.tx(); t != nil {
		return t.NewIter(ctx, opts)
	}
	return nil, engine.ErrTxnDone
}

func (h *exclusiveTxn) Set(key, value []byte) error {
	if t := h.tx(); t != nil {
		return t.Set(key, value)
	}
	return engine.ErrTxnDone
}

func (h *exclusiveTxn) Delete(key []byte) error {
	if t := h.tx(); t != nil {
		return t.Delete(key)
	}
	return engine.ErrTxnDone
}

// Commit and Discard belong to Update (engine.Updater); called by fn they
// end the transaction early, as on any Txn.
func (h *exclusiveTxn) Commit(ctx context.Context) (uint64, error) {
	if t := h.tx(); t != nil {
		return t.Commit(ctx)
	}
	return 0, engine.ErrTxnDone
}

func (h *exclusiveTxn) Discard() {
	if t := h.tx(); t != nil {
		t.Discard()
	}
}

// exclusiveCommitter receives the writes of Update's transaction, which
// Update applies itself.
type exclusiveCommitter struct {
	db  *DB
	ops []engine.Op
}

func (c *exclusiveCommitter) CommitTxn(_ context.Context, start uint64, _ *occ.ReadSet, ops []engine.Op) (uint64, error) {
	c.ops = ops
	return start + 1, nil
}

func (c *exclusiveCommitter) EndTxn(uint64) {}

func (c *exclusiveCommitter) Closed() bool { return c.db.closed.Load() }

// Close implements engine.Engine. It drops the data.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed.Swap(true) {
		return nil
	}
	db.tree = btree.NewG(2, lessItem)
	db.index = nil
	return nil
}
