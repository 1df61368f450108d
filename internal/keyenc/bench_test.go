package keyenc

import (
	"testing"

	"github.com/kvs-project/kvs/attr"
)

var benchValues = map[string]attr.Value{
	"S16":   attr.S("user#0000012345ab"),
	"N":     attr.N("1732233600123"),
	"N38":   attr.N("-1234567890123456789.0123456789012345678"),
	"B32":   attr.B([]byte("0123456789abcdef\x00123456789abcde")),
	"S256z": attr.S(string(make([]byte, 256))),
}

func BenchmarkAppendValue(b *testing.B) {
	for name, v := range benchValues {
		b.Run(name, func(b *testing.B) {
			buf := make([]byte, 0, 1024)
			b.ReportAllocs()
			for b.Loop() {
				buf = AppendValue(buf[:0], v)
			}
		})
	}
}

func BenchmarkDecodeValue(b *testing.B) {
	for name, v := range benchValues {
		b.Run(name, func(b *testing.B) {
			enc := AppendValue(nil, v)
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := DecodeValue(enc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkAppendKey(b *testing.B) {
	pk, sk := attr.S("tenant#42/user#12345"), attr.N("1732233600123")
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendKey(buf[:0], pk, sk)
	}
}

func BenchmarkDecodeKey(b *testing.B) {
	enc := AppendKey(nil, attr.S("tenant#42/user#12345"), attr.N("1732233600123"))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := DecodeKey(enc); err != nil {
			b.Fatal(err)
		}
	}
}
