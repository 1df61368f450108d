package embedded

import (
	"encoding/binary"
	"errors"
	"sort"
	"unsafe"

	"github.com/kvs-project/kvs/attr"
)

// The stored form of an item (and of a projected index entry): a compact
// binary encoding, faster to decode than attr's wire JSON and independent of
// it. Layout, versioned by the format key (see layout.go):
//
//	item  = uvarint(count) { uvarint(len(name)) name value }
//	value = type byte, then
//	  S, N, B:     uvarint(len) bytes   (N as canonical text)
//	  BOOL:        0 or 1
//	  NULL:        nothing
//	  L:           uvarint(count) { value }
//	  M:           item
//	  SS, NS, BS:  uvarint(count) { uvarint(len) bytes }
//
// Type bytes are attr.Type values, which are fixed by this format.

var errCorruptItem = errors.New("embedded: corrupt stored item")

// appendItem appends the stored form of it to dst. Attribute names are
// written in sorted order so equal items encode equally.
func appendItem(dst []byte, it attr.Item) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(it)))
	if len(it) <= 1 {
		for k, v := range it {
			dst = appendString(dst, k)
			dst = appendValue(dst, v)
		}
		return dst
	}
	names := make([]string, 0, len(it))
	for k := range it {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		dst = appendString(dst, k)
		dst = appendValue(dst, it[k])
	}
	return dst
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

func appendValue(dst []byte, v attr.Value) []byte {
	t := v.Type()
	dst = append(dst, byte(t))
	switch t {
	case attr.TypeS, attr.TypeN, attr.TypeB:
		dst = appendString(dst, v.Str())
	case attr.TypeBOOL:
		if v.Bool() {
			dst = append(dst, 1)
		} else {
			dst = append(dst, 0)
		}
	case attr.TypeNULL:
	case attr.TypeL:
		l := v.List()
		dst = binary.AppendUvarint(dst, uint64(len(l)))
		for _, e := range l {
			dst = appendValue(dst, e)
		}
	case attr.TypeM:
		dst = appendItem(dst, attr.Item(v.Map()))
	case attr.TypeSS, attr.TypeNS, attr.TypeBS:
		set := v.Set()
		dst = binary.AppendUvarint(dst, uint64(len(set)))
		for _, m := range set {
			dst = appendString(dst, m)
		}
	}
	return dst
}

// A stored record (item or index entry) is uvarint(DynamoDB size of the
// item) followed by the item, so reads and recounts know the size without
// computing it.

// appendRecord appends the stored record of it to dst.
func appendRecord(dst []byte, it attr.Item, size int) []byte {
	dst = binary.AppendUvarint(dst, uint64(size))
	return appendItem(dst, it)
}

// decodeRecord decodes a stored record. The strings of the item share one
// copy of b.
func decodeRecord(b []byte) (attr.Item, int, error) {
	return decodeString(string(b))
}

// decodeOwnedRecord is decodeRecord without the copy, for a record that
// nobody modifies afterwards and that stays valid as long as the item is
// used: the slice an engine Get returns (engine.Reader: "the returned slice
// is owned by the caller") or engine.GetShared returns (the engine's own
// immutable value, or such a copy). Never a View callback's value, which is
// only valid during the callback.
// The item's strings then share b itself; B values are still copied
// (decoder.value), so no mutable slice aliases it. This saves a copy and an
// allocation of the whole record on every item read.
func decodeOwnedRecord(b []byte) (attr.Item, int, error) {
	return decodeString(ownedString(b))
}

// ownedString views a record the caller owns as a string without a copy
// (see decodeOwnedRecord).
func ownedString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func decodeString(s string) (attr.Item, int, error) {
	d := decoder{s: s}
	size := d.uvarint()
	it := d.item()
	if d.err != nil || d.i != len(d.s) {
		return nil, 0, errCorruptItem
	}
	return it, size, nil
}

// recordSize returns the item size stored at the start of a record.
func recordSize(b []byte) (int, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 {
		return 0, errCorruptItem
	}
	return int(n), nil
}

// decoder reads the stored form from a string, so that decoded S, N and B
// values are substrings of one copy of the input rather than one allocation
// each.
type decoder struct {
	s   string
	i   int
	err error
}

func (d *decoder) uvarint() int {
	if d.err != nil {
		return 0
	}
	var x uint64
	for shift := uint(0); shift < 35 && d.i < len(d.s); shift += 7 {
		c := d.s[d.i]
		d.i++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return int(x)
		}
	}
	// Truncated, or longer than any length or count can be.
	d.err = errCorruptItem
	return 0
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil || n > len(d.s)-d.i {
		d.err = errCorruptItem
		return ""
	}
	s := d.s[d.i : d.i+n]
	d.i += n
	return s
}

// count reads an element count, which can never exceed the bytes left.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > len(d.s)-d.i {
		d.err = errCorruptItem
		return 0
	}
	return n
}

func (d *decoder) item() attr.Item {
	n := d.count()
	it := make(attr.Item, n)
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		it[k] = d.value()
	}
	return it
}

func (d *decoder) value() attr.Value {
	if d.err != nil || d.i >= len(d.s) {
		d.err = errCorruptItem
		return attr.Value{}
	}
	t := attr.Type(d.s[d.i])
	d.i++
	switch t {
	case attr.TypeS:
		return attr.S(d.str())
	case attr.TypeN:
		return attr.N(d.str())
	case attr.TypeB:
		return attr.B([]byte(d.str()))
	case attr.TypeBOOL:
		if d.i >= len(d.s) {
			d.err = errCorruptItem
			return attr.Value{}
		}
		v := d.s[d.i] == 1
		d.i++
		return attr.BOOL(v)
	case attr.TypeNULL:
		return attr.NULL()
	case attr.TypeL:
		n := d.count()
		l := make([]attr.Value, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			l = append(l, d.value())
		}
		return attr.L(l...)
	case attr.TypeM:
		return attr.M(d.item())
	case attr.TypeSS, attr.TypeNS, attr.TypeBS:
		n := d.count()
		set := make([]string, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			set = append(set, d.str())
		}
		return attr.SetOf(t, set)
	}
	d.err = errCorruptItem
	return attr.Value{}
}
