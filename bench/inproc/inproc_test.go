package inproc

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/bench"
	"github.com/kvs-project/kvs/server"
)

// served is a kvs handler on a loopback port with the bench table set up.
type served struct {
	URL    string
	Client *dynamodb.Client
}

// serve opens a database at dbURL ("mem://" or a file:// URL), serves it
// on a loopback httptest server and returns its URL and an SDK client,
// with the bench table set up. Everything is closed at cleanup.
func serve(b *testing.B, dbURL string) served {
	b.Helper()
	ctx := context.Background()
	db, err := kvs.Open(ctx, dbURL, kvs.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(server.New(db, server.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	b.Cleanup(func() {
		ts.Close()
		db.Close()
	})
	c := bench.NewClient(ts.URL, 32)
	if err := bench.Setup(ctx, c); err != nil {
		b.Fatal(err)
	}
	return served{URL: ts.URL, Client: c}
}

func workload(b *testing.B, name string) bench.Workload {
	for _, w := range bench.Workloads {
		if w.Name == name {
			return w
		}
	}
	b.Fatalf("no workload %q", name)
	return bench.Workload{}
}

// run times one workload; with parallel set, from GOMAXPROCS×8 goroutines
// (16 on the 2-CPU bench machine), otherwise from one.
func run(b *testing.B, dbURL, name string, parallel bool) {
	t := serve(b, dbURL)
	w := workload(b, name)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	if !parallel {
		r := rand.New(rand.NewPCG(1, 2))
		for b.Loop() {
			if err := w.Op(ctx, t.Client, r); err != nil {
				b.Fatal(err)
			}
		}
		return
	}
	var seed atomic.Uint64
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		r := rand.New(rand.NewPCG(seed.Add(1), 2))
		for pb.Next() {
			if err := w.Op(ctx, t.Client, r); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func diskURL(b *testing.B) string {
	return (&url.URL{Scheme: "file", Path: b.TempDir()}).String()
}

func BenchmarkMemGet(b *testing.B)          { run(b, "mem://", "get", false) }
func BenchmarkMemPut(b *testing.B)          { run(b, "mem://", "put", false) }
func BenchmarkMemUpdate(b *testing.B)       { run(b, "mem://", "update", false) }
func BenchmarkMemQuery(b *testing.B)        { run(b, "mem://", "query", false) }
func BenchmarkMemBatch(b *testing.B)        { run(b, "mem://", "batch", false) }
func BenchmarkMemGetParallel(b *testing.B)  { run(b, "mem://", "get", true) }
func BenchmarkMemPutParallel(b *testing.B)  { run(b, "mem://", "put", true) }
func BenchmarkDiskGet(b *testing.B)         { run(b, diskURL(b), "get", false) }
func BenchmarkDiskPut(b *testing.B)         { run(b, diskURL(b), "put", false) }
func BenchmarkDiskPutParallel(b *testing.B) { run(b, diskURL(b), "put", true) }
func BenchmarkDiskBatch(b *testing.B)       { run(b, diskURL(b), "batch", false) }
