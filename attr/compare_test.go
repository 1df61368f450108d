package attr

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"
)

func TestCompareNumbersTable(t *testing.T) {
	ordered := []string{
		"-" + "99999999999999999999999999999999999999" + strings.Repeat("0", 88),
		"-1000", "-999.5", "-100", "-10.01", "-10", "-9.99", "-1.5", "-1", "-0.5", "-0.05", "-0.0000001",
		"-0." + strings.Repeat("0", 129) + "1",
		"0",
		"0." + strings.Repeat("0", 129) + "1",
		"0.0001", "0.001", "0.1", "0.5", "0.55", "1", "1.00000000001", "1.5", "2", "9.9", "10", "10.5", "99", "100", "1000",
		"1" + strings.Repeat("0", 125),
	}
	for i, a := range ordered {
		for j, b := range ordered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := CompareNumbers(a, b); got != want {
				t.Errorf("CompareNumbers(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
}

// randomNumber returns a random valid DynamoDB number in non-canonical
// text, spread over the whole range: tiny, huge, negative, 38 digits.
func randomNumber(r *rand.Rand) string {
	if r.Intn(20) == 0 {
		return []string{"0", "-0", "0.000", "0E5"}[r.Intn(4)]
	}
	n := 1 + r.Intn(38)
	if r.Intn(3) == 0 {
		n = 1 + r.Intn(3) // many short numbers, so equal values collide
	}
	var b strings.Builder
	if r.Intn(2) == 0 {
		b.WriteByte('-')
	}
	b.WriteByte(byte('1' + r.Intn(9)))
	for i := 1; i < n; i++ {
		b.WriteByte(byte('0' + r.Intn(10)))
	}
	// The leading digit's exponent must be in [-130, 125]; the mantissa
	// written as an integer has exponent n-1 already.
	var exp int
	switch r.Intn(3) {
	case 0:
		exp = r.Intn(256) - 130
	default:
		exp = r.Intn(11) - 5
	}
	b.WriteString("E")
	b.WriteString(itoa(exp - (n - 1)))
	return b.String()
}

func TestCompareNumbersAgreesWithApd(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 50000; i++ {
		as, bs := randomNumber(r), randomNumber(r)
		if i%7 == 0 {
			bs = as // equal values, possibly different texts
		}
		a, err := CanonicalNumber(as)
		if err != nil {
			t.Fatalf("CanonicalNumber(%s): %v", as, err)
		}
		b, err := CanonicalNumber(bs)
		if err != nil {
			t.Fatalf("CanonicalNumber(%s): %v", bs, err)
		}
		x, _, err1 := apd.NewFromString(as)
		y, _, err2 := apd.NewFromString(bs)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if got, want := CompareNumbers(a, b), x.Cmp(y); got != want {
			t.Fatalf("CompareNumbers(%s, %s) = %d, apd says %d (from %s, %s)", a, b, got, want, as, bs)
		}
		// The canonical text is the same number, and has no exponent.
		ca, _, _ := apd.NewFromString(a)
		if ca.Cmp(x) != 0 || strings.ContainsAny(a, "eE+") {
			t.Fatalf("CanonicalNumber(%s) = %s is not the same number in plain form", as, a)
		}
		// Canonicalising is idempotent.
		if again, _ := CanonicalNumber(a); again != a {
			t.Fatalf("CanonicalNumber(%s) = %s, not idempotent", a, again)
		}
		// Sums agree with apd where they are in range.
		if sum, err := AddNumbers(a, b); err == nil {
			var z apd.Decimal
			if _, err := arith.Add(&z, x, y); err != nil {
				t.Fatal(err)
			}
			s, _, _ := apd.NewFromString(sum)
			if s.Cmp(&z) != 0 {
				t.Fatalf("AddNumbers(%s, %s) = %s, apd says %s", a, b, sum, z.String())
			}
		}
	}
}

func TestCompareNumbersNoAlloc(t *testing.T) {
	a, b := "-12345.678", "-12345.6781"
	if n := testing.AllocsPerRun(100, func() { CompareNumbers(a, b) }); n != 0 {
		t.Fatalf("CompareNumbers allocated %v times", n)
	}
}

func TestCompare(t *testing.T) {
	cases := []struct {
		a, b Value
		c    int
		ok   bool
	}{
		{S("a"), S("b"), -1, true},
		{S("b"), S("a"), 1, true},
		{S("a"), S("a"), 0, true},
		{S("Z"), S("a"), -1, true},
		{S("\u00e9"), S("z"), 1, true},  // UTF-8 bytes: 0xC3 > 'z'
		{S("\uffff"), S("😀"), -1, true}, // bytes, not UTF-16 code units
		{N("10"), N("9"), 1, true},
		{N("-10"), N("-9"), -1, true},
		{B([]byte{0x80}), B([]byte{0x7f}), 1, true}, // unsigned
		{B([]byte{1}), B([]byte{1, 0}), -1, true},
		{S("1"), N("1"), 0, false},
		{BOOL(true), BOOL(true), 0, false},
		{SS("a"), SS("a"), 0, false},
	}
	for _, c := range cases {
		got, ok := Compare(c.a, c.b)
		if got != c.c || ok != c.ok {
			t.Errorf("Compare(%s, %s) = %d, %v; want %d, %v", c.a, c.b, got, ok, c.c, c.ok)
		}
	}
}

func TestEqual(t *testing.T) {
	big := make([]string, 40)
	bigRev := make([]string, 40)
	for i := range big {
		big[i] = itoa(i)
		bigRev[len(big)-1-i] = itoa(i)
	}
	eq := []struct{ a, b Value }{
		{Value{}, Value{}},
		{S(""), S("")},
		{N("1"), N("1")},
		{NULL(), NULL()},
		{BOOL(false), BOOL(false)},
		{SS("a", "b"), SS("b", "a")},
		{NS("1", "2.5"), NS("2.5", "1")},
		{NS(big...), NS(bigRev...)},
		{BS([]byte{1}, []byte{2}), BS([]byte{2}, []byte{1})},
		{L(S("a"), N("1")), L(S("a"), N("1"))},
		{M(map[string]Value{"a": L(SS("x", "y"))}), M(map[string]Value{"a": L(SS("y", "x"))})},
	}
	for _, c := range eq {
		if !Equal(c.a, c.b) || !Equal(c.b, c.a) {
			t.Errorf("Equal(%s, %s) = false", c.a, c.b)
		}
	}
	ne := []struct{ a, b Value }{
		{Value{}, NULL()},
		{S("1"), N("1")},
		{S("a"), S("b")},
		{N("1"), N("2")},
		{BOOL(true), BOOL(false)},
		{B([]byte("a")), S("a")},
		{SS("a"), SS("a", "b")},
		{SS("a", "b"), SS("a", "c")},
		{NS(big...), NS(append(bigRev[:39:39], "99")...)},
		{SS("a"), BS([]byte("a"))},
		{L(S("a"), S("b")), L(S("b"), S("a"))},
		{L(S("a")), L(S("a"), S("a"))},
		{M(map[string]Value{"a": S("x")}), M(map[string]Value{"b": S("x")})},
		{M(map[string]Value{"a": S("x")}), M(map[string]Value{"a": S("y")})},
		{M(nil), L()},
	}
	for _, c := range ne {
		if Equal(c.a, c.b) || Equal(c.b, c.a) {
			t.Errorf("Equal(%s, %s) = true", c.a, c.b)
		}
	}
}

func BenchmarkCompareNumbers(b *testing.B) {
	pairs := [][2]string{
		{"12345.6789", "12345.67891"},
		{"-0.000001", "-0.0000011"},
		{"99999999999999999999999999999999999999", "99999999999999999999999999999999999998"},
		{"1", "-1"},
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p := pairs[i&3]
		CompareNumbers(p[0], p[1])
	}
}

func BenchmarkEqual(b *testing.B) {
	x := benchItem()
	y := benchItem()
	vx, vy := M(x), M(y)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if !Equal(vx, vy) {
			b.Fatal("not equal")
		}
	}
}
