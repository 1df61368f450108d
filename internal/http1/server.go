package http1

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Handler answers one request by filling w. It runs on the connection's
// goroutine; the next request on that connection waits for it.
type Handler interface {
	ServeHTTP1(w *ResponseWriter, r *Request)
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(w *ResponseWriter, r *Request)

// ServeHTTP1 calls f(w, r).
func (f HandlerFunc) ServeHTTP1(w *ResponseWriter, r *Request) { f(w, r) }

// Server serves HTTP/1.1 on listeners. Set its fields before Serve; zero
// values take the documented defaults, negative durations disable a
// timeout.
type Server struct {
	Handler Handler

	// MaxHeaderBytes bounds the request line and header fields; a larger
	// header section is answered 431. Default: 1 MiB, like net/http.
	MaxHeaderBytes int
	// MaxBodyBytes bounds a request body; a larger one is not read (see
	// Request.BodyTooLarge). Default: 16 MiB.
	MaxBodyBytes int64

	// IdleTimeout is how long a connection may wait for its next request.
	// Default: 120 s.
	IdleTimeout time.Duration
	// ReadHeaderTimeout bounds the time from a request's first byte to the
	// end of its header section. Default: 60 s.
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds the time from a request's first byte to the end of
	// its body. Default: 5 minutes.
	ReadTimeout time.Duration
	// WriteTimeout bounds writing one response. Default: 60 s.
	WriteTimeout time.Duration

	// Logger receives recovered handler panics and accept errors.
	// Default: slog.Default().
	Logger *slog.Logger

	mu        sync.Mutex
	listeners map[net.Listener]struct{}
	conns     map[*conn]struct{}
	closing   atomic.Bool
	ctx       context.Context
	cancel    context.CancelFunc
	initOnce  sync.Once
}

// Defaults of Server's fields.
const (
	DefaultMaxHeaderBytes    = 1 << 20
	DefaultMaxBodyBytes      = 16 << 20
	DefaultIdleTimeout       = 120 * time.Second
	DefaultReadHeaderTimeout = 60 * time.Second
	DefaultReadTimeout       = 5 * time.Minute
	DefaultWriteTimeout      = 60 * time.Second
)

// ErrServerClosed is returned by Serve after Shutdown or Close.
var ErrServerClosed = errors.New("http1: Server closed")

func (s *Server) init() {
	s.initOnce.Do(func() {
		s.ctx, s.cancel = context.WithCancel(context.Background())
		s.listeners = map[net.Listener]struct{}{}
		s.conns = map[*conn]struct{}{}
	})
}

func orDefault[T int | int64 | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

func (s *Server) maxHeaderBytes() int { return orDefault(s.MaxHeaderBytes, DefaultMaxHeaderBytes) }
func (s *Server) maxBodyBytes() int64 { return orDefault(s.MaxBodyBytes, DefaultMaxBodyBytes) }
func (s *Server) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

// Serve accepts connections on l and serves each on its own goroutine until
// Shutdown or Close, after which it returns ErrServerClosed. It closes l.
func (s *Server) Serve(l net.Listener) error {
	s.init()
	s.mu.Lock()
	if s.closing.Load() {
		s.mu.Unlock()
		l.Close()
		return ErrServerClosed
	}
	s.listeners[l] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.listeners, l)
		s.mu.Unlock()
		l.Close()
	}()

	var backoff time.Duration
	for {
		rwc, err := l.Accept()
		if err != nil {
			if s.closing.Load() {
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() || isTemporary(err) {
				// Out of file descriptors and the like: wait and retry, as
				// net/http does.
				backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
				s.logger().Error("http1: accept", "err", err, "retry_in", backoff)
				time.Sleep(backoff)
				continue
			}
			return err
		}
		backoff = 0
		c := newConn(s, rwc)
		if !s.track(c) {
			rwc.Close()
			continue
		}
		go c.serve()
	}
}

func isTemporary(err error) bool {
	t, ok := err.(interface{ Temporary() bool })
	return ok && t.Temporary()
}

// track registers c; it reports false once the server is closing.
func (s *Server) track(c *conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing.Load() {
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

func (s *Server) untrack(c *conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
}

// Shutdown stops accepting connections, closes idle ones and waits until
// every in-flight request has been answered and its connection closed, or
// ctx ends (then it returns ctx's error; Close ends the rest).
func (s *Server) Shutdown(ctx context.Context) error {
	s.init()
	s.closing.Store(true)
	s.closeListeners()
	wait := time.Millisecond
	for {
		if s.closeIdle() == 0 {
			return nil
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		wait = min(2*wait, 100*time.Millisecond)
	}
}

// Close closes the listeners and every connection at once, and cancels the
// requests' context.
func (s *Server) Close() error {
	s.init()
	s.closing.Store(true)
	s.closeListeners()
	s.cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		c.state.Store(stateClosed)
		c.rwc.Close()
	}
	return nil
}

func (s *Server) closeListeners() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for l := range s.listeners {
		l.Close()
	}
}

// closeIdle closes the connections waiting for a request and returns how
// many connections remain.
func (s *Server) closeIdle() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		if c.state.CompareAndSwap(stateIdle, stateClosed) {
			c.rwc.Close()
		}
	}
	return len(s.conns)
}
