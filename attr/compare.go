package attr

import "strings"

// CompareNumbers orders two canonical numbers numerically: -1, 0 or +1.
// It does not allocate. Both arguments must be canonical (see
// CanonicalNumber); the result for other strings is unspecified.
func CompareNumbers(a, b string) int {
	an := len(a) > 0 && a[0] == '-'
	bn := len(b) > 0 && b[0] == '-'
	switch {
	case an && !bn:
		return -1
	case !an && bn:
		return 1
	case an:
		return -compareMagnitudes(a[1:], b[1:])
	default:
		return compareMagnitudes(a, b)
	}
}

// compareMagnitudes orders two unsigned canonical numbers. Canonical text has
// no leading zeros (except the single "0" before a fraction), so a longer
// integer part means a larger number; with equal integer lengths the decimal
// points line up and byte order is numeric order (a proper prefix is smaller
// because canonical text has no trailing fractional zeros).
func compareMagnitudes(a, b string) int {
	ai, bi := intPartLen(a), intPartLen(b)
	if ai != bi {
		if ai < bi {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

func intPartLen(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return i
	}
	return len(s)
}

// Compare orders two values of the same scalar type (S by UTF-8 bytes, N
// numerically, B by unsigned bytes). ok is false when the values are not both
// S, both N or both B.
func Compare(a, b Value) (c int, ok bool) {
	if a.t != b.t {
		return 0, false
	}
	switch a.t {
	case TypeS, TypeB:
		// Go compares strings as unsigned bytes, which is UTF-8 code
		// point order for S and unsigned byte order for B.
		return strings.Compare(a.s, b.s), true
	case TypeN:
		return CompareNumbers(a.s, b.s), true
	}
	return 0, false
}

// Equal reports DynamoDB equality: same type and same value, numbers compared
// numerically, sets compared ignoring order, L and M compared deeply.
func Equal(a, b Value) bool {
	if a.t != b.t {
		return false
	}
	switch a.t {
	case TypeInvalid:
		return true
	case TypeS, TypeB:
		return a.s == b.s
	case TypeN:
		return CompareNumbers(a.s, b.s) == 0
	case TypeBOOL, TypeNULL:
		return a.bl == b.bl
	case TypeL:
		if len(a.list) != len(b.list) {
			return false
		}
		for i := range a.list {
			if !Equal(a.list[i], b.list[i]) {
				return false
			}
		}
		return true
	case TypeM:
		return mapsEqual(a.m, b.m)
	case TypeSS, TypeBS, TypeNS:
		return setsEqual(a.t, a.set, b.set)
	}
	return false
}

// ItemsEqual reports whether two items have the same attributes with Equal values.
func ItemsEqual(a, b Item) bool { return mapsEqual(a, b) }

func mapsEqual(a, b map[string]Value) bool {
	if len(a) != len(b) {
		return false
	}
	for k, av := range a {
		bv, ok := b[k]
		if !ok || !Equal(av, bv) {
			return false
		}
	}
	return true
}

// setsEqual compares duplicate-free sets ignoring order. Small sets use a
// quadratic scan (no allocation); larger ones a hash lookup.
func setsEqual(t Type, a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) <= 16 {
		for _, x := range a {
			if !setHas(t, b, x) {
				return false
			}
		}
		return true
	}
	idx := make(map[string]struct{}, len(b))
	for _, y := range b {
		idx[y] = struct{}{}
	}
	for _, x := range a {
		if _, ok := idx[x]; !ok {
			// Canonical numbers have one text per value, so a miss is
			// final for NS too.
			return false
		}
	}
	return true
}

// setHas reports whether member x is in set (numerically for NS).
func setHas(t Type, set []string, x string) bool {
	for _, y := range set {
		if y == x || (t == TypeNS && CompareNumbers(x, y) == 0) {
			return true
		}
	}
	return false
}
