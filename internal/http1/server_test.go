package http1

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// echo answers "<method> <path> <host> <body>" with an X-Test header
// echoing the request's.
var echo = HandlerFunc(func(w *ResponseWriter, r *Request) {
	if r.BodyTooLarge {
		w.WriteHeader(413)
		return
	}
	w.AddHeader("Content-Type", "text/plain")
	if v, ok := r.HeaderValue("X-Test", 1); ok {
		w.AddHeader("X-Second", v)
	}
	w.AddHeader("X-Test", r.Header("x-test"))
	fmt.Fprintf(w, "%s %s %s %s", r.Method, r.Path, r.Host, r.Body)
})

// start serves h on loopback until the test ends.
func start(t *testing.T, srv *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if srv.Handler == nil {
		srv.Handler = echo
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		srv.Close()
		if err := <-done; !errors.Is(err, ErrServerClosed) {
			t.Errorf("Serve returned %v", err)
		}
	})
	return ln.Addr().String()
}

// client is one raw connection.
type client struct {
	t  *testing.T
	c  net.Conn
	br *bufio.Reader
}

func dial(t *testing.T, addr string) *client {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(10 * time.Second))
	return &client{t: t, c: c, br: bufio.NewReader(c)}
}

func (c *client) send(s string) {
	c.t.Helper()
	if _, err := io.WriteString(c.c, s); err != nil {
		c.t.Fatal(err)
	}
}

// read reads one response; body is read whole.
func (c *client) read(method string) (*http.Response, string) {
	c.t.Helper()
	resp, err := http.ReadResponse(c.br, &http.Request{Method: method})
	if err != nil {
		c.t.Fatalf("reading response: %v", err)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("reading body: %v", err)
	}
	return resp, string(b)
}

// wantClosed asserts that the server closed the connection.
func (c *client) wantClosed() {
	c.t.Helper()
	c.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	b, err := c.br.ReadByte()
	if err == nil {
		c.t.Fatalf("connection still open: read %q", b)
	}
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		c.t.Fatal("connection still open after 5 s")
	}
}

func post(body string, extra ...string) string {
	return "POST /p?q=1 HTTP/1.1\r\nHost: kvs\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n" +
		strings.Join(extra, "") + "\r\n" + body
}

func TestKeepAlive(t *testing.T) {
	addr := start(t, &Server{})
	c := dial(t, addr)
	for i := range 200 {
		body := strings.Repeat("b", i*37)
		c.send(post(body, "X-Test: ", strconv.Itoa(i), "\r\n"))
		resp, got := c.read("POST")
		if want := "POST /p kvs " + body; resp.StatusCode != 200 || got != want {
			t.Fatalf("request %d: %d %q, want %q", i, resp.StatusCode, got, want)
		}
		if resp.Header.Get("X-Test") != strconv.Itoa(i) || resp.Header.Get("Date") == "" || resp.Close {
			t.Fatalf("request %d: header %v close %v", i, resp.Header, resp.Close)
		}
	}
}

func TestResponseBytes(t *testing.T) {
	addr := start(t, &Server{Handler: HandlerFunc(func(w *ResponseWriter, r *Request) {
		w.AddHeader("x-amzn-RequestId", "ID")
		w.SetSniffedContentType("text/plain; charset=utf-8")
		w.WriteString("hello")
	})})
	c := dial(t, addr)
	c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
	var got strings.Builder
	for {
		line, err := c.br.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(line, "Date: ") {
			if _, err := http.ParseTime(strings.TrimSpace(line[6:])); err != nil {
				t.Errorf("Date: %v", err)
			}
			line = "Date: X\r\n"
		}
		got.WriteString(line)
		if line == "\r\n" {
			break
		}
	}
	body := make([]byte, 5)
	io.ReadFull(c.br, body)
	got.Write(body)
	want := "HTTP/1.1 200 OK\r\nx-amzn-RequestId: ID\r\nDate: X\r\nContent-Length: 5\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\nhello"
	if got.String() != want {
		t.Fatalf("got\n%q\nwant\n%q", got.String(), want)
	}
}

func TestPipelined(t *testing.T) {
	addr := start(t, &Server{})
	c := dial(t, addr)
	c.send(post("one") + post("two") + "GET /three HTTP/1.1\r\nHost: kvs\r\n\r\n")
	for _, want := range []string{"POST /p kvs one", "POST /p kvs two", "GET /three kvs "} {
		if _, got := c.read("POST"); got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}

func TestChunkedBody(t *testing.T) {
	addr := start(t, &Server{})
	c := dial(t, addr)
	c.send("POST / HTTP/1.1\r\nHost: kvs\r\nTransfer-Encoding: chunked\r\n\r\n" +
		"5\r\nhello\r\n1;ext=1\r\n \r\nA \r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n")
	if _, got := c.read("POST"); got != "POST / kvs hello 0123456789" {
		t.Fatalf("got %q", got)
	}
	// The connection goes on after the trailer.
	c.send(post("next"))
	if _, got := c.read("POST"); got != "POST /p kvs next" {
		t.Fatalf("got %q", got)
	}
}

// TestChunkedWithContentLength: the chunked coding wins over a
// Content-Length, and the connection is closed after the answer (RFC 9112
// 6.1; such a request may be an attempt at request smuggling).
func TestChunkedWithContentLength(t *testing.T) {
	addr := start(t, &Server{})
	c := dial(t, addr)
	c.send("POST / HTTP/1.1\r\nHost: kvs\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n" +
		"5\r\nhello\r\n0\r\n\r\n")
	resp, got := c.read("POST")
	if got != "POST / kvs hello" || !resp.Close {
		t.Fatalf("got %q, close %v", got, resp.Close)
	}
	c.wantClosed()
}

// TestBareLFHeaderEnd: a header section ended by a bare LF, followed by a
// body that holds CRLFCRLF, is refused whole: body bytes are never taken
// for header bytes.
func TestBareLFHeaderEnd(t *testing.T) {
	addr := start(t, &Server{})
	c := dial(t, addr)
	body := "a\r\n\r\nb"
	c.send("POST /p HTTP/1.1\r\nHost: kvs\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\n" + body)
	resp, _ := c.read("POST")
	if resp.StatusCode != 400 {
		t.Fatalf("status %d, want 400", resp.StatusCode)
	}
	c.wantClosed()
}

func TestExpectContinue(t *testing.T) {
	addr := start(t, &Server{})
	c := dial(t, addr)
	c.send("POST / HTTP/1.1\r\nHost: kvs\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
	line, err := c.br.ReadString('\n')
	if err != nil || line != "HTTP/1.1 100 Continue\r\n" {
		t.Fatalf("got %q, %v; want 100 Continue before the body is sent", line, err)
	}
	if line, _ := c.br.ReadString('\n'); line != "\r\n" {
		t.Fatalf("got %q after the 100", line)
	}
	c.send("body")
	if _, got := c.read("POST"); got != "POST / kvs body" {
		t.Fatalf("got %q", got)
	}
}

func TestHTTP10(t *testing.T) {
	addr := start(t, &Server{})
	// Without keep-alive: answered, then closed.
	c := dial(t, addr)
	c.send("GET /a HTTP/1.0\r\n\r\n")
	resp, got := c.read("GET")
	if got != "GET /a  " || resp.Header.Get("Connection") != "" {
		t.Fatalf("got %q %v", got, resp.Header)
	}
	c.wantClosed()

	// With keep-alive: kept open, and said so.
	c = dial(t, addr)
	for range 3 {
		c.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\nHost: h\r\n\r\n")
		resp, got = c.read("GET")
		if got != "GET /b h " || resp.Header.Get("Connection") != "keep-alive" {
			t.Fatalf("got %q %v", got, resp.Header)
		}
	}
}

func TestConnectionClose(t *testing.T) {
	addr := start(t, &Server{})
	c := dial(t, addr)
	c.send(post("x", "Connection: close\r\n"))
	resp, got := c.read("POST")
	if got != "POST /p kvs x" || !resp.Close {
		t.Fatalf("got %q %v", got, resp.Header)
	}
	c.wantClosed()
}

func TestMalformedRequests(t *testing.T) {
	addr := start(t, &Server{})
	for _, tc := range []struct {
		name, req string
		status    int
	}{
		{"no version", "GET /\r\n\r\n", 400},
		{"garbage", "hello\r\n\r\n", 400},
		{"space in target", "GET /a b HTTP/1.1\r\nHost: h\r\n\r\n", 400},
		{"bad method", "G(T / HTTP/1.1\r\nHost: h\r\n\r\n", 400},
		{"relative target", "GET a HTTP/1.1\r\nHost: h\r\n\r\n", 400},
		{"bad version", "GET / HTTP/x\r\nHost: h\r\n\r\n", 400},
		{"HTTP/2.0", "GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505},
		{"no colon", "GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n", 400},
		{"space before colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400},
		{"obs-fold", "GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n", 400},
		{"control in value", "GET / HTTP/1.1\r\nHost: h\r\nX: a\x01b\r\n\r\n", 400},
		{"missing Host", "GET / HTTP/1.1\r\n\r\n", 400},
		{"two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
		{"bad Content-Length", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: x\r\n\r\n", 400},
		{"negative Content-Length", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", 400},
		{"two Content-Lengths", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400},
		{"gzip transfer coding", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", 501},
		{"bad chunk size", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
		{"chunk without CRLF", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", 400},
		{"Expect other", "POST / HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\na", 417},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := dial(t, addr)
			c.send(tc.req)
			resp, _ := c.read("GET")
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			c.wantClosed()
		})
	}
}

func TestHeaderTooLarge(t *testing.T) {
	addr := start(t, &Server{MaxHeaderBytes: 1024})
	// Just under the limit is fine; over it is a 431.
	c := dial(t, addr)
	c.send("GET / HTTP/1.1\r\nHost: h\r\nX: " + strings.Repeat("a", 900) + "\r\n\r\n")
	if resp, _ := c.read("GET"); resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, h := range []string{strings.Repeat("a", 2000), strings.Repeat("b", 100) + "\r\nY: " + strings.Repeat("c", 1000)} {
		c = dial(t, addr)
		c.send("GET / HTTP/1.1\r\nHost: h\r\nX: " + h + "\r\n\r\n")
		if resp, _ := c.read("GET"); resp.StatusCode != 431 {
			t.Fatalf("status %d, want 431", resp.StatusCode)
		}
		c.wantClosed()
	}
	// The default is 1 MB, like net/http: a 100 KB header is fine.
	addr = start(t, &Server{})
	c = dial(t, addr)
	c.send("GET / HTTP/1.1\r\nHost: h\r\nX: " + strings.Repeat("a", 100<<10) + "\r\n\r\n")
	if resp, _ := c.read("GET"); resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
}

func TestBodyTooLarge(t *testing.T) {
	addr := start(t, &Server{MaxBodyBytes: 100})
	c := dial(t, addr)
	c.send(post(strings.Repeat("a", 100)))
	if resp, got := c.read("POST"); resp.StatusCode != 200 || len(got) != len("POST /p kvs ")+100 {
		t.Fatalf("at the limit: %d %q", resp.StatusCode, got)
	}
	c.send(post(strings.Repeat("a", 101)))
	resp, _ := c.read("POST")
	if resp.StatusCode != 413 || !resp.Close {
		t.Fatalf("over the limit: %d, close %v", resp.StatusCode, resp.Close)
	}
	c.wantClosed()

	c = dial(t, addr)
	c.send("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n50\r\n" + strings.Repeat("a", 80) +
		"\r\n50\r\n" + strings.Repeat("a", 80) + "\r\n0\r\n\r\n")
	if resp, _ := c.read("POST"); resp.StatusCode != 413 || !resp.Close {
		t.Fatalf("chunked over the limit: %d, close %v", resp.StatusCode, resp.Close)
	}
	c.wantClosed()

	// A refused 100-continue: the answer comes at once, without a 100.
	c = dial(t, addr)
	c.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n")
	if resp, _ := c.read("POST"); resp.StatusCode != 413 {
		t.Fatalf("expect over the limit: %d", resp.StatusCode)
	}
}

func TestIdleTimeout(t *testing.T) {
	addr := start(t, &Server{IdleTimeout: 50 * time.Millisecond})
	c := dial(t, addr)
	c.send(post("x"))
	c.read("POST")
	t0 := time.Now()
	c.wantClosed()
	if d := time.Since(t0); d < 40*time.Millisecond {
		t.Fatalf("closed after %v, before the idle timeout", d)
	}
}

func TestReadHeaderTimeout(t *testing.T) {
	addr := start(t, &Server{ReadHeaderTimeout: 50 * time.Millisecond})
	c := dial(t, addr)
	c.send("GET / HTTP/1.1\r\nHost: h\r\n") // never finished
	c.wantClosed()

	// A body that never comes is bounded by ReadTimeout.
	addr = start(t, &Server{ReadTimeout: 50 * time.Millisecond})
	c = dial(t, addr)
	c.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc")
	c.wantClosed()
}

func TestShutdownWaitsForInFlight(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	srv := &Server{Handler: HandlerFunc(func(w *ResponseWriter, r *Request) {
		if r.Path == "/slow" {
			close(entered)
			<-release
		}
		w.WriteString("done " + r.Path)
	})}
	addr := start(t, srv)
	idle := dial(t, addr)
	idle.send("GET /fast HTTP/1.1\r\nHost: h\r\n\r\n")
	idle.read("GET")

	busy := dial(t, addr)
	busy.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
	<-entered
	shut := make(chan error, 1)
	go func() { shut <- srv.Shutdown(context.Background()) }()

	idle.wantClosed() // idle connections are closed at once
	select {
	case err := <-shut:
		t.Fatalf("Shutdown returned %v while a request was in flight", err)
	case <-time.After(100 * time.Millisecond):
	}
	if _, err := net.Dial("tcp", addr); err == nil {
		t.Fatal("still accepting after Shutdown")
	}
	close(release)
	resp, got := busy.read("GET")
	if got != "done /slow" || !resp.Close {
		t.Fatalf("in-flight request: %q close %v", got, resp.Close)
	}
	if err := <-shut; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	busy.wantClosed()
}

func TestShutdownDeadline(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := &Server{Handler: HandlerFunc(func(w *ResponseWriter, r *Request) { <-release })}
	addr := start(t, srv)
	c := dial(t, addr)
	c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
	time.Sleep(20 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if err := srv.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Shutdown = %v, want the context's error", err)
	}
}

func TestPanicClosesOnlyTheConnection(t *testing.T) {
	srv := &Server{Handler: HandlerFunc(func(w *ResponseWriter, r *Request) {
		if r.Path == "/panic" {
			panic("boom")
		}
		w.WriteString("ok")
	})}
	srv.Logger = discardLogger()
	addr := start(t, srv)
	c := dial(t, addr)
	c.send("GET /panic HTTP/1.1\r\nHost: h\r\n\r\n")
	c.wantClosed()
	c = dial(t, addr)
	c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
	if _, got := c.read("GET"); got != "ok" {
		t.Fatalf("got %q", got)
	}
}

func TestHEAD(t *testing.T) {
	addr := start(t, &Server{})
	c := dial(t, addr)
	c.send("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n")
	resp, got := c.read("HEAD")
	if got != "" || resp.ContentLength != int64(len("HEAD / h ")) {
		t.Fatalf("HEAD: %q, Content-Length %d", got, resp.ContentLength)
	}
	c.send(post("after"))
	if _, got := c.read("POST"); got != "POST /p kvs after" {
		t.Fatalf("after HEAD: %q", got)
	}
}

// TestNetHTTPClient runs concurrent net/http clients (keep-alive, large
// bodies, absolute-form targets through a proxy-less client) against the
// server; run with -race.
func TestNetHTTPClient(t *testing.T) {
	addr := start(t, &Server{})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	defer client.CloseIdleConnections()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 30 {
				body := strings.Repeat(strconv.Itoa(g), i*1000)
				req, _ := http.NewRequest("POST", "http://"+addr+"/c", strings.NewReader(body))
				req.Header.Add("X-Test", "a")
				req.Header.Add("X-Test", "b")
				resp, err := client.Do(req)
				if err != nil {
					errs <- err
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if want := "POST /c " + addr + " " + body; string(b) != want || resp.Header.Get("X-Second") != "b" {
					errs <- fmt.Errorf("got %.40q, want %.40q", b, want)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

func TestAbsoluteFormAndLeadingEmptyLines(t *testing.T) {
	addr := start(t, &Server{})
	c := dial(t, addr)
	c.send("\r\nGET http://example.com:8000/x?y HTTP/1.1\r\nHost: other\r\n\r\n")
	if _, got := c.read("GET"); got != "GET /x example.com:8000 " {
		t.Fatalf("got %q", got)
	}
	c.send("OPTIONS * HTTP/1.1\nHost: h\n\n") // bare LF line ends
	if _, got := c.read("OPTIONS"); got != "OPTIONS  h " {
		t.Fatalf("got %q", got)
	}
}

// TestLargeBodies moves bodies far larger than the socket buffers both
// ways, so that raw reads and writes meet EAGAIN and wait in the netpoller.
func TestLargeBodies(t *testing.T) {
	srv := &Server{Handler: HandlerFunc(func(w *ResponseWriter, r *Request) {
		w.Write(r.Body)
		w.Write(r.Body)
	})}
	addr := start(t, srv)
	c := dial(t, addr)
	if c2, ok := c.c.(*net.TCPConn); ok {
		c2.SetReadBuffer(16 << 10) // a slow reader: the server's writes fill up
	}
	if newRawIO(c.c) == nil && !raceEnabled {
		t.Fatal("no raw I/O for a TCP connection")
	}
	body := strings.Repeat("0123456789abcdef", 256<<10) // 4 MB
	go io.WriteString(c.c, post(body))
	time.Sleep(50 * time.Millisecond)
	resp, got := c.read("POST")
	if resp.StatusCode != 200 || len(got) != 2*len(body) || got[:len(body)] != body || got[len(body):] != body {
		t.Fatalf("status %d, %d bytes back for %d sent", resp.StatusCode, len(got), len(body))
	}
}
