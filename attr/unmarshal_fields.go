package attr

import (
	"reflect"
	"sync"
	"sync/atomic"
)

// Unmarshalling an item attribute by attribute, for readers that decode a
// stored item themselves and can hand its attributes over one at a time
// without building an Item map first (the embedded driver's Get), and the
// shortcut for plain scalar struct fields that UnmarshalItem uses too.

// A StructDecoder stores the attributes of an item into one struct, one at a
// time, exactly as UnmarshalItem stores the whole item: each attribute goes
// to the field UnmarshalItem picks for its name (with the same
// case-insensitive fallback), attributes without a field are skipped, and
// fields without an attribute are left as they are.
type StructDecoder struct {
	v  reflect.Value // the struct, addressable
	ti *typeInfo
	// next is where the next attribute's field is looked for first in
	// ti.byName: stored items come in name order, so that a walk along the
	// fields sorted by name mostly finds them without a map lookup.
	next int
}

// NewStructDecoder returns a decoder into the struct that out points to. ok
// is false unless out is a non-nil pointer to a struct that UnmarshalItem
// fills field by field: not one whose pointer implements Unmarshaler, and
// not a time.Time or a Value. Callers then build the Item and use
// UnmarshalItem.
func NewStructDecoder(out any) (d StructDecoder, ok bool) {
	rv := reflect.ValueOf(out)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return StructDecoder{}, false
	}
	ti := decoderInfo(rv.Type())
	if ti == nil {
		return StructDecoder{}, false
	}
	return StructDecoder{v: rv.Elem(), ti: ti}, true
}

// decoderType is what NewStructDecoder learns about a pointer type: the
// typeInfo of the struct it points to, or nil when it takes no decoder.
type decoderType struct {
	ptr reflect.Type
	ti  *typeInfo
}

var (
	decoderTypes sync.Map                    // pointer type -> *decoderType
	lastDecoder  atomic.Pointer[decoderType] // the last one asked for
)

// decoderInfo returns the typeInfo of the struct pointer type t points to,
// or nil if NewStructDecoder refuses t. A caller that reads into one type
// over and over finds it in lastDecoder without a map lookup.
func decoderInfo(t reflect.Type) *typeInfo {
	if c := lastDecoder.Load(); c != nil && c.ptr == t {
		return c.ti
	}
	var c *decoderType
	if v, ok := decoderTypes.Load(t); ok {
		c = v.(*decoderType)
	} else {
		c = &decoderType{ptr: t}
		if t.Elem().Kind() == reflect.Struct && !t.Implements(unmarshalerType) {
			if ti := infoOf(t.Elem()); !ti.isTime && !ti.isAttr {
				c.ti = ti
			}
		}
		v, _ := decoderTypes.LoadOrStore(t, c)
		c = v.(*decoderType)
	}
	lastDecoder.Store(c)
	return c.ti
}

// Zero sets the struct to its zero value.
func (d *StructDecoder) Zero() { d.v.SetZero() }

// Attr stores the attribute name with value v, as UnmarshalItem does with
// each member of an item. Errors are UnmarshalItem's, naming the field.
func (d *StructDecoder) Attr(name string, v Value) error {
	f, ok := d.field(name)
	if !ok {
		return nil
	}
	return unmarshalInto(d.v, f, v)
}

// field is ti.fieldByName(name), looked up first by walking on from the
// field the last attribute went to, in name order.
func (d *StructDecoder) field(name string) (*structField, bool) {
	byName := d.ti.byName
	for d.next < len(byName) {
		f := &d.ti.fields[byName[d.next]]
		if f.name < name {
			d.next++
			continue
		}
		if f.name == name {
			d.next++
			return f, true
		}
		break
	}
	// Out of order, or no exact match (fieldByName's case-insensitive one).
	return d.ti.fieldByName(name)
}

var unmarshalerType = reflect.TypeFor[Unmarshaler]()

// unmarshalField stores one member of an M value in struct v (of typeInfo
// ti): the body of unmarshalStruct's loop.
func unmarshalField(v reflect.Value, ti *typeInfo, name string, av Value) error {
	f, ok := ti.fieldByName(name)
	if !ok {
		return nil
	}
	return unmarshalInto(v, f, av)
}

// unmarshalInto stores av in field f of struct v.
func unmarshalInto(v reflect.Value, f *structField, av Value) error {
	fv, err := fieldForUnmarshal(v, f)
	if err != nil {
		return err
	}
	if f.plain && fv.CanSet() && setPlain(av, fv, f.tag) {
		return nil
	}
	if err := unmarshalValue(av, fv, f.tag); err != nil {
		return inField(err, f.name)
	}
	return nil
}

// isPlainType reports whether fields of type t take the shortcut of
// setPlain: bool, string and number kinds without any method (so neither t
// nor *t is a Marshaler, Unmarshaler, Number-like or time type), for which
// unmarshalValue's walk through indirect and infoOf always ends at the
// field itself.
func isPlainType(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return reflect.PointerTo(t).NumMethod() == 0
	}
	return false
}

// noInfo is the typeInfo of a plain type: it has none of the properties.
var noInfo = &typeInfo{}

// setPlain stores av in the settable field fv of a plain type (see
// isPlainType) when it is one of the common cases, doing what
// unmarshalValue does for them, and reports whether it did. Everything else
// (B, L, M, sets, S into a number field, mismatched types) is left to
// unmarshalValue, with its errors.
func setPlain(av Value, fv reflect.Value, tag avTag) bool {
	k := fv.Kind()
	switch av.Type() {
	case TypeS:
		if k == reflect.String {
			// unmarshalString, with or without the string option.
			fv.SetString(av.Str())
			return true
		}
	case TypeN:
		if k == reflect.String {
			fv.SetString(av.Str())
			return true
		}
		if k == reflect.Bool {
			break
		}
		if i, ok := smallInt(av.Str()); ok {
			// What strconv.ParseInt/ParseUint give for this text.
			switch k {
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
				if !fv.OverflowInt(i) {
					fv.SetInt(i)
					return true
				}
			case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
				// ParseUint takes no sign, not even on "-0".
				if av.Str()[0] != '-' && !fv.OverflowUint(uint64(i)) {
					fv.SetUint(uint64(i))
					return true
				}
			}
		}
		// An error (overflow, fraction) is unmarshalValue's too: take the
		// long way for it, so it is reported the same way.
		return unmarshalNumber(av.Str(), fv, noInfo, tag) == nil
	case TypeBOOL:
		if k == reflect.Bool {
			fv.SetBool(av.Bool())
			return true
		}
	case TypeNULL:
		fv.SetZero()
		return true
	}
	return false
}

// smallInt parses an optional minus sign and 1 to 18 decimal digits, which
// always fit an int64, and reports whether s had that form.
func smallInt(s string) (int64, bool) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false
		}
		n = n*10 + int64(c)
	}
	if neg {
		n = -n
	}
	return n, true
}
