package server

import (
	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/internal/http1"
)

// NewHTTP1 returns a server that answers DynamoDB's JSON 1.0 protocol like
// New, on kvs's own HTTP/1.1 transport (internal/http1) instead of
// net/http: the same core answers, the same bytes go out (but for Date),
// for a fraction of net/http's CPU per request. Its body limit is
// opts.MaxRequestBytes; set its timeouts before calling Serve.
func NewHTTP1(api kvs.API, opts Options) *http1.Server {
	s := newServer(api, opts)
	return &http1.Server{
		Handler:      leanHandler{s},
		MaxBodyBytes: s.opts.MaxRequestBytes,
		Logger:       s.log,
	}
}

// leanHandler is the http1 adapter of the core (core.go).
type leanHandler struct{ s *server }

func (h leanHandler) ServeHTTP1(w *http1.ResponseWriter, r *http1.Request) {
	req := request{ctx: r.Context(), method: r.Method, path: r.Path, host: r.Host,
		header: (*leanHeader)(r), body: r.Body}
	if r.BodyTooLarge {
		req.bodyErr = errTooLarge
	}
	var rep reply
	h.s.handle(&req, &rep)
	writeLean(w, &rep)
	rep.release()
}

// leanHeader is the headerView of an http1.Request.
type leanHeader http1.Request

func (h *leanHeader) get(name string) string { return (*http1.Request)(h).Header(name) }
func (h *leanHeader) has(name string) bool   { return (*http1.Request)(h).HasHeader(name) }
func (h *leanHeader) value(name string, i int) (string, bool) {
	return (*http1.Request)(h).HeaderValue(name, i)
}

// writeLean sends rep through http1, headers sorted by name as net/http
// sorts them (writeStd), then what net/http adds itself: Date, a computed
// Content-Length, a sniffed Content-Type.
func writeLean(w *http1.ResponseWriter, rep *reply) {
	if rep.preflight {
		if rep.allowHeaders != "" {
			w.AddHeader("Access-Control-Allow-Headers", rep.allowHeaders)
		}
		if rep.allowMethods != "" {
			w.AddHeader("Access-Control-Allow-Methods", rep.allowMethods)
		}
	}
	if rep.cors {
		w.AddHeader("Access-Control-Allow-Origin", "*")
		w.AddHeader("Access-Control-Expose-Headers", "x-amzn-RequestId, x-amz-crc32")
	}
	if rep.preflight {
		w.AddHeader("Access-Control-Max-Age", "172800")
	}
	if rep.gzip {
		w.AddHeader("Content-Encoding", "gzip")
	}
	if rep.length {
		w.AddHeaderInt("Content-Length", int64(len(rep.body)))
	}
	if rep.contentType != "" {
		w.AddHeader("Content-Type", rep.contentType)
	}
	if rep.crc32 != "" {
		w.AddHeader(hdrKeyCRC32, rep.crc32)
	}
	if rep.requestID != "" {
		w.AddHeader(hdrKeyRequestID, rep.requestID)
	}
	if rep.sniffedType != "" && rep.contentType == "" {
		w.SetSniffedContentType(rep.sniffedType)
	}
	w.WriteHeader(rep.status)
	w.Write(rep.body)
}
