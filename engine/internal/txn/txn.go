// Package txn implements engine.Txn once for every engine: a snapshot to read
// from, a buffer of writes layered over it (read-your-writes), the read set
// for conflict detection, and a hand-off to the engine's commit.
package txn

import (
	"bytes"
	"context"
	"slices"

	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/internal/occ"
)

// Snapshot is the engine's view a transaction reads from.
type Snapshot interface {
	engine.Reader
	Close() error
}

// Committer is the engine side of a transaction.
type Committer interface {
	// CommitTxn validates reads and ops against commits after start and
	// applies ops atomically (see occ.Table.Commit).
	CommitTxn(ctx context.Context, start uint64, reads *occ.ReadSet, ops []engine.Op) (uint64, error)
	// EndTxn ends the transaction begun at start (occ.Table.End).
	EndTxn(start uint64)
	// Closed reports whether the engine is closed.
	Closed() bool
}

// Txn is an engine.Txn. Create it with New.
type Txn struct {
	snap   Snapshot
	start  uint64
	c      Committer
	reads  occ.ReadSet
	writes writeSet
	done   bool
	// exclusive: nothing can commit while the transaction runs
	// (ResetExclusive), so its reads are not recorded.
	exclusive bool
}

var _ engine.Txn = (*Txn)(nil)

// New returns a transaction reading snap, taken at commit sequence start.
// The transaction closes snap and calls c.EndTxn when it finishes.
func New(snap Snapshot, start uint64, c Committer) *Txn {
	return &Txn{snap: snap, start: start, c: c}
}

// ResetExclusive makes t, in its own memory, a new transaction for
// engine.Updater, which an engine that runs one at a time reuses: snap is
// the engine's latest state, which no commit changes while the transaction
// runs, so reads are not recorded for conflict detection, and Commit hands
// the writes to c.CommitTxn with an empty read set. ops (length 0,
// elements overwritten) is the buffer its writes go into.
func (t *Txn) ResetExclusive(snap Snapshot, start uint64, c Committer, ops []engine.Op) {
	*t = Txn{snap: snap, start: start, c: c, exclusive: true}
	t.writes.ops = ops[:0]
}

// addRead records a point read of key, unless the transaction is exclusive.
func (t *Txn) addRead(key []byte) {
	if !t.exclusive {
		t.reads.AddKey(key)
	}
}

// Seq implements engine.Txn.
func (t *Txn) Seq() uint64 { return t.start }

func (t *Txn) check() error {
	if t.c.Closed() {
		return engine.ErrClosed
	}
	if t.done {
		return engine.ErrTxnDone
	}
	return nil
}

// Get implements engine.Reader.
func (t *Txn) Get(ctx context.Context, key []byte) ([]byte, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	if w, ok := t.writes.get(key); ok {
		if w.Delete {
			return nil, engine.ErrNotFound
		}
		return slices.Clone(w.Value), nil
	}
	t.addRead(key)
	return t.snap.Get(ctx, key)
}

// View implements engine.Reader: a buffered write is the transaction's
// own copy (Set copied it) and is handed over in place; otherwise the key
// is recorded as read and the snapshot's View reads it.
func (t *Txn) View(ctx context.Context, key []byte, fn func(value []byte) error) error {
	if err := t.check(); err != nil {
		return err
	}
	if w, ok := t.writes.get(key); ok {
		if w.Delete {
			return engine.ErrNotFound
		}
		return fn(w.Value)
	}
	t.addRead(key)
	return t.snap.View(ctx, key, fn)
}

// GetShared implements engine.SharedGetter. A buffered write is never
// modified once Set has copied it, so it is shared as is; the snapshot's
// value is shared when the snapshot is a SharedGetter and copied otherwise
// (engine.GetShared), so a transaction of any engine may be asked.
func (t *Txn) GetShared(ctx context.Context, key []byte) ([]byte, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	if w, ok := t.writes.get(key); ok {
		if w.Delete {
			return nil, engine.ErrNotFound
		}
		return w.Value[:len(w.Value):len(w.Value)], nil
	}
	t.addRead(key)
	return engine.GetShared(ctx, t.snap, key)
}

// Set implements engine.Txn.
func (t *Txn) Set(key, value []byte) error {
	if err := t.check(); err != nil {
		return err
	}
	t.writes.put(engine.Op{Key: slices.Clone(key), Value: append([]byte{}, value...)})
	return nil
}

// Delete implements engine.Txn.
func (t *Txn) Delete(key []byte) error {
	if err := t.check(); err != nil {
		return err
	}
	t.writes.put(engine.Op{Key: slices.Clone(key), Delete: true})
	return nil
}

// Commit implements engine.Txn.
func (t *Txn) Commit(ctx context.Context) (uint64, error) {
	if err := t.check(); err != nil {
		return 0, err
	}
	defer t.finish()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return t.c.CommitTxn(ctx, t.start, &t.reads, t.writes.ops)
}

// Discard implements engine.Txn.
func (t *Txn) Discard() {
	if !t.done {
		t.finish()
	}
}

func (t *Txn) finish() {
	t.done = true
	t.writes = writeSet{}
	t.c.EndTxn(t.start)
	_ = t.snap.Close()
}

// NewIter implements engine.Reader: it merges the snapshot's iterator with
// the buffered writes in range and records the visited span.
func (t *Txn) NewIter(ctx context.Context, opts engine.IterOptions) (engine.Iterator, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	opts.Lower = slices.Clone(opts.Lower) // the span keeps referring to them
	opts.Upper = slices.Clone(opts.Upper)
	base, err := t.snap.NewIter(ctx, opts)
	if err != nil {
		return nil, err
	}
	var buf []bufEntry
	for _, w := range t.writes.ops {
		if bytes.Compare(w.Key, opts.Lower) < 0 || (len(opts.Upper) > 0 && bytes.Compare(w.Key, opts.Upper) >= 0) {
			continue
		}
		buf = append(buf, bufEntry{key: w.Key, value: w.Value, del: w.Delete})
	}
	slices.SortFunc(buf, func(a, b bufEntry) int {
		if opts.Reverse {
			return bytes.Compare(b.key, a.key)
		}
		return bytes.Compare(a.key, b.key)
	})
	span := &occ.Span{Empty: true} // an exclusive transaction's is not recorded
	if !t.exclusive {
		span = t.reads.AddSpan()
	}
	return &mergeIter{
		base:  base,
		buf:   buf,
		opts:  opts,
		span:  span,
		first: true,
	}, nil
}
