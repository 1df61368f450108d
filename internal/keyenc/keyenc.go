package keyenc

import (
	"errors"
	"fmt"

	"github.com/kvs-project/kvs/attr"
)

// Type tags, the first byte of every encoded value. Their numeric order puts
// negative numbers before zero before positive numbers.
const (
	tagNumNeg  = 0x05
	tagNumZero = 0x06
	tagNumPos  = 0x07
	tagString  = 0x12
	tagBytes   = 0x13
)

// Escape bytes for S and B contents.
const (
	escByte  = 0x00 // starts an escape sequence
	escZero  = 0xFF // escByte escZero stands for a 0x00 byte of the data
	escTerm  = 0x01 // escByte escTerm ends the value
	expBias  = 0x8000
	maxDigit = 2*99 + 1 // largest mantissa byte
)

// ErrCorrupt is wrapped by every decoding error: the bytes are not an
// encoding this package produced.
var ErrCorrupt = errors.New("keyenc: corrupt key encoding")

func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrCorrupt}, args...)...)
}

// AppendValue appends the encoding of v, which must be an S, N or B value, to
// dst and returns the extended slice. N values must hold a decimal number
// (canonical text as attr produces it; non-canonical plain or exponent
// notation such as "007.50" or "1e3" is normalised, so equal numbers encode
// equally). AppendValue panics on any other type or on text that is not a
// number: callers validate keys before they reach storage.
func AppendValue(dst []byte, v attr.Value) []byte {
	switch v.Type() {
	case attr.TypeS:
		return appendEscaped(append(dst, tagString), v.Str())
	case attr.TypeB:
		return appendEscaped(append(dst, tagBytes), v.Str())
	case attr.TypeN:
		out, err := appendNumber(dst, v.Str())
		if err != nil {
			panic(err)
		}
		return out
	default:
		panic(fmt.Sprintf("keyenc: cannot encode a value of type %q as a key", v.Type().String()))
	}
}

// AppendPrefix appends the encoding of an S or B value without its
// terminator. The encoding of a value x of the same type starts with these
// bytes exactly when x begins with v, so [AppendPrefix(v), PrefixEnd(...))
// bounds a begins_with scan. It panics on other types.
func AppendPrefix(dst []byte, v attr.Value) []byte {
	switch v.Type() {
	case attr.TypeS:
		return appendEscapedBody(append(dst, tagString), v.Str())
	case attr.TypeB:
		return appendEscapedBody(append(dst, tagBytes), v.Str())
	default:
		panic(fmt.Sprintf("keyenc: cannot encode a prefix of type %q", v.Type().String()))
	}
}

// PrefixEnd returns the smallest byte string greater than every string that
// starts with prefix, or nil when there is none (prefix is empty or all
// 0xFF). It does not modify prefix.
func PrefixEnd(prefix []byte) []byte {
	for i := len(prefix) - 1; i >= 0; i-- {
		if prefix[i] != 0xFF {
			end := make([]byte, i+1)
			copy(end, prefix)
			end[i]++
			return end
		}
	}
	return nil
}

// DecodeValue decodes the value at the start of b and returns it with the
// bytes that follow it. Errors wrap ErrCorrupt.
func DecodeValue(b []byte) (v attr.Value, rest []byte, err error) {
	if len(b) == 0 {
		return attr.Value{}, nil, corrupt("empty input")
	}
	switch b[0] {
	case tagString:
		body, rest, err := decodeEscaped(b[1:])
		if err != nil {
			return attr.Value{}, nil, err
		}
		return attr.S(string(body)), rest, nil
	case tagBytes:
		body, rest, err := decodeEscaped(b[1:])
		if err != nil {
			return attr.Value{}, nil, err
		}
		return attr.B(body), rest, nil // B copies body into its own string
	case tagNumNeg, tagNumZero, tagNumPos:
		n, rest, err := decodeNumber(b)
		if err != nil {
			return attr.Value{}, nil, err
		}
		return attr.N(n), rest, nil
	default:
		return attr.Value{}, nil, corrupt("unknown type tag 0x%02x", b[0])
	}
}

// AppendKey appends the encoding of a primary key: the partition key pk, then
// the sort key sk unless sk is the zero Value (a table without a sort key).
// Keys sort by pk, then by sk. It panics like AppendValue.
func AppendKey(dst []byte, pk, sk attr.Value) []byte {
	dst = AppendValue(dst, pk)
	if !sk.IsZero() {
		dst = AppendValue(dst, sk)
	}
	return dst
}

// DecodeKey decodes a whole key written by AppendKey. sk is the zero Value
// when the key has no sort key. Trailing bytes are an error.
func DecodeKey(b []byte) (pk, sk attr.Value, err error) {
	pk, rest, err := DecodeValue(b)
	if err != nil {
		return attr.Value{}, attr.Value{}, err
	}
	if len(rest) == 0 {
		return pk, attr.Value{}, nil
	}
	sk, rest, err = DecodeValue(rest)
	if err != nil {
		return attr.Value{}, attr.Value{}, err
	}
	if len(rest) != 0 {
		return attr.Value{}, attr.Value{}, corrupt("%d trailing bytes after sort key", len(rest))
	}
	return pk, sk, nil
}
