package attr

import (
	"github.com/cockroachdb/apd/v3"

	"github.com/kvs-project/kvs/apierr"
)

// DynamoDB numbers are exact decimals with at most 38 significant digits
// whose magnitude lies in [1E-130, 9.99…9E+125] (or is zero). They are kept
// as canonical strings: the plain-notation text DynamoDB answers with.

const (
	maxSigDigits = 38
	// maxExp and minExp bound the exponent of the leading significant digit
	// (scientific notation d.ddd×10^e).
	maxExp = 125
	minExp = -130
)

// DynamoDB's messages for invalid numbers (dynalite and dynoxide agree on
// these texts; dynoxide records them from DynamoDB itself).
const (
	msgNumEmpty     = "The parameter cannot be converted to a numeric value"
	msgNumInvalid   = "The parameter cannot be converted to a numeric value: "
	msgNumDigits    = "Attempting to store more than 38 significant digits in a Number"
	msgNumOverflow  = "Number overflow. Attempting to store a number with magnitude larger than supported range"
	msgNumUnderflow = "Number underflow. Attempting to store a number with magnitude smaller than supported range"
)

// ParseNumber validates a DynamoDB number string and returns it as an N value
// in canonical form. Errors are *apierr.Error ValidationExceptions with
// DynamoDB's messages (too many digits, out of range, not a number).
func ParseNumber(s string) (Value, error) {
	c, err := CanonicalNumber(s)
	if err != nil {
		return Value{}, err
	}
	return N(c), nil
}

// CanonicalNumber returns the canonical text of a valid DynamoDB number: the
// form DynamoDB answers with ("01" -> "1", "1.0" -> "1", "1E2" -> "100",
// "-0" -> "0", "1E-3" -> "0.001"), with DynamoDB's errors for invalid input.
// Accepted syntax is Java's BigDecimal: an optional sign, digits with an
// optional decimal point (".5" and "5." included) and an optional exponent.
// It does not allocate when s is already canonical.
func CanonicalNumber(s string) (string, error) {
	d, ok := scanDecimal(s)
	if !ok {
		if s == "" {
			return "", apierr.New(apierr.Validation, msgNumEmpty)
		}
		return "", apierr.New(apierr.Validation, msgNumInvalid+s)
	}
	if err := d.check(false); err != nil {
		return "", err
	}
	return d.canonical(), nil
}

// canonical returns the canonical text of a checked decimal, reusing the
// source string when it is already canonical.
func (d *decimal) canonical() string {
	s := d.src
	var buf [maxCanonicalLen]byte
	out := d.appendCanonical(buf[:0], s)
	if string(out) == s {
		return s
	}
	return string(out)
}

// maxCanonicalLen bounds the canonical text: sign, "0.", 129 zeros and 38
// digits for the smallest magnitudes, or 126 integer digits.
const maxCanonicalLen = 1 + 2 + (-minExp - 1) + maxSigDigits

// decimal is a parsed number that still points into its source text: the
// significant digits are src[first..last] with the '.' (if any) skipped.
type decimal struct {
	src         string
	neg         bool
	first, last int // byte offsets of the first and last non-zero digit; first < 0 for zero
	n           int // number of significant digits
	exp         int // exponent of the leading significant digit
}

// scanDecimal parses s with BigDecimal's grammar. ok is false for anything
// that is not a number.
func scanDecimal(s string) (d decimal, ok bool) {
	d.src = s
	d.first = -1
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		d.neg = s[i] == '-'
		i++
	}
	digits, intDigits := 0, 0
	seenDot := false
	// pos counts digits seen; leadPos is the digit index of the first non-zero digit.
	leadPos := -1
	for ; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			if c != '0' {
				if d.first < 0 {
					d.first = i
					leadPos = digits
				}
				d.last = i
			}
			digits++
			if !seenDot {
				intDigits++
			}
			continue
		}
		if c == '.' && !seenDot {
			seenDot = true
			continue
		}
		break
	}
	if digits == 0 {
		return d, false
	}
	exp := 0
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return d, false
		}
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		if i == len(s) {
			return d, false
		}
		for ; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return d, false
			}
			// Saturate: anything this large is out of range anyway.
			if exp < 1e9 {
				exp = exp*10 + int(c-'0')
			}
		}
		if eneg {
			exp = -exp
		}
	}
	if d.first < 0 {
		d.neg = false
		return d, true
	}
	d.n = 0
	for j := d.first; j <= d.last; j++ {
		if s[j] != '.' {
			d.n++
		}
	}
	d.exp = intDigits - 1 - leadPos + exp
	return d, true
}

// check applies DynamoDB's precision and range rules. Input numbers are
// checked in dynoxide's order (digits, then overflow, then underflow); the
// results of arithmetic are checked for range first, since a sum that
// leaves the range is reported as an overflow.
func (d *decimal) check(rangeFirst bool) error {
	if d.first < 0 {
		return nil
	}
	if rangeFirst && d.exp > maxExp {
		return apierr.New(apierr.Validation, msgNumOverflow)
	}
	switch {
	case d.n > maxSigDigits:
		return apierr.New(apierr.Validation, msgNumDigits)
	case d.exp > maxExp:
		return apierr.New(apierr.Validation, msgNumOverflow)
	case d.exp < minExp:
		return apierr.New(apierr.Validation, msgNumUnderflow)
	}
	return nil
}

// appendCanonical appends the plain-notation text of a checked decimal.
func (d *decimal) appendCanonical(dst []byte, s string) []byte {
	if d.first < 0 {
		return append(dst, '0')
	}
	if d.neg {
		dst = append(dst, '-')
	}
	if d.exp < 0 {
		dst = append(dst, '0', '.')
		for k := -1; k > d.exp; k-- {
			dst = append(dst, '0')
		}
		return d.appendDigits(dst, s, 0, d.n)
	}
	intLen := d.exp + 1
	if d.n <= intLen {
		dst = d.appendDigits(dst, s, 0, d.n)
		for k := d.n; k < intLen; k++ {
			dst = append(dst, '0')
		}
		return dst
	}
	dst = d.appendDigits(dst, s, 0, intLen)
	dst = append(dst, '.')
	return d.appendDigits(dst, s, intLen, d.n)
}

// appendDigits appends significant digits [from, to) of d.
func (d *decimal) appendDigits(dst []byte, s string, from, to int) []byte {
	k := 0
	for j := d.first; j <= d.last && k < to; j++ {
		if s[j] == '.' {
			continue
		}
		if k >= from {
			dst = append(dst, s[j])
		}
		k++
	}
	return dst
}

// arith is exact for every sum of two in-range numbers: their digits span at
// most 126+130 places.
var arith = apd.Context{
	Precision:   300,
	MaxExponent: apd.MaxExponent,
	MinExponent: apd.MinExponent,
	Rounding:    apd.RoundHalfEven,
	Traps:       apd.DefaultTraps,
}

// AddNumbers returns a+b for canonical numbers a and b, exactly (38 digits),
// with DynamoDB's overflow/underflow errors.
func AddNumbers(a, b string) (string, error) {
	return addSub(a, b, false)
}

// SubNumbers returns a-b, like AddNumbers.
func SubNumbers(a, b string) (string, error) {
	return addSub(a, b, true)
}

func addSub(a, b string, sub bool) (string, error) {
	x, err := parseApd(a)
	if err != nil {
		return "", err
	}
	y, err := parseApd(b)
	if err != nil {
		return "", err
	}
	var z apd.Decimal
	if sub {
		_, err = arith.Sub(&z, x, y)
	} else {
		_, err = arith.Add(&z, x, y)
	}
	if err != nil {
		return "", apierr.New(apierr.Validation, msgNumOverflow)
	}
	return fromApd(&z)
}

// parseApd parses a number (canonicalising and range-checking it first, so
// apd never sees its own extensions such as "NaN" or "Inf").
func parseApd(s string) (*apd.Decimal, error) {
	c, err := CanonicalNumber(s)
	if err != nil {
		return nil, err
	}
	d, _, err := apd.NewFromString(c)
	if err != nil {
		return nil, apierr.New(apierr.Validation, msgNumInvalid+s)
	}
	return d, nil
}

// fromApd converts an exact apd result back to a canonical, range-checked
// DynamoDB number.
func fromApd(z *apd.Decimal) (string, error) {
	var buf [64]byte
	b := buf[:0]
	if z.Negative {
		b = append(b, '-')
	}
	b = z.Coeff.Append(b, 10)
	b = append(b, 'E')
	b = appendInt(b, int64(z.Exponent))
	d, ok := scanDecimal(string(b))
	if !ok {
		return "", apierr.New(apierr.Validation, msgNumInvalid+string(b))
	}
	if err := d.check(true); err != nil {
		return "", err
	}
	return d.canonical(), nil
}

func appendInt(b []byte, v int64) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	var tmp [20]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return append(b, tmp[i:]...)
}

// numberParts returns the significant-digit count and leading-digit exponent
// of a canonical number (n = 0 for zero); used by the size rule.
func numberParts(canonical string) (n, exp int, neg bool) {
	d, ok := scanDecimal(canonical)
	if !ok || d.first < 0 {
		return 0, 0, false
	}
	return d.n, d.exp, d.neg
}
