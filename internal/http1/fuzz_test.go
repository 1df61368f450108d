package http1

import (
	"bytes"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"
)

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// bytesConn is a net.Conn that reads a fixed input and collects what is
// written.
type bytesConn struct {
	r   *bytes.Reader
	out bytes.Buffer
}

func (c *bytesConn) Read(p []byte) (int, error)         { return c.r.Read(p) }
func (c *bytesConn) Write(p []byte) (int, error)        { return c.out.Write(p) }
func (c *bytesConn) Close() error                       { return nil }
func (c *bytesConn) LocalAddr() net.Addr                { return &net.TCPAddr{} }
func (c *bytesConn) RemoteAddr() net.Addr               { return &net.TCPAddr{} }
func (c *bytesConn) SetDeadline(t time.Time) error      { return nil }
func (c *bytesConn) SetReadDeadline(t time.Time) error  { return nil }
func (c *bytesConn) SetWriteDeadline(t time.Time) error { return nil }

// serveBytes runs one connection over in and returns what the server wrote.
func serveBytes(srv *Server, in []byte) string {
	srv.init()
	bc := &bytesConn{r: bytes.NewReader(in)}
	c := newConn(srv, bc)
	srv.track(c)
	c.serve()
	return bc.out.String()
}

// FuzzServeConn feeds arbitrary bytes to a connection: the server must
// never panic, and everything it writes must be well-formed responses.
func FuzzServeConn(f *testing.F) {
	for _, seed := range []string{
		"GET / HTTP/1.1\r\nHost: h\r\n\r\n",
		"POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGET / HTTP/1.0\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x\r\nabc\r\n0\r\nT: 1\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\na",
		"\nGET http://a/b?c HTTP/1.1\nHost: h\nConnection: close\n\n",
		"GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999\r\n\r\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		srv := &Server{Handler: echo, MaxHeaderBytes: 4096, MaxBodyBytes: 1 << 16, Logger: discardLogger()}
		out := serveBytes(srv, in)
		for out != "" {
			if !strings.HasPrefix(out, "HTTP/1.1 ") {
				t.Fatalf("response does not start with a status line: %q", out)
			}
			i := strings.Index(out[1:], "HTTP/1.1 ")
			if i < 0 {
				break
			}
			out = out[i+1:]
		}
	})
}

// FuzzParseHeader checks the header parser alone: no panics, and what it
// accepts has a method, a target and consistent framing.
func FuzzParseHeader(f *testing.F) {
	f.Add("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n")
	f.Add("POST * HTTP/1.0\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive, x\r\n\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		var r Request
		r.reset()
		if err := parseHeader(&r, s); err != nil {
			if err.status < 400 || err.status > 599 {
				t.Fatalf("status %d", err.status)
			}
			return
		}
		if r.Method == "" || r.Target == "" {
			t.Fatalf("accepted without method or target: %+v", r)
		}
		if r.chunked && r.contentLength >= 0 {
			t.Fatalf("chunked with a Content-Length")
		}
	})
}
