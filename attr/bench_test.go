package attr

import (
	"encoding/json"
	"strings"
	"testing"
)

// benchItem is a realistic 20-attribute item: keys, strings, numbers, a
// binary, flags, a nested map and list, and sets.
func benchItem() Item {
	return Item{
		"pk":        S("user#1234567890"),
		"sk":        S("profile#2026-11-22T02:13:02Z"),
		"name":      S("Ada Lovelace"),
		"email":     S("ada@example.com"),
		"bio":       S(strings.Repeat("Analytical engine enthusiast. ", 8)),
		"age":       N("36"),
		"balance":   N("-1234.5678"),
		"score":     N("0.000123"),
		"visits":    N("12345678901234567890"),
		"avatar":    B([]byte(strings.Repeat("\x89PNG", 16))),
		"active":    BOOL(true),
		"deleted":   NULL(),
		"country":   S("GB"),
		"locale":    S("en-GB"),
		"createdAt": N("1700000000"),
		"tags":      SS("math", "poetry", "engines"),
		"lucky":     NS("7", "13", "42"),
		"keys":      BS([]byte{1, 2, 3}, []byte{4, 5, 6}),
		"address": M(map[string]Value{
			"street": S("12 St James's Square"),
			"city":   S("London"),
			"zip":    S("SW1Y 4JH"),
			"geo":    L(N("51.5074"), N("-0.1346")),
		}),
		"history": L(
			M(map[string]Value{"at": N("1699990000"), "what": S("login")}),
			M(map[string]Value{"at": N("1699995000"), "what": S("update")}),
		),
	}
}

func BenchmarkParseItemJSON(b *testing.B) {
	data := AppendItemJSON(nil, benchItem())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParseItemJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendItemJSON(b *testing.B) {
	it := benchItem()
	buf := AppendItemJSON(nil, it)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf = AppendItemJSON(buf[:0], it)
	}
}

// BenchmarkParseItemStdlib is the reflection baseline ParseItemJSON is
// measured against: encoding/json into generic maps, without validation.
func BenchmarkParseItemStdlib(b *testing.B) {
	data := AppendItemJSON(nil, benchItem())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var m map[string]map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			b.Fatal(err)
		}
	}
}
