package bench

import (
	"context"
	"errors"
	"hash/crc32"
	"io"
	"net"
	"net/http"
	"strconv"

	"github.com/kvs-project/kvs/internal/http1"
)

// NoopBody is what the do-nothing server answers to every POST: a small
// GetItem-shaped body, so the SDK parses it as a GetItem output (and ignores
// it as the output of any other operation).
const NoopBody = `{"Item":{"pk":{"S":"p#1"},"sk":{"N":"1"},"data":{"S":"do-nothing"}}}`

// NoopHandler is the floor every server is compared with: it reads the
// request body and answers a fixed body with the headers an SDK checks
// (Content-Type, x-amz-crc32, x-amzn-RequestId). It does no DynamoDB work at
// all, so its CPU per request is the cost of Go's HTTP stack alone.
func NoopHandler() http.Handler {
	body := []byte(NoopBody)
	crc := []string{strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10)}
	ctype := []string{"application/x-amz-json-1.0"}
	reqID := []string{"NOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOP"}
	length := []string{strconv.Itoa(len(body))}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if r.Method != http.MethodPost {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		h := w.Header()
		h["Content-Type"] = ctype
		h["Content-Length"] = length
		h["X-Amz-Crc32"] = crc
		h["X-Amzn-Requestid"] = reqID
		_, _ = w.Write(body)
	})
}

// NoopHandler1 is NoopHandler on kvs's own HTTP transport (internal/http1):
// the same body and headers, the floor of kvs serve's own stack.
func NoopHandler1() http1.Handler {
	body := []byte(NoopBody)
	crc := strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10)
	return http1.HandlerFunc(func(w *http1.ResponseWriter, r *http1.Request) {
		if r.Method != http.MethodPost {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.AddHeaderInt("Content-Length", int64(len(body)))
		w.AddHeader("Content-Type", "application/x-amz-json-1.0")
		w.AddHeader("X-Amz-Crc32", crc)
		w.AddHeader("X-Amzn-Requestid", "NOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOPNOOP")
		w.Write(body)
	})
}

// ServeNoopLean answers NoopHandler1 on 127.0.0.1:port until ctx ends (the
// harness runs it as kvsbench noop-lean-server).
func ServeNoopLean(ctx context.Context, port int) error {
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return err
	}
	srv := &http1.Server{Handler: NoopHandler1()}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http1.ErrServerClosed) {
		return err
	}
	return nil
}

// ServeNoop answers NoopHandler on 127.0.0.1:port until ctx ends. The
// harness runs it in a child process of its own (kvsbench noop-server), so
// that it is measured exactly like the real servers.
func ServeNoop(ctx context.Context, port int) error {
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: NoopHandler()}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
