package bench

import (
	"bytes"
	"io"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// Credentials every server accepts. DynamoDB Local keeps one database per
// access key and region, and rejects access keys with non-alphanumerics.
const (
	accessKey = "kvsbench"
	secretKey = "kvsbenchsecret"
	region    = "us-east-1"
)

// NewClient returns an SDK client for the server at url, configured as an
// application would configure it, except: retries are off (an error must
// show, not be hidden inside a slower operation) and the connection pool
// keeps enough idle connections for maxConns concurrent requests (the SDK's
// default of 10 would make a 32-way run dial and close connections all the
// time, and measure that instead of the server).
func NewClient(url string, maxConns int) *dynamodb.Client {
	hc := awshttp.NewBuildableClient().
		WithTimeout(60 * time.Second).
		WithTransportOptions(func(t *http.Transport) {
			t.MaxIdleConns = maxConns * 2
			t.MaxIdleConnsPerHost = maxConns * 2
		})
	return dynamodb.New(dynamodb.Options{
		Region:           region,
		BaseEndpoint:     aws.String(url),
		Credentials:      credentials.NewStaticCredentialsProvider(accessKey, secretKey, ""),
		HTTPClient:       bufferedBody{hc},
		RetryMaxAttempts: 1,
	})
}

// bufferedBody hands net/http a request body of its own, read from the
// SDK's, so that the SDK cannot close it under the transport.
//
// Why: smithy-go closes the request body as soon as the response headers
// arrive, and its closed body's WriteTo returns io.EOF as an error. When a
// server answers before net/http's writeLoop has finished with the body (it
// reads once more past Content-Length to check for extra bytes), the
// writeLoop takes that io.EOF for a write error and closes the connection,
// and the response body still being read fails with "use of closed network
// connection" (aws/aws-sdk-go-v2 issues #1825 and #2737). Only a server
// that answers fast enough meets it: kvs did, on about 5% of Queries at
// concurrency 1. The copy costs the client a few hundred nanoseconds.
type bufferedBody struct{ c *awshttp.BuildableClient }

func (b bufferedBody) Do(req *http.Request) (*http.Response, error) {
	if req.Body != nil && req.Body != http.NoBody {
		body, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	}
	return b.c.Do(req)
}
