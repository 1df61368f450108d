package server

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"syscall"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
)

// The benchmarks compare the server's cost per GetItem with a do-nothing
// net/http handler that reads the body and answers a fixed JSON object: the
// difference is what the protocol layer costs (the API call is a fixed
// answer, so storage costs nothing here).

const benchGetItemBody = `{"TableName":"bench","Key":{"pk":{"S":"user#12345"},"sk":{"N":"42"}},"ConsistentRead":true}`

// fixedAPI answers every GetItem with the same item.
type fixedAPI struct {
	recorder
	item attr.Item
}

func (f *fixedAPI) GetItem(ctx context.Context, in *kvs.GetItemInput) (*kvs.GetItemOutput, error) {
	return &kvs.GetItemOutput{Item: f.item}, nil
}

func benchItem() attr.Item {
	return attr.Item{
		"pk": attr.S("user#12345"), "sk": attr.N("42"), "name": attr.S("Ada Lovelace"),
		"email": attr.S("ada@example.com"), "age": attr.N("36"), "active": attr.BOOL(true),
		"tags": attr.SS("admin", "math"),
	}
}

// noopHandler is the baseline: read the body, answer a fixed body.
func noopHandler(resp []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", contentTypeAmzJSON)
		w.Write(resp)
	})
}

// discardWriter is a minimal http.ResponseWriter.
type discardWriter struct{ h http.Header }

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}

func benchHandler(b *testing.B, h http.Handler) {
	req := httptest.NewRequest(http.MethodPost, "/", nil)
	req.Header.Set("Content-Type", contentTypeAmzJSON)
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810.GetItem")
	req.Header.Set("X-Amz-Date", "20260101T000000Z")
	req.Header.Set("Authorization", testAuth)
	body := bytes.NewReader([]byte(benchGetItemBody))
	w := &discardWriter{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		body.Reset([]byte(benchGetItemBody))
		req.Body = io.NopCloser(body)
		clear(w.h)
		h.ServeHTTP(w, req)
	}
}

func BenchmarkHandlerGetItem(b *testing.B) {
	h := New(&fixedAPI{item: benchItem()}, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	benchHandler(b, h)
}

func BenchmarkHandlerNoop(b *testing.B) {
	benchHandler(b, noopHandler(attr.AppendItemJSON([]byte(`{"Item":`), benchItem())))
}

func benchLoopback(b *testing.B, h http.Handler) {
	ts := httptest.NewServer(h)
	defer ts.Close()
	client := ts.Client()
	b.ReportAllocs()
	cpu0 := processCPU()
	defer func() {
		// Client and server share the process: this is the CPU of both.
		b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op")
	}()
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/", bytes.NewReader([]byte(benchGetItemBody)))
		req.Header.Set("Content-Type", contentTypeAmzJSON)
		req.Header.Set("X-Amz-Target", "DynamoDB_20120810.GetItem")
		req.Header.Set("X-Amz-Date", "20260101T000000Z")
		req.Header.Set("Authorization", testAuth)
		req.Header.Set("Accept-Encoding", "identity")
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

func BenchmarkLoopbackGetItem(b *testing.B) {
	benchLoopback(b, New(&fixedAPI{item: benchItem()}, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
}

func BenchmarkLoopbackNoop(b *testing.B) {
	benchLoopback(b, noopHandler(attr.AppendItemJSON([]byte(`{"Item":`), benchItem())))
}

// processCPU returns the user+system CPU time the process has used, in ns.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// benchRawLoopback sends GetItem over one raw keep-alive TCP connection (a
// client that costs next to nothing) to the server on transport tr, so
// that cpu-ns/op is mostly the server's.
func benchRawLoopback(b *testing.B, tr transport, api kvs.API) {
	benchRawLoopbackOf(b, tr, api, "GetItem", []string{benchGetItemBody})
}

// benchRawLoopbackOf is benchRawLoopback of op with bodies in turn.
func benchRawLoopbackOf(b *testing.B, tr transport, api kvs.API, op string, bodies []string) {
	ts := startOn(b, tr, api, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	c, err := net.Dial("tcp", ts.Addr)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	reqs := make([][]byte, len(bodies))
	for i, body := range bodies {
		reqs[i] = []byte("POST / HTTP/1.1\r\nHost: " + ts.Addr + "\r\nContent-Type: application/x-amz-json-1.0\r\n" +
			"X-Amz-Target: DynamoDB_20120810." + op + "\r\nX-Amz-Date: 20260101T000000Z\r\nAuthorization: " + testAuth +
			"\r\nAccept-Encoding: identity\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body)
	}
	br := bufio.NewReader(c)
	b.ReportAllocs()
	cpu0 := processCPU()
	defer func() {
		b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op")
	}()
	i := 0
	for b.Loop() {
		req := reqs[i%len(reqs)]
		i++
		if _, err := c.Write(req); err != nil {
			b.Fatal(err)
		}
		n := -1
		for {
			line, err := br.ReadSlice('\n')
			if err != nil {
				b.Fatal(err)
			}
			if len(line) <= 2 {
				break
			}
			if v, ok := bytes.CutPrefix(line, []byte("Content-Length: ")); ok {
				n, _ = strconv.Atoi(string(bytes.TrimSpace(v)))
			}
		}
		if _, err := br.Discard(n); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRawLoopbackGetItem(b *testing.B) {
	for _, tr := range []transport{stdTransport, leanTransport} {
		b.Run(string(tr), func(b *testing.B) { benchRawLoopback(b, tr, &fixedAPI{item: benchItem()}) })
	}
}
