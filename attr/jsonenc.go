package attr

import (
	"encoding/base64"
	"slices"
	"sort"
	"unicode/utf8"
)

// This file writes the DynamoDB wire JSON form of values by hand: the server
// encodes every item it returns, so it must not go through reflection.

// AppendValueJSON appends the wire JSON of v (e.g. {"S":"x"}) to dst. Map
// members are written in Go map order; use String for a stable form. The zero
// Value is written as {}.
func AppendValueJSON(dst []byte, v Value) []byte {
	return appendValue(dst, v, false)
}

// AppendItemJSON appends the wire JSON object of an item
// ({"name":{"S":"x"},...}) to dst, in Go map order.
func AppendItemJSON(dst []byte, it Item) []byte {
	return appendMap(dst, it, false)
}

// String renders the value in wire JSON, with map keys sorted and set members
// sorted (for tests and logs).
func (v Value) String() string {
	return string(appendValue(nil, v, true))
}

// String renders the item in wire JSON with sorted keys.
func (it Item) String() string {
	return string(appendMap(nil, it, true))
}

// MarshalJSON implements json.Marshaler with the wire form.
func (v Value) MarshalJSON() ([]byte, error) {
	return appendValue(nil, v, false), nil
}

// MarshalJSON implements json.Marshaler with the wire form.
func (it Item) MarshalJSON() ([]byte, error) {
	if it == nil {
		return []byte("null"), nil
	}
	return appendMap(nil, it, false), nil
}

func appendValue(dst []byte, v Value, sorted bool) []byte {
	switch v.t {
	case TypeS:
		dst = append(dst, `{"S":`...)
		dst = appendString(dst, v.s)
	case TypeN:
		dst = append(dst, `{"N":"`...)
		dst = append(dst, v.s...) // canonical numbers need no escaping
		dst = append(dst, '"')
	case TypeB:
		dst = append(dst, `{"B":`...)
		dst = appendBase64(dst, v.s)
	case TypeBOOL:
		if v.bl {
			return append(dst, `{"BOOL":true}`...)
		}
		return append(dst, `{"BOOL":false}`...)
	case TypeNULL:
		return append(dst, `{"NULL":true}`...)
	case TypeL:
		dst = append(dst, `{"L":[`...)
		for i, e := range v.list {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendValue(dst, e, sorted)
		}
		dst = append(dst, ']')
	case TypeM:
		dst = append(dst, `{"M":`...)
		dst = appendMap(dst, v.m, sorted)
	case TypeSS, TypeNS, TypeBS:
		dst = append(dst, `{"`...)
		dst = append(dst, v.t.String()...)
		dst = append(dst, `":[`...)
		members := v.set
		if sorted {
			members = slices.Clone(members)
			if v.t == TypeNS {
				slices.SortFunc(members, CompareNumbers)
			} else {
				slices.Sort(members)
			}
		}
		for i, m := range members {
			if i > 0 {
				dst = append(dst, ',')
			}
			switch v.t {
			case TypeSS:
				dst = appendString(dst, m)
			case TypeNS:
				dst = append(dst, '"')
				dst = append(dst, m...)
				dst = append(dst, '"')
			default:
				dst = appendBase64(dst, m)
			}
		}
		dst = append(dst, ']')
	default:
		return append(dst, "{}"...)
	}
	return append(dst, '}')
}

func appendMap(dst []byte, m map[string]Value, sorted bool) []byte {
	dst = append(dst, '{')
	if sorted {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, k)
			dst = append(dst, ':')
			dst = appendValue(dst, m[k], sorted)
		}
		return append(dst, '}')
	}
	first := true
	for k, v := range m {
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = appendString(dst, k)
		dst = append(dst, ':')
		dst = appendValue(dst, v, sorted)
	}
	return append(dst, '}')
}

func appendBase64(dst []byte, b string) []byte {
	dst = append(dst, '"')
	dst = base64.StdEncoding.AppendEncode(dst, []byte(b))
	return append(dst, '"')
}

const hexDigits = "0123456789abcdef"

// safeASCII marks the bytes that need no escaping inside a JSON string.
var safeASCII = func() (t [utf8.RuneSelf]bool) {
	for i := 0x20; i < utf8.RuneSelf; i++ {
		t[i] = i != '"' && i != '\\'
	}
	return t
}()

// appendString appends s as a quoted JSON string, escaping like
// encoding/json (without its HTML escaping); invalid UTF-8 becomes U+FFFD.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safeASCII[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		// U+2028 and U+2029 are valid JSON but break JavaScript; escape
		// them as encoding/json does.
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
