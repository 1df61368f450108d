package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/kvs-project/kvs/internal/wirecase"
)

// TestRecordFile runs the recorder against a fake endpoint: outputs are
// rewritten, doc-override outputs are kept although the case is sent, and
// -check reports without writing.
func TestRecordFile(t *testing.T) {
	var sent []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		sent = append(sent, r.Header.Get("X-Amz-Target")+" "+string(b))
		w.Write([]byte(`{"Count":1,"__type":"x"}`))
	}))
	defer ts.Close()

	const text = `# a comment
call op=Scan
{"TableName":"t"}
----
200
{}

# differs from DynamoDB Local: hand-written
call op=Query doc-override
{"TableName":"t"}
----
200
{"kept": true}
`
	path := filepath.Join(t.TempDir(), "x.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	total, changed, skipped, err := recordFile(ctx, ts.Client(), ts.URL, wirecase.DefaultCredentials, path, true)
	if err != nil || total != 2 || changed != 1 || skipped != 1 {
		t.Fatalf("check: %d %d %d %v", total, changed, skipped, err)
	}
	if b, _ := os.ReadFile(path); string(b) != text {
		t.Fatal("-check wrote the file")
	}
	if _, _, _, err := recordFile(ctx, ts.Client(), ts.URL, wirecase.DefaultCredentials, path, false); err != nil {
		t.Fatal(err)
	}
	want := `# a comment
call op=Scan
{"TableName":"t"}
----
200
{
 "Count": 1,
 "__type": "x"
}

# differs from DynamoDB Local: hand-written
call op=Query doc-override
{"TableName":"t"}
----
200
{"kept": true}
`
	if b, _ := os.ReadFile(path); string(b) != want {
		t.Errorf("rewritten file:\n%s", b)
	}
	if len(sent) != 4 || sent[1] != `DynamoDB_20120810.Query {"TableName":"t"}` {
		t.Errorf("sent %q", sent)
	}
}
