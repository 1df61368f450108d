package keyenc

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

var errNotNumber = errors.New("not a decimal number")

// appendNumber appends the encoding of the decimal number in s.
func appendNumber(dst []byte, s string) ([]byte, error) {
	var buf [40]byte
	neg, digits, exp, err := parseDecimal(s, buf[:0])
	if err != nil {
		return dst, fmt.Errorf("keyenc: cannot encode N %q: %w", s, err)
	}
	if len(digits) == 0 {
		return append(dst, tagNumZero), nil
	}
	biased := exp + expBias
	if biased < 0 || biased > 0xFFFF {
		return dst, fmt.Errorf("keyenc: cannot encode N %q: exponent out of range", s)
	}
	// flip complements every byte after the tag of a negative number.
	var flip byte
	tag := byte(tagNumPos)
	if neg {
		flip, tag = 0xFF, tagNumNeg
	}
	dst = append(dst, tag, byte(biased>>8)^flip, byte(biased)^flip)
	for i := 0; i < len(digits); i += 2 {
		p := digits[i] * 10
		if i+1 < len(digits) {
			p += digits[i+1]
		}
		b := 2 * p
		if i+2 < len(digits) {
			b++ // more pairs follow
		}
		dst = append(dst, b^flip)
	}
	return dst, nil
}

// parseDecimal reads an optionally signed decimal with optional fraction and
// exponent. It returns the significant digits (values 0-9, no leading or
// trailing zeros, appended to buf) and exp such that the magnitude is
// 0.d1d2...dn × 10^exp. Zero has no digits.
func parseDecimal(s string, buf []byte) (neg bool, digits []byte, exp int, err error) {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	digits = buf
	var (
		sawDigit, sawPoint bool
		intDigits          int // digits before the point, leading zeros included
		leading            int // zeros before the first nonzero digit
		pendingZeros       int // zeros seen since the last nonzero digit
	)
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			sawDigit = true
			if !sawPoint {
				intDigits++
			}
			switch {
			case c == '0' && len(digits) == 0:
				leading++
			case c == '0':
				pendingZeros++
			default:
				for ; pendingZeros > 0; pendingZeros-- {
					digits = append(digits, 0)
				}
				digits = append(digits, c-'0')
			}
			continue
		case c == '.' && !sawPoint:
			sawPoint = true
			continue
		case c == 'e' || c == 'E':
		default:
			return false, nil, 0, errNotNumber
		}
		// Exponent part.
		e, perr := strconv.Atoi(s[i+1:])
		if perr != nil || !sawDigit {
			return false, nil, 0, errNotNumber
		}
		if e > 1<<20 || e < -(1<<20) {
			return false, nil, 0, errors.New("exponent out of range")
		}
		exp = e
		break
	}
	if !sawDigit {
		return false, nil, 0, errNotNumber
	}
	if len(digits) == 0 {
		return false, nil, 0, nil // zero, whatever its sign
	}
	return neg, digits, intDigits - leading + exp, nil
}

// decodeNumber decodes a number whose tag is b[0] and returns its canonical
// text.
func decodeNumber(b []byte) (string, []byte, error) {
	if b[0] == tagNumZero {
		return "0", b[1:], nil
	}
	neg := b[0] == tagNumNeg
	var flip byte
	if neg {
		flip = 0xFF
	}
	if len(b) < 4 {
		return "", nil, corrupt("truncated number")
	}
	exp := int(uint16(b[1]^flip)<<8|uint16(b[2]^flip)) - expBias
	var buf [48]byte
	digits := buf[:0]
	for i := 3; i < len(b); i++ {
		x := b[i] ^ flip
		if x > maxDigit {
			return "", nil, corrupt("invalid mantissa byte 0x%02x", b[i])
		}
		p := x / 2
		if i == 3 && p < 10 {
			return "", nil, corrupt("mantissa has a leading zero")
		}
		if x%2 == 1 {
			digits = append(digits, p/10, p%10)
			continue
		}
		// The last pair: its second digit is padding when zero.
		if p == 0 {
			return "", nil, corrupt("mantissa has trailing zeros")
		}
		digits = append(digits, p/10)
		if p%10 != 0 {
			digits = append(digits, p%10)
		}
		return formatDecimal(neg, digits, exp), b[i+1:], nil
	}
	return "", nil, corrupt("truncated number mantissa")
}

// formatDecimal renders ±0.d1...dn × 10^exp in plain canonical notation.
func formatDecimal(neg bool, digits []byte, exp int) string {
	n := len(digits)
	size := n + 2
	switch {
	case exp <= 0:
		size += 2 - exp
	case exp > n:
		size += exp - n
	}
	var sb strings.Builder
	sb.Grow(size)
	if neg {
		sb.WriteByte('-')
	}
	switch {
	case exp <= 0:
		sb.WriteString("0.")
		writeZeros(&sb, -exp)
		writeDigits(&sb, digits)
	case exp >= n:
		writeDigits(&sb, digits)
		writeZeros(&sb, exp-n)
	default:
		writeDigits(&sb, digits[:exp])
		sb.WriteByte('.')
		writeDigits(&sb, digits[exp:])
	}
	return sb.String()
}

func writeDigits(sb *strings.Builder, digits []byte) {
	for _, d := range digits {
		sb.WriteByte('0' + d)
	}
}

func writeZeros(sb *strings.Builder, n int) {
	for range n {
		sb.WriteByte('0')
	}
}
