package compat_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/kvs-project/kvs/internal/crc32check"
	"github.com/kvs-project/kvs/internal/sdkbody"
)

// kvsBin is the kvs binary TestMain builds once for every test.
var kvsBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kvs-compat-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "compat:", err)
		os.Exit(1)
	}
	kvsBin = filepath.Join(dir, "kvs")
	args := []string{"build", "-o", kvsBin}
	if os.Getenv("KVS_COMPAT_RACE") != "" {
		// Every test then also checks the server for data races.
		args = append(args, "-race")
	}
	build := exec.Command("go", append(args, "github.com/kvs-project/kvs/cmd/kvs")...)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "compat: building kvs:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	if sharedSrv != nil {
		sharedSrv.stop(syscall.SIGTERM)
		if out := sharedSrv.output(); strings.Contains(out, raceWarning) {
			fmt.Fprintf(os.Stderr, "compat: the shared kvs serve reported a data race:\n%s\n", out)
			code = 1
		}
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// raceWarning starts the report of a binary built with -race.
const raceWarning = "WARNING: DATA RACE"

// listenLine is the one line `kvs serve` prints once it accepts connections.
var listenLine = regexp.MustCompile(`^kvs serve: listening on (http://\S+) \(data: (.*)\)$`)

// server is one running `kvs serve` child process.
type server struct {
	t    testing.TB
	cmd  *exec.Cmd
	URL  string
	done chan struct{} // closed once the process has exited
	err  error         // the process's exit error, valid after done

	mu  sync.Mutex
	out bytes.Buffer // stdout after the listening line, and all of stderr
}

// startServer runs `kvs serve` on a free loopback port with the given extra
// flags (e.g. "--in-memory" or "--data-dir", dir) and waits for its
// listening line. The process is killed at test cleanup if still running.
func startServer(t testing.TB, flags ...string) *server {
	t.Helper()
	args := append([]string{"serve", "--host", "127.0.0.1", "--port", "0"}, flags...)
	cmd := exec.Command(kvsBin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &server{t: t, cmd: cmd, done: make(chan struct{})}
	cmd.Stderr = lockedWriter{s}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting kvs serve: %v", err)
	}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		first := true
		for sc.Scan() {
			if first {
				lines <- sc.Text()
				first = false
				continue
			}
			s.mu.Lock()
			s.out.WriteString(sc.Text() + "\n")
			s.mu.Unlock()
		}
		if first {
			close(lines)
		}
		s.err = cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() {
		select {
		case <-s.done:
		default:
			cmd.Process.Kill()
			<-s.done
		}
		if out := s.output(); strings.Contains(out, raceWarning) {
			t.Errorf("kvs serve reported a data race:\n%s", out)
		}
	})
	select {
	case line, ok := <-lines:
		if !ok {
			<-s.done
			t.Fatalf("kvs serve exited before listening (%v): %s", s.err, s.output())
		}
		m := listenLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("kvs serve printed %q, want %q", line, listenLine)
		}
		s.URL = m[1]
	case <-time.After(20 * time.Second):
		t.Fatalf("kvs serve did not listen within 20s: %s", s.output())
	}
	return s
}

type lockedWriter struct{ s *server }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	return w.s.out.Write(p)
}

// output returns what the server printed besides its listening line.
func (s *server) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}

// stop sends sig and waits up to 15s for the process to exit.
func (s *server) stop(sig syscall.Signal) error {
	s.t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		return err
	}
	select {
	case <-s.done:
		return s.err
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		return fmt.Errorf("kvs serve did not exit within 15s of %v", sig)
	}
}

// newClient returns the real SDK client for url, configured as an
// application would be: the default config chain with static credentials,
// us-east-1 and the endpoint override. Response CRC32 checking stays on (the
// DynamoDB client's default) and a mismatch fails the operation
// (crc32check); retries are off so that every error surfaces.
func newClient(t testing.TB, url string) *dynamodb.Client {
	t.Helper()
	cfg, err := config.LoadDefaultConfig(context.Background(),
		config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDCOMPAT", "compat-secret", "")),
		config.WithRetryMaxAttempts(1),
	)
	if err != nil {
		t.Fatal(err)
	}
	c := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		o.BaseEndpoint = aws.String(url)
		// The SDK checks x-amz-crc32 but only logs a mismatch (in the
		// body's Close); crc32check makes a mismatch fail the operation.
		// sdkbody avoids an SDK race that a fast server meets.
		o.HTTPClient = sdkbody.Client{Next: crc32check.Client{Next: o.HTTPClient}}
	})
	if c.Options().DisableValidateResponseChecksum {
		t.Fatal("the SDK's response CRC32 validation is off; compat tests need it on")
	}
	return c
}

var (
	sharedOnce sync.Once
	sharedSrv  *server
	sharedErr  string
)

// shared returns a client of one in-memory server that the API tests share;
// each test uses its own tables (see tableName).
func shared(t *testing.T) *dynamodb.Client {
	t.Helper()
	sharedOnce.Do(func() {
		// The shared server outlives any one test: start it under a
		// recorder that does not tie its life to t.
		r := &detached{}
		func() {
			defer func() {
				if p := recover(); p != nil && p != errDetachedFatal {
					panic(p)
				}
			}()
			sharedSrv = startServer(r, "--in-memory")
		}()
		sharedErr = r.msg
	})
	if sharedErr != "" {
		t.Fatalf("shared server: %s", sharedErr)
	}
	return newClient(t, sharedSrv.URL)
}

var tableSeq struct {
	sync.Mutex
	n int
}

// tableName returns a table name unique within this test binary.
func tableName(t *testing.T) string {
	tableSeq.Lock()
	defer tableSeq.Unlock()
	tableSeq.n++
	name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name())
	if len(name) > 200 {
		name = name[:200]
	}
	return fmt.Sprintf("%s_%d", name, tableSeq.n)
}

// detached is a testing.TB for the shared server: it records a fatal
// message and never runs cleanups (the process dies with the test binary).
type detached struct {
	testing.TB
	msg string
}

var errDetachedFatal = fmt.Errorf("detached fatal")

func (d *detached) Helper()                   {}
func (d *detached) Cleanup(func())            {}
func (d *detached) Fatal(args ...any)         { d.msg = fmt.Sprint(args...); panic(errDetachedFatal) }
func (d *detached) Fatalf(f string, a ...any) { d.msg = fmt.Sprintf(f, a...); panic(errDetachedFatal) }
func (d *detached) Logf(string, ...any)       {}

var _ io.Writer = lockedWriter{}
