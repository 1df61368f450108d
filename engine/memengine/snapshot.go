package memengine

import (
	"bytes"
	"context"
	"slices"
	"sync/atomic"

	"github.com/google/btree"

	"github.com/kvs-project/kvs/engine"
)

// snapshot is an immutable clone of the tree. Items are pointers so that
// copy-on-write copies 8-byte slots, not whole keys and values headers.
type snapshot struct {
	db   *DB
	tree *btree.BTreeG[*item]
	// index is the DB's index when tree is the latest tree itself (the
	// transaction of DB.Update, during which nothing changes it), else nil.
	index  map[string]*item
	seq    uint64
	closed atomic.Bool
	// gen is the Update the snapshot serves (0 for a clone): DB.Update
	// reuses one snapshot, so its iterators remember gen and stop with
	// ErrClosed once a later Update has taken the snapshot over.
	gen atomic.Uint64
}

func (s *snapshot) check(ctx context.Context) error {
	if s.db.closed.Load() || s.closed.Load() {
		return engine.ErrClosed
	}
	return ctx.Err()
}

func (s *snapshot) Seq() uint64 { return s.seq }

func (s *snapshot) lookup(ctx context.Context, key []byte) (*item, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	var it *item
	var ok bool
	if s.index != nil {
		it, ok = s.index[string(key)]
	} else {
		it, ok = s.tree.Get(&item{key: key})
	}
	if !ok {
		return nil, engine.ErrNotFound
	}
	return it, nil
}

func (s *snapshot) Get(ctx context.Context, key []byte) ([]byte, error) {
	it, err := s.lookup(ctx, key)
	if err != nil {
		return nil, err
	}
	return cloneValue(it.value), nil
}

// View implements engine.Reader; see DB.View.
func (s *snapshot) View(ctx context.Context, key []byte, fn func(value []byte) error) error {
	it, err := s.lookup(ctx, key)
	if err != nil {
		return err
	}
	return fn(it.value)
}

// GetShared implements engine.SharedGetter; see DB.GetShared.
func (s *snapshot) GetShared(ctx context.Context, key []byte) ([]byte, error) {
	it, err := s.lookup(ctx, key)
	if err != nil {
		return nil, err
	}
	return sharedValue(it.value), nil
}

func (s *snapshot) Close() error {
	s.closed.Store(true)
	return nil
}

func (s *snapshot) NewIter(ctx context.Context, opts engine.IterOptions) (engine.Iterator, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	return &iter{snap: s, lower: slices.Clone(opts.Lower), upper: slices.Clone(opts.Upper), reverse: opts.Reverse, gen: s.gen.Load()}, nil
}

// An iterator copies items out of the tree in chunks: google/btree only
// offers callback iteration, so the iterator pulls a chunk and resumes after
// its last key (the tree is immutable, so this is exact). Chunks start small,
// since most scans are short, and double up to maxChunk.
const (
	minChunk = 8
	maxChunk = 256
)

type iter struct {
	snap         *snapshot
	lower, upper []byte
	reverse      bool
	chunk        []*item
	chunkSize    int
	pos          int
	started      bool
	exhausted    bool // the tree has nothing after the current chunk
	cur          *item
	err          error
	closed       bool
	gen          uint64 // snap.gen when the iterator was opened
}

func (it *iter) fill() {
	it.chunkSize = min(max(2*it.chunkSize, minChunk), maxChunk)
	it.chunk, it.pos = it.chunk[:0], 0
	var after []byte // resume strictly after this key
	if it.started && it.cur != nil {
		after = it.cur.key
	}
	full := false
	visit := func(x *item) bool {
		if after != nil && bytes.Equal(x.key, after) {
			return true
		}
		if it.reverse {
			if bytes.Compare(x.key, it.lower) < 0 {
				return false
			}
		} else if len(it.upper) > 0 && bytes.Compare(x.key, it.upper) >= 0 {
			return false
		}
		if len(it.chunk) == it.chunkSize {
			full = true
			return false
		}
		it.chunk = append(it.chunk, x)
		return true
	}
	switch {
	case !it.reverse && after != nil:
		it.snap.tree.AscendGreaterOrEqual(&item{key: after}, visit)
	case !it.reverse:
		it.snap.tree.AscendGreaterOrEqual(&item{key: it.lower}, visit)
	case after != nil:
		it.snap.tree.DescendLessOrEqual(&item{key: after}, visit)
	case len(it.upper) > 0:
		upper := it.upper
		it.snap.tree.DescendLessOrEqual(&item{key: upper}, func(x *item) bool {
			if bytes.Equal(x.key, upper) {
				return true
			}
			return visit(x)
		})
	default:
		it.snap.tree.Descend(visit)
	}
	it.exhausted = !full
}

func (it *iter) Next() bool {
	if it.closed || it.err != nil {
		return false
	}
	if it.snap.gen.Load() != it.gen {
		it.err = engine.ErrClosed // opened in an earlier Update
		return false
	}
	if err := it.snap.check(context.Background()); err != nil {
		it.err = err
		return false
	}
	if it.pos >= len(it.chunk) {
		if it.started && it.exhausted {
			it.cur = nil
			return false
		}
		it.fill()
		it.started = true
		if len(it.chunk) == 0 {
			it.exhausted = true
			it.cur = nil
			return false
		}
	}
	it.cur = it.chunk[it.pos]
	it.pos++
	return true
}

func (it *iter) Key() []byte {
	if it.cur == nil {
		return nil
	}
	return it.cur.key
}

func (it *iter) Value() []byte {
	if it.cur == nil {
		return nil
	}
	return it.cur.value
}
func (it *iter) Err() error { return it.err }

func (it *iter) Close() error {
	it.closed = true
	it.chunk = nil
	return it.err
}
