package server

import (
	"bytes"
	"compress/gzip"
	"hash/crc32"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// This file writes responses: headers, optional gzip, x-amz-crc32 and the
// request id.

const (
	hdrKeyRequestID = "x-amzn-RequestId"
	hdrKeyCRC32     = "x-amz-crc32"

	contentTypeAmzJSON = "application/x-amz-json-1.0"
	contentTypeJSON    = "application/json"
)

// Header values reused on every response, so that setting them allocates
// nothing (the map keys are already canonical).
var (
	hdrAmzJSON = []string{contentTypeAmzJSON}
	hdrJSON    = []string{contentTypeJSON}
	hdrGzip    = []string{"gzip"}
)

// bufPool holds byte buffers for request and response bodies.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// maxPooledBuffer keeps huge buffers (a 16 MB BatchWriteItem) out of the pool.
const maxPooledBuffer = 1 << 20

func getBuf() *[]byte { return bufPool.Get().(*[]byte) }

func putBuf(b *[]byte) {
	if cap(*b) > maxPooledBuffer {
		return
	}
	*b = (*b)[:0]
	bufPool.Put(b)
}

var gzipWriterPool = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

// requestIDAlphabet is the alphabet of DynamoDB's 52-character request ids.
const requestIDAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// newRequestID returns a random 52-character id like DynamoDB's
// (e.g. "8HH3A5FP2R9S4JQ0CVUH0NQ3T7VV4KQNSO5AEMVJF66Q9ASUAAJG").
func newRequestID() string {
	var b [52]byte
	for i := 0; i < len(b); {
		// 36^12 < 2^64: twelve characters per random word.
		r := rand.Uint64()
		for j := 0; j < 12 && i < len(b); j++ {
			b[i] = requestIDAlphabet[r%36]
			r /= 36
			i++
		}
	}
	return string(b[:])
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip.
func acceptsGzip(h http.Header) bool {
	for _, v := range h["Accept-Encoding"] {
		for part := range strings.SplitSeq(v, ",") {
			coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
				continue
			}
			if q, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
				if f, err := strconv.ParseFloat(q, 64); err == nil && f == 0 {
					return false
				}
			}
			return true
		}
	}
	return false
}

// send writes a complete response. body is written as is, or gzipped when
// the client accepts gzip; x-amz-crc32 is computed over the bytes actually
// sent, which is what the AWS SDKs verify.
func send(w http.ResponseWriter, r *http.Request, status int, contentType []string, requestID string, body []byte) {
	h := w.Header()
	// DynamoDB's spelling of the two x-amz headers is kept byte for byte:
	// the map keys are deliberately not canonicalised.
	h[hdrKeyRequestID] = []string{requestID}
	h["Content-Type"] = contentType
	if acceptsGzip(r.Header) {
		zb := getBuf()
		defer putBuf(zb)
		buf := bytes.NewBuffer(*zb)
		zw := gzipWriterPool.Get().(*gzip.Writer)
		zw.Reset(buf)
		zw.Write(body) // writes to a bytes.Buffer cannot fail
		zw.Close()
		gzipWriterPool.Put(zw)
		body = buf.Bytes()
		*zb = body[:0]
		h["Content-Encoding"] = hdrGzip
	}
	h[hdrKeyCRC32] = []string{strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10)}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(status)
	w.Write(body) // the client may be gone; nothing to do about it
}
