package embedded

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/memengine"
)

// Options configure a Driver. The zero value is usable.
type Options struct {
	// Clock returns the current time, for TTL expiry, creation times and
	// idempotency windows. Default time.Now.
	Clock func() time.Time
	// TTLSweepInterval is the pause between two passes of the TTL sweeper.
	// 0 means the default of 30 seconds; a negative value turns the sweeper
	// off (SweepTTL still works).
	TTLSweepInterval time.Duration
	// Logger receives background errors (sweeper, backfill, range deletes).
	// Default slog.Default().
	Logger *slog.Logger
	// Region and Account name the ARNs in descriptions (stream and KMS key
	// ARNs; package kvs rewrites table and index ARNs with its own).
	// Defaults "us-east-1" and "000000000000".
	Region, Account string
	// IndexCreateDelay is how long a global secondary index added by
	// UpdateTable stays in DynamoDB's resource allocation phase (IndexStatus
	// CREATING, Backfilling false, the table UPDATING) before its backfill
	// starts. 0 means DefaultIndexCreateDelay; a negative value means none.
	IndexCreateDelay time.Duration
	// IndexDeleteDelay is how long a deleted global secondary index stays
	// listed as DELETING (the table UPDATING). 0 means
	// DefaultIndexDeleteDelay; a negative value means none.
	IndexDeleteDelay time.Duration
}

// DefaultTTLSweepInterval is the sweeper's pause when Options leave it 0.
const DefaultTTLSweepInterval = 30 * time.Second

// Default index phase durations: about DynamoDB Local's for a small table
// (DynamoDB itself takes 24-55 s to allocate and 3-6 s to delete), long
// enough that a client sees the phases, short enough not to keep it waiting.
const (
	DefaultIndexCreateDelay = time.Second
	DefaultIndexDeleteDelay = 500 * time.Millisecond
)

// Driver is the embedded kvs database. It implements driver.Driver and is
// safe for concurrent use.
type Driver struct {
	eng   engine.Engine
	opts  Options
	clock func() time.Time
	log   *slog.Logger

	// catMu orders catalog changes against writes: every write holds it
	// shared for its whole transaction, catalog changes hold it exclusively
	// while they commit and publish a new catalog.
	catMu  sync.RWMutex
	tables map[string]*table // by name; guarded by catMu
	closed bool              // guarded by catMu

	// bg tracks background work (sweeper, backfills, range deletes).
	bg     sync.WaitGroup
	stop   chan struct{}
	bgCtx  context.Context
	cancel context.CancelFunc
	// closeEngine is set when the driver opened the engine itself.
	closeEngine bool
	// pendingDrops are the drops found by Open, started with the background
	// work.
	pendingDrops []dropJob
	// backfillGate, when set (by tests), holds every backfill until it is
	// closed.
	backfillGate chan struct{}

	// Statistics recount after a crash (see stats.go): the snapshot and
	// tables Open found, and whether the counters are exact.
	recountSnap   engine.Snapshot
	recountTables []*table
	statsExact    atomic.Bool
	// lazy records tables whose counters are stale after PutMany's blind
	// writes (lazystats.go).
	lazy lazyStats
}

var _ driver.Driver = (*Driver)(nil)

// Open opens a driver over eng: it checks the layout version, loads the
// catalog, recovers statistics, resumes interrupted index backfills and
// deletions, and starts the TTL sweeper. The driver does not close eng
// unless it was opened by OpenMemory or OpenDir.
func Open(ctx context.Context, eng engine.Engine, opts Options) (*Driver, error) {
	d := &Driver{
		eng:    eng,
		opts:   opts,
		clock:  opts.Clock,
		log:    opts.Logger,
		tables: map[string]*table{},
		stop:   make(chan struct{}),
	}
	if d.clock == nil {
		d.clock = time.Now
	}
	if d.opts.Region == "" {
		d.opts.Region = "us-east-1"
	}
	if d.opts.Account == "" {
		d.opts.Account = "000000000000"
	}
	if d.log == nil {
		d.log = slog.Default()
	}
	d.bgCtx, d.cancel = context.WithCancel(context.Background())
	if err := d.load(ctx); err != nil {
		d.cancel()
		if d.recountSnap != nil {
			d.recountSnap.Close()
		}
		return nil, err
	}
	d.startBackground()
	return d, nil
}

// OpenMemory opens a driver over a fresh in-memory engine, closed with the
// driver.
func OpenMemory(opts Options) (*Driver, error) {
	d, err := Open(context.Background(), memengine.New(), opts)
	if err != nil {
		return nil, err
	}
	d.closeEngine = true
	return d, nil
}

// errClosed is returned by every call after Close.
var errClosed = errors.New("embedded: driver closed")

// Close stops background work, checkpoints statistics and, for drivers
// opened by OpenMemory or OpenDir, closes the engine. Later calls fail.
func (d *Driver) Close() error {
	d.catMu.Lock()
	if d.closed {
		d.catMu.Unlock()
		return nil
	}
	d.closed = true
	d.catMu.Unlock()
	close(d.stop)
	d.cancel()
	d.bg.Wait()
	err := d.checkpoint(context.Background(), true)
	if d.closeEngine {
		err = errors.Join(err, d.eng.Close())
	}
	return err
}

// lookup returns the table named name, ResourceNotFoundException with msg,
// or errClosed. The caller holds catMu (shared or exclusive).
func (d *Driver) lookupLocked(name, msg string) (*table, error) {
	if d.closed {
		return nil, errClosed
	}
	t := d.tables[name]
	if t == nil {
		return nil, apierr.New(apierr.ResourceNotFound, msg)
	}
	return t, nil
}

// lookup is lookupLocked for callers that do not hold catMu.
func (d *Driver) lookup(name, msg string) (*table, error) {
	d.catMu.RLock()
	defer d.catMu.RUnlock()
	return d.lookupLocked(name, msg)
}

// msgNotFound is DynamoDB's message for data-plane calls on a missing table.
const msgNotFound = "Requested resource not found"

func msgTableNotFound(name string) string {
	return "Requested resource not found: Table: " + name + " not found"
}
