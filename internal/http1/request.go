package http1

import (
	"context"
	"strings"
)

// Request is one parsed request. The server reuses it for the next request
// on the same connection: a handler must not keep it, its Body or the
// slices it returns after it returns (the strings are safe to keep).
type Request struct {
	// Method is the request method as sent ("POST").
	Method string
	// Target is the request-target as sent ("/", "/x?y", "*" or an
	// absolute URI).
	Target string
	// Path is the path of Target, without the query: "/x" for "/x?y" and
	// for "http://host/x?y", "" for "*". It is not percent-decoded.
	Path string
	// Host is the host of an absolute-form Target, else the Host header.
	Host string
	// ProtoMinor is 0 for HTTP/1.0 and 1 for HTTP/1.1.
	ProtoMinor int
	// Body is the whole request body (empty when there is none). It is
	// nil when BodyTooLarge.
	Body []byte
	// BodyTooLarge reports that the body is over Server.MaxBodyBytes and
	// was not read; the connection is closed after the response.
	BodyTooLarge bool
	// RemoteAddr is the client's address (host:port).
	RemoteAddr string

	ctx    context.Context
	fields []field // header fields in the order received

	// What the connection needs to know, from the header section.
	contentLength int64 // -1: none
	chunked       bool
	closeWanted   bool // Connection: close, or HTTP/1.0 without keep-alive
	keepAlive10   bool // HTTP/1.0 with Connection: keep-alive
	expectCont    bool // Expect: 100-continue
}

// field is one header field; name and value are substrings of the one
// string a request's header section is copied into.
type field struct {
	name, value string
}

// Context returns the server's context: it is canceled by Close. It is
// never nil.
func (r *Request) Context() context.Context { return r.ctx }

// Header returns the value of the first header field called name (ASCII
// case-insensitive), or "".
func (r *Request) Header(name string) string {
	v, _ := r.HeaderValue(name, 0)
	return v
}

// HasHeader reports whether the request has a header field called name,
// even an empty one.
func (r *Request) HasHeader(name string) bool {
	_, ok := r.HeaderValue(name, 0)
	return ok
}

// HeaderValue returns the value of the i-th (from 0) header field called
// name, and whether there is one.
func (r *Request) HeaderValue(name string, i int) (string, bool) {
	for k := range r.fields {
		f := &r.fields[k]
		if len(f.name) == len(name) && strings.EqualFold(f.name, name) {
			if i == 0 {
				return f.value, true
			}
			i--
		}
	}
	return "", false
}

// VisitHeaders calls fn for every header field in the order received.
func (r *Request) VisitHeaders(fn func(name, value string)) {
	for _, f := range r.fields {
		fn(f.name, f.value)
	}
}

// reset empties r for the next request, keeping its buffers.
func (r *Request) reset() {
	fields, body := r.fields[:0], r.Body[:0]
	ctx, remote := r.ctx, r.RemoteAddr
	*r = Request{fields: fields, Body: body, ctx: ctx, RemoteAddr: remote, contentLength: -1}
}
