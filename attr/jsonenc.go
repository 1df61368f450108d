package attr

import (
	"encoding/base64"
	"slices"
	"sort"
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
		dst = AppendJSONString(dst, v.s)
	case TypeN:
		dst = append(dst, `{"N":"`...)
		dst = append(dst, v.s...) // canonical numbers need no escaping
		dst = append(dst, '"')
	case TypeB:
		dst = append(dst, `{"B":`...)
		dst = AppendJSONBase64(dst, v.s)
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
				dst = AppendJSONString(dst, m)
			case TypeNS:
				dst = append(dst, '"')
				dst = append(dst, m...)
				dst = append(dst, '"')
			default:
				dst = AppendJSONBase64(dst, m)
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
			dst = AppendJSONString(dst, k)
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
		dst = AppendJSONString(dst, k)
		dst = append(dst, ':')
		dst = appendValue(dst, v, sorted)
	}
	return append(dst, '}')
}

// AppendJSONBase64 appends the bytes of b base64-encoded as a JSON string,
// DynamoDB's wire form of a B value or a BS member.
func AppendJSONBase64(dst []byte, b string) []byte {
	dst = append(dst, '"')
	dst = base64.StdEncoding.AppendEncode(dst, []byte(b))
	return append(dst, '"')
}
