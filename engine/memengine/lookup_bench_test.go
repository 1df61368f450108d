package memengine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/kvs-project/kvs/engine"
)

// BenchmarkLookup reads random keys of a table-sized tree: keys shaped like
// the embedded driver's (a table prefix, a hashed partition key, a sort
// key), values of 1 KB.
func BenchmarkLookup(b *testing.B) {
	for _, n := range []int{2000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			db := New()
			keys := make([][]byte, n)
			var batch engine.Batch
			for i := range keys {
				keys[i] = fmt.Appendf(nil, "\x00\x00\x00\x07i%016x\x00p#%d\x00%08d", rand.Uint64(), i/10, i%10)
				batch.Set(keys[i], make([]byte, 1000))
				if batch.Len() == 1000 || i == n-1 {
					if _, err := db.Apply(context.Background(), &batch); err != nil {
						b.Fatal(err)
					}
					batch.Reset()
				}
			}
			r := rand.New(rand.NewPCG(1, 2))
			ctx := context.Background()
			b.ResetTimer()
			for range b.N {
				if _, err := db.GetShared(ctx, keys[r.IntN(n)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
