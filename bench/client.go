package bench

import (
	"context"
	"github.com/aws/smithy-go/middleware"
	"net/http"
	"net/url"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	smithyendpoints "github.com/aws/smithy-go/endpoints"

	"github.com/kvs-project/kvs/internal/crc32check"
	"github.com/kvs-project/kvs/internal/sdkbody"
)

// Credentials every server accepts. DynamoDB Local keeps one database per
// access key and region, and rejects access keys with non-alphanumerics.
const (
	accessKey = "kvsbench"
	secretKey = "kvsbenchsecret"
	region    = "us-east-1"
)

// responseTimeout bounds the wait for a response's headers, so that a hung
// server fails an operation instead of stopping the run.
const responseTimeout = 60 * time.Second

// NewClient returns an SDK client for the server at url (scheme, host and
// port, as Process.URL has it). Every server gets the same configuration.
// It is the SDK's DynamoDB client with the SDK's own middleware stack:
// SigV4-signed requests (payload hash included), response CRC32 checked,
// gzip not requested, clock-skew correction on. What differs from the SDK's
// defaults, each through a documented option, and why:
//
//   - Retryer is aws.NopRetryer: one attempt, so that an error shows as an
//     error and not as a slower operation. (It also skips the retry token
//     bucket, whose mutex every request took.)
//   - EndpointResolverV2 returns the fixed endpoint url, parsed once,
//     instead of running the endpoint rules for every request. A custom
//     resolver is the SDK's way to point a client at a fixed endpoint; the
//     rules would arrive at the same URL.
//   - HTTPClient is net/http's Transport, called directly (see
//     transportClient), with an idle-connection pool big enough for
//     maxConns concurrent requests: the SDK's default of 10 idle
//     connections per host would make a 32-way run dial and close
//     connections all the time, and measure that instead of the server.
//   - The request body is handed to net/http as a private copy
//     (sdkbody.Client), working around an SDK race.
//   - removeBookkeeping drops the middleware steps that only record or
//     decorate (invocation id, user agent, recursion detection,
//     interceptors, response timing, logging): 391 -> 376 allocations per
//     GetItem round trip.
//   - The response's x-amz-crc32 is checked by the HTTP client as well
//     (crc32check.Client): the SDK's own check only logs a mismatch, through a
//     logger that is silent by default, and never fails the operation.
//
// The client is the harness's ceiling on fast servers (docs/bench.md,
// Caveats): the harness and the server under test share two cores, so
// every microsecond the client spends per request is taken from the server.
// These options cut the client's allocations per GetItem round trip from
// 426 to 391; Run's garbage-collector setting (HarnessGCPercent) does more.
func NewClient(url string, maxConns int) *dynamodb.Client {
	tr := awshttp.NewBuildableClient().GetTransport() // the SDK's default transport settings
	tr.MaxIdleConns = maxConns * 2
	tr.MaxIdleConnsPerHost = maxConns * 2
	tr.ResponseHeaderTimeout = responseTimeout
	return dynamodb.New(dynamodb.Options{
		Region:             region,
		BaseEndpoint:       aws.String(url),
		EndpointResolverV2: mustFixedEndpoint(url),
		Credentials:        credentials.NewStaticCredentialsProvider(accessKey, secretKey, ""),
		HTTPClient:         sdkbody.Client{Next: crc32check.Client{Next: transportClient{tr}}},
		Retryer:            aws.NopRetryer{},
		APIOptions:         []func(*middleware.Stack) error{removeBookkeeping},
	})
}

// removeBookkeeping takes out of every operation's middleware stack the
// steps that only record or decorate (request id, user agent, recursion
// detection, interceptors, timing, logging) and change nothing a server
// answers.
func removeBookkeeping(s *middleware.Stack) error {
	for _, id := range []string{"ClientRequestID", "UserAgent", "RecursionDetection"} {
		if _, err := s.Build.Remove(id); err != nil {
			return err
		}
	}
	for _, id := range []string{"InterceptBeforeRetryLoop", "InterceptAttempt", "DiscoverEndpoint"} {
		if _, err := s.Finalize.Remove(id); err != nil {
			return err
		}
	}
	for _, id := range []string{"RecordResponseTiming", "RequestResponseLogger", "AddRawResponseToMetadata"} {
		if _, err := s.Deserialize.Remove(id); err != nil {
			return err
		}
	}
	return nil
}

// fixedEndpoint is an EndpointResolverV2 that always answers one endpoint.
type fixedEndpoint struct{ u url.URL }

func mustFixedEndpoint(raw string) fixedEndpoint {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		panic("bench: bad server URL " + raw)
	}
	return fixedEndpoint{*u}
}

func (f fixedEndpoint) ResolveEndpoint(context.Context, dynamodb.EndpointParameters) (smithyendpoints.Endpoint, error) {
	return smithyendpoints.Endpoint{URI: f.u}, nil
}

// transportClient sends a request with a single Transport.RoundTrip, the
// SDK's HTTPClient interface being just Do. What an http.Client would add
// does not apply here: no cookies, no redirects (the SDK's own client
// refuses most of them anyway), and its whole-request timeout is replaced
// by the transport's ResponseHeaderTimeout. Skipping it saves the client a
// header copy, a timer and a cancelable context per request.
type transportClient struct{ t *http.Transport }

func (c transportClient) Do(req *http.Request) (*http.Response, error) { return c.t.RoundTrip(req) }
