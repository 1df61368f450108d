package attr

import "unicode/utf8"

// AppendJSONString appends s to dst as a quoted JSON string, byte for byte as
// DynamoDB Local writes strings in items and in error messages (recorded from
// DynamoDB Local 3.3.0; see docs/wire-corpus.md):
//
//   - '"' and '\\' are escaped with a backslash;
//   - the control characters \b \t \n \f \r get their short escapes, the other
//     ones below U+0020 \u00XX with upper-case hex (\u000B, \u001F);
//   - every other character of the Basic Multilingual Plane is written as it
//     is: '/', '<', '>', '&', DEL (U+007F), U+2028 and U+2029 included (no
//     HTML or JavaScript escaping);
//   - characters above U+FFFF are written as an escaped UTF-16 surrogate pair
//     (\uD83D\uDE00), as Java's JSON writer does;
//   - a byte that is not valid UTF-8 becomes \uFFFD. (DynamoDB never sends
//     one: it refuses such requests; kvs can hold such strings only when a Go
//     caller built them.)
//
// The server writes every string of a response through this one function.
func AppendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		// Skip eight plain bytes at a time: item values are long runs of
		// printable ASCII, and this loop was a fifth of a 1 KB GetItem's CPU.
		for i+8 <= len(s) && plain8(load8(s[i:])) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = appendASCIIEscape(dst, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\uFFFD`...)
		case r > 0xFFFF:
			dst = append(dst, s[start:i]...)
			r -= 0x10000
			dst = appendU(dst, 0xD800+r>>10)
			dst = appendU(dst, 0xDC00+r&0x3FF)
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// plain8 reports whether the eight bytes of x are all printable ASCII
// other than '"' and '\\' (written as they are). It tests all eight at once
// (the bit tricks of "Bit Twiddling Hacks", Determine if a word has a byte
// less than n / equal to n); a false answer only sends the caller to its
// byte loop.
func plain8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote := x ^ (ones * '"')
	backslash := x ^ (ones * '\\')
	special := (x - ones*0x20) & ^x // a byte below 0x20
	special |= x                    // a byte of 0x80 or more
	special |= (quote - ones) & ^quote
	special |= (backslash - ones) & ^backslash
	return special&highs == 0
}

// load8 returns the first eight bytes of s as a little-endian word (the
// compiler makes it one load).
func load8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// appendASCIIEscape appends the escape of c, a '"', '\\' or control
// character.
func appendASCIIEscape(dst []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(dst, '\\', c)
	case '\b':
		return append(dst, '\\', 'b')
	case '\t':
		return append(dst, '\\', 't')
	case '\n':
		return append(dst, '\\', 'n')
	case '\f':
		return append(dst, '\\', 'f')
	case '\r':
		return append(dst, '\\', 'r')
	}
	return appendU(dst, rune(c))
}

// appendU appends \uXXXX for a UTF-16 code unit, in upper-case hex.
func appendU(dst []byte, u rune) []byte {
	const hex = "0123456789ABCDEF"
	return append(dst, '\\', 'u', hex[u>>12&0xF], hex[u>>8&0xF], hex[u>>4&0xF], hex[u&0xF])
}
