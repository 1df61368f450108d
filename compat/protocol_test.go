package compat_test

import (
	"context"
	"encoding/json"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/kvs-project/kvs/internal/crc32check"
	"github.com/kvs-project/kvs/internal/sdkbody"
)

// TestGzipResponsesWithChecksums asks for gzip responses, as the SDK can:
// the CRC32 the SDK checks is then over the compressed body.
func TestGzipResponsesWithChecksums(t *testing.T) {
	shared(t)
	c := dynamodb.NewFromConfig(aws.Config{Region: "us-east-1", Credentials: newClient(t, sharedSrv.URL).Options().Credentials},
		func(o *dynamodb.Options) {
			o.BaseEndpoint = aws.String(sharedSrv.URL)
			o.EnableAcceptEncodingGzip = true
			o.RetryMaxAttempts = 1
			o.HTTPClient = sdkbody.Client{Next: crc32check.Client{Next: awshttp.NewBuildableClient()}}
		})
	if c.Options().DisableValidateResponseChecksum {
		t.Fatal("checksum validation is off")
	}
	ctx := context.Background()
	name := keyTable(t, c, "")
	big := strings.Repeat("compressible ", 5000)
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: item{"pk": s("g"), "v": s(big)}})
	must(t, "PutItem", err)
	g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(name), Key: item{"pk": s("g")}})
	must(t, "GetItem gzip", err)
	if str(g.Item["v"]) != big {
		t.Error("gzip GetItem returned a different value")
	}
}

// TestRawProtocol checks the HTTP surface the SDKs rely on: content type,
// request ids, CRC32 header, error bodies, and the health check.
func TestRawProtocol(t *testing.T) {
	shared(t)
	post := func(target, body string, auth bool) (*http.Response, []byte) {
		t.Helper()
		req, err := http.NewRequest("POST", sharedSrv.URL+"/", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-amz-json-1.0")
		// Go's transport would ask for gzip and unpack it, hiding the body
		// the CRC32 covers.
		req.Header.Set("Accept-Encoding", "identity")
		if target != "" {
			req.Header.Set("X-Amz-Target", target)
		}
		if auth {
			req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDRAW/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00")
			req.Header.Set("X-Amz-Date", "20260101T000000Z")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, b
	}
	checkHeaders := func(resp *http.Response, body []byte) {
		t.Helper()
		if ct := resp.Header.Get("Content-Type"); ct != "application/x-amz-json-1.0" {
			t.Errorf("Content-Type %q", ct)
		}
		if resp.Header.Get("X-Amzn-Requestid") == "" {
			t.Error("no x-amzn-RequestId")
		}
		if got, want := resp.Header.Get("X-Amz-Crc32"), strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10); got != want {
			t.Errorf("x-amz-crc32 %q, want %s", got, want)
		}
	}
	errType := func(body []byte) (string, string) {
		var e struct {
			Type    string `json:"__type"`
			Message string `json:"message"`
			Msg2    string `json:"Message"`
		}
		if err := json.Unmarshal(body, &e); err != nil {
			t.Fatalf("error body %q: %v", body, err)
		}
		return e.Type, e.Message + e.Msg2
	}

	resp, body := post("DynamoDB_20120810.ListTables", "{}", true)
	checkHeaders(resp, body)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"TableNames"`) {
		t.Errorf("ListTables: %d %s", resp.StatusCode, body)
	}

	resp, body = post("DynamoDB_20120810.DescribeTable", `{"TableName":"no_such_table"}`, true)
	checkHeaders(resp, body)
	if typ, _ := errType(body); resp.StatusCode != 400 || typ != "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException" {
		t.Errorf("DescribeTable missing: %d %s", resp.StatusCode, body)
	}

	resp, body = post("DynamoDB_20120810.ListTables", `{"Limit":0}`, true)
	if typ, _ := errType(body); resp.StatusCode != 400 || typ != "com.amazon.coral.validate#ValidationException" {
		t.Errorf("ListTables Limit 0: %d %s", resp.StatusCode, body)
	}

	resp, body = post("DynamoDB_20120810.NoSuchOperation", "{}", true)
	if typ, _ := errType(body); resp.StatusCode != 400 || !strings.HasSuffix(typ, "#UnknownOperationException") {
		t.Errorf("unknown operation: %d %s", resp.StatusCode, body)
	}

	resp, body = post("DynamoDB_20120810.ListTables", "{", true)
	if typ, _ := errType(body); resp.StatusCode != 400 || !strings.HasSuffix(typ, "#SerializationException") {
		t.Errorf("malformed JSON: %d %s", resp.StatusCode, body)
	}

	resp, body = post("DynamoDB_20120810.ListTables", "{}", false)
	if typ, msg := errType(body); resp.StatusCode != 400 || !strings.HasSuffix(typ, "#MissingAuthenticationTokenException") || msg != "Request is missing Authentication Token" {
		t.Errorf("unsigned request: %d %s", resp.StatusCode, body)
	}

	// The health check load balancers and DynamoDB Local users poll.
	hr, err := http.Get(sharedSrv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	hb, _ := io.ReadAll(hr.Body)
	hr.Body.Close()
	if hr.StatusCode != 200 || !strings.HasPrefix(string(hb), "healthy: dynamodb.us-east-1.amazonaws.com") {
		t.Errorf("GET /: %d %q", hr.StatusCode, hb)
	}
}
