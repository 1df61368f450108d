package attr

import (
	"testing"
)

// FuzzParseValueJSON checks that the decoder never panics, that whatever it
// accepts is valid and survives an encode/decode round trip unchanged.
func FuzzParseValueJSON(f *testing.F) {
	for _, s := range []string{
		`{"S":"x"}`, `{"N":"-1.5E3"}`, `{"B":"AQID"}`, `{"BOOL":true}`, `{"NULL":true}`,
		`{"L":[{"S":"a"},{"M":{"k":{"NS":["1","2"]}}}]}`, `{"SS":["a","b"]}`, `{"BS":["AQ=="]}`,
		`{"S":"a\u00e9\ud83d\ude00\n"}`, `{"N":"x"}`, `{"SS":[]}`, `{"S":1}`, `{}`, `{"X":[1,{"a":null}]}`,
		`{"M":{"a\"b":{"NULL":"yes"}}}`, `{"M":{"":{"S":"x"}}}`, `{"M":{"a":null}}`, `{"L":[null]}`,
		`{"NS":["1","1.0","x"]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := ParseValueJSON(data)
		if err != nil {
			return
		}
		if err := Validate(v); err != nil {
			t.Fatalf("ParseValueJSON(%q) accepted an invalid value: %v", data, err)
		}
		enc := AppendValueJSON(nil, v)
		w, err := ParseValueJSON(enc)
		if err != nil {
			t.Fatalf("re-parse of %s (from %q): %v", enc, data, err)
		}
		if !Equal(v, w) || v.String() != w.String() {
			t.Fatalf("round trip changed %s into %s", v, w)
		}
	})
}

// FuzzCanonicalNumber checks that canonical numbers are fixed points and
// that CompareNumbers treats a number and its canonical text as equal.
func FuzzCanonicalNumber(f *testing.F) {
	for _, s := range []string{"1", "-0", "01.10", "1E-130", "9.9E125", ".5", "5.", "1e", "abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := CanonicalNumber(s)
		if err != nil {
			return
		}
		c2, err := CanonicalNumber(c)
		if err != nil || c2 != c {
			t.Fatalf("CanonicalNumber(%q) = %q, not a fixed point (%q, %v)", s, c, c2, err)
		}
		if CompareNumbers(c, c) != 0 {
			t.Fatalf("CompareNumbers(%q, itself) != 0", c)
		}
	})
}
