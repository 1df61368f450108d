package http1

import "testing"

// sdkHeader is the header section of a GetItem as aws-sdk-go-v2 sends it.
const sdkHeader = "POST / HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nUser-Agent: aws-sdk-go-v2/1.41.0 ua/2.1 os/linux lang/go#1.26.8 md/GOOS#linux md/GOARCH#amd64 api/dynamodb#1.53.0 m/E,N\r\n" +
	"Content-Length: 92\r\nAccept-Encoding: identity\r\nAmz-Sdk-Invocation-Id: 0b6c4a36-7f0e-4b84-9a0c-2a2d5a4b1c3e\r\nAmz-Sdk-Request: attempt=1; max=1\r\n" +
	"Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=accept-encoding;amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date;x-amz-target, Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0\r\n" +
	"Content-Type: application/x-amz-json-1.0\r\nX-Amz-Date: 20260101T000000Z\r\nX-Amz-Target: DynamoDB_20120810.GetItem\r\n\r\n"

func BenchmarkParseHeader(b *testing.B) {
	var r Request
	b.SetBytes(int64(len(sdkHeader)))
	b.ReportAllocs()
	for b.Loop() {
		r.reset()
		if err := parseHeader(&r, sdkHeader); err != nil {
			b.Fatal(err)
		}
	}
}

// TestValidValue compares the word-at-a-time check with the plain one on
// every byte at every position.
func TestValidValue(t *testing.T) {
	for c := range 256 {
		for pos := range 20 {
			b := []byte("abcdefghijklmnopqrstuvwxyz")[:20]
			b[pos] = byte(c)
			if got, want := validValue(string(b)), validValueBytes(string(b)); got != want {
				t.Fatalf("byte %#x at %d: %v, want %v", c, pos, got, want)
			}
		}
	}
}
