package embedded

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"syscall"
	"testing"
	"time"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/schema"
)

// visitAll collects what visitOwnedRecord hands out, after checkRecord.
func visitAll(b []byte) (attr.Item, error) {
	if err := checkRecord(b); err != nil {
		return nil, err
	}
	it := attr.Item{}
	// A name twice (only in a damaged record) is decoded last one wins.
	err := visitOwnedRecord(b, func(name string, v attr.Value) error {
		it[name] = v
		return nil
	})
	return it, err
}

// TestVisitRecord: checkRecord accepts exactly the records decodeOwnedRecord
// decodes, and the visited attributes are the decoded item, on the sample
// items, every truncation of them and random byte changes.
func TestVisitRecord(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	large := attr.Item{}
	for i := range 12 {
		large[fmt.Sprint("a", i)] = attr.L(N(fmt.Sprint(i)), S("x"))
	}
	for _, it := range append(sampleItems(), large) {
		b := appendRecord(nil, it, it.Size())
		variants := [][]byte{b}
		for i := range b {
			variants = append(variants, b[:i])
		}
		for range 300 {
			m := append([]byte(nil), b...)
			if len(m) > 0 {
				m[r.IntN(len(m))] = byte(r.IntN(256))
			}
			variants = append(variants, m)
		}
		for _, v := range variants {
			want, _, werr := decodeOwnedRecord(append([]byte(nil), v...))
			got, gerr := visitAll(append([]byte(nil), v...))
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("%x: decode error %v, visit error %v", v, werr, gerr)
			}
			if werr == nil && !attr.ItemsEqual(got, want) {
				t.Fatalf("%x: visited %v, decoded %v", v, got, want)
			}
		}
	}
}

// getIntoTarget takes the test items of TestGetByKey.
type getIntoTarget struct {
	PK   string `dynamodbav:"pk"`
	SK   int    `dynamodbav:"sk"`
	ID   string `dynamodbav:"id"`
	X    []any  `dynamodbav:"x"`
	B    []byte `dynamodbav:"b"`
	V    []int  `dynamodbav:"v"`
	Left string // no attribute: zeroed
}

// TestGetByKey: GetByKey and GetInto read what Get reads, for present and
// missing items, on tables with and without a sort key; GetInto leaves the
// struct as attr.UnmarshalItem into a zeroed one does, or untouched when
// there is no item, and returns the decoder's error.
func TestGetByKey(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		mustCreate(t, d, &schema.TableDefinition{TableName: "h", BillingMode: "PAY_PER_REQUEST",
			AttributeDefinitions: []schema.AttributeDefinition{{AttributeName: "id", AttributeType: "S"}},
			KeySchema:            []schema.KeySchemaElement{{AttributeName: "id", KeyType: "HASH"}}})
		items := []attr.Item{
			{"pk": S("a"), "sk": N("1"), "x": attr.L(S("y"), attr.NULL()), "b": attr.B([]byte{1, 2})},
			{"pk": S("a"), "sk": N("2")},
		}
		for _, it := range items {
			mustPut(t, d, "t", it)
		}
		mustPut(t, d, "h", attr.Item{"id": S("k"), "v": attr.NS("1", "2")})
		check := func(table string, pk, sk attr.Value, key attr.Item) {
			t.Helper()
			want, err := d.Get(ctx, &driver.Get{Table: table, Key: key})
			if err != nil {
				t.Fatal(err)
			}
			got, err := d.GetByKey(ctx, table, pk, sk)
			if err != nil || !attr.ItemsEqual(got, want) || (got == nil) != (want == nil) {
				t.Fatalf("GetByKey %v = %v, %v; Get %v", key, got, err, want)
			}
			old := getIntoTarget{PK: "old", Left: "old"}
			into, wantInto := old, old
			if want != nil {
				wantInto = getIntoTarget{}
				if err := attr.UnmarshalItem(want, &wantInto); err != nil {
					t.Fatal(err)
				}
			}
			dec, _ := attr.NewStructDecoder(&into)
			found, err := d.GetInto(ctx, table, pk, sk, dec)
			if err != nil || found != (want != nil) || !reflect.DeepEqual(into, wantInto) {
				t.Fatalf("GetInto %v = %v, %v, %+v; want %+v", key, found, err, into, wantInto)
			}
		}
		check("t", S("a"), N("1"), attr.Item{"pk": S("a"), "sk": N("1")})
		check("t", S("a"), N("2"), attr.Item{"pk": S("a"), "sk": N("2")})
		check("t", S("a"), N("3"), attr.Item{"pk": S("a"), "sk": N("3")})
		check("h", S("k"), attr.Value{}, attr.Item{"id": S("k")})
		check("h", S("nope"), attr.Value{}, attr.Item{"id": S("nope")})

		var bad struct {
			X int `dynamodbav:"x"`
		}
		dec, _ := attr.NewStructDecoder(&bad)
		found, err := d.GetInto(ctx, "t", S("a"), N("1"), dec)
		var te *attr.UnmarshalTypeError
		if !found || !errors.As(err, &te) || te.Field != "x" {
			t.Fatalf("GetInto a struct that cannot take the item = %v, %v", found, err)
		}
		_, err = d.GetByKey(ctx, "missing", S("a"), N("1"))
		wantCode(t, err, apierr.ResourceNotFound, msgNotFound)
		found, err = d.GetInto(ctx, "missing", S("a"), N("1"), dec)
		wantCode(t, err, apierr.ResourceNotFound, msgNotFound)
		if found {
			t.Fatal("GetInto on a missing table found an item")
		}
	})
}

// BenchmarkVisitRecord is GetInto's decoding of a 1 KB, 5-attribute
// record (the benchmarks' item), against decodeOwnedRecord's item map.
func BenchmarkVisitRecord(b *testing.B) {
	it := attr.Item{"pk": S("p12"), "sk": N("34"), "count": N("0"), "version": N("0"), "payload": S(string(make([]byte, 1000)))}
	rec := appendRecord(nil, it, it.Size())
	b.Run("visit", func(b *testing.B) {
		b.ReportAllocs()
		defer cpuNsPerOp(b)()
		n := 0
		visit := func(string, attr.Value) error { n++; return nil }
		for b.Loop() {
			if err := checkRecord(rec); err != nil {
				b.Fatal(err)
			}
			if err := visitOwnedRecord(rec, visit); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		defer cpuNsPerOp(b)()
		for b.Loop() {
			if _, _, err := decodeOwnedRecord(rec); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// cpuNsPerOp reports the process's CPU time (user + system) per operation,
// steadier than wall time on a shared machine; call the function it returns
// after the loop.
func cpuNsPerOp(b *testing.B) func() {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	cpu0 := cpu()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpu()-cpu0)/float64(b.N), "cpu-ns/op")
		}
	}
}

// FuzzVisitRecord: on any bytes, checkRecord and visitOwnedRecord accept
// exactly what decodeOwnedRecord decodes, and hand out the same attributes.
func FuzzVisitRecord(f *testing.F) {
	for _, it := range sampleItems() {
		f.Add(appendRecord(nil, it, it.Size()))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		want, _, werr := decodeOwnedRecord(append([]byte(nil), b...))
		got, gerr := visitAll(append([]byte(nil), b...))
		if (werr == nil) != (gerr == nil) || (werr == nil && !attr.ItemsEqual(got, want)) {
			t.Fatalf("%x: decoded %v (%v), visited %v (%v)", b, want, werr, got, gerr)
		}
	})
}
