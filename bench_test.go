package kvs_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/expr"
)

// Benchmarks of the Go API on the disk engine (file://), synced (the
// default) and unsynced (?sync=false). Results and commands: docs/api-bench.md.
//
//	go test -run '^$' -bench . -benchtime 2s .
//	KVS_BENCH_LOAD=1000000 go test -run '^$' -bench UpsertManyLoad -benchtime 1x .

// benchItem is a 1 KB item: small keys and a ~1000-byte payload.
type benchItem struct {
	PK      string `dynamodbav:"pk"`
	SK      int    `dynamodbav:"sk"`
	Count   int    `dynamodbav:"count"`
	Version int    `dynamodbav:"version"`
	Payload string `dynamodbav:"payload"`
}

var payload = strings.Repeat("x", 1000)

func benchStore(b *testing.B, sync bool) (*kvs.DB, *kvs.Store) {
	b.Helper()
	u := "file://" + b.TempDir()
	if !sync {
		u += "?sync=false"
	}
	return benchStoreAt(b, u)
}

func benchStoreAt(b *testing.B, u string) (*kvs.DB, *kvs.Store) {
	b.Helper()
	db, err := kvs.Open(context.Background(), u, kvs.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	st, err := db.DefineStore(context.Background(), kvs.StoreDef{Name: "bench",
		PartitionKey: kvs.KeyAttr{Name: "pk"}, SortKey: kvs.KeyAttr{Name: "sk", Type: kvs.Number}})
	if err != nil {
		b.Fatal(err)
	}
	return db, st
}

func preload(b *testing.B, st *kvs.Store, partitions, perPartition int) {
	b.Helper()
	items := make([]benchItem, 0, partitions*perPartition)
	for p := 0; p < partitions; p++ {
		for i := 0; i < perPartition; i++ {
			items = append(items, benchItem{PK: "p" + strconv.Itoa(p), SK: i, Payload: payload})
		}
	}
	if err := st.UpsertMany(context.Background(), items); err != nil {
		b.Fatal(err)
	}
}

func syncModes(b *testing.B, f func(b *testing.B, sync bool)) {
	b.Run("sync", func(b *testing.B) { f(b, true) })
	b.Run("nosync", func(b *testing.B) { f(b, false) })
}

func BenchmarkGet(b *testing.B) {
	_, st := benchStore(b, false)
	preload(b, st, 100, 100)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	var it benchItem
	defer cpuPerOp(b)()
	for i := 0; b.Loop(); i++ {
		if found, err := st.Get(ctx, kvs.PKSK("p"+strconv.Itoa(i%100), (i/100)%100), &it); err != nil || !found {
			b.Fatal(found, err)
		}
	}
}

// BenchmarkPut is one Upsert at a time (latency-bound: each waits for its
// own commit), then from 16 goroutines (commits share fsyncs).
func BenchmarkPut(b *testing.B) {
	syncModes(b, func(b *testing.B, sync bool) {
		_, st := benchStore(b, sync)
		ctx := context.Background()
		b.Run("serial", func(b *testing.B) {
			b.ReportAllocs()
			defer cpuPerOp(b)()
			for i := 0; b.Loop(); i++ {
				if err := st.Upsert(ctx, benchItem{PK: "p", SK: i, Payload: payload}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("parallel16", func(b *testing.B) {
			var n atomic.Int64
			b.SetParallelism(8) // 8 x GOMAXPROCS(2) = 16 goroutines
			defer cpuPerOp(b)()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := int(n.Add(1))
					if err := st.Upsert(ctx, benchItem{PK: "q" + strconv.Itoa(i%64), SK: i, Payload: payload}); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	})
}

func BenchmarkUpdateConditional(b *testing.B) {
	syncModes(b, func(b *testing.B, sync bool) {
		_, st := benchStore(b, sync)
		preload(b, st, 10, 100)
		ctx := context.Background()
		versions := make([]int, 1000)
		b.ReportAllocs()
		b.ResetTimer()
		defer cpuPerOp(b)()
		for i := 0; b.Loop(); i++ {
			k := i % 1000
			err := st.Update(ctx, kvs.PKSK("p"+strconv.Itoa(k/100), k%100), expr.Add("count", 1).Increment("version", 1), nil,
				kvs.If(expr.Name("version").Equal(versions[k])))
			if err != nil {
				b.Fatal(err)
			}
			versions[k]++
		}
	})
}

func BenchmarkQuery10(b *testing.B) {
	_, st := benchStore(b, false)
	preload(b, st, 100, 100)
	ctx := context.Background()
	var page []benchItem
	b.ReportAllocs()
	b.ResetTimer()
	defer cpuPerOp(b)()
	for i := 0; b.Loop(); i++ {
		_, err := st.Query(ctx, kvs.Query{Partition: "p" + strconv.Itoa(i%100), Sort: kvs.SortGreaterThanEqual(i % 90), Limit: 10}, &page)
		if err != nil || len(page) != 10 {
			b.Fatal(len(page), err)
		}
	}
}

// BenchmarkScan reports items/s of a full scan of 20,000 1 KB items, in
// pages of up to 1 MB, decoded into attr.Items.
func BenchmarkScan(b *testing.B) {
	_, st := benchStore(b, false)
	preload(b, st, 200, 100)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	total := 0
	for b.Loop() {
		for _, err := range st.ScanAll(ctx, kvs.ScanSpec{}) {
			if err != nil {
				b.Fatal(err)
			}
			total++
		}
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "items/s")
}

func BenchmarkTransactWrite4(b *testing.B) {
	syncModes(b, func(b *testing.B, sync bool) {
		db, st := benchStore(b, sync)
		ctx := context.Background()
		b.ReportAllocs()
		defer cpuPerOp(b)()
		for i := 0; b.Loop(); i++ {
			err := db.Transact(ctx,
				kvs.TxPut(st, benchItem{PK: "t", SK: 4 * i, Payload: payload}),
				kvs.TxPut(st, benchItem{PK: "t", SK: 4*i + 1, Payload: payload}, kvs.IfNotExists()),
				kvs.TxUpdate(st, kvs.PKSK("c", 0), expr.Add("count", 1)),
				kvs.TxUpdate(st, kvs.PKSK("c", 1), expr.Add("count", -1)),
			)
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkUpsertMany loads b.N 1 KB items with one UpsertMany call and
// reports items/s.
func BenchmarkUpsertMany(b *testing.B) {
	syncModes(b, func(b *testing.B, sync bool) {
		_, st := benchStore(b, sync)
		n := max(b.N, 1000)
		items := make([]benchItem, n)
		for i := range items {
			items[i] = benchItem{PK: "p" + strconv.Itoa(i%1000), SK: i, Payload: payload}
		}
		b.ResetTimer()
		start, cpu0 := time.Now(), cpuTime()
		if err := st.UpsertMany(context.Background(), items); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "items/s")
		b.ReportMetric(float64(n)/(cpuTime()-cpu0).Seconds(), "items/cpu-s")
	})
}

// BenchmarkUpsertManyLoad loads KVS_BENCH_LOAD items (default 100,000) of
// 1 KB in chunks of 10,000 — in memory, on disk synced and unsynced — and
// reports items/s.
func BenchmarkUpsertManyLoad(b *testing.B) {
	total := 100_000
	if v := os.Getenv("KVS_BENCH_LOAD"); v != "" {
		total, _ = strconv.Atoi(v)
	}
	load := func(b *testing.B, u func(b *testing.B) string) {
		for b.Loop() {
			_, st := benchStoreAt(b, u(b))
			start, cpu0 := time.Now(), cpuTime()
			chunk := make([]benchItem, 10_000)
			for done := 0; done < total; done += len(chunk) {
				for i := range chunk {
					k := done + i
					chunk[i] = benchItem{PK: fmt.Sprintf("user-%07d", k/10), SK: k % 10, Payload: payload}
				}
				if err := st.UpsertMany(context.Background(), chunk); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(total)/time.Since(start).Seconds(), "items/s")
			b.ReportMetric(float64(total)/(cpuTime()-cpu0).Seconds(), "items/cpu-s")
		}
	}
	b.Run("mem", func(b *testing.B) { load(b, func(*testing.B) string { return "mem://" }) })
	b.Run("sync", func(b *testing.B) { load(b, func(b *testing.B) string { return "file://" + b.TempDir() }) })
	b.Run("nosync", func(b *testing.B) {
		load(b, func(b *testing.B) string { return "file://" + b.TempDir() + "?sync=false" })
	})
}

var _ = attr.Item{}

// cpuPerOp starts measuring CPU time; the function it returns reports the
// CPU microseconds per operation (call it after the loop, or defer it).
func cpuPerOp(b *testing.B) func() {
	cpu0 := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/1e3/float64(b.N), "cpu-µs/op")
		}
	}
}

// cpuTime is the process's CPU time (user + system). On the shared 2-core
// machine wall-clock throughput depends on the other processes; CPU time
// per item does much less: items/cpu-s times the cores available is the
// throughput the machine can reach with the cores to itself.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
