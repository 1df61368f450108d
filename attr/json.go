package attr

import (
	"encoding/base64"
	"strings"

	"github.com/kvs-project/kvs/apierr"
)

// This file reads DynamoDB's wire JSON form of attribute values with a small
// hand-written decoder: the server decodes every item it receives, so it
// must not go through reflection or map[string]any.
//
// DynamoDB checks a request in two passes, and so does the decoder: JSON
// types are checked first, for the whole document (a mismatch is a
// SerializationException and wins over everything), then the values are
// validated in document order (the first ValidationException is returned).
// The SerializationException texts are Coral's, as recorded by dynalite
// (validations/index.js checkTypes).

// Coral's SerializationException messages.
const (
	msgSerStringBool = "class java.lang.Boolean can not be converted to an String"
	msgSerStringNum  = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"
	msgSerBlobBool   = "class java.lang.Boolean can not be converted to a Blob"
	msgSerBlobNum    = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a Blob"
	msgSerBoolNum    = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an Boolean"
	msgSerList       = "Start of list found where not expected"
	msgSerStruct     = "Start of structure or map found where not expected."
	msgSerExpList    = "Expected list or null"
	msgSerExpMap     = "Expected map or null"
	msgSerExpNull    = "Expected null"
)

// maxParseDepth bounds recursion on hostile input; DynamoDB refuses values
// nested beyond MaxDepth anyway.
const maxParseDepth = 1000

// ParseValueJSON decodes one attribute value in wire form ({"S":"x"},
// {"N":"1.50"}, ...), canonicalising numbers and validating it like
// DynamoDB (see the file comment for the error order).
func ParseValueJSON(data []byte) (Value, error) {
	d := newDecoder(data)
	d.skipWS()
	v, verr := d.attrValue(1)
	if d.err == nil {
		d.skipWS()
		if d.pos != len(d.data) {
			d.syntax("unexpected data after the value")
		}
	}
	if d.err != nil {
		return Value{}, d.err
	}
	if verr != nil {
		return Value{}, verr
	}
	return v, nil
}

// ParseItemJSON decodes an item in wire form ({"a":{"S":"x"},...}),
// canonicalising numbers and validating every value like DynamoDB. The JSON
// null decodes to a nil Item.
func ParseItemJSON(data []byte) (Item, error) {
	d := newDecoder(data)
	d.skipWS()
	it, verr := d.item(1)
	if d.err == nil {
		d.skipWS()
		if d.pos != len(d.data) {
			d.syntax("unexpected data after the item")
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	if verr != nil {
		return nil, verr
	}
	return it, nil
}

// UnmarshalJSON implements json.Unmarshaler with ParseValueJSON.
func (v *Value) UnmarshalJSON(data []byte) error {
	pv, err := ParseValueJSON(data)
	if err != nil {
		return err
	}
	*v = pv
	return nil
}

// UnmarshalJSON implements json.Unmarshaler with ParseItemJSON.
func (it *Item) UnmarshalJSON(data []byte) error {
	pi, err := ParseItemJSON(data)
	if err != nil {
		return err
	}
	*it = pi
	return nil
}

type decoder struct {
	data []byte
	// src is one string copy of data: strings without escapes are sliced
	// from it instead of being allocated one by one. Decoded values thus
	// share (and keep alive) the input's copy, never the caller's buffer.
	src string
	pos int
	// err is the first SerializationException (or JSON syntax error); once
	// set, decoding stops.
	err error
}

func newDecoder(data []byte) decoder {
	return decoder{data: data, src: string(data)}
}

func (d *decoder) serialization(msg string) {
	if d.err == nil {
		d.err = apierr.New(apierr.Serialization, msg)
	}
}

func (d *decoder) syntax(msg string) {
	d.serialization("Invalid JSON: " + msg)
}

// item decodes a JSON object of attribute values (an Item, or the members
// of an M). verr is the first validation error in document order.
func (d *decoder) item(depth int) (it Item, verr error) {
	switch d.kind() {
	case kindNull:
		d.literal("null")
		return nil, nil
	case kindObject:
	case kindArray:
		d.serialization(msgSerList)
		return nil, nil
	case kindEnd, kindBad:
		d.syntax("expected a value")
		return nil, nil
	default:
		d.serialization(msgSerExpMap)
		return nil, nil
	}
	d.pos++ // '{'
	it = make(Item)
	if d.peek() == '}' {
		d.pos++
		return it, nil
	}
	for d.err == nil {
		if d.peek() != '"' {
			d.syntax("expected a member name")
			return nil, nil
		}
		name := d.str()
		if d.peek() != ':' {
			d.syntax("expected ':'")
			return nil, nil
		}
		d.pos++
		var v Value
		var err error
		if d.kind() == kindNull {
			// DynamoDB names the member (of an item or M, at any depth);
			// a null in an L or in place of a single value has no name.
			d.literal("null")
			err = validation(msgNullValue + ": " + name + " is null")
		} else {
			v, err = d.attrValue(depth)
		}
		if err == nil && name == "" {
			// Checked after the member's value, as DynamoDB does.
			err = validation(msgEmptyName)
		}
		if verr == nil {
			verr = err
		}
		it[name] = v
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return it, verr
		default:
			d.syntax("expected ',' or '}'")
		}
	}
	return nil, nil
}

// attrValue decodes one AttributeValue structure at the given nesting depth
// (1 for a top-level attribute).
func (d *decoder) attrValue(depth int) (v Value, verr error) {
	if depth > maxParseDepth {
		d.syntax("nesting too deep")
		return Value{}, nil
	}
	switch d.kind() {
	case kindObject:
	case kindNull:
		d.literal("null")
		return Value{}, validation(msgNullValue)
	case kindArray:
		d.serialization(msgSerList)
		return Value{}, nil
	case kindEnd, kindBad:
		d.syntax("expected a value")
		return Value{}, nil
	default:
		d.serialization(msgSerExpNull)
		return Value{}, nil
	}
	d.pos++ // '{'
	ntypes, seen := 0, uint16(0)
	if depth > MaxDepth {
		verr = validation(msgNesting)
	}
	if d.peek() == '}' {
		d.pos++
		if verr == nil {
			verr = validation(msgNoType)
		}
		return Value{}, verr
	}
	for d.err == nil {
		if d.peek() != '"' {
			d.syntax("expected a member name")
			return Value{}, nil
		}
		t, known := d.typeKey()
		if d.peek() != ':' {
			d.syntax("expected ':'")
			return Value{}, nil
		}
		d.pos++
		if !known {
			// Coral ignores members it does not know.
			d.skipValue(0)
		} else if d.kind() == kindNull {
			d.literal("null")
		} else {
			fv, ferr := d.typed(t, depth)
			if seen&(1<<t) == 0 {
				seen |= 1 << t
				ntypes++
			}
			v = fv
			if verr == nil {
				verr = ferr
			}
		}
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			if verr == nil {
				switch {
				case ntypes == 0:
					verr = validation(msgNoType)
				case ntypes > 1:
					verr = validation(msgManyTypes)
				}
			}
			return v, verr
		default:
			d.syntax("expected ',' or '}'")
		}
	}
	return Value{}, nil
}

// typed decodes the JSON value of one type member and validates it.
func (d *decoder) typed(t Type, depth int) (Value, error) {
	switch t {
	case TypeS:
		s, ok := d.stringField()
		if !ok {
			return Value{}, nil
		}
		return S(s), nil
	case TypeN:
		s, ok := d.stringField()
		if !ok {
			return Value{}, nil
		}
		c, err := CanonicalNumber(s)
		if err != nil {
			return Value{t: TypeN, s: s}, err
		}
		return N(c), nil
	case TypeB:
		b, ok := d.blobField()
		if !ok {
			return Value{}, nil
		}
		return Value{t: TypeB, s: b}, nil
	case TypeBOOL:
		b, _ := d.boolField()
		return BOOL(b), nil
	case TypeNULL:
		b, ok := d.boolField()
		if ok && !b {
			return Value{t: TypeNULL}, validation(msgNullFalse)
		}
		return NULL(), nil
	case TypeSS, TypeNS, TypeBS:
		return d.set(t)
	case TypeL:
		return d.list(depth)
	case TypeM:
		m, err := d.item(depth + 1)
		if m == nil {
			m = Item{}
		}
		return Value{t: TypeM, m: m}, err
	}
	return Value{}, nil
}

// stringField decodes a Coral String member.
func (d *decoder) stringField() (string, bool) {
	switch d.kind() {
	case kindString:
		return d.str(), d.err == nil
	case kindBool:
		d.serialization(msgSerStringBool)
	case kindNumber:
		d.serialization(msgSerStringNum)
	case kindArray:
		d.serialization(msgSerList)
	case kindObject:
		d.serialization(msgSerStruct)
	default:
		d.syntax("expected a value")
	}
	return "", false
}

// blobField decodes a Coral Blob member (base64 text) to its bytes.
func (d *decoder) blobField() (string, bool) {
	switch d.kind() {
	case kindString:
		s := d.str()
		if d.err != nil {
			return "", false
		}
		b, msg := decodeBase64(s)
		if msg != "" {
			d.serialization("'" + s + "' can not be converted to a Blob: " + msg)
			return "", false
		}
		return b, true
	case kindBool:
		d.serialization(msgSerBlobBool)
	case kindNumber:
		d.serialization(msgSerBlobNum)
	case kindArray:
		d.serialization(msgSerList)
	case kindObject:
		d.serialization(msgSerStruct)
	default:
		d.syntax("expected a value")
	}
	return "", false
}

// decodeBase64 decodes standard padded base64 the way Coral checks it; msg
// is Coral's reason when s is not valid.
func decodeBase64(s string) (string, string) {
	if len(s)%4 != 0 {
		return "", "Base64 encoded length is expected a multiple of 4 bytes but found: " + itoa(len(s))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			c == '+' || c == '/' || (c == '=' && (i+1 == len(s) || s[i+1] == '='))
		if !ok {
			return "", "Invalid Base64 character: '" + string(c) + "'"
		}
	}
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil {
		// dynalite spells DynamoDB's typo as is.
		return "", "Invalid last non-pad Base64 character dectected"
	}
	return string(b), ""
}

func itoa(n int) string { return string(appendInt(nil, int64(n))) }

// boolField decodes a Coral Boolean member. Coral also accepts the strings
// true/false, 1/0 and yes/no in any case.
func (d *decoder) boolField() (bool, bool) {
	switch d.kind() {
	case kindBool:
		if d.data[d.pos] == 't' {
			d.literal("true")
			return true, d.err == nil
		}
		d.literal("false")
		return false, d.err == nil
	case kindString:
		s := d.str()
		if d.err != nil {
			return false, false
		}
		switch u := strings.ToUpper(s); u {
		case "TRUE", "1", "YES":
			return true, true
		case "FALSE", "0", "NO":
			return false, true
		default:
			d.serialization("'" + u + "' can not be converted to an Boolean")
		}
	case kindNumber:
		d.serialization(msgSerBoolNum)
	case kindArray:
		d.serialization(msgSerList)
	case kindObject:
		d.serialization(msgSerStruct)
	default:
		d.syntax("expected a value")
	}
	return false, false
}

// set decodes the JSON array of an SS, NS or BS and validates it.
func (d *decoder) set(t Type) (Value, error) {
	switch d.kind() {
	case kindArray:
	case kindObject:
		d.serialization(msgSerStruct)
		return Value{}, nil
	case kindEnd, kindBad:
		d.syntax("expected a value")
		return Value{}, nil
	default:
		d.serialization(msgSerExpList)
		return Value{}, nil
	}
	d.pos++ // '['
	members := []string{}
	var verr error
	if d.peek() == ']' {
		d.pos++
	} else {
		for d.err == nil {
			var m string
			var ok bool
			if d.kind() == kindNull {
				// A null member is dropped by Coral's list reader.
				d.literal("null")
			} else {
				if t == TypeBS {
					m, ok = d.blobField()
				} else {
					m, ok = d.stringField()
				}
				if ok {
					members = append(members, m)
				}
			}
			if c := d.peek(); c == ',' {
				d.pos++
			} else if c == ']' {
				d.pos++
				break
			} else {
				d.syntax("expected ',' or ']'")
			}
		}
	}
	if d.err != nil {
		return Value{}, nil
	}
	v := Value{t: t, set: members}
	if len(members) == 0 {
		return v, validateSet(v)
	}
	if t == TypeNS {
		verr = canonicalNumberSet(members, members)
	} else if hasDuplicate(members) {
		verr = duplicateError(t, members)
	}
	return v, verr
}

// list decodes the JSON array of an L.
func (d *decoder) list(depth int) (Value, error) {
	switch d.kind() {
	case kindArray:
	case kindObject:
		d.serialization(msgSerStruct)
		return Value{}, nil
	case kindEnd, kindBad:
		d.syntax("expected a value")
		return Value{}, nil
	default:
		d.serialization(msgSerExpList)
		return Value{}, nil
	}
	d.pos++ // '['
	elems := []Value{}
	var verr error
	if d.peek() == ']' {
		d.pos++
		return Value{t: TypeL, list: elems}, nil
	}
	for d.err == nil {
		e, err := d.attrValue(depth + 1)
		if verr == nil {
			verr = err
		}
		elems = append(elems, e)
		if c := d.peek(); c == ',' {
			d.pos++
		} else if c == ']' {
			d.pos++
			break
		} else {
			d.syntax("expected ',' or ']'")
		}
	}
	return Value{t: TypeL, list: elems}, verr
}

// typeKey reads a member name of an AttributeValue and maps it to a Type
// without allocating (known is false for names Coral ignores).
func (d *decoder) typeKey() (t Type, known bool) {
	start := d.pos + 1
	for i := start; i < len(d.data); i++ {
		c := d.data[i]
		if c == '"' {
			d.pos = i + 1
			return typeOf(d.data[start:i])
		}
		if c == '\\' || c < 0x20 {
			break
		}
	}
	name := d.str()
	return typeOf([]byte(name))
}

func typeOf(b []byte) (Type, bool) {
	switch string(b) {
	case "S":
		return TypeS, true
	case "N":
		return TypeN, true
	case "B":
		return TypeB, true
	case "BOOL":
		return TypeBOOL, true
	case "NULL":
		return TypeNULL, true
	case "L":
		return TypeL, true
	case "M":
		return TypeM, true
	case "SS":
		return TypeSS, true
	case "NS":
		return TypeNS, true
	case "BS":
		return TypeBS, true
	}
	return TypeInvalid, false
}
