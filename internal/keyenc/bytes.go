package keyenc

import (
	"bytes"
	"strings"
)

// appendEscaped appends s with 0x00 escaped, then the terminator.
func appendEscaped(dst []byte, s string) []byte {
	return append(appendEscapedBody(dst, s), escByte, escTerm)
}

// appendEscapedBody appends s with every 0x00 written as 0x00 0xFF.
func appendEscapedBody(dst []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, escByte)
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		dst = append(dst, escByte, escZero)
		s = s[i+1:]
	}
}

// decodeEscaped reads an escaped body and its terminator from b. body
// aliases b when the data holds no 0x00 byte, else it is freshly allocated;
// either way callers copy it into the value they build.
func decodeEscaped(b []byte) (body, rest []byte, err error) {
	// Fast path: no escaped zero bytes, the first 0x00 is the terminator.
	i := bytes.IndexByte(b, escByte)
	if i < 0 {
		return nil, nil, corrupt("missing string terminator")
	}
	if i+1 < len(b) && b[i+1] == escTerm {
		return b[:i], b[i+2:], nil
	}
	out := make([]byte, 0, len(b))
	for {
		if i < 0 || i+1 >= len(b) {
			return nil, nil, corrupt("missing string terminator")
		}
		out = append(out, b[:i]...)
		switch b[i+1] {
		case escTerm:
			return out, b[i+2:], nil
		case escZero:
			out = append(out, 0)
			b = b[i+2:]
			i = bytes.IndexByte(b, escByte)
		default:
			return nil, nil, corrupt("invalid escape 0x00 0x%02x", b[i+1])
		}
	}
}
