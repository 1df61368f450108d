package keyenc

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"
	"github.com/kvs-project/kvs/attr"
)

// This file holds the random value generators and the reference orderings
// the property tests compare against. The reference for numbers is apd, an
// implementation independent of this package's parser.

// randNumber returns a canonical DynamoDB number anywhere in DynamoDB's range:
// 1 to 38 significant digits, exponents from tiny to huge, both signs, with
// extra weight on near-equal numbers and on the range's edges.
func randNumber(r *rand.Rand) string {
	if r.IntN(20) == 0 {
		return "0"
	}
	n := 1 + r.IntN(38)
	if r.IntN(4) == 0 {
		n = 38
	}
	digits := make([]byte, n)
	for i := range digits {
		digits[i] = byte('0' + r.IntN(10))
		if r.IntN(3) == 0 { // long runs of 9s and 0s make carries and near-ties
			digits[i] = "09"[r.IntN(2)]
		}
	}
	digits[0] = byte('1' + r.IntN(9))
	digits[n-1] = byte('1' + r.IntN(9))
	// Magnitude is 0.digits × 10^exp with exp in [-129, 126].
	var exp int
	switch r.IntN(4) {
	case 0:
		exp = -129 + r.IntN(256)
	case 1:
		exp = -129 + r.IntN(4)
	case 2:
		exp = 123 + r.IntN(4)
	default:
		exp = -3 + r.IntN(8)
	}
	return canonicalText(string(digits), exp, r.IntN(2) == 0)
}

// canonicalText renders ±0.digits × 10^exp through apd.
func canonicalText(digits string, exp int, neg bool) string {
	d, _, err := apd.NewFromString(digits)
	if err != nil {
		panic(err)
	}
	d.Exponent = int32(exp - len(digits))
	d.Negative = neg
	return refCanonical(d)
}

// refCanonical is the canonical text of d by apd: plain notation, trailing
// zeros stripped, "0" for zero.
func refCanonical(d *apd.Decimal) string {
	if d.IsZero() {
		return "0"
	}
	var r apd.Decimal
	r.Reduce(d)
	return r.Text('f')
}

func refNumber(t testing.TB, s string) *apd.Decimal {
	t.Helper()
	d, _, err := apd.NewFromString(s)
	if err != nil {
		t.Fatalf("apd cannot parse %q: %v", s, err)
	}
	return d
}

// randBytes returns a short string biased towards the bytes the escaping
// treats specially (0x00, 0x01, 0xFF) and towards shared prefixes.
func randBytes(r *rand.Rand) string {
	const alphabet = "\x00\x01\xfe\xffab"
	n := r.IntN(8)
	if r.IntN(10) == 0 {
		n = r.IntN(300)
	}
	var sb strings.Builder
	for range n {
		if r.IntN(4) == 0 {
			sb.WriteByte(byte(r.IntN(256)))
		} else {
			sb.WriteByte(alphabet[r.IntN(len(alphabet))])
		}
	}
	return sb.String()
}

// randValue returns a random S, N or B value of type t.
func randValue(r *rand.Rand, t attr.Type) attr.Value {
	switch t {
	case attr.TypeS:
		return attr.S(randBytes(r))
	case attr.TypeB:
		return attr.B([]byte(randBytes(r)))
	default:
		return attr.N(randNumber(r))
	}
}

// refCompare is DynamoDB's order of two values of the same key type.
func refCompare(t testing.TB, a, b attr.Value) int {
	if a.Type() == attr.TypeN {
		return refNumber(t, a.Str()).Cmp(refNumber(t, b.Str()))
	}
	return strings.Compare(a.Str(), b.Str())
}

func sign(c int) int {
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

func newRand(t testing.TB) *rand.Rand {
	seed := uint64(rand.Int64())
	t.Logf("random seed %d", seed)
	return rand.New(rand.NewPCG(seed, 0x6b6579656e63))
}
