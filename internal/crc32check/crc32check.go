// Package crc32check verifies DynamoDB's x-amz-crc32 response header on the
// client side, for the harnesses that drive servers with the AWS SDK.
//
// Why it exists: aws-sdk-go-v2's DynamoDB client checks the header, but only
// in the response body's Close, whose error smithy-go logs as a warning and
// drops; without a configured logger a wrong checksum goes unnoticed. The
// benchmark must not count, and the compatibility tests must not accept, an
// answer whose bytes do not match the checksum, so both wrap the SDK's HTTP
// client in Client.
package crc32check

import (
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
)

// Doer is the HTTP client interface of the AWS SDK (dynamodb.HTTPClient).
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Client fails a response whose body does not match its x-amz-crc32 header,
// as an error of the read that reaches the end of the body (the SDK then
// fails the operation). A response without the header is accepted, as the
// SDK accepts it. DynamoDB computes the CRC32 over the bytes as sent, so a
// body that net/http decompressed transparently (resp.Uncompressed) cannot
// be checked and is passed through.
type Client struct{ Next Doer }

// Do sends req through c.Next and wraps the response body in the check.
func (c Client) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.Next.Do(req)
	if err != nil {
		return resp, err
	}
	v := resp.Header.Get("X-Amz-Crc32")
	if v == "" || resp.Uncompressed {
		return resp, nil
	}
	want, err := strconv.ParseUint(v, 10, 32)
	if err != nil {
		resp.Body.Close()
		return nil, fmt.Errorf("crc32check: malformed x-amz-crc32 header %q", v)
	}
	resp.Body = &body{rc: resp.Body, want: uint32(want)}
	return resp, nil
}

// body checksums a body as it is read and turns its io.EOF into an error
// when the sum does not match.
type body struct {
	rc        io.ReadCloser
	want, sum uint32
}

func (b *body) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	b.sum = crc32.Update(b.sum, crc32.IEEETable, p[:n])
	if err == io.EOF && b.sum != b.want {
		return n, fmt.Errorf("crc32check: response body's CRC32 is %d, x-amz-crc32 says %d", b.sum, b.want)
	}
	return n, err
}

func (b *body) Close() error { return b.rc.Close() }
