package enginetest

import (
	"fmt"
	"testing"

	"github.com/kvs-project/kvs/engine"
)

// RunBenchmarks runs the engine benchmarks as sub-benchmarks of b: point Get,
// single-key commit (Apply), 4-key read-modify-write transaction commit,
// iteration of 10 keys, and 32 concurrent clients committing. open is called
// once per sub-benchmark with a fresh directory.
func RunBenchmarks(b *testing.B, open func(t testing.TB, dir string) engine.Engine) {
	const preload = 10000
	setup := func(b *testing.B) engine.Engine {
		e := open(b, b.TempDir())
		b.Cleanup(func() { e.Close() })
		var batch engine.Batch
		for i := 0; i < preload; i++ {
			batch.Set(benchKey(i), make([]byte, 100))
			if batch.Len() == 1000 {
				if _, err := e.Apply(bg, &batch); err != nil {
					b.Fatal(err)
				}
				batch.Reset()
			}
		}
		return e
	}
	b.Run("Get", func(b *testing.B) {
		e := setup(b)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := e.Get(bg, benchKey(i*7919%preload)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Commit1", func(b *testing.B) {
		e := setup(b)
		val := make([]byte, 100)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			var batch engine.Batch
			batch.Set(benchKey(i%preload), val)
			if _, err := e.Apply(bg, &batch); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Txn4", func(b *testing.B) {
		e := setup(b)
		val := make([]byte, 100)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			tx, err := e.Begin(bg)
			if err != nil {
				b.Fatal(err)
			}
			for k := 0; k < 4; k++ {
				key := benchKey((i*4 + k) % preload)
				if _, err := tx.Get(bg, key); err != nil {
					b.Fatal(err)
				}
				tx.Set(key, val)
			}
			if _, err := tx.Commit(bg); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Iter10", func(b *testing.B) {
		e := setup(b)
		s, err := e.NewSnapshot(bg)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			it, err := s.NewIter(bg, engine.IterOptions{Lower: benchKey(i % (preload - 10))})
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for n < 10 && it.Next() {
				n++
			}
			if err := it.Close(); err != nil || n != 10 {
				b.Fatal(n, err)
			}
		}
	})
	b.Run("Commit1Parallel32", func(b *testing.B) {
		e := setup(b)
		val := make([]byte, 100)
		b.SetParallelism(16) // 16 x GOMAXPROCS(2) = 32 clients
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				var batch engine.Batch
				batch.Set(benchKey(i%preload), val)
				if _, err := e.Apply(bg, &batch); err != nil {
					b.Error(err)
					return
				}
				i++
			}
		})
	})
}

func benchKey(i int) []byte { return []byte(fmt.Sprintf("key%08d", i)) }
