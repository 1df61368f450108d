package server

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"

	"github.com/kvs-project/kvs"
)

// The core benchmarks time what kvs serve does per request once the
// transport has parsed it: the core (handle) answering an SDK-shaped
// GetItem or PutItem of bench/workloads.go's 1 KB item on mem://. They are
// the in-process measure of the server's own CPU per request (docs/server.md
// "Handler CPU"); the transport's share is BenchmarkRawLoopbackGetItem's.

// mapHeader is a headerView over canonical header names.
type mapHeader map[string]string

func (h mapHeader) get(name string) string { return h[name] }
func (h mapHeader) has(name string) bool   { _, ok := h[name]; return ok }
func (h mapHeader) value(name string, i int) (string, bool) {
	v, ok := h[name]
	return v, ok && i == 0
}

// benchData is bench/workloads.go's 1 KB "data" attribute.
var benchData = strings.Repeat("abcdefghij0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_", 21)[:1000]

// coreBench is a server on a fresh mem:// database holding table "bench"
// (pk S, sk N) with the items the benchmarks read.
func coreBench(b *testing.B) *server {
	db, err := kvs.Open(context.Background(), "mem://", kvs.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	s := newServer(db, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	coreDo(b, s, "CreateTable", `{"TableName":"bench","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},`+
		`{"AttributeName":"sk","AttributeType":"N"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},`+
		`{"AttributeName":"sk","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST"}`)
	for i := range 10 {
		coreDo(b, s, "PutItem", benchPutBody(i))
	}
	return s
}

// benchPutBody is PutItem of item i as the Go SDK v2 sends it.
func benchPutBody(i int) string {
	return `{"Item":{"data":{"S":"` + benchData + `"},"pk":{"S":"p#0"},"sk":{"N":"` + strconv.Itoa(i) +
		`"}},"TableName":"bench"}`
}

// benchGetBody is GetItem of item i as the Go SDK v2 sends it.
func benchGetBody(i int) string {
	return `{"ConsistentRead":true,"Key":{"pk":{"S":"p#0"},"sk":{"N":"` + strconv.Itoa(i) + `"}},"TableName":"bench"}`
}

// coreRequest is a POST of op with body, with the SDK's headers.
func coreRequest(op string, body []byte) *request {
	return &request{ctx: context.Background(), method: "POST", path: "/", host: "localhost:8000",
		body: body, header: mapHeader{
			"Content-Type": contentTypeAmzJSON, "X-Amz-Target": targetPrefix + op,
			"X-Amz-Date": "20260101T000000Z", "Authorization": testAuth, "Accept-Encoding": "identity",
		}}
}

// coreDo answers one request and fails unless it succeeds.
func coreDo(b *testing.B, s *server, op, body string) {
	var rep reply
	s.handle(coreRequest(op, []byte(body)), &rep)
	if rep.status != 200 {
		b.Fatalf("%s: %d %s", op, rep.status, rep.body)
	}
	rep.release()
}

func benchCore(b *testing.B, op string, bodies []string) {
	s := coreBench(b)
	reqs := make([]*request, len(bodies))
	for i, body := range bodies {
		reqs[i] = coreRequest(op, []byte(body))
	}
	b.ReportAllocs()
	cpu0 := processCPU()
	defer func() {
		// The whole process's CPU, GC included: what kvs serve pays.
		b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op")
	}()
	i := 0
	for b.Loop() {
		var rep reply
		s.handle(reqs[i%len(reqs)], &rep)
		if rep.status != 200 {
			b.Fatalf("%s: %d %s", op, rep.status, rep.body)
		}
		rep.release()
		i++
	}
}

func BenchmarkCoreGetItem(b *testing.B) {
	var bodies []string
	for i := range 10 {
		bodies = append(bodies, benchGetBody(i))
	}
	benchCore(b, "GetItem", bodies)
}

func BenchmarkCorePutItem(b *testing.B) {
	var bodies []string
	for i := range 10 {
		bodies = append(bodies, benchPutBody(i))
	}
	benchCore(b, "PutItem", bodies)
}

// BenchmarkRawLoopbackCore is the core benchmarks over the lean transport
// on loopback, as kvs serve runs them: transport, core and GC together.
func BenchmarkRawLoopbackCore(b *testing.B) {
	var gets, puts []string
	for i := range 10 {
		gets = append(gets, benchGetBody(i))
		puts = append(puts, benchPutBody(i))
	}
	for _, c := range []struct {
		op     string
		bodies []string
	}{{"GetItem", gets}, {"PutItem", puts}} {
		b.Run(c.op, func(b *testing.B) {
			s := coreBench(b)
			benchRawLoopbackOf(b, leanTransport, s.api, c.op, c.bodies)
		})
	}
}
