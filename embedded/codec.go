package embedded

import (
	"encoding/binary"
	"errors"
	"sort"

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

// decodeItem decodes a stored item.
func decodeItem(b []byte) (attr.Item, error) {
	d := decoder{b: b}
	it := d.item()
	if d.err != nil || len(d.b) != 0 {
		return nil, errCorruptItem
	}
	return it, nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() int {
	if d.err != nil {
		return 0
	}
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)) {
		// A count or length can never exceed the remaining bytes.
		d.err = errCorruptItem
		return 0
	}
	d.b = d.b[k:]
	return int(n)
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil || n > len(d.b) {
		d.err = errCorruptItem
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) item() attr.Item {
	n := d.uvarint()
	it := make(attr.Item, n)
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		it[k] = d.value()
	}
	return it
}

func (d *decoder) value() attr.Value {
	if d.err != nil || len(d.b) == 0 {
		d.err = errCorruptItem
		return attr.Value{}
	}
	t := attr.Type(d.b[0])
	d.b = d.b[1:]
	switch t {
	case attr.TypeS:
		return attr.S(d.str())
	case attr.TypeN:
		return attr.N(d.str())
	case attr.TypeB:
		return attr.B([]byte(d.str()))
	case attr.TypeBOOL:
		if len(d.b) == 0 {
			d.err = errCorruptItem
			return attr.Value{}
		}
		v := d.b[0] == 1
		d.b = d.b[1:]
		return attr.BOOL(v)
	case attr.TypeNULL:
		return attr.NULL()
	case attr.TypeL:
		n := d.uvarint()
		l := make([]attr.Value, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			l = append(l, d.value())
		}
		return attr.L(l...)
	case attr.TypeM:
		return attr.M(d.item())
	case attr.TypeSS, attr.TypeNS, attr.TypeBS:
		n := d.uvarint()
		set := make([]string, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			set = append(set, d.str())
		}
		return attr.SetOf(t, set)
	}
	d.err = errCorruptItem
	return attr.Value{}
}
