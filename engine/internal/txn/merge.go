package txn

import (
	"bytes"

	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/internal/occ"
)

type bufEntry struct {
	key, value []byte
	del        bool
}

// mergeIter yields the union of a snapshot iterator and a transaction's
// buffered writes (which win on equal keys; deletions hide keys), in the
// iteration direction. It keeps span covering the part of the range the
// caller has observed.
type mergeIter struct {
	base   engine.Iterator
	baseOK bool
	// advanceBase is set when the current key came from base, whose slices
	// must stay valid until the caller's next Next.
	advanceBase bool
	first       bool
	buf         []bufEntry
	bi          int
	opts        engine.IterOptions
	span        *occ.Span
	key, value  []byte
	done        bool
}

// before reports whether a comes before b in the iteration direction.
func (m *mergeIter) before(a, b []byte) bool {
	c := bytes.Compare(a, b)
	if m.opts.Reverse {
		return c > 0
	}
	return c < 0
}

func (m *mergeIter) Next() bool {
	if m.done {
		return false
	}
	if m.first || m.advanceBase {
		m.baseOK = m.base.Next()
		m.first, m.advanceBase = false, false
	}
	for {
		wOK := m.bi < len(m.buf)
		if !m.baseOK && !wOK {
			m.finish()
			return false
		}
		if wOK && (!m.baseOK || !m.before(m.base.Key(), m.buf[m.bi].key)) {
			e := m.buf[m.bi]
			m.bi++
			if m.baseOK && bytes.Equal(m.base.Key(), e.key) {
				m.baseOK = m.base.Next() // the buffered write shadows it
			}
			if e.del {
				continue
			}
			m.key, m.value = e.key, e.value
		} else {
			m.key, m.value = m.base.Key(), m.base.Value()
			m.advanceBase = true
		}
		m.observe(m.key)
		return true
	}
}

// observe extends the span to cover everything up to and including key.
func (m *mergeIter) observe(key []byte) {
	s := m.span
	s.Empty = false
	if m.opts.Reverse {
		s.Lo = append(s.Lo[:0], key...)
		s.Hi, s.Unbounded = m.opts.Upper, len(m.opts.Upper) == 0
	} else {
		s.Lo = m.opts.Lower
		s.Hi = append(append(s.Hi[:0], key...), 0) // immediate successor of key
	}
}

// finish records that the whole range was observed, unless iteration stopped
// on an error.
func (m *mergeIter) finish() {
	m.done = true
	m.key, m.value = nil, nil
	if m.base.Err() != nil {
		return
	}
	s := m.span
	s.Empty = false
	s.Lo = m.opts.Lower
	s.Hi, s.Unbounded = m.opts.Upper, len(m.opts.Upper) == 0
}

func (m *mergeIter) Key() []byte   { return m.key }
func (m *mergeIter) Value() []byte { return m.value }
func (m *mergeIter) Err() error    { return m.base.Err() }

func (m *mergeIter) Close() error {
	m.done = true
	return m.base.Close()
}
