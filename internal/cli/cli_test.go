package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var listening = regexp.MustCompile(`listening on (http://[^ ]+) \(data: ([^)]+)\)`)

// startServe runs `kvs serve args...` and returns its base URL, a function
// that stops it and returns the exit code, and its stdout.
func startServe(t *testing.T, args ...string) (string, func() int, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() { done <- Run(ctx, append([]string{"serve", "--port", "0"}, args...), &stdout, &stderr) }()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := listening.FindStringSubmatch(stdout.String()); m != nil {
			stop := func() int { cancel(); return <-done }
			return m[1], stop, &stdout
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d: %s", code, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("serve did not report its address; stderr: %s", stderr.String())
	return "", nil, nil
}

func listTables(t *testing.T, base string) string {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/", strings.NewReader("{}"))
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810.ListTables")
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Date", "20260101T000000Z")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("ListTables: %d %s", resp.StatusCode, body)
	}
	return string(body)
}

func TestServeInMemoryAnswersAndStopsCleanly(t *testing.T) {
	base, stop, stdout := startServe(t, "--in-memory")
	if got := listTables(t, base); got != `{"TableNames":[]}` {
		t.Errorf("ListTables = %s", got)
	}
	if code := stop(); code != 0 {
		t.Fatalf("exit code %d, want 0", code)
	}
	if !strings.Contains(stdout.String(), "(data: in memory)") || !strings.Contains(stdout.String(), "stopped") {
		t.Errorf("output = %q", stdout.String())
	}
}

func TestServeUsesDataDir(t *testing.T) {
	dir := t.TempDir()
	_, stop, stdout := startServe(t, "--data-dir", dir)
	if code := stop(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if m := listening.FindStringSubmatch(stdout.String()); m == nil || m[2] != dir {
		t.Errorf("output %q does not name data dir %s", stdout.String(), dir)
	}
}

func TestUnknownCommandAndBadFlag(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Run(context.Background(), []string{"nope"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), `unknown command "nope"`) {
		t.Errorf("unknown command: code %d, stderr %q", code, errOut.String())
	}
	errOut.Reset()
	if code := Run(context.Background(), []string{"serve", "--bogus"}, &out, &errOut); code != 2 {
		t.Errorf("bad flag: code %d", code)
	}
	if code := Run(context.Background(), nil, &out, &errOut); code != 2 {
		t.Errorf("no command: code %d", code)
	}
}
