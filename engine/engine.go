// Package engine defines the ordered byte-key store that kvs's embedded
// DynamoDB driver runs on.
//
// An engine maps arbitrary byte-string keys to byte-string values, ordered
// bytewise (bytes.Compare). It offers:
//
//   - point reads of the latest committed state (Engine.Get, no transaction);
//   - snapshots: consistent point-in-time views with point reads and forward
//     or reverse iteration over half-open key ranges [Lower, Upper);
//   - optimistic transactions: reads from a snapshot taken at Begin, buffered
//     writes, and a Commit that applies every write atomically or none and
//     fails with ErrConflict when another commit interfered (see Txn);
//   - atomic batches without reads (Engine.Apply);
//   - a commit sequence: every commit that writes gets a number larger than
//     every earlier commit's, for change streams built on top.
//
// The contract is deliberately implementable over a networked database with
// serializable transactions (PostgreSQL, CockroachDB): nothing in it relies on
// shared memory. Slices passed in are copied before a call returns; slices
// returned by Get are owned by the caller; slices returned by an Iterator are
// only valid until its next call (as with database/sql's RawBytes); values
// handed to a View callback only until it returns (see view.go).
//
// Keys and values are arbitrary byte strings, the empty string included; an
// engine stores the empty value as empty (Get returns a non-nil empty slice).
// Size limits (DynamoDB's 400 KB items, 2 KB partition keys) are enforced
// above the engine; an engine over a SQL database may reject larger keys.
//
// Engines deal in bytes only: they never import kvs's attr or expr packages.
// Implementations live in sub-packages (memengine, diskengine) and all pass
// the one conformance suite in enginetest.
package engine

import (
	"context"
	"errors"
)

// Errors returned by engines. Callers match them with errors.Is; an engine
// may wrap them to add detail.
var (
	// ErrNotFound is returned by Get when the key has no value.
	ErrNotFound = errors.New("engine: key not found")

	// ErrConflict is returned by Txn.Commit when the transaction could not be
	// serialized: another commit wrote a key it read or wrote after its
	// snapshot. Nothing of the transaction was applied; the caller may retry
	// the whole transaction from Begin.
	ErrConflict = errors.New("engine: transaction conflict")

	// ErrClosed is returned by every operation on an engine, or on a
	// snapshot, transaction or iterator of an engine, after Engine.Close.
	ErrClosed = errors.New("engine: closed")

	// ErrTxnDone is returned by operations on a transaction after Commit or
	// Discard.
	ErrTxnDone = errors.New("engine: transaction already committed or discarded")
)

// Engine is an ordered byte-key store.
//
// All methods are safe for concurrent use by multiple goroutines. Methods
// that take a context stop early and return the context's error when it is
// done before the operation started to take effect; an operation already
// committing may complete regardless (see Txn.Commit for what that means).
type Engine interface {
	// Get returns the value of key in the latest committed state, or
	// ErrNotFound. It runs no transaction and records no read for conflict
	// detection. The returned slice is owned by the caller. Any key is valid,
	// including the empty key.
	//
	// "Latest committed" means: it reflects every commit whose Commit or
	// Apply returned before Get was called, and possibly commits still in
	// progress (a commit may become visible before it is durable and
	// acknowledged).
	Get(ctx context.Context, key []byte) ([]byte, error)

	// View is Get without the copy: it calls fn with the value of key in
	// the latest committed state and returns fn's error, or returns
	// ErrNotFound without calling fn. The value is read-only and valid only
	// until fn returns (see "Zero-copy reads" in view.go); fn must copy what
	// it keeps. Visibility is as for Get.
	View(ctx context.Context, key []byte, fn func(value []byte) error) error

	// NewSnapshot returns a consistent, read-only point-in-time view of the
	// store: it contains every commit with a sequence <= Snapshot.Seq and no
	// other. The caller must Close it; an open snapshot may pin resources
	// (old versions, files).
	NewSnapshot(ctx context.Context) (Snapshot, error)

	// Begin starts an optimistic transaction whose reads come from a
	// snapshot taken now. The caller must end it with Commit or Discard;
	// an unfinished transaction pins resources and conflict-detection state.
	Begin(ctx context.Context) (Txn, error)

	// Apply commits the batch atomically: after it returns nil every
	// operation is applied, and on any other outcome it is either applied in
	// full or not at all (never in part). Apply performs no conflict
	// detection (it has no reads), but its writes do make concurrent
	// transactions that read or wrote the same keys fail with ErrConflict.
	// Operations on the same key apply in order, so the last one wins.
	//
	// It returns the commit sequence assigned to the batch. An empty batch
	// commits nothing and returns the latest commit sequence.
	//
	// Durability: when Apply returns nil the batch is durable unless the
	// engine was opened in an explicitly unsynced mode (see the engine's
	// Options). If Apply returns an error other than ErrClosed or a context
	// error returned before committing, the outcome is unknown.
	//
	// The batch is not retained; the caller may reuse it after Apply returns.
	Apply(ctx context.Context, b *Batch) (seq uint64, err error)

	// Close releases the engine. It waits for calls in progress to return,
	// then closes every snapshot, transaction and iterator still open (their
	// later use returns ErrClosed; slices an iterator returned become invalid,
	// so Close must not race with a goroutine still using them). Close is idempotent: later calls return
	// nil. A persistent engine reopened on the same location afterwards holds
	// every commit that was acknowledged before Close.
	Close() error
}

// Reader reads a consistent view of the store. It is implemented by Snapshot
// and Txn.
type Reader interface {
	// Get returns the value of key in this view, or ErrNotFound. The returned
	// slice is owned by the caller.
	Get(ctx context.Context, key []byte) ([]byte, error)

	// View calls fn with the value of key in this view and returns fn's
	// error, or returns ErrNotFound without calling fn: Engine.View's
	// contract, for this view. In a Txn it counts as a read of key for
	// conflict detection, exactly as Get does.
	View(ctx context.Context, key []byte, fn func(value []byte) error) error

	// NewIter returns an iterator over the keys k with Lower <= k < Upper in
	// this view, in ascending bytewise order, or descending when
	// opts.Reverse. The caller must Close it.
	NewIter(ctx context.Context, opts IterOptions) (Iterator, error)
}

// IterOptions bounds an iteration.
type IterOptions struct {
	// Lower is the inclusive lower bound; nil or empty means the first key.
	Lower []byte
	// Upper is the exclusive upper bound; nil or empty means no upper bound.
	// (No key sorts before the empty key, so an empty exclusive bound would
	// only ever describe an empty range, which Lower == Upper also does.)
	Upper []byte
	// Reverse iterates from the largest key below Upper down to Lower.
	Reverse bool
}

// Iterator walks the keys of a range in order. It is not safe for concurrent
// use. The typical loop is
//
//	it, err := r.NewIter(ctx, opts)
//	if err != nil { ... }
//	defer it.Close()
//	for it.Next() {
//		use(it.Key(), it.Value())
//	}
//	if err := it.Err(); err != nil { ... }
type Iterator interface {
	// Next advances to the next key and reports whether there is one. It
	// returns false at the end of the range or on error (see Err). The first
	// call positions the iterator on the first key.
	Next() bool

	// Key returns the current key. The slice is valid only until the next
	// call to Next or Close and must not be modified; copy it to keep it.
	Key() []byte

	// Value returns the current value, under the same rules as Key.
	Value() []byte

	// Err returns the error that stopped iteration, if any.
	Err() error

	// Close releases the iterator and returns Err. It is idempotent.
	Close() error
}

// Snapshot is a consistent, read-only point-in-time view. Its methods are
// safe for concurrent use; iterators it returns are not.
type Snapshot interface {
	Reader

	// Seq returns the commit sequence the snapshot reflects: every commit
	// with a sequence <= Seq is visible and no later one is. It is 0 for a
	// store that never had a commit.
	Seq() uint64

	// Close releases the snapshot. It is idempotent. Iterators of the
	// snapshot must be closed first; their later use returns ErrClosed.
	Close() error
}

// Txn is an optimistic transaction. It is not safe for concurrent use.
//
// Reads (Get, NewIter) see the snapshot taken at Begin overlaid with the
// transaction's own writes so far (read-your-writes; an iterator reflects the
// writes made before NewIter). Writes (Set, Delete) are buffered and invisible
// to everyone else until Commit.
//
// Commit fails with ErrConflict, applying nothing, when a commit by someone
// else with a sequence greater than the transaction's snapshot (Seq) wrote
//   - a key the transaction read with Get (found or not),
//   - a key in a range the transaction iterated (the part actually visited:
//     from the start bound to the last key returned, or the whole range when
//     the iterator was exhausted), or
//   - a key the transaction writes.
//
// Together these make committed transactions serializable (in commit-sequence
// order), which is what DynamoDB's conditional writes and TransactWriteItems
// need. Implementations may report false conflicts (for example on ranges
// coarser than visited) but must never miss a true one.
type Txn interface {
	Reader

	// Seq returns the commit sequence of the snapshot the transaction reads.
	Seq() uint64

	// Set buffers a write of value to key. Key and value are copied.
	Set(key, value []byte) error

	// Delete buffers a deletion of key (deleting an absent key is not an
	// error). Key is copied.
	Delete(key []byte) error

	// Commit validates the transaction and applies its writes atomically.
	// It returns the transaction's commit sequence, or ErrConflict (nothing
	// applied), ErrClosed, ErrTxnDone, a context error (nothing applied), or
	// an engine error after which the outcome is unknown. A transaction that
	// wrote nothing is validated the same way and returns the latest commit
	// sequence without creating a new one. Durability is as for
	// Engine.Apply. After Commit, whatever it returned, the transaction is
	// finished.
	Commit(ctx context.Context) (seq uint64, err error)

	// Discard abandons the transaction, discarding its writes. It is
	// idempotent and a no-op after Commit, so `defer txn.Discard()` is the
	// usual pattern.
	Discard()
}
