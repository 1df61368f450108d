package embedded

import (
	"testing"

	"github.com/kvs-project/kvs/attr"
)

func sampleItems() []attr.Item {
	return []attr.Item{
		{},
		{"pk": attr.S("a")},
		{"pk": attr.S(""), "n": attr.N("-1.5E+20"), "b": attr.B([]byte{0, 1, 255}), "t": attr.BOOL(true), "f": attr.BOOL(false), "z": attr.NULL()},
		{"l": attr.L(), "l2": attr.L(attr.S("x"), attr.L(attr.N("1")), attr.M(map[string]attr.Value{"k": attr.NULL()}))},
		{"m": attr.M(nil), "ss": attr.SS("a", "b"), "ns": attr.NS("1", "2.5"), "bs": attr.BS([]byte("x"), []byte{0})},
	}
}

func TestCodecRoundTrip(t *testing.T) {
	for _, it := range sampleItems() {
		b := appendRecord(nil, it, it.Size())
		got, size, err := decodeRecord(b)
		if err != nil {
			t.Fatalf("%v: %v", it, err)
		}
		if !attr.ItemsEqual(got, it) || size != it.Size() {
			t.Fatalf("round trip of %v = %v (size %d)", it, got, size)
		}
		if string(appendRecord(nil, got, size)) != string(b) {
			t.Fatalf("%v: encoding not canonical", it)
		}
		// Every truncation is an error, never a panic.
		for i := range b {
			if _, _, err := decodeRecord(b[:i]); err == nil {
				t.Fatalf("%v: truncation to %d bytes decoded", it, i)
			}
		}
	}
}

func FuzzDecodeRecord(f *testing.F) {
	for _, it := range sampleItems() {
		f.Add(appendRecord(nil, it, it.Size()))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		it, size, err := decodeRecord(b)
		if err != nil {
			return
		}
		// What decodes re-encodes to a record that decodes to the same item.
		again, size2, err := decodeRecord(appendRecord(nil, it, size))
		if err != nil || size2 != size || !attr.ItemsEqual(again, it) {
			t.Fatalf("re-decoding %x failed: %v", b, err)
		}
	})
}
