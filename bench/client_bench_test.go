package bench

import (
	"context"
	"flag"
	"math/rand/v2"
	"net/http/httptest"
	"runtime/debug"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// The client benchmarks time one operation through the harness's client
// (NewClient) against an in-process do-nothing server. Wall time per
// operation is mostly loopback wake-up latency at concurrency 1, so each
// also reports cpu-ns/op: the process's CPU time (client and the in-process
// server, whose share does not depend on the client's configuration) per
// operation, the number that decides how much of 2 cores the harness takes
// from the server under test.

// harnessGC runs the client benchmarks with the garbage-collector setting
// Run uses, instead of GOGC's.
var harnessGC = flag.Bool("harness-gc", true, "run client benchmarks with GOGC=HarnessGCPercent, as Run does")

type clientOp func(context.Context, *dynamodb.Client, *rand.Rand) error

// processCPU returns this process's user+system CPU time.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchClient(b *testing.B, op clientOp, parallel int) {
	ts := httptest.NewServer(NoopHandler())
	defer ts.Close()
	runClient(b, NewClient(ts.URL, max(parallel, 1)*2), op, parallel)
}

// runClient times op through c, by one goroutine (parallel 0) or parallel
// goroutines per GOMAXPROCS.
func runClient(b *testing.B, c *dynamodb.Client, op clientOp, parallel int) {
	if *harnessGC {
		defer debug.SetGCPercent(debug.SetGCPercent(HarnessGCPercent))
	}
	ctx := context.Background()
	if err := op(ctx, c, newTestRand()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var failed atomic.Value
	cpu0 := processCPU(b)
	b.ResetTimer()
	if parallel == 0 {
		r := newTestRand()
		for b.Loop() {
			if err := op(ctx, c, r); err != nil {
				b.Fatal(err)
			}
		}
	} else {
		b.SetParallelism(parallel)
		var seed atomic.Uint64
		b.RunParallel(func(pb *testing.PB) {
			r := rand.New(rand.NewPCG(seed.Add(1), 7))
			for pb.Next() {
				if err := op(ctx, c, r); err != nil {
					failed.Store(err)
				}
			}
		})
	}
	b.StopTimer()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(processCPU(b)-cpu0)/float64(b.N), "cpu-ns/op")
}

func BenchmarkClientGetItem(b *testing.B) { benchClient(b, getOp, 0) }
func BenchmarkClientPutItem(b *testing.B) { benchClient(b, putOp, 0) }

// The ×16 variants run 16 goroutines per GOMAXPROCS (32 on this machine),
// as the harness does at concurrency 32.
func BenchmarkClientGetItemX16(b *testing.B) { benchClient(b, getOp, 16) }
func BenchmarkClientPutItemX16(b *testing.B) { benchClient(b, putOp, 16) }
