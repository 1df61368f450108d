package expr

import (
	"strconv"
	"testing"

	"github.com/kvs-project/kvs/attr"
)

func benchItem() attr.Item {
	it := attr.Item{"pk": attr.S("user#123"), "status": attr.S("active"), "age": attr.N("42")}
	for i := 0; len(it) < 20; i++ {
		it["attr"+strconv.Itoa(i)] = attr.S("value " + strconv.Itoa(i))
	}
	return it
}

// 200 characters, typical of real filters.
const benchCondition = "#st = :active AND age BETWEEN :lo AND :hi AND (attribute_not_exists(deleted) OR begins_with(attr1, :p)) AND NOT contains(attr2, :x) AND size(attr3) < :n OR attr4 IN (:a, :b, :c) OR attr5.nested[2] <> :a"

func BenchmarkEvalCondition(b *testing.B) {
	c, err := ParseCondition(KindCondition, "#st = :active AND age > :min AND attribute_exists(attr7)")
	if err != nil {
		b.Fatal(err)
	}
	c, err = NewResolver(Params{Names: map[string]string{"#st": "status"},
		Values: map[string]attr.Value{":active": attr.S("active"), ":min": attr.N("18")}}).Condition(KindCondition, c)
	if err != nil {
		b.Fatal(err)
	}
	item := benchItem()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if !Eval(c, item) {
			b.Fatal("false")
		}
	}
}

func BenchmarkParseCondition200(b *testing.B) {
	if len(benchCondition) < 200 {
		b.Fatalf("benchmark expression is %d chars", len(benchCondition))
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParseCondition(KindFilter, benchCondition); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCacheHit(b *testing.B) {
	c := NewCache(1024)
	c.Condition(KindFilter, benchCondition)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Condition(KindFilter, benchCondition); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolveCondition200(b *testing.B) {
	c, err := ParseCondition(KindFilter, benchCondition)
	if err != nil {
		b.Fatal(err)
	}
	p := Params{Names: map[string]string{"#st": "status"}, Values: map[string]attr.Value{
		":active": attr.S("active"), ":lo": attr.N("1"), ":hi": attr.N("99"), ":p": attr.S("v"), ":x": attr.S("x"),
		":n": attr.N("3"), ":a": attr.S("a"), ":b": attr.S("b"), ":c": attr.S("c")}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := NewResolver(p)
		if _, err := r.Condition(KindFilter, c); err != nil {
			b.Fatal(err)
		}
		if err := r.Unused(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkApplyUpdate(b *testing.B) {
	u, err := ParseUpdate("SET age = age + :one, attr1 = :v REMOVE attr2 ADD visits :one")
	if err != nil {
		b.Fatal(err)
	}
	u, err = NewResolver(Params{Values: map[string]attr.Value{":one": attr.N("1"), ":v": attr.S("new")}}).Update(u)
	if err != nil {
		b.Fatal(err)
	}
	item := benchItem()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := u.Apply(item); err != nil {
			b.Fatal(err)
		}
	}
}
