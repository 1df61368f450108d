package embedded

import (
	"fmt"
	"testing"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
)

// benchDriver opens a driver with table "b" (pk S, sk N, no indexes).
func benchDriver(b *testing.B, k engineKind) *Driver {
	d := openTest(b, k, b.TempDir(), Options{})
	def := testDef("b")
	def.GlobalSecondaryIndexes, def.LocalSecondaryIndexes = nil, nil
	if _, err := d.CreateTable(ctx, def); err != nil {
		b.Fatal(err)
	}
	return d
}

func benchItem(pk string, sk int) attr.Item {
	return attr.Item{"pk": S(pk), "sk": N(itoa(sk)), "name": S("some name"), "count": N("42"),
		"tags": attr.SS("a", "b"), "nested": attr.M(map[string]attr.Value{"x": N("1"), "y": S("two")})}
}

func forBenchEngines(b *testing.B, f func(b *testing.B, d *Driver)) {
	for _, k := range engineKinds {
		b.Run(k.name, func(b *testing.B) { f(b, benchDriver(b, k)) })
	}
}

func BenchmarkGet(b *testing.B) {
	forBenchEngines(b, func(b *testing.B, d *Driver) {
		for i := range 1000 {
			mustPut(b, d, "b", benchItem(fmt.Sprint("p", i), 0))
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			if _, err := d.Get(ctx, &driver.Get{Table: "b", Key: attr.Item{"pk": S(fmt.Sprint("p", i%1000)), "sk": N("0")}}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkPut(b *testing.B) {
	forBenchEngines(b, func(b *testing.B, d *Driver) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := d.Write(ctx, &driver.Write{Table: "b", Kind: driver.Put, Item: benchItem(fmt.Sprint("p", i), 0)}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkConditionalUpdate(b *testing.B) {
	forBenchEngines(b, func(b *testing.B, d *Driver) {
		for i := range 1000 {
			mustPut(b, d, "b", benchItem(fmt.Sprint("p", i), 0))
		}
		u := updNamed(b, "SET #c = #c + :one", map[string]string{"#c": "count"}, vals(":one", N("1")))
		c := cond(b, "attribute_exists(pk)", nil)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			w := &driver.Write{Table: "b", Kind: driver.Update, Key: attr.Item{"pk": S(fmt.Sprint("p", i%1000)), "sk": N("0")}, Update: u, Condition: c}
			if _, err := d.Write(ctx, w); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkQuery10(b *testing.B) {
	forBenchEngines(b, func(b *testing.B, d *Driver) {
		for p := range 100 {
			for s := range 10 {
				mustPut(b, d, "b", benchItem(fmt.Sprint("p", p), s))
			}
		}
		kcs := make([]driver.Read, 100)
		for p := range kcs {
			kcs[p] = driver.Read{Table: "b", Forward: true, KeyCondition: keyCond(b, "pk = :p", vals(":p", S(fmt.Sprint("p", p))), tableKS)}
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			page, err := d.Read(ctx, &kcs[i%100])
			if err != nil || len(page.Items) != 10 {
				b.Fatal(err, len(page.Items))
			}
		}
	})
}

func BenchmarkTransactWrite4(b *testing.B) {
	forBenchEngines(b, func(b *testing.B, d *Driver) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			ws := make([]*driver.Write, 4)
			for j := range ws {
				ws[j] = &driver.Write{Table: "b", Kind: driver.Put, Item: benchItem(fmt.Sprint("p", i), j)}
			}
			if err := d.TransactWrite(ctx, &driver.TransactWrite{Writes: ws}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
