package attr

// Go struct marshalling, following the conventions of aws-sdk-go-v2's
// feature/dynamodb/attributevalue so that types written for it marshal the
// same way here:
//
//   - `dynamodbav:"name,omitempty,..."` tags name attributes; "-" skips a
//     field; options are omitempty, omitemptyelem, nullempty, nullemptyelem,
//     string (numbers as S), stringset, numberset, binaryset and unixtime.
//   - Embedded structs are flattened (encoding/json's rules for conflicts).
//   - bool is BOOL; string is S (the empty string too); every int, uint and
//     float kind is N; []byte and [N]byte are B; [][]byte is BS; other slices
//     and arrays are L, or SS/NS/BS when tagged; maps and structs are M;
//     time.Time is S in RFC 3339 with nanoseconds (N seconds with unixtime).
//   - nil pointers, interfaces, maps and slices are NULL, and so are empty
//     sets; omitempty drops zero values (nil, "", 0, false) instead.
//   - A type that implements Marshaler or Unmarshaler (with a value or
//     pointer receiver) is in charge of its own value. A Value or Item field
//     is copied as is.
//
// Two departures, both because numbers are never float64 in kvs: an N value
// unmarshalled into an interface{} becomes a Number, not a float64, and a
// Number (or any string type with Float64, Int64 and String methods, such as
// json.Number) marshals to N in canonical form.

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"time"
)

// Marshaler is implemented by types that marshal themselves. Returning the
// zero Value omits the attribute.
type Marshaler interface {
	MarshalAttr() (Value, error)
}

// Unmarshaler is implemented by types that unmarshal themselves, usually
// with a pointer receiver. NULL values reach it too (as does the zero Value,
// when Unmarshal is called with one).
type Unmarshaler interface {
	UnmarshalAttr(Value) error
}

// Number is a DynamoDB number as decimal text, the exact counterpart of
// json.Number. Unmarshal stores N values in interface{} targets as Number;
// Marshal writes a Number as N, canonicalised.
type Number string

// String returns the number's text.
func (n Number) String() string { return string(n) }

// Float64 parses the number as a float64 (possibly rounding).
func (n Number) Float64() (float64, error) { return strconv.ParseFloat(string(n), 64) }

// Int64 parses the number as an int64.
func (n Number) Int64() (int64, error) { return strconv.ParseInt(string(n), 10, 64) }

// Uint64 parses the number as a uint64.
func (n Number) Uint64() (uint64, error) { return strconv.ParseUint(string(n), 10, 64) }

// Marshal converts a Go value into a Value by the rules above. A nil input
// marshals to NULL.
func Marshal(in any) (Value, error) {
	v, err := marshalValue(reflect.ValueOf(in), avTag{})
	if err != nil {
		return Value{}, err
	}
	if v.IsZero() {
		return NULL(), nil
	}
	return v, nil
}

// MarshalItem marshals a struct or map into an Item. Anything that does not
// marshal to M (including a nil pointer) is an error.
func MarshalItem(in any) (Item, error) {
	v, err := Marshal(in)
	if err != nil {
		return nil, err
	}
	if v.Type() != TypeM {
		return nil, fmt.Errorf("attr: cannot marshal %T as an item: it marshals to %s, not M", in, typeName(v.Type()))
	}
	return Item(v.Map()), nil
}

func typeName(t Type) string {
	if t == TypeInvalid {
		return "nothing"
	}
	return t.String()
}

// marshalError reports a Go value that has no DynamoDB form.
func marshalError(format string, args ...any) error {
	return fmt.Errorf("attr: marshal: "+format, args...)
}

// marshalValue marshals v. The zero Value it may return means "omit".
func marshalValue(v reflect.Value, tag avTag) (Value, error) {
	if isEmptyValue(v) {
		if tag.omitEmpty && tag.nullEmpty {
			return Value{}, marshalError("omitempty and nullempty both set on a zero value")
		}
		if tag.omitEmpty {
			return Value{}, nil
		}
		if tag.nullEmpty || isNilValue(v) {
			return NULL(), nil
		}
	}
	if k := v.Kind(); k == reflect.Interface || k == reflect.Pointer {
		v = v.Elem()
	}
	if !v.IsValid() || (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		// An interface holding a nil pointer is as nil as the pointer (and
		// must not reach a value-receiver Marshaler).
		if tag.omitEmpty {
			return Value{}, nil
		}
		return NULL(), nil
	}
	// Only user-defined types, structs and pointers can carry methods or
	// fields: predeclared and unnamed types skip the type cache.
	ti := plainInfo
	if t := v.Type(); t.PkgPath() != "" || t.Kind() == reflect.Struct || t.Kind() == reflect.Pointer {
		ti = infoOf(t)
	}
	switch {
	case ti.isAttr:
		return v.Interface().(Value), nil
	case ti.isItem:
		return M(v.Interface().(Item)), nil
	case ti.marshaler && v.CanInterface():
		return v.Interface().(Marshaler).MarshalAttr()
	case ti.addrMarshaler && v.CanAddr() && v.CanInterface():
		return v.Addr().Interface().(Marshaler).MarshalAttr()
	}
	switch v.Kind() {
	case reflect.Struct:
		if ti.isTime {
			return marshalTime(v, tag), nil
		}
		return marshalStruct(v, ti)
	case reflect.Map:
		return marshalMap(v, tag)
	case reflect.Slice, reflect.Array:
		return marshalSlice(v, tag)
	case reflect.Pointer, reflect.Interface:
		// A pointer to a pointer or interface (non-nil, see above): marshal
		// what it points to.
		return marshalValue(v.Elem(), tag)
	case reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return Value{}, nil // no DynamoDB form; skipped like aws-sdk-go-v2 does
	case reflect.Bool:
		return BOOL(v.Bool()), nil
	case reflect.String:
		if ti.numberLike {
			return marshalNumberText(v.String(), tag)
		}
		return S(v.String()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return numberOrString(strconv.FormatInt(v.Int(), 10), tag), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return numberOrString(strconv.FormatUint(v.Uint(), 10), tag), nil
	case reflect.Float32, reflect.Float64:
		s, err := formatFloat(v.Float(), v.Type().Bits())
		if err != nil {
			return Value{}, err
		}
		return numberOrString(s, tag), nil
	default:
		return Value{}, marshalError("unsupported type %s", v.Type())
	}
}

// plainInfo describes types without methods or fields.
var plainInfo = &typeInfo{}

// numberOrString wraps canonical number text as N, or as S under the
// "string" tag option.
func numberOrString(s string, tag avTag) Value {
	if tag.asString {
		return S(s)
	}
	return N(s)
}

// marshalNumberText writes a Number-like string as N in canonical form.
func marshalNumberText(s string, tag avTag) (Value, error) {
	if s == "" {
		s = "0" // the zero Number, like encoding/json's zero json.Number
	}
	if tag.asString {
		return S(s), nil
	}
	c, err := CanonicalNumber(s)
	if err != nil {
		return Value{}, marshalError("number %q: %v", s, err)
	}
	return N(c), nil
}

// formatFloat renders a float exactly as its shortest decimal in plain
// notation, which strconv already gives without trailing fractional zeros;
// only negative zero needs fixing. NaN and infinities have no DynamoDB form.
func formatFloat(f float64, bits int) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", marshalError("unsupported number %v", f)
	}
	if f == 0 {
		return "0", nil
	}
	return strconv.FormatFloat(f, 'f', -1, bits), nil
}

func marshalTime(v reflect.Value, tag avTag) Value {
	t := v.Convert(timeType).Interface().(time.Time)
	if tag.unixTime {
		return numberOrString(strconv.FormatInt(t.Unix(), 10), avTag{})
	}
	return S(t.Format(time.RFC3339Nano))
}

func marshalStruct(v reflect.Value, ti *typeInfo) (Value, error) {
	m := make(map[string]Value, len(ti.fields))
	for i := range ti.fields {
		f := &ti.fields[i]
		fv, ok := fieldForMarshal(v, f)
		if !ok {
			continue // behind a nil embedded pointer
		}
		av, err := marshalValue(fv, f.tag)
		if err != nil {
			return Value{}, err
		}
		if !av.IsZero() {
			m[f.name] = av
		}
	}
	return M(m), nil
}

// fieldForMarshal returns the field f of struct v; ok is false when an
// embedded pointer on the way is nil.
func fieldForMarshal(v reflect.Value, f *structField) (reflect.Value, bool) {
	if !f.ptrPath {
		return v.FieldByIndex(f.index), true
	}
	for i, x := range f.index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

func marshalMap(v reflect.Value, tag avTag) (Value, error) {
	m := make(map[string]Value, v.Len())
	elemTag := tag.elemTag()
	iter := v.MapRange()
	for iter.Next() {
		name, err := mapKeyString(iter.Key())
		if err != nil {
			return Value{}, err
		}
		av, err := marshalValue(iter.Value(), elemTag)
		if err != nil {
			return Value{}, err
		}
		if !av.IsZero() {
			m[name] = av
		}
	}
	return M(m), nil
}

// mapKeyString renders a map key as an attribute name: TextMarshaler keys by
// their text, strings, bools and numbers by fmt's default format.
func mapKeyString(k reflect.Value) (string, error) {
	var s string
	switch ti := infoOf(k.Type()); {
	case ti.textMarshaler && k.CanInterface():
		tm, ok := k.Interface().(interface{ MarshalText() ([]byte, error) })
		if !ok {
			// Only *K marshals: copy the key to take its address.
			p := reflect.New(k.Type())
			p.Elem().Set(k)
			tm = p.Interface().(interface{ MarshalText() ([]byte, error) })
		}
		b, err := tm.MarshalText()
		if err != nil {
			return "", marshalError("map key: %w", err)
		}
		s = string(b)
	default:
		switch k.Kind() {
		case reflect.Bool, reflect.String,
			reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
			reflect.Float32, reflect.Float64:
			s = fmt.Sprint(k.Interface())
		default:
			return "", marshalError("map key type %s not supported, must be string, number, bool, or TextMarshaler", k.Type())
		}
	}
	// aws-sdk-go-v2 refuses "" here; kvs accepts it because an empty name is
	// a valid map key in DynamoDB's value model (attr.Validate decides), so
	// whatever Unmarshal put in a map marshals back.
	return s, nil
}

func marshalSlice(v reflect.Value, tag avTag) (Value, error) {
	t := v.Type()
	if t.Elem().Kind() == reflect.Uint8 { // []byte-like and [N]byte: B, as in aws-sdk-go-v2
		return B(byteContents(v)), nil
	}
	var setType Type
	switch {
	case tag.binarySet || t == bytesSliceType:
		setType = TypeBS
	case tag.numberSet:
		setType = TypeNS
	case tag.stringSet:
		setType = TypeSS
	}
	elemTag := tag.elemTag()
	n := v.Len()
	if setType == TypeInvalid {
		list := make([]Value, 0, n)
		for i := range n {
			av, err := marshalValue(v.Index(i), elemTag)
			if err != nil {
				return Value{}, err
			}
			if !av.IsZero() {
				list = append(list, av)
			}
		}
		return L(list...), nil
	}
	if n == 0 {
		return NULL(), nil // DynamoDB has no empty sets
	}
	members := make([]string, 0, n)
	member := SetElemType(setType)
	for i := range n {
		av, err := marshalValue(v.Index(i), elemTag)
		if err != nil {
			return Value{}, err
		}
		if av.IsZero() {
			continue
		}
		if av.Type() != member {
			return Value{}, marshalError("%s set member %d of %s marshals to %s, not %s", setType, i, t, typeName(av.Type()), member)
		}
		members = append(members, av.Str())
	}
	return SetOf(setType, members), nil
}

// byteContents returns the bytes of a []byte-like slice or byte array. The
// result may alias v: B copies it.
func byteContents(v reflect.Value) []byte {
	if v.Kind() == reflect.Slice { // Bytes accepts named byte element types too
		return v.Bytes()
	}
	b := make([]byte, v.Len())
	for i := range b {
		b[i] = byte(v.Index(i).Uint())
	}
	return b
}

// isEmptyValue reports the zero values that omitempty drops: nil, "", 0,
// false, and empty arrays (not empty slices or maps, as in aws-sdk-go-v2).
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Invalid:
		return true
	case reflect.Array:
		return v.Len() == 0
	case reflect.Map, reflect.Slice, reflect.Interface, reflect.Pointer:
		return v.IsNil()
	case reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	}
	return false
}

// isNilValue reports the values that marshal to NULL without any tag.
func isNilValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Invalid:
		return true
	case reflect.Map, reflect.Slice, reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}
