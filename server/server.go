package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"

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

	healthBody []byte // the answer to GET /
}

// New returns an http.Handler that answers DynamoDB's JSON 1.0 protocol on
// any path by calling api. It is safe for concurrent use if api is.
func New(api kvs.API, opts Options) http.Handler {
	return newServer(api, opts)
}

func newServer(api kvs.API, opts Options) *server {
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
	return &server{api: api, opts: opts, log: opts.Logger,
		healthBody: []byte("healthy: dynamodb." + opts.Region + ".amazonaws.com")}
}

// ServeHTTP is the net/http adapter of the core (core.go).
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req := request{ctx: r.Context(), method: r.Method, path: r.URL.Path, host: r.Host, header: stdHeader(r.Header)}
	var rep reply
	if r.Method == http.MethodPost {
		bufp := rep.buffer()
		req.body, req.bodyErr = s.readBody(r, (*bufp)[:0])
		*bufp = req.body[:0]
	}
	s.handle(&req, &rep)
	writeStd(w, &rep)
	rep.release()
}

// readBody reads the raw request body into buf, up to MaxRequestBytes.
func (s *server) readBody(r *http.Request, buf []byte) ([]byte, error) {
	if r.Body == nil {
		return buf, nil
	}
	limit := s.opts.MaxRequestBytes
	b := bytes.NewBuffer(buf)
	n, err := b.ReadFrom(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return b.Bytes(), err
	}
	if n > limit {
		return b.Bytes(), errTooLarge
	}
	return b.Bytes(), nil
}

// stdHeader is the headerView of an http.Header.
type stdHeader http.Header

func (h stdHeader) get(name string) string { return http.Header(h).Get(name) }

func (h stdHeader) has(name string) bool {
	_, ok := http.Header(h)[http.CanonicalHeaderKey(name)]
	return ok
}

func (h stdHeader) value(name string, i int) (string, bool) {
	vs := http.Header(h)[http.CanonicalHeaderKey(name)]
	if i < len(vs) {
		return vs[i], true
	}
	return "", false
}

// writeStd sends rep through net/http. DynamoDB's spelling of the two
// x-amz headers is kept byte for byte: the map keys are deliberately not
// canonicalised.
func writeStd(w http.ResponseWriter, rep *reply) {
	h := w.Header()
	if rep.cors {
		h["Access-Control-Allow-Origin"] = []string{"*"}
		h["Access-Control-Expose-Headers"] = []string{"x-amzn-RequestId, x-amz-crc32"}
	}
	if rep.preflight {
		if rep.allowHeaders != "" {
			h["Access-Control-Allow-Headers"] = []string{rep.allowHeaders}
		}
		if rep.allowMethods != "" {
			h["Access-Control-Allow-Methods"] = []string{rep.allowMethods}
		}
		h["Access-Control-Max-Age"] = []string{"172800"}
	}
	if rep.requestID != "" {
		h[hdrKeyRequestID] = []string{rep.requestID}
	}
	switch rep.contentType {
	case "":
	case contentTypeAmzJSON:
		h["Content-Type"] = hdrAmzJSON
	case contentTypeJSON:
		h["Content-Type"] = hdrJSON
	default:
		h["Content-Type"] = []string{rep.contentType}
	}
	if rep.gzip {
		h["Content-Encoding"] = hdrGzip
	}
	if rep.crc32 != "" {
		h[hdrKeyCRC32] = []string{rep.crc32}
	}
	if rep.length {
		h["Content-Length"] = []string{strconv.Itoa(len(rep.body))}
	}
	w.WriteHeader(rep.status)
	if len(rep.body) > 0 {
		w.Write(rep.body) // the client may be gone; nothing to do about it
	}
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
