package bench

import (
	"context"
	"errors"
	"hash/crc32"
	"io"
	"net"
	"net/http"
	"strconv"
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
