package ddblocal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// Options configures Start. The zero value is usable when $KVS_DDBLOCAL_DIR
// is set and java is on $PATH.
type Options struct {
	// Dir locates DynamoDBLocal.jar; see FindJarDir. Default: $KVS_DDBLOCAL_DIR.
	Dir string
	// Java is the java executable. Default: "java" from $PATH.
	Java string
	// Port is the loopback port to listen on. Default 0: a free port.
	Port int
	// StartTimeout bounds how long Start waits for the server to answer.
	// Default 60s (the JVM is slow to start on a busy machine).
	StartTimeout time.Duration
	// Log receives the server's stdout and stderr. Default: kept in memory
	// and included in the error if the server fails to start.
	Log io.Writer
	// ExtraArgs are appended to DynamoDB Local's command line (for example
	// "-sharedDb" or "-delayTransientStatuses").
	ExtraArgs []string
}

// Server is a running DynamoDB Local process started by Start. Its embedded
// Client talks to it. Stop must be called to end the process.
type Server struct {
	*Client

	cmd      *exec.Cmd
	done     chan struct{}
	waitErr  error
	stopOnce sync.Once
}

// Start launches DynamoDB Local in memory on a loopback port and returns once
// it answers a ListTables request, or ctx ends, or StartTimeout passes.
func Start(ctx context.Context, opts Options) (*Server, error) {
	dir, err := FindJarDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	java := opts.Java
	if java == "" {
		java = "java"
	}
	port := opts.Port
	if port == 0 {
		if port, err = freePort(); err != nil {
			return nil, err
		}
	}
	timeout := opts.StartTimeout
	if timeout == 0 {
		timeout = 60 * time.Second
	}
	args := []string{
		"-Djava.library.path=" + filepath.Join(dir, "DynamoDBLocal_lib"),
		"-jar", filepath.Join(dir, jarName),
		"-inMemory", "-port", strconv.Itoa(port),
	}
	args = append(args, opts.ExtraArgs...)
	cmd := exec.Command(java, args...)
	cmd.Dir = dir
	var logBuf bytes.Buffer
	logw := opts.Log
	if logw == nil {
		logw = &lockedWriter{w: &logBuf}
	}
	cmd.Stdout, cmd.Stderr = logw, logw
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("ddblocal: starting %s: %w", java, err)
	}
	s := &Server{
		Client: NewClient("http://127.0.0.1:" + strconv.Itoa(port)),
		cmd:    cmd,
		done:   make(chan struct{}),
	}
	go func() {
		s.waitErr = cmd.Wait()
		close(s.done)
	}()
	if err := s.waitReady(ctx, timeout); err != nil {
		s.Stop()
		if opts.Log == nil {
			err = fmt.Errorf("%w; server output:\n%s", err, logBuf.String())
		}
		return nil, err
	}
	return s, nil
}

// waitReady polls ListTables until the server answers 200.
func (s *Server) waitReady(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for {
		select {
		case <-s.done:
			return fmt.Errorf("ddblocal: server exited before answering: %v", s.waitErr)
		default:
		}
		status, _, err := s.Do(ctx, "ListTables", []byte(`{}`))
		if err == nil && status == 200 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("ddblocal: server did not answer within %v: %w", timeout, ctx.Err())
		case <-s.done:
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// Stop kills the server process and waits for it to exit. It is safe to call
// more than once.
func (s *Server) Stop() error {
	s.stopOnce.Do(func() {
		if s.cmd.Process != nil {
			_ = s.cmd.Process.Kill()
		}
		<-s.done
	})
	var exitErr *exec.ExitError
	if s.waitErr != nil && !errors.As(s.waitErr, &exitErr) {
		return s.waitErr
	}
	return nil
}

// freePort asks the kernel for an unused loopback port. Another process could
// take it before java binds it; Start then fails and can simply be retried.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("ddblocal: finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// lockedWriter serialises the two output streams of the child process.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
