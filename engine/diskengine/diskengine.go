// Package diskengine is an engine.Engine stored on disk in CockroachDB's
// Pebble (an LSM tree with a write-ahead log). docs/engine-choice.md records
// why Pebble, measured against bbolt.
//
// Commits: conflict detection and sequence assignment come from
// engine/internal/occ (shared with memengine). Under occ's mutex a commit is
// validated, given the next sequence, and handed to Pebble with
// ApplyNoSyncWait, which returns once the batch is in the WAL buffer and the
// memtable and visible — so Pebble's order of visibility is exactly the
// sequence order and a snapshot taken under the same mutex holds exactly the
// commits up to its sequence. The commit then waits for the WAL fsync
// outside the mutex, which lets Pebble's commit pipeline cover many
// concurrent commits with one fsync. A commit is therefore visible (to Get,
// snapshots and validation) slightly before it is durable and acknowledged;
// a transaction that read it commits after it in the WAL, so it can never be
// durable without it.
package diskengine

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/cockroachdb/pebble"
	"github.com/cockroachdb/pebble/vfs"

	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/internal/occ"
	"github.com/kvs-project/kvs/engine/internal/txn"
)

// DB is an engine stored in a directory. It is safe for concurrent use.
type DB struct {
	pdb   *pebble.DB
	cache *pebble.Cache
	opts  Options
	occ   *occ.Table

	// closeMu is read-locked by every operation while it uses pdb and
	// write-locked by Close, so Close waits for operations in progress.
	closeMu sync.RWMutex
	closed  atomic.Bool

	handlesMu sync.Mutex
	handles   map[io.Closer]struct{} // open Pebble iterators and snapshots
}

var _ engine.Engine = (*DB)(nil)

// Open opens the store in dir, creating it if needed. Only one DB may have a
// directory open at a time (Pebble locks it).
func Open(dir string, opts Options) (*DB, error) {
	size := opts.CacheSize
	if size <= 0 {
		size = defaultCacheSize
	}
	if err := createDir(opts.fs, dir); err != nil {
		return nil, err
	}
	cache := pebble.NewCache(size)
	pdb, err := pebble.Open(dir, opts.pebbleOptions(cache))
	if err != nil {
		cache.Unref()
		return nil, fmt.Errorf("diskengine: open %s: %w", dir, err)
	}
	seq, err := checkFormat(pdb)
	if err != nil {
		pdb.Close()
		cache.Unref()
		return nil, err
	}
	return &DB{
		pdb:     pdb,
		cache:   cache,
		opts:    opts,
		occ:     occ.New(seq),
		handles: make(map[io.Closer]struct{}),
	}, nil
}

// createDir creates dir and fsyncs its parent, so that a new store's
// directory entry is durable: Pebble syncs the directory's contents but not
// the directory's own entry in its parent, and without this a power loss
// shortly after creating a store could lose the whole directory along with
// acknowledged commits (found by TestPowerLoss).
func createDir(fs vfs.FS, dir string) error {
	if fs == nil {
		fs = vfs.Default
	}
	if err := fs.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("diskengine: create %s: %w", dir, err)
	}
	parent, err := fs.OpenDir(filepath.Dir(filepath.Clean(dir)))
	if err != nil {
		return fmt.Errorf("diskengine: create %s: %w", dir, err)
	}
	defer parent.Close()
	if err := parent.Sync(); err != nil {
		return fmt.Errorf("diskengine: sync parent of %s: %w", dir, err)
	}
	return nil
}

// enter starts an operation; it reports false if the engine is closed.
// Every true must be paired with exit. Operations never nest enter calls
// (a pending Close would deadlock them).
func (db *DB) enter() bool {
	db.closeMu.RLock()
	if db.closed.Load() {
		db.closeMu.RUnlock()
		return false
	}
	return true
}

func (db *DB) exit() { db.closeMu.RUnlock() }

func (db *DB) register(c io.Closer) {
	db.handlesMu.Lock()
	db.handles[c] = struct{}{}
	db.handlesMu.Unlock()
}

func (db *DB) unregister(c io.Closer) {
	db.handlesMu.Lock()
	delete(db.handles, c)
	db.handlesMu.Unlock()
}

// Get implements engine.Engine.
func (db *DB) Get(ctx context.Context, key []byte) ([]byte, error) {
	if !db.enter() {
		return nil, engine.ErrClosed
	}
	defer db.exit()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return get(db.pdb, key)
}

// getter is a *pebble.DB or *pebble.Snapshot.
type getter interface {
	Get(key []byte) ([]byte, io.Closer, error)
}

func get(g getter, key []byte) ([]byte, error) {
	v, closer, err := g.Get(userKey(key))
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, engine.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("diskengine: get: %w", err)
	}
	out := slices.Clone(v)
	if out == nil {
		out = []byte{}
	}
	closer.Close()
	return out, nil
}

// View implements engine.Engine. Pebble's value stays valid until its
// closer is closed, which is after fn returns: fn reads the block cache (or
// memtable) in place, and a concurrent commit or compaction cannot change it.
func (db *DB) View(ctx context.Context, key []byte, fn func(value []byte) error) error {
	if !db.enter() {
		return engine.ErrClosed
	}
	defer db.exit()
	if err := ctx.Err(); err != nil {
		return err
	}
	return view(db.pdb, key, fn)
}

func view(g getter, key []byte, fn func(value []byte) error) error {
	v, closer, err := g.Get(userKey(key))
	if errors.Is(err, pebble.ErrNotFound) {
		return engine.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("diskengine: get: %w", err)
	}
	defer closer.Close()
	return fn(v)
}

func (db *DB) openSnapshot(live bool) (*snapshot, error) {
	s := &snapshot{db: db}
	open := func(seq uint64) error {
		s.seq = seq
		s.ps = db.pdb.NewSnapshot()
		return nil
	}
	if live {
		db.occ.Begin(open)
	} else {
		db.occ.Snapshot(open)
	}
	db.register(s.ps)
	return s, nil
}

// NewSnapshot implements engine.Engine.
func (db *DB) NewSnapshot(ctx context.Context) (engine.Snapshot, error) {
	if !db.enter() {
		return nil, engine.ErrClosed
	}
	defer db.exit()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return db.openSnapshot(false)
}

// Begin implements engine.Engine.
func (db *DB) Begin(ctx context.Context) (engine.Txn, error) {
	if !db.enter() {
		return nil, engine.ErrClosed
	}
	defer db.exit()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s, err := db.openSnapshot(true)
	if err != nil {
		return nil, err
	}
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
	if !db.enter() {
		return 0, engine.ErrClosed
	}
	defer db.exit()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	keys := make([][]byte, len(ops))
	var b *pebble.Batch
	if len(ops) > 0 {
		// Sized up front: a bulk load's batch of megabytes would otherwise
		// grow (and copy) itself a dozen times.
		size := batchHeaderLen + batchSeqEntryLen
		for _, op := range ops {
			size += batchEntryOverhead + len(op.Key) + len(op.Value)
		}
		b = db.pdb.NewBatchWithSize(size)
		defer b.Close()
		for i, op := range ops {
			keys[i] = op.Key
			var d *pebble.DeferredBatchOp
			if op.Delete {
				d = b.DeleteDeferred(1 + len(op.Key))
			} else {
				d = b.SetDeferred(1+len(op.Key), len(op.Value))
				copy(d.Value, op.Value)
			}
			d.Key[0] = userPrefix
			copy(d.Key[1:], op.Key)
			if err := d.Finish(); err != nil {
				return 0, fmt.Errorf("diskengine: batch: %w", err)
			}
		}
	}
	waitSync := false
	seq, err := db.occ.Commit(validate, start, reads, keys, func(seq uint64) error {
		var buf [8]byte
		binary.BigEndian.PutUint64(buf[:], seq)
		if err := b.Set(seqKey, buf[:], nil); err != nil {
			return err
		}
		if db.opts.NoSync {
			return db.pdb.Apply(b, pebble.NoSync)
		}
		if err := db.pdb.ApplyNoSyncWait(b, pebble.Sync); err != nil {
			return err
		}
		waitSync = true
		return nil
	})
	if errors.Is(err, occ.ErrConflict) {
		return 0, engine.ErrConflict
	}
	if err != nil {
		return 0, fmt.Errorf("diskengine: commit: %w", err)
	}
	if waitSync {
		// Outside occ's mutex: concurrent commits share one fsync.
		if err := b.SyncWait(); err != nil {
			return 0, fmt.Errorf("diskengine: commit %d is visible but its WAL sync failed, durability unknown: %w", seq, err)
		}
	}
	return seq, nil
}

// Sizes of a Pebble batch's encoding: a 12-byte header, and per entry a
// kind byte, two uvarint lengths (at most 5 bytes each for lengths below
// 4 GiB) and the key's userPrefix byte before key and value.
const (
	batchHeaderLen     = 12
	batchEntryOverhead = 1 + 5 + 5 + 1
	batchSeqEntryLen   = batchEntryOverhead + 8 + 8
)

// Sync makes every commit acknowledged before the call durable, by syncing
// the write-ahead log. It is only useful with Options.NoSync, for example
// after a bulk load; in the default mode commits are durable already.
func (db *DB) Sync(ctx context.Context) error {
	if !db.enter() {
		return engine.ErrClosed
	}
	defer db.exit()
	if err := ctx.Err(); err != nil {
		return err
	}
	// An empty log-only record, synced: the WAL is sequential, so syncing it
	// syncs every record before it.
	if err := db.pdb.LogData(nil, pebble.Sync); err != nil {
		return fmt.Errorf("diskengine: sync: %w", err)
	}
	return nil
}

// Close implements engine.Engine.
func (db *DB) Close() error {
	db.closeMu.Lock()
	defer db.closeMu.Unlock()
	if db.closed.Swap(true) {
		return nil
	}
	var err error
	db.handlesMu.Lock()
	// Iterators before snapshots: Pebble checks for leaked iterators.
	for c := range db.handles {
		if it, ok := c.(*pebble.Iterator); ok {
			_ = it.Close() // an iterator's own error is not the engine's
			delete(db.handles, c)
		}
	}
	for c := range db.handles {
		err = errors.Join(err, c.Close())
		delete(db.handles, c)
	}
	db.handlesMu.Unlock()
	err = errors.Join(err, db.pdb.Close())
	db.cache.Unref()
	if err != nil {
		return fmt.Errorf("diskengine: close: %w", err)
	}
	return nil
}
