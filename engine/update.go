package engine

import "context"

// Exclusive read-modify-write.
//
// A single-item write (PutItem, UpdateItem, DeleteItem) is a transaction of
// one or a few keys that reads them and writes them back. Run as an
// optimistic transaction it pays for a snapshot, a read set and a
// validation it almost never needs; an engine whose commits already run one
// at a time under a lock (memengine) can instead run the whole
// read-modify-write under that lock, where nothing can conflict with it.

// Updater is implemented by engines that can run a read-modify-write
// exclusively.
//
// Update calls fn with a transaction that reads the latest committed state
// (no snapshot: no other commit, snapshot or transaction begins until fn
// returns) and buffers fn's writes, with read-your-writes as in any Txn.
// When fn returns nil, Update commits the writes atomically and returns
// their commit sequence (the latest one when fn wrote nothing); when fn
// returns an error, nothing is applied and Update returns that error. An
// exclusive transaction never fails with ErrConflict, but the optimistic
// transactions it overlaps see its writes as conflicts exactly as they see
// any commit's. Durability is as for Apply.
//
// fn must be short, since it blocks every other writer. It must not call
// Commit or Discard on the transaction, nor any other method of the engine
// or of its snapshots and transactions except Engine.Get, View and
// GetShared (Begin, NewSnapshot, Apply, another Update, or the Commit of
// another transaction would deadlock). It must close the iterators it
// opens and keep neither them nor the transaction after it returns: an
// engine may reuse both for the next Update (memengine does; their later
// use returns ErrTxnDone or ErrClosed until then). Values read through the
// transaction follow the engine's usual rules (a SharedGetter's stay
// valid).
type Updater interface {
	Update(ctx context.Context, fn func(tx Txn) error) (seq uint64, err error)
}

// Update runs fn as one serializable read-modify-write on e: exclusively
// when e is an Updater, otherwise in an optimistic transaction (Begin, fn,
// Commit), which may fail with ErrConflict for the caller to retry. fn must
// not call Commit or Discard on the transaction it is given.
func Update(ctx context.Context, e Engine, fn func(tx Txn) error) (uint64, error) {
	if u, ok := e.(Updater); ok {
		return u.Update(ctx, fn)
	}
	tx, err := e.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Discard()
	if err := fn(tx); err != nil {
		return 0, err
	}
	return tx.Commit(ctx)
}
