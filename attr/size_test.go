package attr

import (
	"strings"
	"testing"
)

func TestNumberSize(t *testing.T) {
	// Base-100 encoding: exponent byte + digit pairs aligned on the
	// exponent (+1 terminator byte for negatives). These agree with
	// dynalite's valSize, which was fitted to DynamoDB's limits.
	cases := []struct {
		n    string
		want int
	}{
		{"0", 1},
		{"1", 2},    // 01
		{"12", 2},   // 12
		{"123", 3},  // 01 23
		{"1234", 3}, // 12 34
		{"1.2", 3},  // 01 20: even digit count, even exponent
		{"10", 2},   // 1 digit
		{"-1", 3},   // negative terminator
		{"0.5", 2},  // 50
		{"0.05", 2}, // 05
		{"1.5", 3},  // 01 50
		{"99999999999999999999999999999999999999", 20},
		{"9999999999999999999999999999999999999.9", 21},
	}
	for _, c := range cases {
		if got := numberSize(c.n); got != c.want {
			t.Errorf("numberSize(%s) = %d, want %d", c.n, got, c.want)
		}
	}
}

func TestSize(t *testing.T) {
	cases := []struct {
		v    Value
		want int
	}{
		{S(""), 0},
		{S("abc"), 3},
		{S("é"), 2},
		{B([]byte{1, 2}), 2},
		{BOOL(true), 1},
		{NULL(), 1},
		{L(), 3},
		{L(S("ab"), NULL()), 3 + (1 + 2) + (1 + 1)},
		{M(nil), 3},
		{M(map[string]Value{"k": S("abc")}), 3 + 1 + 1 + 3},
		{SS("a", "bc"), 3},
		{BS([]byte{1}, []byte{1, 2}), 3},
		{NS("1", "-1"), 2 + 3},
		{L(M(map[string]Value{"ab": L()})), 3 + 1 + (3 + 1 + 2 + 3)},
	}
	for _, c := range cases {
		if got := c.v.Size(); got != c.want {
			t.Errorf("%s.Size() = %d, want %d", c.v, got, c.want)
		}
	}
	it := Item{"pk": S("k"), "n": N("1"), "longer": BOOL(true)}
	if got, want := it.Size(), 2+1+1+2+6+1; got != want {
		t.Errorf("Item.Size() = %d, want %d", got, want)
	}
}

func TestCheckItemSize(t *testing.T) {
	// Exactly 400 KB: name "a" + value.
	it := Item{"a": S(strings.Repeat("x", MaxItemSize-1))}
	if err := CheckItemSize(it); err != nil {
		t.Fatalf("400 KB item refused: %v", err)
	}
	it["a"] = S(strings.Repeat("x", MaxItemSize))
	if err := CheckItemSize(it); err == nil || err.Error() != "ValidationException: "+msgItemTooBig {
		t.Fatalf("oversized item: err = %v", err)
	}
}
