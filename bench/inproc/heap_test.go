package inproc

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/kvs-project/kvs/bench"
)

// BenchmarkMemLoadHeap loads 50,000 new 1 KB items into an in-memory kvs
// and reports the live heap per item after a full collection: what the
// in-memory engine really keeps, as opposed to the RSS the harness reads
// (which includes the garbage Go lets accumulate up to GOGC).
func BenchmarkMemLoadHeap(b *testing.B) {
	const items = 50000
	for b.Loop() {
		s := serve(b, "mem://")
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		n, _, err := bench.Load(context.Background(), s.Client, items, 8, time.Time{})
		if err != nil || n != items {
			b.Fatalf("loaded %d: %v", n, err)
		}
		var after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/items, "live-B/item")
		b.ReportMetric(float64(after.HeapSys)/(1<<20), "heap-sys-MB")
	}
}
