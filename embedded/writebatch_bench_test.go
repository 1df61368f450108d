package embedded

import (
	"testing"

	"github.com/kvs-project/kvs/driver"
)

// BenchmarkBatch25 writes 25 1 KB items per operation with one WriteBatch
// ("batch") and with 25 Writes ("each", what BatchWriteItem did before).
func BenchmarkBatch25(b *testing.B) {
	writes := func(i int) []*driver.Write {
		ws := make([]*driver.Write, 25)
		for j := range ws {
			ws[j] = &driver.Write{Table: "b", Kind: driver.Put, Item: bench1K(i*25 + j)}
		}
		return ws
	}
	forBenchEngines(b, func(b *testing.B, d *Driver) {
		b.Run("batch", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := d.WriteBatch(ctx, writes(i)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("each", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				for _, w := range writes(i) {
					if _, err := d.Write(ctx, w); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	})
}
