package http1

import (
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// ResponseWriter collects one response. Nothing is sent before the handler
// returns; the server then writes status line, headers and body at once.
type ResponseWriter struct {
	status    int
	head      []byte // "Name: value\r\n" lines, in the order added
	body      []byte
	hasLength bool   // the handler set Content-Length itself
	sniffed   string // see SetSniffedContentType
}

// AddHeader adds a header field, spelled as given, in the order of the
// calls (net/http sends a handler's headers sorted by name; a handler that
// wants the same bytes adds them sorted). The server adds Date, a
// Content-Length when the handler set none, and Connection when needed.
// name and value must be valid (no CR or LF).
func (w *ResponseWriter) AddHeader(name, value string) {
	w.head = append(w.head, name...)
	w.head = append(w.head, ':', ' ')
	w.head = append(w.head, value...)
	w.head = append(w.head, '\r', '\n')
	if len(name) == len("Content-Length") && strings.EqualFold(name, "Content-Length") {
		w.hasLength = true
	}
}

// AddHeaderInt adds a header field with a decimal value, without
// allocating.
func (w *ResponseWriter) AddHeaderInt(name string, v int64) {
	w.head = append(w.head, name...)
	w.head = append(w.head, ':', ' ')
	w.head = strconv.AppendInt(w.head, v, 10)
	w.head = append(w.head, '\r', '\n')
	if len(name) == len("Content-Length") && strings.EqualFold(name, "Content-Length") {
		w.hasLength = true
	}
}

// SetSniffedContentType sends a Content-Type after Date and Content-Length,
// where net/http puts the one it sniffs for a handler that set none.
func (w *ResponseWriter) SetSniffedContentType(v string) { w.sniffed = v }

// WriteHeader sets the status code (default 200).
func (w *ResponseWriter) WriteHeader(status int) { w.status = status }

// Write appends p to the body.
func (w *ResponseWriter) Write(p []byte) (int, error) {
	w.body = append(w.body, p...)
	return len(p), nil
}

// WriteString appends s to the body.
func (w *ResponseWriter) WriteString(s string) (int, error) {
	w.body = append(w.body, s...)
	return len(s), nil
}

// Buffer returns the body so far, for a handler that appends to it
// directly; it must hand the result back with SetBody.
func (w *ResponseWriter) Buffer() []byte { return w.body }

// SetBody replaces the body (typically Buffer's slice, appended to).
func (w *ResponseWriter) SetBody(b []byte) { w.body = b }

func (w *ResponseWriter) reset() {
	w.status = 200
	w.head = w.head[:0]
	w.body = w.body[:0]
	w.hasLength = false
	w.sniffed = ""
}

// maxKeptBuffer bounds the buffers a connection keeps between requests.
const maxKeptBuffer = 256 << 10

// trim drops buffers grown by a huge request or response.
func (w *ResponseWriter) trim() {
	if cap(w.body) > maxKeptBuffer {
		w.body = nil
	}
	if cap(w.head) > maxKeptBuffer {
		w.head = nil
	}
}

// appendHead appends the response head (status line, headers, Date,
// Content-Length, Connection, empty line) to dst. closing says the
// connection is closed after it; keepAlive10 that an HTTP/1.0 client asked
// to keep it open.
func (w *ResponseWriter) appendHead(dst []byte, now time.Time, closing, proto11, keepAlive10 bool) []byte {
	dst = append(dst, statusLine(w.status)...)
	dst = append(dst, w.head...)
	dst = append(dst, "Date: "...)
	dst = appendDate(dst, now)
	dst = append(dst, '\r', '\n')
	if !w.hasLength && bodyAllowed(w.status) {
		dst = append(dst, "Content-Length: "...)
		dst = strconv.AppendInt(dst, int64(len(w.body)), 10)
		dst = append(dst, '\r', '\n')
	}
	if w.sniffed != "" {
		dst = append(dst, "Content-Type: "...)
		dst = append(dst, w.sniffed...)
		dst = append(dst, '\r', '\n')
	}
	switch {
	case closing && proto11:
		dst = append(dst, "Connection: close\r\n"...)
	case !closing && keepAlive10:
		dst = append(dst, "Connection: keep-alive\r\n"...)
	}
	return append(dst, '\r', '\n')
}

// bodyAllowed reports whether a response with status may carry a body
// (and a Content-Length).
func bodyAllowed(status int) bool {
	return status >= 200 && status != 204 && status != 304
}

// statusLines caches "HTTP/1.1 <code> <text>\r\n" for every code.
var statusLines = func() (t [600]string) {
	for code := 100; code < len(t); code++ {
		text := http.StatusText(code)
		if text == "" {
			text = "status code " + strconv.Itoa(code)
		}
		t[code] = "HTTP/1.1 " + strconv.Itoa(code) + " " + text + "\r\n"
	}
	return t
}()

func statusLine(code int) string {
	if code >= 100 && code < len(statusLines) {
		return statusLines[code]
	}
	return "HTTP/1.1 " + strconv.Itoa(code) + " status code " + strconv.Itoa(code) + "\r\n"
}

// cachedDate is the Date header value of one second.
type cachedDate struct {
	unix int64
	text []byte
}

var dateCache atomic.Pointer[cachedDate]

// appendDate appends now as an HTTP date; the text is formatted once per
// second.
func appendDate(dst []byte, now time.Time) []byte {
	sec := now.Unix()
	d := dateCache.Load()
	if d == nil || d.unix != sec {
		d = &cachedDate{unix: sec, text: now.UTC().AppendFormat(nil, http.TimeFormat)}
		dateCache.Store(d)
	}
	return append(dst, d.text...)
}
