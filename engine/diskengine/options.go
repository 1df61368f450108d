package diskengine

import (
	"fmt"

	"github.com/cockroachdb/pebble"
	"github.com/cockroachdb/pebble/bloom"
	"github.com/cockroachdb/pebble/vfs"
)

// Options configures Open. The zero value is the recommended configuration.
type Options struct {
	// NoSync makes commits return once they are in Pebble's write-ahead log
	// buffer, without waiting for an fsync. Commits are much faster, but
	// acknowledged commits can be lost: on a machine crash or power loss,
	// and also when the process itself dies (Pebble hands unsynced WAL
	// records to the OS asynchronously, from an in-process buffer). The store
	// stays consistent (a prefix of the commits survives, each atomically).
	// See docs/engine.md. Default false: every acknowledged commit is
	// durable.
	NoSync bool

	// CacheSize is the size in bytes of the block cache. Default 64 MiB.
	CacheSize int64

	// MemTableSize is the size in bytes of one memtable; up to four can be
	// queued in memory for flushing before writes stall. Larger memtables mean fewer
	// flushes and compactions for write-heavy loads, and longer WAL replay
	// after a crash. Default 32 MiB.
	MemTableSize uint64

	// fs replaces the operating system's file system, for tests that
	// simulate power loss (see export_test.go).
	fs vfs.FS
}

const (
	defaultCacheSize    = 64 << 20
	defaultMemTableSize = 32 << 20
)

// pebbleOptions translates Options for a small machine: the engine's target
// is 2 cores, so one compaction at a time; bloom filters so point reads of
// absent keys (conditional puts of new items) skip most tables.
func (o Options) pebbleOptions(cache *pebble.Cache) *pebble.Options {
	po := &pebble.Options{
		Cache:                       cache,
		MemTableSize:                o.MemTableSize,
		MemTableStopWritesThreshold: 4,
		// L0 is compacted into the level below when it holds 16 sublevels
		// (Pebble's default: 4). Keys spread by their hash prefix make
		// every L0 compaction rewrite most of the level below, so bigger,
		// rarer compactions halve the compaction work of a bulk load
		// (1M 1 KB items: 122 MB compacted instead of 249 MB, 78,000
		// instead of 64,000 items per CPU-second), for a read
		// amplification of up to 16 L0 sublevels, each behind a bloom
		// filter, while a load is under way. Writes stop at 64 sublevels
		// (default 12), so a burst does not stall on the one compaction
		// thread.
		L0CompactionThreshold:    16,
		L0StopWritesThreshold:    64,
		MaxConcurrentCompactions: func() int { return 1 },
		Logger:                   quietLogger{},
	}
	if o.fs != nil {
		po.FS = o.fs
	}
	if po.MemTableSize == 0 {
		po.MemTableSize = defaultMemTableSize
	}
	po.Levels = make([]pebble.LevelOptions, 7)
	for i := range po.Levels {
		po.Levels[i].FilterPolicy = bloom.FilterPolicy(10)
		po.Levels[i].BlockSize = 16 << 10
	}
	po.EnsureDefaults()
	return po
}

// quietLogger silences Pebble's informational logging (it writes to stderr
// by default). Fatal errors still stop the program, as a panic.
type quietLogger struct{}

func (quietLogger) Infof(string, ...interface{}) {}

func (quietLogger) Fatalf(format string, args ...interface{}) {
	panic(fmt.Sprintf("diskengine: pebble: "+format, args...))
}
