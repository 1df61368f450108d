package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"runtime/debug"
	"strings"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
)

// Options configures a server. The zero value is usable: every field has a
// documented default.
type Options struct {
	// Logger receives internal errors and recovered panics at Error level,
	// and one line per request at Debug level. Default: slog.Default().
	Logger *slog.Logger

	// MaxRequestBytes bounds a request body, after gunzip; larger requests
	// are answered 413 like DynamoDB. Default: 16 MiB, DynamoDB's limit.
	MaxRequestBytes int64

	// Region names the server in the health check
	// ("healthy: dynamodb.<Region>.amazonaws.com"). Default: "us-east-1".
	Region string

	// AccountID is passed to the API in RequestInfo. Default: "000000000000".
	AccountID string

	// EndpointAddress is what DescribeEndpoints answers (host[:port], no
	// scheme, like DynamoDB). Default: the Host the request was sent to.
	EndpointAddress string
}

// Defaults applied by New.
const (
	DefaultMaxRequestBytes = 16 << 20
	DefaultRegion          = "us-east-1"
	DefaultAccountID       = "000000000000"
)

// targetPrefix is the X-Amz-Target prefix of DynamoDB's API version.
const targetPrefix = "DynamoDB_20120810."

// unknownOperationXML is DynamoDB's answer to anything that is not a POST of
// JSON: a 404 with this body.
const unknownOperationXML = "<UnknownOperationException/>\n"

type server struct {
	api  kvs.API
	opts Options
	log  *slog.Logger
}

// New returns an http.Handler that answers DynamoDB's JSON 1.0 protocol on
// any path by calling api. It is safe for concurrent use if api is.
func New(api kvs.API, opts Options) http.Handler {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.MaxRequestBytes <= 0 {
		opts.MaxRequestBytes = DefaultMaxRequestBytes
	}
	if opts.Region == "" {
		opts.Region = DefaultRegion
	}
	if opts.AccountID == "" {
		opts.AccountID = DefaultAccountID
	}
	return &server{api: api, opts: opts, log: opts.Logger}
}

// errTooLarge marks a body over MaxRequestBytes.
var errTooLarge = errors.New("server: request body too large")

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := newRequestID()
	respType := hdrAmzJSON
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.log.Error("server: panic serving request", "request_id", requestID,
				"panic", p, "stack", string(debug.Stack()))
			s.sendError(w, r, respType, requestID, apierr.New(apierr.InternalServerError, msgInternal))
		}
	}()

	if r.Header.Get("Origin") != "" {
		if cors(w, r) {
			return
		}
	}
	if r.Method == http.MethodGet && r.URL.Path == "/" {
		s.health(w, r, requestID)
		return
	}
	if r.Method != http.MethodPost {
		sendUnknownOperationXML(w, r, requestID)
		return
	}

	bufp := getBuf()
	defer putBuf(bufp)
	body, err := s.readBody(r, *bufp)
	*bufp = body[:0]
	if err != nil {
		if errors.Is(err, errTooLarge) {
			h := w.Header()
			h[hdrKeyRequestID] = []string{requestID}
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			return
		}
		// An unreadable or corrupt (gzip) body.
		s.sendError(w, r, respType, requestID, apierr.New(apierr.Serialization, ""))
		return
	}

	contentType := r.Header.Get("Content-Type")
	if len(body) > 0 {
		switch mediaType(contentType) {
		case contentTypeAmzJSON:
		case contentTypeJSON:
			respType = hdrJSON
		default:
			sendUnknownOperationXML(w, r, requestID)
			return
		}
	}

	// DynamoDB's order: JSON syntax, then the target, then authentication,
	// then an empty body. json.Valid runs only on the error paths: on the
	// happy path the decoder finds syntax errors itself.
	target := r.Header.Get("X-Amz-Target")
	opName, ok := strings.CutPrefix(target, targetPrefix)
	op := operations[opName]
	if !ok || op == nil {
		s.sendError(w, r, respType, requestID, syntaxFirst(body, apierr.New(apierr.UnknownOperation, "")))
		return
	}
	_, hasDate := r.Header["X-Amz-Date"]
	if !hasDate {
		_, hasDate = r.Header["Date"]
	}
	creds, err := parseAuthorization(r.Header.Get("Authorization"), hasDate)
	if err != nil {
		s.sendError(w, r, respType, requestID, syntaxFirst(body, err))
		return
	}
	if len(body) == 0 {
		s.sendError(w, r, respType, requestID, apierr.New(apierr.Serialization, ""))
		return
	}

	info := &RequestInfo{
		Operation:   opName,
		RequestID:   requestID,
		AccessKeyID: creds.accessKeyID,
		Region:      creds.region,
		AccountID:   s.opts.AccountID,
	}
	ctx := WithRequestInfo(r.Context(), info)
	call := &call{ctx: ctx, api: s.api, body: body, host: r.Host, opts: &s.opts}

	outp := getBuf()
	defer putBuf(outp)
	out, err := op(call, (*outp)[:0])
	if s.log.Enabled(ctx, slog.LevelDebug) {
		s.log.LogAttrs(ctx, slog.LevelDebug, "server: request", slog.String("op", opName),
			slog.String("request_id", requestID), slog.Any("err", err))
	}
	if err != nil {
		s.sendError(w, r, respType, requestID, s.wireError(ctx, opName, err))
		return
	}
	*outp = out[:0]
	send(w, r, http.StatusOK, respType, requestID, out)
}

// readBody reads the request body into buf, gunzipping it when the request
// says so, up to MaxRequestBytes.
func (s *server) readBody(r *http.Request, buf []byte) ([]byte, error) {
	if r.Body == nil {
		return buf, nil
	}
	var src io.Reader = r.Body
	if strings.EqualFold(strings.TrimSpace(r.Header.Get("Content-Encoding")), "gzip") {
		zr, err := gzip.NewReader(io.LimitReader(r.Body, s.opts.MaxRequestBytes+1))
		if err != nil {
			return buf, err
		}
		defer zr.Close()
		src = zr
	}
	limit := s.opts.MaxRequestBytes
	b := bytes.NewBuffer(buf)
	n, err := b.ReadFrom(io.LimitReader(src, limit+1))
	if err != nil {
		return b.Bytes(), err
	}
	if n > limit {
		return b.Bytes(), errTooLarge
	}
	return b.Bytes(), nil
}

// mediaType returns the media type of a Content-Type header, lower-cased,
// without parameters.
func mediaType(ct string) string {
	if ct == contentTypeAmzJSON || ct == contentTypeJSON {
		return ct
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	return mt
}

// syntaxFirst returns a SerializationException when body is not valid JSON
// (DynamoDB parses the body before it looks at the target or the
// signature), and err otherwise.
func syntaxFirst(body []byte, err error) error {
	if len(body) > 0 && !json.Valid(body) {
		// Bytes after a complete value are ignored (see decode).
		var first json.RawMessage
		if json.NewDecoder(bytes.NewReader(body)).Decode(&first) != nil {
			return apierr.New(apierr.Serialization, "")
		}
	}
	return err
}

// wireError turns an API error into the error to send: *apierr.Error as is,
// anything else (an internal fault) logged and answered as DynamoDB's
// InternalServerError.
func (s *server) wireError(ctx context.Context, op string, err error) error {
	if e := asAPIError(err); e != nil {
		if e.Code == apierr.InternalServerError {
			s.log.Error("server: internal error", "op", op, "err", err)
		}
		return e
	}
	if ctx.Err() != nil { // the client went away
		s.log.Debug("server: request canceled", "op", op, "err", err)
	} else {
		s.log.Error("server: internal error", "op", op, "err", err)
	}
	return apierr.New(apierr.InternalServerError, msgInternal)
}

// sendError sends err (an *apierr.Error; anything else is sent as an
// internal error) with its code's HTTP status.
func (s *server) sendError(w http.ResponseWriter, r *http.Request, contentType []string, requestID string, err error) {
	e := asAPIError(err)
	if e == nil {
		e = apierr.New(apierr.InternalServerError, msgInternal)
	}
	bufp := getBuf()
	defer putBuf(bufp)
	body := appendErrorBody((*bufp)[:0], e)
	*bufp = body[:0]
	send(w, r, e.Code.HTTPStatus(), contentType, requestID, body)
}

// sendUnknownOperationXML answers like DynamoDB to requests that are not a
// POST of JSON.
func sendUnknownOperationXML(w http.ResponseWriter, r *http.Request, requestID string) {
	h := w.Header()
	h[hdrKeyRequestID] = []string{requestID}
	h[hdrKeyCRC32] = []string{"3552371480"} // CRC32 of unknownOperationXML
	h["Content-Length"] = []string{"29"}
	w.WriteHeader(http.StatusNotFound)
	io.WriteString(w, unknownOperationXML)
}

// health answers DynamoDB's health check (GET /).
func (s *server) health(w http.ResponseWriter, r *http.Request, requestID string) {
	body := "healthy: dynamodb." + s.opts.Region + ".amazonaws.com"
	h := w.Header()
	h[hdrKeyRequestID] = []string{requestID}
	h["Content-Type"] = []string{"text/plain"}
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, body)
}

// cors lets browsers call the server from any origin, as DynamoDB does; it
// reports whether it answered the request (a preflight OPTIONS).
func cors(w http.ResponseWriter, r *http.Request) bool {
	h := w.Header()
	h["Access-Control-Allow-Origin"] = []string{"*"}
	h["Access-Control-Expose-Headers"] = []string{"x-amzn-RequestId, x-amz-crc32"}
	if r.Method != http.MethodOptions {
		return false
	}
	if v := r.Header.Get("Access-Control-Request-Headers"); v != "" {
		h["Access-Control-Allow-Headers"] = []string{v}
	}
	if v := r.Header.Get("Access-Control-Request-Method"); v != "" {
		h["Access-Control-Allow-Methods"] = []string{v}
	}
	h["Access-Control-Max-Age"] = []string{"172800"}
	h["Content-Length"] = []string{"0"}
	w.WriteHeader(http.StatusOK)
	return true
}
