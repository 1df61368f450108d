// Package attr holds DynamoDB attribute values: the ten types S, N, B, BOOL,
// NULL, L, M, SS, NS and BS, exact decimal numbers, DynamoDB's ordering and
// equality, the item-size rule, the wire JSON form and Go struct marshalling.
//
// A Value is immutable once built: constructors copy nothing they are given,
// so callers must not modify slices or maps after handing them over. Numbers
// are kept as canonical decimal strings (see CanonicalNumber), never float64.
package attr

// Type is one of DynamoDB's ten attribute types. The zero Type is invalid and
// marks the zero Value (a missing attribute).
type Type uint8

// The ten DynamoDB types, named as on the wire.
const (
	TypeInvalid Type = iota
	TypeS
	TypeN
	TypeB
	TypeBOOL
	TypeNULL
	TypeL
	TypeM
	TypeSS
	TypeNS
	TypeBS
)

var typeNames = [...]string{"", "S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"}

// String returns the wire name of the type ("S", "NS", ...), or "" for TypeInvalid.
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return ""
}

// ParseType maps a wire type name to its Type; ok is false for unknown names.
func ParseType(name string) (t Type, ok bool) {
	for i, n := range typeNames {
		if i > 0 && n == name {
			return Type(i), true
		}
	}
	return TypeInvalid, false
}

// IsSet reports whether t is SS, NS or BS.
func (t Type) IsSet() bool { return t == TypeSS || t == TypeNS || t == TypeBS }

// Value is one DynamoDB attribute value. The zero Value means "no value"
// (a missing attribute); use IsZero to test for it.
type Value struct {
	t Type
	// s holds the S string, the canonical N string, or the B bytes.
	s string
	// bl holds BOOL.
	bl bool
	// set holds SS strings, canonical NS numbers or BS bytes, in insertion order.
	set []string
	// list holds L elements.
	list []Value
	// m holds M members.
	m map[string]Value
}

// Item is a whole DynamoDB item: attribute name to value.
type Item map[string]Value

// Constructors. They do not validate; see Validate for DynamoDB's rules.

// S returns a string value.
func S(s string) Value { return Value{t: TypeS, s: s} }

// N returns a number value from a decimal string that must already be
// canonical (see CanonicalNumber); use ParseNumber for untrusted input.
func N(canonical string) Value { return Value{t: TypeN, s: canonical} }

// B returns a binary value. The slice is not copied.
func B(b []byte) Value { return Value{t: TypeB, s: string(b)} }

// BOOL returns a boolean value.
func BOOL(b bool) Value { return Value{t: TypeBOOL, bl: b} }

// NULL returns the null value.
func NULL() Value { return Value{t: TypeNULL, bl: true} }

// L returns a list value. The slice is not copied.
func L(vs ...Value) Value {
	if vs == nil {
		vs = []Value{}
	}
	return Value{t: TypeL, list: vs}
}

// M returns a map value. The map is not copied.
func M(m map[string]Value) Value {
	if m == nil {
		m = map[string]Value{}
	}
	return Value{t: TypeM, m: m}
}

// SS returns a string set. The slice is not copied.
func SS(ss ...string) Value { return Value{t: TypeSS, set: ss} }

// NS returns a number set of canonical numbers. The slice is not copied.
func NS(ns ...string) Value { return Value{t: TypeNS, set: ns} }

// BS returns a binary set. Members are copied into strings.
func BS(bs ...[]byte) Value {
	set := make([]string, len(bs))
	for i, b := range bs {
		set[i] = string(b)
	}
	return Value{t: TypeBS, set: set}
}

// bsFromStrings returns a binary set whose members are already strings.
func bsFromStrings(set []string) Value { return Value{t: TypeBS, set: set} }

// SetOf returns a set value of type t (TypeSS, TypeNS or TypeBS) whose members
// are given as strings (canonical numbers for NS, raw bytes for BS).
func SetOf(t Type, members []string) Value { return Value{t: t, set: members} }

// Accessors.

// Type returns the value's type; TypeInvalid for the zero Value.
func (v Value) Type() Type { return v.t }

// IsZero reports whether v is the zero Value (no attribute).
func (v Value) IsZero() bool { return v.t == TypeInvalid }

// Str returns the string of an S value, the canonical text of an N value, or
// the bytes of a B value as a string.
func (v Value) Str() string { return v.s }

// Bytes returns the bytes of a B value (a fresh copy).
func (v Value) Bytes() []byte { return []byte(v.s) }

// Bool returns the boolean of a BOOL value.
func (v Value) Bool() bool { return v.bl }

// List returns the elements of an L value. Callers must not modify it.
func (v Value) List() []Value { return v.list }

// Map returns the members of an M value. Callers must not modify it.
func (v Value) Map() map[string]Value { return v.m }

// Set returns the members of an SS, NS or BS value as strings (canonical
// numbers for NS, raw bytes for BS). Callers must not modify it.
func (v Value) Set() []string { return v.set }
