package server

import (
	"bytes"
	"compress/gzip"
	"hash/crc32"
	"math/rand/v2"
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

// Header values reused on every net/http response, so that setting them
// allocates nothing (the map keys are already canonical).
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

// acceptsGzip reports whether the Accept-Encoding headers allow gzip.
func acceptsGzip(h headerView) bool {
	for i := 0; ; i++ {
		v, ok := h.value("Accept-Encoding", i)
		if !ok {
			return false
		}
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
}

// send makes rep a complete response. body is sent as is, or gzipped when
// the client accepts gzip; x-amz-crc32 is computed over the bytes actually
// sent, which is what the AWS SDKs verify.
func send(req *request, rep *reply, status int, contentType, requestID string, body []byte) {
	rep.status = status
	rep.requestID = requestID
	rep.contentType = contentType
	if acceptsGzip(req.header) {
		zb := rep.buffer()
		buf := bytes.NewBuffer(*zb)
		zw := gzipWriterPool.Get().(*gzip.Writer)
		zw.Reset(buf)
		zw.Write(body) // writes to a bytes.Buffer cannot fail
		zw.Close()
		gzipWriterPool.Put(zw)
		body = buf.Bytes()
		*zb = body[:0]
		rep.gzip = true
	}
	rep.crc32 = strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10)
	rep.length = true
	rep.body = body
}
