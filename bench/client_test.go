package bench

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// TestClientRequests checks what every server relies on from NewClient's
// requests: SigV4-signed (DynamoDB Local and kvs require Authorization),
// the JSON protocol's target and content type, and the body whole.
func TestClientRequests(t *testing.T) {
	var got atomic.Pointer[http.Request]
	var body atomic.Pointer[string]
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s := string(b)
		body.Store(&s)
		got.Store(r)
		NoopHandler().ServeHTTP(w, r)
	}))
	defer ts.Close()
	c := NewClient(ts.URL, 2)
	if err := putOp(t.Context(), c, newTestRand()); err != nil {
		t.Fatal(err)
	}
	r := got.Load()
	auth := r.Header.Get("Authorization")
	if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential="+accessKey+"/") || !strings.Contains(auth, "/"+region+"/dynamodb/aws4_request") {
		t.Errorf("Authorization = %q", auth)
	}
	if h := r.Header.Get("X-Amz-Target"); h != "DynamoDB_20120810.PutItem" {
		t.Errorf("X-Amz-Target = %q", h)
	}
	if h := r.Header.Get("Content-Type"); h != "application/x-amz-json-1.0" {
		t.Errorf("Content-Type = %q", h)
	}
	if b := *body.Load(); int64(len(b)) != r.ContentLength || !strings.Contains(b, `"TableName":"bench"`) || len(b) < ItemBytes {
		t.Errorf("body of %d bytes (Content-Length %d): %.80q", len(b), r.ContentLength, b)
	}
}

// TestClientChecksCRC32: a response whose x-amz-crc32 does not match its
// body must fail, so the client really checks it for every server.
func TestClientChecksCRC32(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.Header().Set("X-Amz-Crc32", "12345")
		_, _ = w.Write([]byte(NoopBody))
	}))
	defer ts.Close()
	err := getOp(t.Context(), NewClient(ts.URL, 2), newTestRand())
	if err == nil || !strings.Contains(strings.ToLower(err.Error()), "crc32") {
		t.Fatalf("GetItem with a wrong x-amz-crc32: err = %v, want a CRC32 mismatch", err)
	}
}
