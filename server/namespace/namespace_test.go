package namespace_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/server"
	"github.com/kvs-project/kvs/server/namespace"
)

func call(t *testing.T, url, op, region, key, body string) string {
	t.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Date", "20260101T000000Z")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+key+"/20260101/"+region+
		"/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d %s", op, resp.StatusCode, b)
	}
	return string(b)
}

const createUsers = `{"TableName":"users","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],` +
	`"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`

func serve(t *testing.T, mode namespace.Mode) string {
	t.Helper()
	r := namespace.New(mode, func(ctx context.Context, name, region string) (*kvs.DB, error) {
		return kvs.Open(ctx, "mem://", kvs.Options{Region: region})
	})
	t.Cleanup(func() { r.Close() })
	ts := httptest.NewServer(server.New(r, server.Options{}))
	t.Cleanup(ts.Close)
	return ts.URL
}

func TestModes(t *testing.T) {
	for _, tc := range []struct {
		mode                  namespace.Mode
		otherRegion, otherKey bool // does the table show for another region / key?
	}{
		{namespace.Shared, true, true},
		{namespace.PerRegion, false, true},
		{namespace.PerCredential, false, false},
	} {
		t.Run(tc.mode.String(), func(t *testing.T) {
			url := serve(t, tc.mode)
			out := call(t, url, "CreateTable", "eu-west-1", "AKIDA", createUsers)
			if tc.mode != namespace.Shared && !strings.Contains(out, "arn:aws:dynamodb:eu-west-1:") {
				t.Errorf("ARN does not name the namespace's region: %s", out)
			}
			sees := func(region, key string) bool {
				return strings.Contains(call(t, url, "ListTables", region, key, "{}"), `"users"`)
			}
			if !sees("eu-west-1", "AKIDA") {
				t.Fatal("the creating caller does not see its table")
			}
			if got := sees("us-east-1", "AKIDA"); got != tc.otherRegion {
				t.Errorf("another region sees the table: %v, want %v", got, tc.otherRegion)
			}
			if got := sees("eu-west-1", "AKIDB"); got != tc.otherKey {
				t.Errorf("another access key sees the table: %v, want %v", got, tc.otherKey)
			}
		})
	}
}

func TestParseModeAndNames(t *testing.T) {
	for _, s := range []string{"shared", "region", "credential"} {
		m, err := namespace.ParseMode(s)
		if err != nil || m.String() != s {
			t.Errorf("ParseMode(%q) = %v, %v", s, m, err)
		}
	}
	if _, err := namespace.ParseMode("per-table"); err == nil {
		t.Error("ParseMode accepted an unknown mode")
	}
	r := namespace.New(namespace.PerCredential, nil)
	name, region := r.Name(&server.RequestInfo{Region: "us-east-1", AccessKeyID: "../x"})
	if name != "us-east-1~.2e.2e.2fx" || region != "us-east-1" {
		t.Errorf("Name = %q, %q: must be a safe directory name", name, region)
	}
}
