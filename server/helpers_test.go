package server

import (
	"bytes"
	"hash/crc32"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/internal/http1"
)

// testAuth is a well-formed SigV4 Authorization header (never verified).
const testAuth = "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/eu-west-3/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcd"

// transport names one of the server's HTTP transports.
type transport string

const (
	stdTransport  transport = "std"  // New, over net/http
	leanTransport transport = "lean" // NewHTTP1, over internal/http1
)

// forTransports runs fn once per transport, as subtests named after them:
// both must answer every request with the same bytes.
func forTransports(t *testing.T, fn func(t *testing.T, tr transport)) {
	for _, tr := range []transport{stdTransport, leanTransport} {
		t.Run(string(tr), func(t *testing.T) { fn(t, tr) })
	}
}

// testServer is a server listening on loopback.
type testServer struct {
	URL  string // http://127.0.0.1:port
	Addr string // 127.0.0.1:port
}

// startServer serves api over loopback HTTP (net/http) for the test's
// duration.
func startServer(t testing.TB, api kvs.API, opts Options) *testServer {
	return startOn(t, stdTransport, api, opts)
}

// startOn serves api over loopback HTTP with transport tr for the test's
// duration.
func startOn(t testing.TB, tr transport, api kvs.API, opts Options) *testServer {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if tr == stdTransport {
		ts := httptest.NewServer(New(api, opts))
		t.Cleanup(ts.Close)
		return &testServer{URL: ts.URL, Addr: ts.Listener.Addr().String()}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewHTTP1(api, opts)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		srv.Close()
		if err := <-done; err != http1.ErrServerClosed {
			t.Errorf("Serve: %v", err)
		}
	})
	return &testServer{URL: "http://" + ln.Addr().String(), Addr: ln.Addr().String()}
}

// rawClient never adds or strips content encodings, so tests see the bytes
// the server sent.
var rawClient = &http.Client{Transport: &http.Transport{DisableCompression: true}}

type response struct {
	status int
	header http.Header
	body   []byte
}

// post sends a DynamoDB request for op with the standard headers, which
// hdr may override ("" deletes a header).
func post(t testing.TB, ts *testServer, op, body string, hdr ...string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/", bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Date", "20260101T000000Z")
	req.Header.Set("Authorization", testAuth)
	if op != "" {
		req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+op)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i+1] == "" {
			req.Header.Del(hdr[i])
		} else {
			req.Header.Set(hdr[i], hdr[i+1])
		}
	}
	return do(t, req)
}

func do(t testing.TB, req *http.Request) response {
	t.Helper()
	resp, err := rawClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := response{status: resp.StatusCode, header: resp.Header, body: b}
	checkCRC(t, r)
	return r
}

// checkCRC asserts that x-amz-crc32, when present, is the CRC32 of the
// bytes received.
func checkCRC(t testing.TB, r response) {
	t.Helper()
	v := r.header.Get("X-Amz-Crc32")
	if v == "" {
		return
	}
	got, err := strconv.ParseUint(v, 10, 32)
	if err != nil {
		t.Fatalf("x-amz-crc32 %q: %v", v, err)
	}
	if want := crc32.ChecksumIEEE(r.body); uint32(got) != want {
		t.Fatalf("x-amz-crc32 = %d, CRC32 of the body = %d", got, want)
	}
}

// want asserts status and exact body.
func (r response) want(t testing.TB, status int, body string) {
	t.Helper()
	if r.status != status || string(r.body) != body {
		t.Fatalf("got %d %s\nwant %d %s", r.status, r.body, status, body)
	}
}
