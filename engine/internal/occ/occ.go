// Package occ implements the optimistic concurrency control shared by kvs's
// engines: commit sequence assignment and conflict detection.
//
// A Table remembers, for every key written since the oldest live
// transaction's snapshot, the sequence of the last commit that wrote it.
// Committing a transaction validates, under one mutex, that no key it read,
// no key in a range it iterated and no key it writes has a version newer than
// its snapshot; it then assigns the next sequence, lets the engine apply the
// writes (still under the mutex, so the engine's visible order equals
// sequence order) and records the new versions before the mutex is released,
// so a concurrent validator can never miss the commit. What may happen outside
// the mutex is waiting for durability (an fsync): the disk engine makes its
// batch visible under the mutex and waits for the WAL sync afterwards, which
// lets Pebble group the fsyncs of concurrent commits.
//
// Why this is serializable: a transaction T with snapshot s commits only if no
// commit with sequence in (s, seq(T)) wrote anything T read or wrote, so T
// behaves exactly as if it had run atomically at its own sequence. Versions
// at or below the oldest live snapshot can never fail a validation (every
// live transaction's snapshot is at or above them, and future transactions
// start at the current sequence), so they are pruned.
package occ

import (
	"bytes"
	"errors"
	"sync"

	"github.com/google/btree"
)

// ErrConflict is returned by Commit when validation fails. Engines translate
// it to engine.ErrConflict.
var ErrConflict = errors.New("occ: conflict")

// Span is a key range a transaction iterated: [Lo, Hi), or [Lo, ∞) when
// Unbounded; nothing while Empty. Iterators update their Span as they
// advance, so it covers what was actually visited.
type Span struct {
	Lo, Hi    []byte
	Unbounded bool
	Empty     bool
}

// ReadSet is what a transaction read: point keys and iterated spans. The zero
// value is empty and ready to use. Not safe for concurrent use.
type ReadSet struct {
	keys  map[string]struct{}
	spans []*Span
}

// AddKey records a point read of key.
func (r *ReadSet) AddKey(key []byte) {
	if r.keys == nil {
		r.keys = make(map[string]struct{})
	}
	r.keys[string(key)] = struct{}{}
}

// AddSpan records an iterated range, initially empty, and returns it for the
// iterator to update.
func (r *ReadSet) AddSpan() *Span {
	s := &Span{Empty: true}
	r.spans = append(r.spans, s)
	return s
}

// Len returns the number of recorded point keys and spans.
func (r *ReadSet) Len() int { return len(r.keys) + len(r.spans) }

type version struct {
	key string
	seq uint64
}

func lessVersion(a, b version) bool { return a.key < b.key }

type logEntry struct {
	seq  uint64
	keys []string
}

// Table is the conflict-detection state of one engine. All methods are safe
// for concurrent use.
type Table struct {
	mu       sync.Mutex
	seq      uint64
	versions *btree.BTreeG[version]
	log      []logEntry // commits in sequence order, for pruning
	logHead  int
	live     map[uint64]int // snapshot sequence -> live transactions
}

// New returns a table whose last commit sequence is seq (0 for a new store,
// the persisted value for a reopened one).
func New(seq uint64) *Table {
	return &Table{
		seq:      seq,
		versions: btree.NewG(16, lessVersion),
		live:     make(map[uint64]int),
	}
}

// Seq returns the last assigned commit sequence.
func (t *Table) Seq() uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.seq
}

// Snapshot calls open with the current sequence while no commit can be
// applied, so the engine's view taken inside open holds exactly the commits
// up to that sequence.
func (t *Table) Snapshot(open func(seq uint64) error) (uint64, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.seq, open(t.seq)
}

// Begin is Snapshot for a transaction: on success the transaction is live
// until End(seq) and keeps the versions it may conflict with.
func (t *Table) Begin(open func(seq uint64) error) (uint64, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := open(t.seq); err != nil {
		return 0, err
	}
	t.live[t.seq]++
	return t.seq, nil
}

// End ends a live transaction begun at start. Call it exactly once per
// successful Begin, after Commit or on Discard.
func (t *Table) End(start uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if n := t.live[start]; n > 1 {
		t.live[start] = n - 1
	} else {
		delete(t.live, start)
	}
	t.prune()
}

// Commit validates and commits. With validate false (a plain batch) there is
// nothing to validate. Otherwise it returns ErrConflict if a commit after
// start wrote a key in reads or writes. Then, if there are writes, it assigns
// the next sequence and calls apply with it; apply makes the writes visible
// in the engine (it runs under the table's mutex, so it should be quick and
// leave waiting for durability to the caller). apply must either make all the
// writes visible and return nil, or apply nothing and return an error, which
// Commit returns (the sequence is then not consumed). Without writes, Commit
// returns the current sequence and does not call apply.
func (t *Table) Commit(validate bool, start uint64, reads *ReadSet, writes [][]byte, apply func(seq uint64) error) (uint64, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if validate {
		if err := t.validate(start, reads, writes); err != nil {
			return 0, err
		}
	}
	if len(writes) == 0 {
		return t.seq, nil
	}
	seq := t.seq + 1
	if err := apply(seq); err != nil {
		return 0, err
	}
	t.record(seq, writes)
	return seq, nil
}

// LockExclusive starts an exclusive read-modify-write: it takes the table's
// mutex, so that no commit, snapshot or transaction begins until
// UnlockExclusive, and returns the sequence the writes will get. The caller
// may then read the engine's latest state and write without conflicts; when
// it writes, it applies the writes itself (visible in the engine, as
// Commit's apply) and then calls RecordExclusive with their keys.
func (t *Table) LockExclusive() (seq uint64) {
	t.mu.Lock()
	return t.seq + 1
}

// RecordExclusive records the commit of an exclusive read-modify-write's
// writes at the sequence LockExclusive returned (nothing without writes:
// the sequence is then not consumed) and returns the last commit's
// sequence. The table stays locked.
func (t *Table) RecordExclusive(writes [][]byte) uint64 {
	if len(writes) > 0 {
		t.record(t.seq+1, writes)
	}
	return t.seq
}

// UnlockExclusive ends what LockExclusive started.
func (t *Table) UnlockExclusive() { t.mu.Unlock() }

// record makes seq the last commit, of writes, remembering their versions
// for the live transactions that may conflict with them. Called with t.mu
// held.
func (t *Table) record(seq uint64, writes [][]byte) {
	t.seq = seq
	if len(t.live) == 0 {
		// No transaction could ever conflict with this commit: future ones
		// start at or after seq. (prune would drop the versions at once.)
		return
	}
	e := logEntry{seq: seq, keys: make([]string, len(writes))}
	for i, k := range writes {
		e.keys[i] = string(k)
		t.versions.ReplaceOrInsert(version{key: e.keys[i], seq: seq})
	}
	t.log = append(t.log, e)
	t.prune()
}

func (t *Table) newer(key string, start uint64) bool {
	v, ok := t.versions.Get(version{key: key})
	return ok && v.seq > start
}

func (t *Table) validate(start uint64, reads *ReadSet, writes [][]byte) error {
	for _, k := range writes {
		if t.newer(string(k), start) {
			return ErrConflict
		}
	}
	if reads == nil {
		return nil
	}
	for k := range reads.keys {
		if t.newer(k, start) {
			return ErrConflict
		}
	}
	for _, s := range reads.spans {
		if s.Empty || (!s.Unbounded && bytes.Compare(s.Lo, s.Hi) >= 0) {
			continue
		}
		conflict := false
		visit := func(v version) bool {
			if v.seq > start {
				conflict = true
				return false
			}
			return true
		}
		if s.Unbounded {
			t.versions.AscendGreaterOrEqual(version{key: string(s.Lo)}, visit)
		} else {
			t.versions.AscendRange(version{key: string(s.Lo)}, version{key: string(s.Hi)}, visit)
		}
		if conflict {
			return ErrConflict
		}
	}
	return nil
}

// prune drops versions no live or future transaction can conflict with.
// Called with t.mu held.
func (t *Table) prune() {
	horizon := t.seq
	for s := range t.live {
		if s < horizon {
			horizon = s
		}
	}
	for t.logHead < len(t.log) && t.log[t.logHead].seq <= horizon {
		e := t.log[t.logHead]
		for _, k := range e.keys {
			if v, ok := t.versions.Get(version{key: k}); ok && v.seq == e.seq {
				t.versions.Delete(v)
			}
		}
		t.log[t.logHead] = logEntry{}
		t.logHead++
	}
	if t.logHead == len(t.log) {
		t.log, t.logHead = t.log[:0], 0
	} else if t.logHead > 1024 && t.logHead*2 > len(t.log) {
		n := copy(t.log, t.log[t.logHead:])
		clear(t.log[n:])
		t.log, t.logHead = t.log[:n], 0
	}
}

// Stats reports the number of remembered versions and live transactions, for
// tests that check pruning.
func (t *Table) Stats() (versions, live int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, c := range t.live {
		n += c
	}
	return t.versions.Len(), n
}

// Spans returns the recorded spans, for tests.
func (r *ReadSet) Spans() []*Span { return r.spans }
