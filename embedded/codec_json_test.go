package embedded

import (
	"slices"
	"testing"

	"github.com/kvs-project/kvs/attr"
)

// jsonItems are sampleItems plus strings that JSON must escape.
func jsonItems() []attr.Item {
	return append(sampleItems(),
		attr.Item{"q\"uote": attr.S("a\"b\\c\n\t\x01</>&é😀"), "ss": attr.SS("\"", "\x7f", "\u2028")},
		attr.Item{"nested": attr.M(map[string]attr.Value{"l": attr.L(attr.BS([]byte{0xff}), attr.NS("-0.001"))})},
	)
}

// TestAppendRecordJSON checks that a record's JSON is the JSON attr writes
// for its item (names in sorted order) and that a corrupt record is an error that leaves dst as it was.
func TestAppendRecordJSON(t *testing.T) {
	for _, it := range jsonItems() {
		rec := appendRecord(nil, it, it.Size())
		got, size, err := appendRecordJSON([]byte("prefix"), rec)
		if err != nil || size != it.Size() {
			t.Fatalf("%v: size %d, %v", it, size, err)
		}
		want := []byte("prefix{")
		names := make([]string, 0, len(it))
		for k := range it {
			names = append(names, k)
		}
		slices.Sort(names)
		for i, k := range names {
			if i > 0 {
				want = append(want, ',')
			}
			want = attr.AppendJSONString(want, k)
			want = append(want, ':')
			want = attr.AppendValueJSON(want, it[k]) // nested maps here have one key
		}
		want = append(want, '}')
		if string(got) != string(want) {
			t.Errorf("JSON of %v\n got %s\nwant %s", it, got, want)
		}
		for i := range rec {
			if out, _, err := appendRecordJSON([]byte("prefix"), rec[:i]); err == nil || string(out) != "prefix" {
				t.Fatalf("%v truncated to %d bytes: %q, %v; want an error and dst unchanged", it, i, out, err)
			}
		}
	}
}

// FuzzAppendRecordJSON: appendRecordJSON accepts exactly the records
// decodeRecord accepts, and its JSON parses to the decoded item.
func FuzzAppendRecordJSON(f *testing.F) {
	for _, it := range jsonItems() {
		f.Add(appendRecord(nil, it, it.Size()))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		it, size, derr := decodeRecord(b)
		js, jsize, jerr := appendRecordJSON(nil, b)
		if (derr == nil) != (jerr == nil) {
			t.Fatalf("%x: decodeRecord %v, appendRecordJSON %v", b, derr, jerr)
		}
		if derr != nil || string(appendRecord(nil, it, size)) != string(b) {
			return // only records appendRecord writes: unique sorted names
		}
		// Both JSON forms through the same parser (which canonicalises
		// numbers; a fuzzed record need not hold canonical ones, nor
		// distinct set members, which the parser refuses).
		want, werr := attr.ParseItemJSON(attr.AppendItemJSON(nil, it))
		back, err := attr.ParseItemJSON(js)
		if jsize != size || (werr == nil && (err != nil || !attr.ItemsEqual(back, want))) {
			t.Fatalf("%x: JSON %s parses to %v, %v; want %v", b, js, back, err, want)
		}
	})
}
