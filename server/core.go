package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"

	"github.com/kvs-project/kvs/apierr"
)

// This file is the transport-independent core: it answers one request,
// seen through request, by filling a reply. The net/http adapter
// (ServeHTTP) and the lean HTTP/1.1 adapter (lean.go) only translate
// between their transport and these two types, so both send the same
// bytes.

// request is what the core needs to know of an HTTP request.
type request struct {
	ctx    context.Context
	method string
	path   string // the URL path ("/")
	host   string
	header headerView
	// body is the raw body, still gzipped when Content-Encoding says so.
	body []byte
	// bodyErr is errTooLarge when the raw body is over MaxRequestBytes (body
	// is then incomplete), or the error that cut reading it short.
	bodyErr error
}

// headerView reads request headers; names are given in canonical form and
// matched as HTTP does (case-insensitively).
type headerView interface {
	// get returns the first value of name, or "".
	get(name string) string
	// has reports whether there is a field called name, even empty.
	has(name string) bool
	// value returns the i-th (from 0) value of name.
	value(name string, i int) (string, bool)
}

// reply is the response the core decided on. Adapters send its headers in
// net/http's order (sorted by name) so that the bytes are the same.
type reply struct {
	status int
	// requestID is sent as x-amzn-RequestId unless empty (CORS preflight).
	requestID string
	// contentType is sent as Content-Type unless empty.
	contentType string
	// sniffedType is the Content-Type net/http adds by itself for a body
	// with none (see sendUnknownOperationXML); only adapters that do not
	// sniff send it.
	sniffedType string
	gzip        bool   // Content-Encoding: gzip
	crc32       string // x-amz-crc32 unless empty
	// length sends Content-Length explicitly (net/http adds it anyway for
	// small bodies, later in the header).
	length bool
	// cors adds Access-Control-Allow-Origin and -Expose-Headers.
	cors bool
	// preflight answers a CORS preflight: the Allow-Headers and
	// Allow-Methods below (when not empty) and Max-Age.
	preflight                  bool
	allowHeaders, allowMethods string

	body []byte
	// bufs are pooled buffers body may point into, returned by release.
	// The longest path takes five: the body read, its gunzip, the
	// operation's output, an error body and the gzipped response.
	bufs [6]*[]byte
	nbuf int
}

// buffer returns a pooled buffer that release gives back (a fresh,
// unpooled one should bufs ever be full).
func (rep *reply) buffer() *[]byte {
	if rep.nbuf == len(rep.bufs) {
		return new([]byte)
	}
	b := getBuf()
	rep.bufs[rep.nbuf] = b
	rep.nbuf++
	return b
}

// release returns the reply's buffers to the pool; body is invalid after.
func (rep *reply) release() {
	for i := range rep.nbuf {
		putBuf(rep.bufs[i])
		rep.bufs[i] = nil
	}
	rep.nbuf = 0
	rep.body = nil
}

// errTooLarge marks a body over MaxRequestBytes.
var errTooLarge = errors.New("server: request body too large")

// handle answers req. It never panics: a panic in the API is logged and
// answered as DynamoDB's InternalServerError.
func (s *server) handle(req *request, rep *reply) {
	requestID := newRequestID()
	respType := contentTypeAmzJSON
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.log.Error("server: panic serving request", "request_id", requestID,
				"panic", p, "stack", string(debug.Stack()))
			cors := rep.cors
			rep.release()
			*rep = reply{cors: cors}
			s.sendError(req, rep, respType, requestID, apierr.New(apierr.InternalServerError, msgInternal))
		}
	}()

	if req.header.get("Origin") != "" {
		if cors(req, rep) {
			return
		}
	}
	if req.method == http.MethodGet && req.path == "/" {
		s.health(rep, requestID)
		return
	}
	if req.method != http.MethodPost {
		sendUnknownOperationXML(rep, requestID)
		return
	}

	body, err := s.requestBody(req, rep)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			rep.status = http.StatusRequestEntityTooLarge
			rep.requestID = requestID
			return
		}
		// An unreadable or corrupt (gzip) body.
		s.sendError(req, rep, respType, requestID, apierr.New(apierr.Serialization, ""))
		return
	}

	contentType := req.header.get("Content-Type")
	if len(body) > 0 {
		switch mediaType(contentType) {
		case contentTypeAmzJSON:
		case contentTypeJSON:
			respType = contentTypeJSON
		default:
			sendUnknownOperationXML(rep, requestID)
			return
		}
	}

	// DynamoDB's order: JSON syntax, then the target, then authentication,
	// then an empty body. json.Valid runs only on the error paths: on the
	// happy path the decoder finds syntax errors itself.
	target := req.header.get("X-Amz-Target")
	opName, ok := strings.CutPrefix(target, targetPrefix)
	op := operations[opName]
	if !ok || op == nil {
		s.sendError(req, rep, respType, requestID, syntaxFirst(body, apierr.New(apierr.UnknownOperation, "")))
		return
	}
	hasDate := req.header.has("X-Amz-Date") || req.header.has("Date")
	creds, err := parseAuthorization(req.header.get("Authorization"), hasDate)
	if err != nil {
		s.sendError(req, rep, respType, requestID, syntaxFirst(body, err))
		return
	}
	if len(body) == 0 {
		s.sendError(req, rep, respType, requestID, apierr.New(apierr.Serialization, ""))
		return
	}

	sc := &scope{info: RequestInfo{
		Operation:   opName,
		RequestID:   requestID,
		AccessKeyID: creds.accessKeyID,
		Region:      creds.region,
		AccountID:   s.opts.AccountID,
	}}
	sc.ctx = infoContext{Context: req.ctx, info: &sc.info}
	ctx := context.Context(&sc.ctx)
	sc.call = call{ctx: ctx, api: s.api, body: body, host: req.host, opts: &s.opts}
	call := &sc.call

	outp := rep.buffer()
	out, err := op(call, (*outp)[:0])
	if s.log.Enabled(ctx, slog.LevelDebug) {
		s.log.LogAttrs(ctx, slog.LevelDebug, "server: request", slog.String("op", opName),
			slog.String("request_id", requestID), slog.Any("err", err))
	}
	if err != nil {
		s.sendError(req, rep, respType, requestID, s.wireError(ctx, opName, err))
		return
	}
	*outp = out[:0]
	send(req, rep, http.StatusOK, respType, requestID, out)
}

// requestBody returns the request body, gunzipped when the request says so,
// up to MaxRequestBytes.
func (s *server) requestBody(req *request, rep *reply) ([]byte, error) {
	if req.bodyErr != nil {
		return nil, req.bodyErr
	}
	if int64(len(req.body)) > s.opts.MaxRequestBytes {
		return nil, errTooLarge
	}
	if !strings.EqualFold(strings.TrimSpace(req.header.get("Content-Encoding")), "gzip") {
		return req.body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(req.body))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	bufp := rep.buffer()
	b := bytes.NewBuffer((*bufp)[:0])
	limit := s.opts.MaxRequestBytes
	n, err := b.ReadFrom(io.LimitReader(zr, limit+1))
	*bufp = b.Bytes()[:0]
	if err != nil {
		return nil, err
	}
	if n > limit {
		return nil, errTooLarge
	}
	return b.Bytes(), nil
}

// sendError answers err (an *apierr.Error; anything else is sent as an
// internal error) with its code's HTTP status.
func (s *server) sendError(req *request, rep *reply, contentType, requestID string, err error) {
	e := asAPIError(err)
	if e == nil {
		e = apierr.New(apierr.InternalServerError, msgInternal)
	}
	bufp := rep.buffer()
	body := appendErrorBody((*bufp)[:0], e)
	*bufp = body[:0]
	send(req, rep, e.Code.HTTPStatus(), contentType, requestID, body)
}

// unknownOperationCRC is the CRC32 of unknownOperationXML.
const unknownOperationCRC = "3552371480"

// unknownOperationBody is unknownOperationXML; adapters never modify it.
var unknownOperationBody = []byte(unknownOperationXML)

// sendUnknownOperationXML answers like DynamoDB to requests that are not a
// POST of JSON.
func sendUnknownOperationXML(rep *reply, requestID string) {
	rep.status = http.StatusNotFound
	rep.requestID = requestID
	rep.crc32 = unknownOperationCRC
	rep.length = true
	// The server sets no Content-Type; net/http sniffs this one.
	rep.sniffedType = "text/plain; charset=utf-8"
	rep.body = unknownOperationBody
}

// health answers DynamoDB's health check (GET /).
func (s *server) health(rep *reply, requestID string) {
	rep.status = http.StatusOK
	rep.requestID = requestID
	rep.contentType = "text/plain"
	rep.body = s.healthBody
}

// cors lets browsers call the server from any origin, as DynamoDB does; it
// reports whether it answered the request (a preflight OPTIONS).
func cors(req *request, rep *reply) bool {
	rep.cors = true
	if req.method != http.MethodOptions {
		return false
	}
	rep.status = http.StatusOK
	rep.preflight = true
	rep.allowHeaders = req.header.get("Access-Control-Request-Headers")
	rep.allowMethods = req.header.get("Access-Control-Request-Method")
	rep.length = true
	return true
}
