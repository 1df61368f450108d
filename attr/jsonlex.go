package attr

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The JSON tokens of the wire decoder: whitespace, literals, strings with
// escapes, and skipping of values Coral ignores.

// skipWS skips JSON whitespace.
func (d *decoder) skipWS() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end.
func (d *decoder) peek() byte {
	d.skipWS()
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

// jsonKind classifies the next JSON value by its first byte.
type jsonKind uint8

const (
	kindEnd jsonKind = iota
	kindObject
	kindArray
	kindString
	kindNumber
	kindBool
	kindNull
	kindBad
)

func (d *decoder) kind() jsonKind {
	switch c := d.peek(); {
	case c == 0:
		return kindEnd
	case c == '{':
		return kindObject
	case c == '[':
		return kindArray
	case c == '"':
		return kindString
	case c == '-' || (c >= '0' && c <= '9'):
		return kindNumber
	case c == 't' || c == 'f':
		return kindBool
	case c == 'n':
		return kindNull
	}
	return kindBad
}

// literal consumes the expected literal (true, false, null).
func (d *decoder) literal(lit string) {
	if len(d.data)-d.pos >= len(lit) && string(d.data[d.pos:d.pos+len(lit)]) == lit {
		d.pos += len(lit)
		return
	}
	d.syntax("invalid literal")
}

// str decodes a JSON string at d.pos (which must be '"').
func (d *decoder) str() string {
	start := d.pos + 1
	i := start
	for i < len(d.data) {
		// Skip eight bytes at a time while none ends or escapes the
		// string: a 1 KB value is most of a PutItem's body.
		for i+8 <= len(d.data) && !stringStop8(binary.LittleEndian.Uint64(d.data[i:])) {
			i += 8
		}
		if i >= len(d.data) {
			break
		}
		c := d.data[i]
		if c == '"' {
			raw := d.src[start:i]
			d.pos = i + 1
			if utf8.ValidString(raw) {
				return raw
			}
			return strings.ToValidUTF8(raw, "\uFFFD")
		}
		if c == '\\' || c < 0x20 {
			break
		}
		i++
	}
	return d.strSlow(start)
}

// stringStop8 reports whether one of the eight bytes of x is '"', '\\' or a
// control character, tested all at once as in plain8.
func stringStop8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote := x ^ (ones * '"')
	backslash := x ^ (ones * '\\')
	stop := (x - ones*0x20) & ^x // a byte below 0x20
	stop |= (quote - ones) & ^quote
	stop |= (backslash - ones) & ^backslash
	return stop&highs != 0
}

// strSlow decodes a string with escapes.
func (d *decoder) strSlow(start int) string {
	buf := make([]byte, 0, 32)
	i := start
	for i < len(d.data) {
		c := d.data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			if !utf8.Valid(buf) {
				return strings.ToValidUTF8(string(buf), "\uFFFD")
			}
			return string(buf)
		case c < 0x20:
			d.syntax("control character in string")
			return ""
		case c != '\\':
			buf = append(buf, c)
			i++
			continue
		}
		i++
		if i >= len(d.data) {
			break
		}
		switch e := d.data[i]; e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := hex4(d.data, i+1)
			if !ok {
				d.syntax("invalid \\u escape")
				return ""
			}
			i += 4
			if utf16.IsSurrogate(r) {
				r2, ok2 := rune(0), false
				if i+2 < len(d.data) && d.data[i+1] == '\\' && d.data[i+2] == 'u' {
					r2, ok2 = hex4(d.data, i+3)
				}
				if dec := utf16.DecodeRune(r, r2); ok2 && dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			d.syntax("invalid escape")
			return ""
		}
		i++
	}
	d.syntax("unterminated string")
	return ""
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// skipValue skips any JSON value (for members Coral ignores), checking its
// syntax.
func (d *decoder) skipValue(depth int) {
	if depth > maxParseDepth {
		d.syntax("nesting too deep")
		return
	}
	switch d.kind() {
	case kindString:
		d.str()
	case kindNumber:
		d.number()
	case kindBool:
		if d.data[d.pos] == 't' {
			d.literal("true")
		} else {
			d.literal("false")
		}
	case kindNull:
		d.literal("null")
	case kindArray, kindObject:
		obj := d.data[d.pos] == '{'
		closer := byte(']')
		if obj {
			closer = '}'
		}
		d.pos++
		if d.peek() == closer {
			d.pos++
			return
		}
		for d.err == nil {
			if obj {
				if d.peek() != '"' {
					d.syntax("expected a member name")
					return
				}
				d.str()
				if d.peek() != ':' {
					d.syntax("expected ':'")
					return
				}
				d.pos++
			}
			d.skipValue(depth + 1)
			if c := d.peek(); c == ',' {
				d.pos++
			} else if c == closer {
				d.pos++
				return
			} else {
				d.syntax("expected ',' or a closing bracket")
			}
		}
	default:
		d.syntax("expected a value")
	}
}

// number consumes a JSON number token.
func (d *decoder) number() {
	i := d.pos
	if i < len(d.data) && d.data[i] == '-' {
		i++
	}
	digits := 0
	for i < len(d.data) {
		c := d.data[i]
		if (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-' {
			if c >= '0' && c <= '9' {
				digits++
			}
			i++
			continue
		}
		break
	}
	if digits == 0 {
		d.syntax("invalid number")
		return
	}
	d.pos = i
}
