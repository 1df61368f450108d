package keyenc

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"
	"github.com/kvs-project/kvs/attr"
)

// FuzzRoundTrip feeds arbitrary bytes to the decoders: they must never panic,
// and whatever they accept must re-encode to exactly the bytes they consumed
// (one encoding per value). It also round-trips the input as S and B.
func FuzzRoundTrip(f *testing.F) {
	for _, v := range []attr.Value{
		attr.N("0"), attr.N("1"), attr.N("-1"), attr.N("12.5"), attr.N(edgeNumbers[13]),
		attr.N(edgeNumbers[15]), attr.N(edgeNumbers[16]), attr.S(""), attr.S("a\x00b"), attr.B([]byte{0xff, 0, 1}),
	} {
		f.Add(AppendValue(nil, v))
	}
	f.Add(AppendKey(nil, attr.S("pk"), attr.N("-0.5")))
	f.Add([]byte{tagNumPos, 0x80})
	f.Add([]byte{tagString, 0x00, 0x02})
	f.Fuzz(func(t *testing.T, data []byte) {
		if v, rest, err := DecodeValue(data); err == nil {
			consumed := data[:len(data)-len(rest)]
			if re := AppendValue(nil, v); !bytes.Equal(re, consumed) {
				t.Fatalf("DecodeValue(%x) = %s %q, which encodes as %x", consumed, v.Type(), v.Str(), re)
			}
		}
		if pk, sk, err := DecodeKey(data); err == nil {
			if re := AppendKey(nil, pk, sk); !bytes.Equal(re, data) {
				t.Fatalf("DecodeKey(%x) = %q, %q, which encodes as %x", data, pk.Str(), sk.Str(), re)
			}
		}
		for _, v := range []attr.Value{attr.S(string(data)), attr.B(data)} {
			got, rest, err := DecodeValue(AppendValue(nil, v))
			if err != nil || len(rest) != 0 || got.Type() != v.Type() || got.Str() != v.Str() {
				t.Fatalf("round trip of %s %q: %s %q rest %x, %v", v.Type(), v.Str(), got.Type(), got.Str(), rest, err)
			}
		}
	})
}

// FuzzOrder checks that encodings of two inputs order like the inputs: as S,
// as B, and, when both are decimal numbers, numerically (against apd).
func FuzzOrder(f *testing.F) {
	f.Add("1", "2")
	f.Add("-1", "1")
	f.Add("0.1", "0.01")
	f.Add("99", "100")
	f.Add("-1.5e3", "-1499.9")
	f.Add("a\x00", "a")
	f.Add(edgeNumbers[13], edgeNumbers[14])
	f.Add(edgeNumbers[15], "1"+strings.Repeat("0", 125))
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, mk := range []func(string) attr.Value{attr.S, func(s string) attr.Value { return attr.B([]byte(s)) }} {
			va, vb := mk(a), mk(b)
			if got, want := bytes.Compare(AppendValue(nil, va), AppendValue(nil, vb)), strings.Compare(a, b); got != want {
				t.Fatalf("%s %q vs %q: bytes.Compare = %d, want %d", va.Type(), a, b, got, want)
			}
		}
		da, db := fuzzNumber(a), fuzzNumber(b)
		if da == nil || db == nil {
			return
		}
		ea, eb := AppendValue(nil, attr.N(a)), AppendValue(nil, attr.N(b))
		if got, want := bytes.Compare(ea, eb), da.Cmp(db); got != want {
			t.Fatalf("N %q vs %q: bytes.Compare = %d, want %d", a, b, got, want)
		}
		dec, _, err := DecodeValue(ea)
		if err != nil || dec.Str() != refCanonical(da) {
			t.Fatalf("N %q decodes to %q, %v; want %q", a, dec.Str(), err, refCanonical(da))
		}
	})
}

// fuzzNumber returns s as a decimal when both this package and apd read it
// as a finite number of modest size, else nil.
func fuzzNumber(s string) *apd.Decimal {
	if len(s) > 200 {
		return nil
	}
	if _, _, exp, err := parseDecimal(s, nil); err != nil || exp > 1000 || exp < -1000 {
		return nil
	}
	d, _, err := apd.NewFromString(s)
	if err != nil || d.Form != apd.Finite {
		return nil
	}
	return d
}
