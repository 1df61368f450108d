package server

import (
	"bytes"
	"unicode/utf8"

	"github.com/kvs-project/kvs/attr"
)

// A fast path for decoding the hot requests (GetItem, PutItem, UpdateItem,
// DeleteItem, Query) without encoding/json's reflection and its extra
// validation pass. It accepts a strict subset of JSON — the members it knows,
// each at most once; strings without escapes; true, false, small integers;
// items and values, which attr decodes — and gives up on anything else,
// including any error. The caller then decodes with encoding/json, which
// produces the one canonical result or error. A differential fuzz test
// checks that both paths agree whenever the fast one answers.

// fastScanner reads one JSON object member by member.
type fastScanner struct {
	b []byte
	i int
}

func (s *fastScanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// object calls member for each member's key, positioned at its value;
// member consumes the value and reports whether it could. seen tracks keys
// by the bit member returns, to refuse duplicates. The object must be the
// whole input.
func (s *fastScanner) object(member func(key []byte) (bit uint64, ok bool)) bool {
	s.ws()
	if !s.fields(member) {
		return false
	}
	s.ws()
	return s.i == len(s.b)
}

// fields reads one object at the cursor as object does, for a nested
// struct: each member at most once, since encoding/json would merge a
// repeated struct member into the first rather than replace it.
func (s *fastScanner) fields(member func(key []byte) (bit uint64, ok bool)) bool {
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		return false
	}
	s.i++
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == '}' {
		s.i++
		return true
	}
	var seen uint64
	for {
		key, ok := s.rawString()
		if !ok {
			return false
		}
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != ':' {
			return false
		}
		s.i++
		s.ws()
		bit, ok := member(key)
		if !ok || seen&bit != 0 {
			return false
		}
		seen |= bit
		s.ws()
		if s.i >= len(s.b) {
			return false
		}
		if s.b[s.i] == '}' {
			s.i++
			return true
		}
		if s.b[s.i] != ',' {
			return false
		}
		s.i++
		s.ws()
	}
}

// rawString returns the bytes of a string without escapes or control
// characters, in valid UTF-8 (so that decoding it would not change it).
func (s *fastScanner) rawString() ([]byte, bool) {
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return nil, false
	}
	start := s.i + 1
	for j := start; j < len(s.b); j++ {
		c := s.b[j]
		if c == '"' {
			raw := s.b[start:j]
			if !utf8.Valid(raw) {
				return nil, false
			}
			s.i = j + 1
			return raw, true
		}
		if c == '\\' || c < 0x20 {
			return nil, false
		}
	}
	return nil, false
}

func (s *fastScanner) str(dst *string) bool {
	raw, ok := s.rawString()
	if ok {
		*dst = string(raw)
	}
	return ok
}

func (s *fastScanner) boolPtr(dst **bool) bool {
	for _, lit := range [...]string{"true", "false"} {
		if len(s.b)-s.i >= len(lit) && string(s.b[s.i:s.i+len(lit)]) == lit {
			s.i += len(lit)
			v := lit == "true"
			*dst = &v
			return true
		}
	}
	return false
}

// int32Ptr reads an integer in int32 range (no fraction or exponent).
func (s *fastScanner) int32Ptr(dst **int32) bool {
	j := s.i
	neg := j < len(s.b) && s.b[j] == '-'
	if neg {
		j++
	}
	start := j
	var n int64
	for j < len(s.b) && s.b[j] >= '0' && s.b[j] <= '9' {
		n = n*10 + int64(s.b[j]-'0')
		if n > 1<<31 {
			return false
		}
		j++
	}
	digits := j - start
	if digits == 0 || (digits > 1 && s.b[start] == '0') {
		return false
	}
	if j < len(s.b) && (s.b[j] == '.' || s.b[j] == 'e' || s.b[j] == 'E') {
		return false
	}
	if neg {
		n = -n
	}
	if n > 1<<31-1 || n < -1<<31 {
		return false
	}
	v := int32(n)
	*dst = &v
	s.i = j
	return true
}

// rawObject returns the extent of the JSON object at the cursor, without
// validating its content (attr's decoder does).
func (s *fastScanner) rawObject() ([]byte, bool) {
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		return nil, false
	}
	start := s.i
	depth := 0
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '{', '[':
			depth++
			if depth > 256 {
				return nil, false
			}
		case '}', ']':
			depth--
			if depth == 0 {
				s.i++
				return s.b[start:s.i], true
			}
		case '"':
			// Skip the string with IndexByte (vectorised): item values
			// are long strings (1 KB in the benchmarks) and a byte loop
			// here cost as much as decoding them.
			s.i++
			for {
				if s.i >= len(s.b) {
					return nil, false
				}
				j := bytes.IndexByte(s.b[s.i:], '"')
				if j < 0 {
					return nil, false
				}
				if k := bytes.IndexByte(s.b[s.i:s.i+j], '\\'); k >= 0 {
					s.i += k + 2 // the backslash and the character it escapes
					continue
				}
				s.i += j
				break
			}
		}
		s.i++
	}
	return nil, false
}

// item reads an attribute map ({"name":{"S":"x"},...}); JSON null is left
// to the slow path.
func (s *fastScanner) item(dst *attr.Item) bool {
	raw, ok := s.rawObject()
	if !ok {
		return false
	}
	it, err := attr.ParseItemJSON(raw)
	if err != nil {
		return false
	}
	*dst = it
	return true
}

// names reads ExpressionAttributeNames.
func (s *fastScanner) names(dst *map[string]string) bool {
	m := map[string]string{}
	inner := fastScanner{b: s.b, i: s.i}
	if !inner.members(func(key []byte) bool {
		var v string
		if !inner.str(&v) {
			return false
		}
		m[string(key)] = v
		return true
	}) {
		return false
	}
	s.i = inner.i
	*dst = m
	return true
}

// values reads ExpressionAttributeValues.
func (s *fastScanner) values(dst *map[string]attr.Value) bool {
	m := map[string]attr.Value{}
	inner := fastScanner{b: s.b, i: s.i}
	if !inner.members(func(key []byte) bool {
		raw, ok := inner.rawObject()
		if !ok {
			return false
		}
		v, err := attr.ParseValueJSON(raw)
		if err != nil {
			return false
		}
		m[string(key)] = v
		return true
	}) {
		return false
	}
	s.i = inner.i
	*dst = m
	return true
}

// members reads a nested object; like encoding/json, the last of duplicate
// keys wins.
func (s *fastScanner) members(member func(key []byte) bool) bool {
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		return false
	}
	s.i++
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == '}' {
		s.i++
		return true
	}
	for {
		key, ok := s.rawString()
		if !ok {
			return false
		}
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != ':' {
			return false
		}
		s.i++
		s.ws()
		if !member(key) {
			return false
		}
		s.ws()
		if s.i >= len(s.b) {
			return false
		}
		if s.b[s.i] == '}' {
			s.i++
			return true
		}
		if s.b[s.i] != ',' {
			return false
		}
		s.i++
		s.ws()
	}
}
