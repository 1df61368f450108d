package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"

	"github.com/kvs-project/kvs/apierr"
)

// decode reads a request body into in (a pointer to a request struct) and
// turns decoding failures into DynamoDB's errors: a SerializationException
// with Coral's text for a JSON type mismatch, the attribute decoder's own
// Serialization or Validation errors as they are.
func decode(body []byte, in any) error {
	// Without its leading whitespace, the body starts where the bytes a
	// request type's own UnmarshalJSON receives start (kvs.ListTablesInput),
	// so the offsets of the errors it returns are the body's, as
	// truncateIntegerLiteral needs.
	body = bytes.TrimLeft(body, " \t\r\n")
	err := json.Unmarshal(body, in)
	if first, ok := leadingValue(body, err); ok {
		// Bytes after a complete JSON value are ignored, as DynamoDB Local
		// (like Jackson's streaming parser) does: {"Limit":1}} reads as
		// {"Limit":1}.
		body = first
		reflect.ValueOf(in).Elem().SetZero()
		err = json.Unmarshal(body, in)
	}
	// A number with a fraction or an exponent where an integer is expected
	// is truncated, as DynamoDB's Coral deserialiser does (Limit 1.5 reads
	// as 1): rewrite the literal and decode again. encoding/json reports one
	// such error at a time, so a request may take a few rounds.
	for round := 0; err != nil && round < 8; round++ {
		fixed, ok := truncateIntegerLiteral(body, err)
		if !ok {
			break
		}
		body = fixed
		reflect.ValueOf(in).Elem().SetZero()
		err = json.Unmarshal(body, in)
	}
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if e := asAPIError(err); e != nil {
		if e.Code != apierr.Serialization {
			// A type error elsewhere would have won on DynamoDB.
			if se := firstTypeError(body, reflect.TypeOf(in)); se != nil {
				return se
			}
			if ve := valueKeyContext(body, e); ve != nil {
				return ve
			}
		}
		return e
	}
	if errors.As(err, &te) {
		// A member with its own UnmarshalJSON (legacy.ExpectedMap) returns
		// its type error at once, ahead of one encoding/json saved from an
		// earlier member; DynamoDB reports the first in document order.
		if se := firstTypeError(body, reflect.TypeOf(in)); se != nil {
			return se
		}
		return apierr.New(apierr.Serialization, typeMismatchMessage(te.Value, te.Type))
	}
	// Syntax errors (and anything else encoding/json reports): DynamoDB
	// answers a bare SerializationException.
	return apierr.New(apierr.Serialization, "")
}

// typeMismatchMessage reproduces Coral's SerializationException text for a
// JSON value of kind value ("string", "number", "bool", "array", "object")
// found where a member of Go type target was expected.
func typeMismatchMessage(value string, target reflect.Type) string {
	switch value {
	case "array":
		return "Start of list found where not expected"
	case "object":
		return "Start of structure or map found where not expected."
	}
	for target.Kind() == reflect.Pointer {
		target = target.Elem()
	}
	var from string
	switch value {
	case "bool":
		from = "class java.lang.Boolean"
	case "string":
		from = "class java.lang.String"
	default: // "number" or "number <literal>"
		from = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber"
	}
	switch target.Kind() {
	case reflect.String:
		return from + " can not be converted to an String"
	case reflect.Bool:
		return from + " can not be converted to an Boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32:
		return from + " can not be converted to an Integer"
	case reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return from + " can not be converted to an Long"
	case reflect.Float32, reflect.Float64:
		return from + " can not be converted to an Double"
	case reflect.Slice, reflect.Array:
		return "Expected list or null"
	case reflect.Map:
		return "Expected map or null"
	case reflect.Struct:
		return "Expected null"
	}
	return from + " can not be converted to an " + target.Kind().String()
}

// leadingValue returns the complete JSON value body starts with when err is
// a syntax error in the bytes after it.
func leadingValue(body []byte, err error) ([]byte, bool) {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return nil, false
	}
	var first json.RawMessage
	d := json.NewDecoder(bytes.NewReader(body))
	if d.Decode(&first) != nil || int(d.InputOffset()) >= len(body) {
		return nil, false
	}
	return first, true
}
