package diskengine

import (
	"context"
	"fmt"
	"sync"

	"github.com/cockroachdb/pebble"

	"github.com/kvs-project/kvs/engine"
)

// snapshot wraps a Pebble snapshot. mu makes Close safe against concurrent
// readers of the same snapshot.
type snapshot struct {
	db     *DB
	seq    uint64
	mu     sync.RWMutex
	ps     *pebble.Snapshot
	closed bool // under mu
}

func (s *snapshot) Seq() uint64 { return s.seq }

func (s *snapshot) Get(ctx context.Context, key []byte) ([]byte, error) {
	if !s.db.enter() {
		return nil, engine.ErrClosed
	}
	defer s.db.exit()
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, engine.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return get(s.ps, key)
}

// View implements engine.Reader; see DB.View. fn runs under the
// snapshot's read lock, so a concurrent Close waits for it.
func (s *snapshot) View(ctx context.Context, key []byte, fn func(value []byte) error) error {
	if !s.db.enter() {
		return engine.ErrClosed
	}
	defer s.db.exit()
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return engine.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return view(s.ps, key, fn)
}

func (s *snapshot) NewIter(ctx context.Context, opts engine.IterOptions) (engine.Iterator, error) {
	if !s.db.enter() {
		return nil, engine.ErrClosed
	}
	defer s.db.exit()
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, engine.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lower := userKey(opts.Lower)
	upper := []byte{userPrefixEnd}
	if len(opts.Upper) > 0 {
		upper = userKey(opts.Upper)
	}
	pi, err := s.ps.NewIterWithContext(ctx, &pebble.IterOptions{LowerBound: lower, UpperBound: upper})
	if err != nil {
		return nil, fmt.Errorf("diskengine: new iterator: %w", err)
	}
	s.db.register(pi)
	return &iter{snap: s, pi: pi, reverse: opts.Reverse}, nil
}

func (s *snapshot) Close() error {
	if !s.db.enter() {
		return nil // the engine's Close closed it
	}
	defer s.db.exit()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	s.db.unregister(s.ps)
	return s.ps.Close()
}

// iter wraps a Pebble iterator, hiding the key prefix.
type iter struct {
	snap    *snapshot
	pi      *pebble.Iterator
	reverse bool
	started bool
	valid   bool
	closed  bool
	err     error
}

func (it *iter) Next() bool {
	if it.closed || it.err != nil {
		return false
	}
	if !it.snap.db.enter() {
		it.err, it.valid = engine.ErrClosed, false
		return false
	}
	defer it.snap.db.exit()
	it.snap.mu.RLock()
	closed := it.snap.closed
	it.snap.mu.RUnlock()
	if closed {
		it.err, it.valid = engine.ErrClosed, false
		return false
	}
	switch {
	case !it.started && it.reverse:
		it.valid = it.pi.Last()
	case !it.started:
		it.valid = it.pi.First()
	case it.reverse:
		it.valid = it.pi.Prev()
	default:
		it.valid = it.pi.Next()
	}
	it.started = true
	if !it.valid {
		if err := it.pi.Error(); err != nil {
			it.err = fmt.Errorf("diskengine: iterate: %w", err)
		}
	}
	return it.valid
}

func (it *iter) Key() []byte {
	if !it.valid {
		return nil
	}
	return it.pi.Key()[1:]
}

func (it *iter) Value() []byte {
	if !it.valid {
		return nil
	}
	v, err := it.pi.ValueAndErr()
	if err != nil {
		it.err = fmt.Errorf("diskengine: iterate: %w", err)
		return nil
	}
	if v == nil {
		v = []byte{}
	}
	return v
}

func (it *iter) Err() error { return it.err }

func (it *iter) Close() error {
	if it.closed {
		return it.err
	}
	it.closed, it.valid = true, false
	if !it.snap.db.enter() {
		return it.err // closed by the engine's Close
	}
	defer it.snap.db.exit()
	it.snap.db.unregister(it.pi)
	if err := it.pi.Close(); err != nil && it.err == nil {
		it.err = fmt.Errorf("diskengine: iterate: %w", err)
	}
	return it.err
}
