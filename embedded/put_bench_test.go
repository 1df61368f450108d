package embedded

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
)

// bench1K is a 1 KB item over one of 1000 keys, as the harness's put workload.
func bench1K(i int) attr.Item {
	return attr.Item{"pk": S(fmt.Sprint("p#", i%1000/10)), "sk": N(itoa(i % 10)), "data": S(strings.Repeat("abcdefghij", 100))}
}

// BenchmarkPutOverwrite replaces existing 1 KB items: the old item's size is
// needed, not the item.
func BenchmarkPutOverwrite(b *testing.B) {
	forBenchEngines(b, func(b *testing.B, d *Driver) {
		for i := range 1000 {
			mustPut(b, d, "b", bench1K(i))
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			if _, err := d.Write(ctx, &driver.Write{Table: "b", Kind: driver.Put, Item: bench1K(i)}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
