package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// rawExchange sends raw requests on one connection and returns each
// response's bytes (head and body), with the Date and request id masked.
func rawExchange(t *testing.T, addr string, reqs []string) []string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	br := bufio.NewReader(c)
	mask := regexp.MustCompile(`(?m)^(Date|x-amzn-RequestId): .*\r$`)
	var out []string
	for _, req := range reqs {
		if _, err := c.Write([]byte(req)); err != nil {
			t.Fatal(err)
		}
		var head strings.Builder
		length := 0
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				t.Fatalf("reading %q: %v (so far %q)", req, err, head.String())
			}
			head.WriteString(line)
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(strings.TrimSpace(v))
			}
			if line == "\r\n" {
				break
			}
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(br, body); err != nil {
			t.Fatal(err)
		}
		out = append(out, mask.ReplaceAllString(head.String(), "$1: X\r")+string(body))
	}
	return out
}

func rawPost(op, body string, extra ...string) string {
	h := "POST / HTTP/1.1\r\nHost: kvs.test\r\nContent-Type: application/x-amz-json-1.0\r\n" +
		"X-Amz-Date: 20260101T000000Z\r\nAuthorization: " + testAuth + "\r\n"
	if op != "" {
		h += "X-Amz-Target: DynamoDB_20120810." + op + "\r\n"
	}
	return h + strings.Join(extra, "") + "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
}

func chunk(s string) string { return strconv.FormatInt(int64(len(s)), 16) + "\r\n" + s + "\r\n" }

// TestWireIdentical sends the same raw requests to both transports and
// compares the responses byte for byte, but for Date and the random
// request id.
func TestWireIdentical(t *testing.T) {
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	zw.Write([]byte(`{"TableName":"t","Key":{"pk":{"S":"a"}}}`))
	zw.Close()
	reqs := []string{
		rawPost("GetItem", `{"TableName":"t","Key":{"pk":{"S":"a"}}}`),
		rawPost("GetItem", `{"TableName":"t","Key":{"pk":{"S":"a"}}}`, "Accept-Encoding: gzip\r\n"),
		rawPost("GetItem", zb.String(), "Content-Encoding: gzip\r\n"),
		rawPost("PutItem", `{"TableName":"t","Item":{"pk":{"S":"a"}}}`),
		rawPost("Nope", `{}`),
		rawPost("ListTables", `{`),
		rawPost("ListTables", `{}`, "Content-Type: application/json\r\n"),
		rawPost("ListTables", `{}`, "Origin: http://localhost\r\n"),
		"GET / HTTP/1.1\r\nHost: kvs.test\r\n\r\n",
		"GET /x HTTP/1.1\r\nHost: kvs.test\r\n\r\n",
		"PUT / HTTP/1.1\r\nHost: kvs.test\r\nContent-Length: 2\r\n\r\n{}",
		"OPTIONS / HTTP/1.1\r\nHost: kvs.test\r\nOrigin: http://localhost\r\nAccess-Control-Request-Method: POST\r\n" +
			"Access-Control-Request-Headers: content-type,x-amz-target\r\n\r\n",
		rawPost("DescribeEndpoints", `{}`),
		"POST / HTTP/1.1\r\nHost: kvs.test\r\nX-Amz-Target: DynamoDB_20120810.GetItem\r\nAuthorization: " + testAuth +
			"\r\nX-Amz-Date: 1\r\nContent-Type: application/x-amz-json-1.0\r\nTransfer-Encoding: chunked\r\n\r\n" +
			chunk(`{"Tab`) + chunk(`leName":"t","Key":{"pk":{"S":"a"}}}`) + "0\r\n\r\n",
	}
	api := &recorder{reply: func(op string, in any) (any, error) {
		switch op {
		case "GetItem":
			return &kvs.GetItemOutput{Item: attr.Item{"pk": attr.S("a")}}, nil
		case "PutItem":
			return nil, apierr.New(apierr.ConditionalCheckFailed, "The conditional request failed")
		}
		return nil, nil
	}}
	std := rawExchange(t, startOn(t, stdTransport, api, Options{}).Addr, reqs)
	lean := rawExchange(t, startOn(t, leanTransport, api, Options{}).Addr, reqs)
	for i := range reqs {
		if std[i] != lean[i] {
			t.Errorf("request %q:\nnet/http: %q\nlean:     %q", reqs[i], std[i], lean[i])
		}
	}
}
