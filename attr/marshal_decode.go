package attr

import (
	"encoding"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"strconv"
	"time"
)

// Unmarshal stores v in the Go value that out points to, by the rules in
// marshal.go; out must be a non-nil pointer. Struct fields with no attribute
// are left as they are; NULL and missing values set pointers, maps, slices
// and interfaces to nil (and other kinds to their zero value). An N value
// goes into any int, uint or float kind that holds it, with an error on
// overflow or a fraction, into a string kind as its text, and into an
// interface{} as a Number.
func Unmarshal(v Value, out any) error {
	rv := reflect.ValueOf(out)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return &InvalidUnmarshalError{Type: reflect.TypeOf(out)}
	}
	return unmarshalValue(v, rv, avTag{})
}

// UnmarshalItem stores an item in the struct or map that out points to; it
// is Unmarshal of the item as an M value.
func UnmarshalItem(it Item, out any) error {
	return Unmarshal(M(it), out)
}

// UnmarshalTypeError reports a value that cannot be stored in a Go type.
type UnmarshalTypeError struct {
	// Value describes what was found: a DynamoDB type ("S", "L"), or a
	// number or map key with its text.
	Value string
	// Type is the Go type it could not be stored in.
	Type reflect.Type
	// Field is the dotted path of attribute names from the value that was
	// unmarshalled to the one that failed; empty at the top level.
	Field string
	// Err is the underlying error, if any (a strconv or time parse error).
	Err error
}

func (e *UnmarshalTypeError) Error() string {
	msg := "attr: cannot unmarshal " + e.Value + " into Go value of type " + e.Type.String()
	if e.Field != "" {
		msg = "attr: cannot unmarshal " + e.Value + " into Go struct field " + e.Field + " of type " + e.Type.String()
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *UnmarshalTypeError) Unwrap() error { return e.Err }

// InvalidUnmarshalError reports an Unmarshal target that is not a non-nil
// pointer.
type InvalidUnmarshalError struct {
	Type reflect.Type
}

func (e *InvalidUnmarshalError) Error() string {
	switch {
	case e.Type == nil:
		return "attr: Unmarshal(nil)"
	case e.Type.Kind() != reflect.Pointer:
		return "attr: Unmarshal(non-pointer " + e.Type.String() + ")"
	}
	return "attr: Unmarshal(nil " + e.Type.String() + ")"
}

func typeError(what string, t reflect.Type, err error) error {
	return &UnmarshalTypeError{Value: what, Type: t, Err: err}
}

func unmarshalValue(av Value, v reflect.Value, tag avTag) error {
	if av.IsZero() || av.Type() == TypeNULL {
		u, v := indirect(v, true)
		if u != nil {
			return u.UnmarshalAttr(av)
		}
		if !v.IsValid() || !v.CanSet() {
			return nil
		}
		if v.Type() == valueType {
			v.Set(reflect.ValueOf(av))
		} else {
			v.SetZero()
		}
		return nil
	}
	u, v := indirect(v, false)
	if u != nil {
		return u.UnmarshalAttr(av)
	}
	ti := infoOf(v.Type())
	if ti.isAttr {
		v.Set(reflect.ValueOf(av))
		return nil
	}
	if ti.isItem && av.Type() == TypeM {
		v.Set(reflect.ValueOf(Item(maps.Clone(av.Map()))))
		return nil
	}
	switch av.Type() {
	case TypeS:
		return unmarshalString(av.Str(), v, ti, tag)
	case TypeN:
		return unmarshalNumber(av.Str(), v, ti, tag)
	case TypeB:
		return unmarshalBinary(av.Str(), v)
	case TypeBOOL:
		switch {
		case v.Kind() == reflect.Bool:
			v.SetBool(av.Bool())
		case v.Kind() == reflect.Interface && v.NumMethod() == 0:
			v.Set(reflect.ValueOf(av.Bool()))
		default:
			return typeError("BOOL", v.Type(), nil)
		}
		return nil
	case TypeL:
		return unmarshalList(av.List(), v)
	case TypeM:
		return unmarshalMap(av.Map(), v, ti)
	case TypeSS, TypeNS, TypeBS:
		return unmarshalSet(av, v)
	}
	return typeError("value of type "+av.Type().String(), v.Type(), nil)
}

// indirect walks down v through pointers (allocating nil ones) and non-empty
// interfaces holding pointers, stopping at an Unmarshaler, as encoding/json
// does. With decodingNull it stops at the last settable pointer, so NULL can
// set it to nil.
func indirect(v reflect.Value, decodingNull bool) (Unmarshaler, reflect.Value) {
	v0 := v
	haveAddr := false
	// A named value that is addressable may implement Unmarshaler through
	// its pointer: start there.
	if v.Kind() != reflect.Pointer && v.Type().Name() != "" && v.CanAddr() {
		haveAddr = true
		v = v.Addr()
	}
	for {
		if v.Kind() == reflect.Interface && !v.IsNil() {
			e := v.Elem()
			if e.Kind() == reflect.Pointer && !e.IsNil() && (!decodingNull || e.Elem().Kind() == reflect.Pointer) {
				haveAddr = false
				v = e
				continue
			}
		}
		if v.Kind() != reflect.Pointer {
			break
		}
		if decodingNull && v.CanSet() {
			break
		}
		// A pointer to an interface that holds this same pointer would loop.
		if v.Elem().Kind() == reflect.Interface && v.Elem().Elem().Equal(v) {
			v = v.Elem()
			break
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		if v.Type().NumMethod() > 0 && v.CanInterface() {
			if u, ok := v.Interface().(Unmarshaler); ok {
				return u, reflect.Value{}
			}
		}
		if haveAddr {
			v = v0 // back from v.Addr().Elem(), which is v0 itself
			haveAddr = false
		} else {
			v = v.Elem()
		}
	}
	return nil, v
}

// emptyInterface reports an interface{} (or any) target, which takes the
// natural Go form of a value.
func emptyInterface(v reflect.Value) bool {
	return v.Kind() == reflect.Interface && v.NumMethod() == 0
}

func unmarshalString(s string, v reflect.Value, ti *typeInfo, tag avTag) error {
	if tag.asString {
		return unmarshalNumber(s, v, ti, tag)
	}
	switch {
	case ti.isTime:
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return typeError("S "+strconv.Quote(s), v.Type(), err)
		}
		v.Set(reflect.ValueOf(t).Convert(v.Type()))
	case ti.numberLike:
		// A Number holds numbers only, even when they come as S.
		if _, err := CanonicalNumber(s); err != nil {
			return typeError("S "+strconv.Quote(s), v.Type(), err)
		}
		v.SetString(s)
	case v.Kind() == reflect.String:
		v.SetString(s)
	case emptyInterface(v):
		v.Set(reflect.ValueOf(s))
	default:
		return typeError("S", v.Type(), nil)
	}
	return nil
}

func unmarshalNumber(n string, v reflect.Value, ti *typeInfo, tag avTag) error {
	switch v.Kind() {
	case reflect.Interface:
		if v.NumMethod() != 0 {
			return typeError("N", v.Type(), nil)
		}
		v.Set(reflect.ValueOf(Number(n)))
	case reflect.String:
		v.SetString(n)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(n, 10, 64)
		if err != nil || v.OverflowInt(i) {
			return typeError("number "+n, v.Type(), numErr(err))
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u, err := strconv.ParseUint(n, 10, 64)
		if err != nil || v.OverflowUint(u) {
			return typeError("number "+n, v.Type(), numErr(err))
		}
		v.SetUint(u)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(n, v.Type().Bits())
		if err != nil || v.OverflowFloat(f) {
			return typeError("number "+n, v.Type(), numErr(err))
		}
		v.SetFloat(f)
	default:
		if !ti.isTime {
			return typeError("N", v.Type(), nil)
		}
		// A time stored as N is seconds since the epoch (unixtime).
		sec, err := strconv.ParseInt(n, 10, 64)
		if err != nil {
			return typeError("number "+n, v.Type(), numErr(err))
		}
		v.Set(reflect.ValueOf(time.Unix(sec, 0)).Convert(v.Type()))
	}
	return nil
}

// numErr turns strconv's error into the cause of an UnmarshalTypeError: its
// own message already quotes the text, so keep only the reason.
func numErr(err error) error {
	if ne, ok := err.(*strconv.NumError); ok {
		return ne.Err
	}
	if err == nil {
		return strconv.ErrRange
	}
	return err
}

func unmarshalBinary(b string, v reflect.Value) error {
	switch {
	case emptyInterface(v):
		v.Set(reflect.ValueOf([]byte(b)))
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8:
		v.SetBytes([]byte(b))
	case v.Kind() == reflect.Array && v.Type().Elem().Kind() == reflect.Uint8:
		// Like aws-sdk-go-v2: copy what fits, and zero the rest.
		for i := range v.Len() {
			var c byte
			if i < len(b) {
				c = b[i]
			}
			v.Index(i).SetUint(uint64(c))
		}
	default:
		return typeError("B", v.Type(), nil)
	}
	return nil
}

// sliceFor prepares slice or array v to receive n elements and returns how
// many it can take.
func sliceFor(v reflect.Value, n int) int {
	if v.Kind() == reflect.Array {
		for i := n; i < v.Len(); i++ {
			v.Index(i).SetZero()
		}
		return min(n, v.Len())
	}
	if v.IsNil() || v.Cap() < n {
		v.Set(reflect.MakeSlice(v.Type(), n, n))
	} else {
		v.SetLen(n)
	}
	return n
}

func unmarshalList(list []Value, v reflect.Value) error {
	switch {
	case emptyInterface(v):
		out := make([]any, len(list))
		for i, av := range list {
			if err := unmarshalValue(av, reflect.ValueOf(&out[i]).Elem(), avTag{}); err != nil {
				return err
			}
		}
		v.Set(reflect.ValueOf(out))
		return nil
	case v.Kind() == reflect.Slice, v.Kind() == reflect.Array:
		n := sliceFor(v, len(list))
		for i := range n {
			if err := unmarshalValue(list[i], v.Index(i), avTag{}); err != nil {
				return err
			}
		}
		return nil
	}
	return typeError("L", v.Type(), nil)
}

func unmarshalSet(av Value, v reflect.Value) error {
	set := av.Set()
	if emptyInterface(v) {
		switch av.Type() {
		case TypeSS:
			v.Set(reflect.ValueOf(append([]string{}, set...)))
		case TypeNS:
			ns := make([]Number, len(set))
			for i, s := range set {
				ns[i] = Number(s)
			}
			v.Set(reflect.ValueOf(ns))
		default:
			bs := make([][]byte, len(set))
			for i, s := range set {
				bs[i] = []byte(s)
			}
			v.Set(reflect.ValueOf(bs))
		}
		return nil
	}
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return typeError(av.Type().String(), v.Type(), nil)
	}
	// Each member is unmarshalled on its own, as its scalar type (an
	// element Unmarshaler sees S, N or B, never the whole set).
	n := sliceFor(v, len(set))
	for i := range n {
		var member Value
		switch av.Type() {
		case TypeSS:
			member = S(set[i])
		case TypeNS:
			member = N(set[i])
		default:
			member = B([]byte(set[i]))
		}
		if err := unmarshalValue(member, v.Index(i), avTag{}); err != nil {
			return err
		}
	}
	return nil
}

func unmarshalMap(m map[string]Value, v reflect.Value, ti *typeInfo) error {
	switch {
	case emptyInterface(v):
		out := make(map[string]any, len(m))
		for k, av := range m {
			var x any
			if err := unmarshalValue(av, reflect.ValueOf(&x).Elem(), avTag{}); err != nil {
				return inField(err, k)
			}
			out[k] = x
		}
		v.Set(reflect.ValueOf(out))
		return nil
	case v.Kind() == reflect.Struct:
		return unmarshalStruct(m, v, ti)
	case v.Kind() != reflect.Map:
		return typeError("M", v.Type(), nil)
	}
	t := v.Type()
	if v.IsNil() {
		v.Set(reflect.MakeMapWithSize(t, len(m)))
	}
	for k, av := range m {
		key := reflect.New(t.Key()).Elem()
		if err := unmarshalMapKey(k, key); err != nil {
			return err
		}
		elem := reflect.New(t.Elem()).Elem()
		if err := unmarshalValue(av, elem, avTag{}); err != nil {
			return inField(err, k)
		}
		v.SetMapIndex(key, elem)
	}
	return nil
}

func unmarshalStruct(m map[string]Value, v reflect.Value, ti *typeInfo) error {
	for k, av := range m {
		if err := unmarshalField(v, ti, k, av); err != nil {
			return err
		}
	}
	return nil
}

// inField prefixes the field path of an UnmarshalTypeError with name.
func inField(err error, name string) error {
	if te, ok := err.(*UnmarshalTypeError); ok {
		if te.Field == "" {
			te.Field = name
		} else {
			te.Field = name + "." + te.Field
		}
	}
	return err
}

// fieldForUnmarshal returns field f of struct v, allocating nil embedded
// pointers on the way.
func fieldForUnmarshal(v reflect.Value, f *structField) (reflect.Value, error) {
	if !f.ptrPath {
		return v.FieldByIndex(f.index), nil
	}
	for i, x := range f.index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !v.CanSet() {
					return reflect.Value{}, fmt.Errorf("attr: cannot set embedded pointer to unexported struct %s", v.Type().Elem())
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, nil
}

func unmarshalMapKey(k string, key reflect.Value) error {
	if tu, ok := key.Addr().Interface().(encoding.TextUnmarshaler); ok {
		if err := tu.UnmarshalText([]byte(k)); err != nil {
			return typeError("map key "+strconv.Quote(k), key.Type(), err)
		}
		return nil
	}
	switch key.Kind() {
	case reflect.String:
		key.SetString(k)
	case reflect.Bool:
		b, err := strconv.ParseBool(k)
		if err != nil {
			return typeError("map key "+strconv.Quote(k), key.Type(), err)
		}
		key.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		if err := unmarshalNumber(k, key, infoOf(key.Type()), avTag{}); err != nil {
			return typeError("map key "+strconv.Quote(k), key.Type(), errors.Unwrap(err))
		}
	default:
		return typeError("map key "+strconv.Quote(k), key.Type(), fmt.Errorf("map key type must be string, number, bool, or TextUnmarshaler"))
	}
	return nil
}
