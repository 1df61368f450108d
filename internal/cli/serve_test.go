package cli

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
)

// TestServeTransports runs kvs serve on both HTTP transports: each answers
// and stops cleanly, and --http picks the one asked for (told apart by a
// header net/http accepts and the lean transport refuses: obs-fold).
func TestServeTransports(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		folded int // the status of a request with a folded header line
	}{
		{nil, http.StatusBadRequest}, // lean by default
		{[]string{"--http", "lean"}, http.StatusBadRequest},
		{[]string{"--http", "std"}, http.StatusOK},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			base, stop, _ := startServe(t, append([]string{"--in-memory"}, tc.args...)...)
			if got := listTables(t, base); got != `{"TableNames":[]}` {
				t.Errorf("ListTables = %s", got)
			}
			c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.Write([]byte("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\r\n b\r\n\r\n"))
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.folded {
				t.Errorf("folded header: status %d, want %d", resp.StatusCode, tc.folded)
			}
			if code := stop(); code != 0 {
				t.Fatalf("exit code %d, want 0", code)
			}
		})
	}
	var out, errOut bytes.Buffer
	if code := Run(context.Background(), []string{"serve", "--http", "h2"}, &out, &errOut); code != 2 {
		t.Errorf("--http h2: code %d, want 2", code)
	}
}
