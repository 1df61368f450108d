package keyenc

import (
	"bytes"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/kvs-project/kvs/attr"
)

var keyTypes = []attr.Type{attr.TypeS, attr.TypeN, attr.TypeB}

// edgeNumbers are the numbers at DynamoDB's limits and around zero and one.
var edgeNumbers = []string{
	"0", "1", "-1", "10", "-10", "100", "0.1", "-0.1", "0.01", "9", "-9", "11", "1.1",
	"0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
	"-0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
	"99999999999999999999999999999999999999" + strings.Repeat("0", 88),
	"-99999999999999999999999999999999999999" + strings.Repeat("0", 88),
	"12345678901234567890123456789012345678",
	"1234567890123456789012345678901234567.8",
	"0.12345678901234567890123456789012345678",
	"-12345678901234567890123456789012345678",
	"9223372036854775807", "-9223372036854775808", "18446744073709551615",
}

func TestValueOrderMatchesDynamoDB(t *testing.T) {
	r := newRand(t)
	for _, typ := range keyTypes {
		t.Run(typ.String(), func(t *testing.T) {
			var vals []attr.Value
			if typ == attr.TypeN {
				for _, s := range edgeNumbers {
					vals = append(vals, attr.N(s))
				}
			}
			for range 3000 {
				vals = append(vals, randValue(r, typ))
			}
			encs := make([][]byte, len(vals))
			for i, v := range vals {
				encs[i] = AppendValue(nil, v)
			}
			// Random pairs, plus every neighbour after sorting by the reference
			// order, so near-equal values are compared too.
			for range 20000 {
				i, j := r.IntN(len(vals)), r.IntN(len(vals))
				checkPair(t, vals[i], vals[j], encs[i], encs[j])
			}
			idx := make([]int, len(vals))
			for i := range idx {
				idx[i] = i
			}
			slices.SortFunc(idx, func(i, j int) int { return refCompare(t, vals[i], vals[j]) })
			for k := 1; k < len(idx); k++ {
				i, j := idx[k-1], idx[k]
				checkPair(t, vals[i], vals[j], encs[i], encs[j])
			}
		})
	}
}

func checkPair(t *testing.T, a, b attr.Value, ea, eb []byte) {
	t.Helper()
	want := sign(refCompare(t, a, b))
	if got := bytes.Compare(ea, eb); got != want {
		t.Fatalf("%s %q vs %q: bytes.Compare = %d, want %d\n%x\n%x", a.Type(), a.Str(), b.Str(), got, want, ea, eb)
	}
}

func TestValueRoundTrip(t *testing.T) {
	r := newRand(t)
	check := func(v attr.Value) {
		t.Helper()
		suffix := []byte{0x42, 0x00}
		enc := AppendValue([]byte("prefix"), v)
		enc = append(enc[len("prefix"):len(enc):len(enc)], suffix...)
		got, rest, err := DecodeValue(enc)
		if err != nil {
			t.Fatalf("decode %s %q (%x): %v", v.Type(), v.Str(), enc, err)
		}
		if got.Type() != v.Type() || got.Str() != v.Str() || !bytes.Equal(rest, suffix) {
			t.Fatalf("decode %s %q = %s %q rest %x", v.Type(), v.Str(), got.Type(), got.Str(), rest)
		}
	}
	for _, s := range edgeNumbers {
		check(attr.N(s))
	}
	for _, typ := range keyTypes {
		for range 5000 {
			check(randValue(r, typ))
		}
	}
	check(attr.S(""))
	check(attr.B(nil))
}

// TestNonCanonicalNumbers checks that numbers not in canonical text encode
// like their canonical form and decode to it.
func TestNonCanonicalNumbers(t *testing.T) {
	for in, want := range map[string]string{
		"-0":       "0",
		"0.000":    "0",
		"+5":       "5",
		"007.50":   "7.5",
		"1e3":      "1000",
		"1E-3":     "0.001",
		"-12.5e+1": "-125",
		".5":       "0.5",
		"5.":       "5",
		"100":      "100",
	} {
		enc := AppendValue(nil, attr.N(in))
		if canon := AppendValue(nil, attr.N(want)); !bytes.Equal(enc, canon) {
			t.Errorf("N %q encodes as %x, N %q as %x", in, enc, want, canon)
		}
		got, _, err := DecodeValue(enc)
		if err != nil || got.Str() != want {
			t.Errorf("N %q decodes to %q, %v; want %q", in, got.Str(), err, want)
		}
	}
}

// TestGoldenEncodings pins the on-disk format: a change here needs a new
// FormatVersion.
func TestGoldenEncodings(t *testing.T) {
	for _, tc := range []struct {
		v   attr.Value
		hex string
	}{
		{attr.N("0"), "06"},
		{attr.N("1"), "07800114"},
		{attr.N("-1"), "057ffeeb"},
		{attr.N("12.5"), "0780021964"},
		{attr.N("0.001"), "077ffe14"},
		{attr.N("123"), "078003193c"},
		{attr.S(""), "120001"},
		{attr.S("a\x00b"), "126100ff620001"},
		{attr.B([]byte{0xff, 0x00}), "13ff00ff0001"},
	} {
		if got := hex.EncodeToString(AppendValue(nil, tc.v)); got != tc.hex {
			t.Errorf("%s %q encodes as %s, want %s", tc.v.Type(), tc.v.Str(), got, tc.hex)
		}
	}
	if FormatVersion != 1 {
		t.Errorf("FormatVersion = %d: update the golden encodings with the format", FormatVersion)
	}
}

func TestKeyOrderAndRoundTrip(t *testing.T) {
	r := newRand(t)
	type key struct {
		pk, sk       attr.Value
		enc          []byte
		decPK, decSK attr.Value
	}
	for _, pkType := range keyTypes {
		for _, skType := range append([]attr.Type{attr.TypeInvalid}, keyTypes...) {
			t.Run(pkType.String()+"_"+skType.String(), func(t *testing.T) {
				// Few distinct partition keys, so many keys share one.
				pks := make([]attr.Value, 12)
				for i := range pks {
					pks[i] = randValue(r, pkType)
				}
				keys := make([]key, 800)
				for i := range keys {
					k := key{pk: pks[r.IntN(len(pks))]}
					if skType != attr.TypeInvalid {
						k.sk = randValue(r, skType)
					}
					k.enc = AppendKey(nil, k.pk, k.sk)
					pk, sk, err := DecodeKey(k.enc)
					if err != nil {
						t.Fatalf("DecodeKey(%x): %v", k.enc, err)
					}
					if pk.Str() != k.pk.Str() || pk.Type() != k.pk.Type() ||
						sk.Str() != k.sk.Str() || sk.Type() != k.sk.Type() {
						t.Fatalf("DecodeKey(AppendKey(%q, %q)) = %q, %q", k.pk.Str(), k.sk.Str(), pk.Str(), sk.Str())
					}
					keys[i] = k
				}
				for range 20000 {
					a, b := keys[r.IntN(len(keys))], keys[r.IntN(len(keys))]
					want := sign(refCompare(t, a.pk, b.pk))
					if want == 0 && skType != attr.TypeInvalid {
						want = sign(refCompare(t, a.sk, b.sk))
					}
					if got := bytes.Compare(a.enc, b.enc); got != want {
						t.Fatalf("(%q,%q) vs (%q,%q): bytes.Compare = %d, want %d", a.pk.Str(), a.sk.Str(), b.pk.Str(), b.sk.Str(), got, want)
					}
					// [enc(pk), PrefixEnd(enc(pk))) holds exactly pk's keys.
					lo := AppendValue(nil, a.pk)
					hi := PrefixEnd(lo)
					inPartition := bytes.Compare(b.enc, lo) >= 0 && bytes.Compare(b.enc, hi) < 0
					if samePK := refCompare(t, a.pk, b.pk) == 0; inPartition != samePK {
						t.Fatalf("key (%q,%q) in partition range of %q: %v, want %v", b.pk.Str(), b.sk.Str(), a.pk.Str(), inPartition, samePK)
					}
				}
			})
		}
	}
}

func TestPrefix(t *testing.T) {
	r := newRand(t)
	for _, typ := range []attr.Type{attr.TypeS, attr.TypeB} {
		for range 20000 {
			x, p := randValue(r, typ), randValue(r, typ)
			if r.IntN(3) == 0 && len(x.Str()) > 0 { // make real prefixes common
				p = attr.S(x.Str()[:r.IntN(len(x.Str()))])
				if typ == attr.TypeB {
					p = attr.B([]byte(p.Str()))
				}
			}
			enc, pre := AppendValue(nil, x), AppendPrefix(nil, p)
			want := strings.HasPrefix(x.Str(), p.Str())
			if got := bytes.HasPrefix(enc, pre); got != want {
				t.Fatalf("%q has prefix %q: encoding says %v", x.Str(), p.Str(), got)
			}
			end := PrefixEnd(pre)
			inRange := bytes.Compare(enc, pre) >= 0 && (end == nil || bytes.Compare(enc, end) < 0)
			if inRange != want {
				t.Fatalf("%q in [prefix(%q), end) = %v, want %v", x.Str(), p.Str(), inRange, want)
			}
		}
	}
}

func TestPrefixEnd(t *testing.T) {
	for in, want := range map[string]string{
		"":          "",
		"\xff\xff":  "",
		"a":         "b",
		"a\xff":     "b",
		"a\x00\xff": "a\x01",
	} {
		got := PrefixEnd([]byte(in))
		if string(got) != want || (want == "") != (got == nil) {
			t.Errorf("PrefixEnd(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	for name, in := range map[string]string{
		"empty":              "",
		"unknown tag":        "99",
		"string no term":     "126162",
		"string half escape": "126100",
		"bad escape":         "12610002",
		"number truncated":   "0780",
		"number no mantissa": "078001",
		"number no end":      "07800115",
		"mantissa too big":   "078001c8",
		"leading zero":       "0780010a",
		"trailing zeros":     "0780011500",
		"neg truncated":      "057ffe",
		"neg leading zero":   "057ffef5",
	} {
		b, err := hex.DecodeString(in)
		if err != nil {
			t.Fatal(err)
		}
		if v, _, err := DecodeValue(b); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: DecodeValue(%x) = %s %q, %v; want ErrCorrupt", name, b, v.Type(), v.Str(), err)
		}
	}
	// DecodeKey rejects bytes after the sort key.
	k := AppendKey(nil, attr.S("a"), attr.N("1"))
	if _, _, err := DecodeKey(append(k, tagNumZero)); !errors.Is(err, ErrCorrupt) {
		t.Errorf("DecodeKey with trailing bytes: %v", err)
	}
	if _, _, err := DecodeKey(k[:len(k)-1]); !errors.Is(err, ErrCorrupt) {
		t.Errorf("DecodeKey truncated: %v", err)
	}
}

func TestAppendValuePanicsOnNonKeyValues(t *testing.T) {
	for _, v := range []attr.Value{{}, attr.BOOL(true), attr.NULL(), attr.L(), attr.SS("a"), attr.N("abc"), attr.N(""), attr.N("1e"), attr.N("1.2.3"), attr.N("--1"), attr.N("1e999999999")} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("AppendValue(%s %q) did not panic", v.Type(), v.Str())
				}
			}()
			AppendValue(nil, v)
		}()
	}
}
