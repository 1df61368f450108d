package http1

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Connection states, for Shutdown: only an idle connection (waiting for the
// first byte of a request) may be closed under a client's feet.
const (
	stateIdle int32 = iota
	stateActive
	stateClosed
)

// readBufferSize holds a typical SDK request (about 1 KB of headers and a
// small body) in one read.
const readBufferSize = 8 << 10

var readerPool = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, readBufferSize) }}

// conn is one client connection, served by one goroutine.
type conn struct {
	srv   *Server
	rwc   net.Conn
	rw    io.ReadWriter // rwc, or raw system calls on it (rawio.go)
	br    *bufio.Reader
	state atomic.Int32

	req Request
	w   ResponseWriter
	hdr []byte // the header section, when it does not arrive in one read
	out []byte // the response head (and small bodies)

	writeDeadline time.Time
	lastWrite     time.Time // when the last response was written
}

func newConn(s *Server, rwc net.Conn) *conn {
	c := &conn{srv: s, rwc: rwc, rw: rwc}
	if r := newRawIO(rwc); r != nil {
		c.rw = r
	}
	c.req.ctx = s.ctx
	c.req.RemoteAddr = rwc.RemoteAddr().String()
	return c
}

var (
	errHeaderTooLarge = errors.New("http1: header section too large")
	crlfcrlf          = []byte("\r\n\r\n")
)

// largeBody is the body size from which the response is sent with a second
// write rather than copied behind its head.
const largeBody = 64 << 10

func (c *conn) serve() {
	s := c.srv
	c.br = readerPool.Get().(*bufio.Reader)
	c.br.Reset(c.rw)
	defer func() {
		c.state.Store(stateClosed)
		c.rwc.Close()
		c.br.Reset(nil)
		readerPool.Put(c.br)
		s.untrack(c)
	}()
	idle := orDefault(s.IdleTimeout, DefaultIdleTimeout)
	hdrTimeout := orDefault(s.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	readTimeout := orDefault(s.ReadTimeout, DefaultReadTimeout)
	maxHeader := s.maxHeaderBytes()
	maxBody := s.maxBodyBytes()

	for {
		// Wait for the first byte of the next request. The idle deadline
		// counts from the end of the last response (c.lastWrite), which
		// saves reading the clock.
		if c.br.Buffered() == 0 {
			if idle > 0 {
				if c.lastWrite.IsZero() {
					c.lastWrite = time.Now()
				}
				c.rwc.SetReadDeadline(c.lastWrite.Add(idle))
			}
			if _, err := c.br.Peek(1); err != nil {
				return
			}
		}
		if !c.state.CompareAndSwap(stateIdle, stateActive) {
			return // closed by Shutdown
		}
		// The header and body usually came in with the first read: no
		// deadline (and no clock reading) is needed for reads that cannot
		// block.
		var start time.Time
		buffered, _ := c.br.Peek(c.br.Buffered())
		headerEnd := -1
		if len(buffered) > 0 && buffered[0] != '\r' && buffered[0] != '\n' {
			if i := bytes.Index(buffered, crlfcrlf); i >= 0 {
				headerEnd = i + len(crlfcrlf)
			}
		}
		if headerEnd < 0 {
			start = time.Now()
			c.setReadDeadline(start, min(positive(hdrTimeout), positive(readTimeout)))
		}

		r, w := &c.req, &c.w
		r.reset()
		w.reset()
		raw, err := c.readHeader(buffered, headerEnd, maxHeader)
		if err != nil {
			if err == errHeaderTooLarge {
				c.writeError(431, "")
			}
			return
		}
		if perr := parseHeader(r, raw); perr != nil {
			c.writeError(perr.status, perr.text)
			return
		}
		if r.ProtoMinor == 0 {
			r.expectCont = false
		}

		// The body, whole.
		if r.chunked || r.contentLength > maxBody || r.contentLength > int64(c.br.Buffered()) {
			if start.IsZero() {
				start = time.Now()
			}
			c.setReadDeadline(start, positive(readTimeout))
		}
		if r.expectCont && (r.chunked || r.contentLength > 0) && r.contentLength <= maxBody {
			if _, err := io.WriteString(c.rw, "HTTP/1.1 100 Continue\r\n\r\n"); err != nil {
				return
			}
		}
		if perr, err := c.readBody(r, maxBody, maxHeader); perr != nil {
			c.writeError(perr.status, perr.text)
			return
		} else if err != nil {
			return
		}

		if !c.callHandler() {
			return // the handler panicked: drop the connection, like net/http
		}
		closing := r.closeWanted || r.BodyTooLarge || s.closing.Load()
		if err := c.writeResponse(closing); err != nil {
			return
		}
		c.w.trim()
		if cap(c.req.Body) > maxKeptBuffer {
			c.req.Body = nil
		}
		if r.BodyTooLarge {
			c.closeWriteAndWait()
			return
		}
		if closing {
			return
		}
		c.state.Store(stateIdle)
		if s.closing.Load() && c.state.CompareAndSwap(stateIdle, stateClosed) {
			return
		}
	}
}

// positive turns a disabled (negative) timeout into "none" (0).
func positive(d time.Duration) time.Duration { return max(d, 0) }

// setReadDeadline sets the read deadline to start+d, or none when d is 0.
func (c *conn) setReadDeadline(start time.Time, d time.Duration) {
	if d > 0 {
		c.rwc.SetReadDeadline(start.Add(d))
	} else {
		c.rwc.SetReadDeadline(time.Time{})
	}
}

// readHeader returns the header section, request line to empty line, as
// one string (the only copy the request's strings share).
//
// buffered is what the reader holds, and end the end of the header section
// in it (-1: not all there).
func (c *conn) readHeader(buffered []byte, end, max int) (string, error) {
	// Fast path: the whole section is in the buffer.
	if end >= 0 && end <= max {
		s := string(buffered[:end])
		c.br.Discard(end)
		return s, nil
	}
	// Slow path: line by line, skipping empty lines before the request line.
	hdr := c.hdr[:0]
	defer func() {
		if cap(hdr) <= maxKeptBuffer {
			c.hdr = hdr[:0]
		}
	}()
	lineStart, skipped := 0, 0
	for {
		frag, err := c.br.ReadSlice('\n')
		if len(hdr)+len(frag) > max {
			return "", errHeaderTooLarge
		}
		hdr = append(hdr, frag...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return "", err
		}
		line := hdr[lineStart:]
		if len(line) == 1 || len(line) == 2 && line[0] == '\r' {
			if lineStart > 0 {
				return string(hdr), nil
			}
			if skipped++; skipped > 4 {
				return "", errors.New("http1: too many empty lines")
			}
			hdr = hdr[:0]
			continue
		}
		lineStart = len(hdr)
	}
}

// readBody reads r's body into r.Body; a body over max is left unread
// and r.BodyTooLarge set. A protoError is a malformed chunked body.
func (c *conn) readBody(r *Request, max int64, maxTrailer int) (*protoError, error) {
	switch {
	case r.chunked:
		return c.readChunked(r, max, maxTrailer)
	case r.contentLength > max:
		r.BodyTooLarge = true
		return nil, nil
	case r.contentLength > 0:
		b, err := readN(c.br, r.Body[:0], r.contentLength)
		r.Body = b
		return nil, err
	}
	r.Body = r.Body[:0]
	return nil, nil
}

// readN appends n bytes from br to b, growing b as the bytes arrive (a
// client announcing 16 MB and sending nothing does not get 16 MB
// allocated).
func readN(br *bufio.Reader, b []byte, n int64) ([]byte, error) {
	const step = 1 << 20
	end := int64(len(b)) + n
	for int64(len(b)) < end {
		if len(b) == cap(b) {
			grow := min(end-int64(len(b)), max(int64(cap(b)), step))
			b = append(b[:cap(b)], make([]byte, grow)...)[:len(b)]
		}
		m, err := br.Read(b[len(b):min(int64(cap(b)), end)])
		b = b[:len(b)+m]
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return b, err
		}
	}
	return b, nil
}

// readChunked reads a chunked body and its trailer section (ignored).
func (c *conn) readChunked(r *Request, max int64, maxTrailer int) (*protoError, error) {
	b := r.Body[:0]
	defer func() { r.Body = b }()
	for {
		line, err := c.br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			return badRequest("chunk size line too long"), nil
		}
		if err != nil {
			return nil, err
		}
		size, ok := parseChunkSize(line)
		if !ok {
			return badRequest("malformed chunked encoding"), nil
		}
		if size == 0 {
			break
		}
		if int64(len(b))+size > max {
			r.BodyTooLarge = true
			b = nil
			return nil, nil
		}
		if b, err = readN(c.br, b, size); err != nil {
			return nil, err
		}
		// CRLF (or LF) after the data.
		nl, err := c.br.ReadByte()
		if err == nil && nl == '\r' {
			nl, err = c.br.ReadByte()
		}
		if err != nil {
			return nil, err
		}
		if nl != '\n' {
			return badRequest("malformed chunked encoding"), nil
		}
	}
	// Trailer fields, up to an empty line.
	n := 0
	for {
		line, err := c.br.ReadSlice('\n')
		n += len(line)
		if err == bufio.ErrBufferFull || n > maxTrailer {
			return badRequest("trailer section too large"), nil
		}
		if err != nil {
			return nil, err
		}
		if len(line) == 1 || len(line) == 2 && line[0] == '\r' {
			return nil, nil
		}
	}
}

// parseChunkSize parses "hex[;ext]\r\n".
func parseChunkSize(line []byte) (int64, bool) {
	line = bytes.TrimRight(line, "\r\n")
	if i := bytes.IndexByte(line, ';'); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimRight(line, " \t")
	if len(line) == 0 || len(line) > 15 {
		return 0, false
	}
	var n int64
	for _, ch := range line {
		var d byte
		switch {
		case '0' <= ch && ch <= '9':
			d = ch - '0'
		case 'a' <= ch && ch <= 'f':
			d = ch - 'a' + 10
		case 'A' <= ch && ch <= 'F':
			d = ch - 'A' + 10
		default:
			return 0, false
		}
		n = n<<4 | int64(d)
	}
	return n, true
}

// callHandler runs the handler; it reports false when the handler panicked.
func (c *conn) callHandler() (ok bool) {
	defer func() {
		if p := recover(); p != nil {
			c.srv.logger().Error("http1: panic serving request", "remote", c.req.RemoteAddr, "panic", p)
			ok = false
		}
	}()
	c.srv.Handler.ServeHTTP1(&c.w, &c.req)
	return true
}

// writeResponse sends the response with one write.
func (c *conn) writeResponse(closing bool) error {
	r, w := &c.req, &c.w
	now := time.Now()
	if wt := orDefault(c.srv.WriteTimeout, DefaultWriteTimeout); wt > 0 {
		// Moved only when less than half of it is left: a write gets
		// between WriteTimeout/2 and WriteTimeout, for one timer update
		// every WriteTimeout/2 instead of one per request.
		if c.writeDeadline.Sub(now) < wt/2 {
			c.writeDeadline = now.Add(wt)
			c.rwc.SetWriteDeadline(c.writeDeadline)
		}
	}
	c.lastWrite = now
	out := w.appendHead(c.out[:0], now, closing, r.ProtoMinor >= 1, r.keepAlive10)
	body := w.body
	if r.Method == "HEAD" || !bodyAllowed(w.status) {
		body = nil
	}
	var err error
	if len(body) < largeBody {
		out = append(out, body...)
		_, err = c.rw.Write(out)
	} else if _, err = c.rw.Write(out); err == nil {
		_, err = c.rw.Write(body)
	}
	if cap(out) <= maxKeptBuffer {
		c.out = out[:0]
	}
	return err
}

// writeError answers a request the server refuses itself, in net/http's
// words, and the connection is closed after it.
func (c *conn) writeError(status int, text string) {
	const errorHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
	msg := strconv.Itoa(status) + " " + statusText(status)
	if text != "" {
		msg += ": " + text
	}
	c.rwc.SetWriteDeadline(time.Now().Add(time.Second))
	io.WriteString(c.rw, "HTTP/1.1 "+msg+errorHeaders+msg)
}

func statusText(code int) string {
	line := statusLine(code) // "HTTP/1.1 NNN text\r\n"
	return line[len("HTTP/1.1 NNN ") : len(line)-2]
}

// closeWriteAndWait closes the writing side and waits a little before
// closing, so that a client still sending a body it was refused reads the
// answer instead of a reset (net/http does the same).
func (c *conn) closeWriteAndWait() {
	if tc, ok := c.rwc.(interface{ CloseWrite() error }); ok {
		tc.CloseWrite()
	}
	c.rwc.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
	io.Copy(io.Discard, io.LimitReader(c.rw, 1<<20))
}
