package bench

import (
	"bytes"
	"context"
	"flag"
	"io"
	"math/rand/v2"
	"net/http"
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

// BenchmarkBareHTTPGetItem is the floor under BenchmarkClientGetItem: the
// same request body and headers sent with a bare net/http client, unsigned,
// the response body read and dropped: what the SDK adds is the difference.
func BenchmarkBareHTTPGetItem(b *testing.B) {
	ts := httptest.NewServer(NoopHandler())
	defer ts.Close()
	if *harnessGC {
		defer debug.SetGCPercent(debug.SetGCPercent(HarnessGCPercent))
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	body := []byte(`{"ConsistentRead":true,"Key":{"pk":{"S":"p#7"},"sk":{"N":"3"}},"TableName":"bench"}`)
	do := func() {
		req, err := http.NewRequest(http.MethodPost, ts.URL, bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-amz-json-1.0")
		req.Header.Set("X-Amz-Target", "DynamoDB_20120810.GetItem")
		resp, err := tr.RoundTrip(req)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
	do()
	b.ReportAllocs()
	cpu0 := processCPU(b)
	b.ResetTimer()
	for b.Loop() {
		do()
	}
	b.StopTimer()
	b.ReportMetric(float64(processCPU(b)-cpu0)/float64(b.N), "cpu-ns/op")
}
