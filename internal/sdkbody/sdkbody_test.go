package sdkbody_test

import (
	"context"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/kvs-project/kvs/internal/sdkbody"
)

// TestFastServerLargeAnswers sends GetItem calls with the real SDK client,
// retries off, to a server that answers each with a 256 KB item at once:
// the shape that meets the race (package doc). Every call must succeed and
// return the whole item. Without the wrapper (KVS_SDKBODY_OFF=1) about one
// call in a hundred fails on this machine with "use of closed network
// connection".
func TestFastServerLargeAnswers(t *testing.T) {
	big := strings.Repeat("v", 256<<10)
	body := []byte(`{"Item":{"pk":{"S":"a"},"v":{"S":"` + big + `"}}}`)
	sum := strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.Header().Set("X-Amz-Crc32", sum)
		w.Write(body)
	}))
	defer srv.Close()

	var hc dynamodb.HTTPClient = awshttp.NewBuildableClient()
	if os.Getenv("KVS_SDKBODY_OFF") == "" {
		hc = sdkbody.Client{Next: hc}
	}
	c := dynamodb.New(dynamodb.Options{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String(srv.URL),
		Credentials:      credentials.NewStaticCredentialsProvider("AKID", "secret", ""),
		RetryMaxAttempts: 1,
		HTTPClient:       hc,
	})
	failed := 0
	for range 400 {
		out, err := c.GetItem(context.Background(), &dynamodb.GetItemInput{
			TableName: aws.String("tab"), Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a"}},
		})
		if err != nil {
			if failed == 0 {
				t.Errorf("GetItem: %v", err)
			}
			failed++
			continue
		}
		if v, ok := out.Item["v"].(*types.AttributeValueMemberS); !ok || len(v.Value) != len(big) {
			t.Fatalf("GetItem returned a cut item")
		}
	}
	if failed > 0 {
		t.Errorf("%d of 400 calls failed", failed)
	}
}

// TestBodyLength: a request body that does not match its Content-Length is
// refused, as net/http refuses it, instead of being cut or sent short.
func TestBodyLength(t *testing.T) {
	sent := 0
	next := doerFunc(func(*http.Request) (*http.Response, error) {
		sent++
		return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
	})
	for _, tc := range []struct {
		body string
		n    int64
		ok   bool
	}{{"abc", 3, true}, {"abcd", 3, false}, {"ab", 3, false}, {"abc", 0, true}} {
		req, _ := http.NewRequest("POST", "http://x/", strings.NewReader(tc.body))
		req.ContentLength = tc.n
		_, err := sdkbody.Client{Next: next}.Do(req)
		if (err == nil) != tc.ok {
			t.Errorf("body %q with Content-Length %d: err = %v, want ok=%v", tc.body, tc.n, err, tc.ok)
		}
	}
	if sent != 2 {
		t.Errorf("%d requests sent, want the 2 valid ones", sent)
	}
}

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }
