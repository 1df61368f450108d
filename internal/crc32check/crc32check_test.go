package crc32check

import (
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

func serve(t *testing.T, body string, header string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if header != "" {
			w.Header().Set("X-Amz-Crc32", header)
		}
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func read(t *testing.T, url string) (string, error) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	resp, err := Client{Next: http.DefaultClient}.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

func TestClient(t *testing.T) {
	const body = `{"Item":{"pk":{"S":"a"}}}`
	good := strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(body))), 10)
	if got, err := read(t, serve(t, body, good)); err != nil || got != body {
		t.Errorf("matching checksum: %q, %v", got, err)
	}
	if _, err := read(t, serve(t, body, "12345")); err == nil || !strings.Contains(err.Error(), "CRC32") {
		t.Errorf("wrong checksum: err = %v, want a CRC32 error", err)
	}
	if _, err := read(t, serve(t, body, "abc")); err == nil || !strings.Contains(err.Error(), "malformed") {
		t.Errorf("malformed header: err = %v", err)
	}
	if got, err := read(t, serve(t, body, "")); err != nil || got != body {
		t.Errorf("no header: %q, %v", got, err)
	}
}
