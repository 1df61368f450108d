// Package sdkbody works around a race between aws-sdk-go-v2 (smithy-go) and
// net/http that cuts short responses of a server that answers very fast, as
// kvs does on loopback.
//
// The race: net/http's Transport writes a request body of known length,
// then reads the body once more to check that nothing is left
// (transferWriter.writeBody). smithy-go closes the request body as soon as
// Do returns, and its closed body's WriteTo answers io.EOF, which io.Copy
// passes on as an error. When the response arrives between the body's
// write and that extra read (the writing goroutine was descheduled for the
// ~50 µs a local server needs), the Transport takes io.EOF for a failed
// write and closes the connection while the caller still reads the
// response: whatever the client had not buffered yet (past the first 4 KB)
// is lost, the call fails with "use of closed network connection" and the
// SDK logs a CRC32 mismatch (aws/aws-sdk-go-v2 issues #1825 and #2737). On
// this 2-core machine about one 1 MB Query page in a hundred met it. The
// SDK's default retryer retries the call, so applications rarely notice;
// harnesses that turn retries off (to see every server error) do.
//
// Client hands net/http a body of its own, copied from the SDK's, which
// the SDK cannot close under the Transport. docs/sdk-notes.md shows the same
// wrapper for applications.
package sdkbody

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// Doer is the HTTP client interface of the AWS SDK (dynamodb.HTTPClient).
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Client sends requests through Next with a private copy of their body.
type Client struct{ Next Doer }

// Do copies req's body and sends req through c.Next. The copy costs the
// client a few hundred nanoseconds per request.
func (c Client) Do(req *http.Request) (*http.Response, error) {
	if req.Body != nil && req.Body != http.NoBody {
		body, err := readBody(req.Body, req.ContentLength)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		// GetBody lets the Transport resend the request on a fresh
		// connection when a kept-alive one turns out to be closed.
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	}
	return c.Next.Do(req)
}

// readBody reads all of r into one buffer of size n when n is known (the
// SDK always sets Content-Length), instead of io.ReadAll's growing ones. A
// body that does not have exactly n bytes is an error, as net/http makes it.
func readBody(r io.Reader, n int64) ([]byte, error) {
	if n <= 0 {
		return io.ReadAll(r)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("sdkbody: request body shorter than its Content-Length %d: %w", n, err)
	}
	var extra [1]byte
	if k, _ := io.ReadFull(r, extra[:]); k > 0 {
		return nil, fmt.Errorf("sdkbody: request body longer than its Content-Length %d", n)
	}
	return body, nil
}
