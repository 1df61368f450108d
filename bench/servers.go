package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/kvs-project/kvs/internal/ddblocal"
)

// Kind names a server under test.
type Kind string

// The servers the harness knows, in the order reports list them.
const (
	KvsMem   Kind = "kvs-mem"   // kvs serve --in-memory
	KvsDisk  Kind = "kvs-disk"  // kvs serve --data-dir (a fresh temporary directory)
	DDBLocal Kind = "ddb-local" // DynamoDB Local -inMemory, on Java
	Dynalite Kind = "dynalite"  // dynalite, in memory, on node
	Noop     Kind = "noop"      // the do-nothing net/http server (NoopHandler)
	// NoopLean is the do-nothing server on kvs's own HTTP transport
	// (NoopHandler1 on internal/http1): the floor kvs serve sits on.
	NoopLean Kind = "noop-lean"
)

// AllKinds lists every server kind in report order.
var AllKinds = []Kind{KvsMem, KvsDisk, DDBLocal, Dynalite, Noop, NoopLean}

// IsNoop reports whether k is a do-nothing server: it runs only the floor
// workloads and holds no data to set up or load.
func (k Kind) IsNoop() bool { return k == Noop || k == NoopLean }

// Programs says where the servers' programs are.
type Programs struct {
	Kvs         string // the kvs binary
	DDBLocalDir string // anything ddblocal.FindJarDir accepts
	Java        string // java executable
	DynaliteDir string // the dynalite npm package directory (holds cli.js)
	Node        string // node executable
	Self        string // this harness's own binary, which serves Noop
	TempDir     string // parent of kvs-disk data directories
}

// Process is one running server started by Start.
type Process struct {
	Kind Kind
	URL  string
	Pid  int
	// StartToAnswer is the time from just before fork/exec to the first
	// 200 answer to ListTables.
	StartToAnswer time.Duration

	cmd     *exec.Cmd
	dataDir string // removed by Stop (kvs-disk only)
	done    chan struct{}
	waitErr error
	log     *lockedBuffer
	stop    sync.Once
}

// startPoll is how often Start asks a starting server for ListTables. It
// bounds the error of StartToAnswer from above.
const startPoll = 2 * time.Millisecond

// Start launches a server of kind k on a free loopback port and returns once
// it has answered ListTables with 200, or fails after timeout. The process
// is in its own process group and is sent SIGKILL if the harness dies.
func Start(ctx context.Context, k Kind, p Programs, timeout time.Duration) (*Process, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd, dataDir, err := command(k, p, port)
	if err != nil {
		return nil, err
	}
	log := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	url := "http://127.0.0.1:" + strconv.Itoa(port)
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dataDir)
		return nil, fmt.Errorf("bench: starting %s: %w", k, err)
	}
	proc := &Process{Kind: k, URL: url, Pid: cmd.Process.Pid, cmd: cmd, dataDir: dataDir, done: make(chan struct{}), log: log}
	track(proc)
	go func() {
		proc.waitErr = cmd.Wait()
		close(proc.done)
	}()
	if err := proc.waitAnswer(ctx, t0, timeout); err != nil {
		proc.Stop()
		return nil, fmt.Errorf("%w; output:\n%s", err, log.String())
	}
	return proc, nil
}

// command builds the command line of kind k listening on port.
func command(k Kind, p Programs, port int) (cmd *exec.Cmd, dataDir string, err error) {
	ports := strconv.Itoa(port)
	switch k {
	case KvsMem:
		return exec.Command(p.Kvs, "serve", "--host", "127.0.0.1", "--port", ports, "--in-memory"), "", nil
	case KvsDisk:
		dir, err := os.MkdirTemp(p.TempDir, "kvs-disk-")
		if err != nil {
			return nil, "", fmt.Errorf("bench: %w", err)
		}
		return exec.Command(p.Kvs, "serve", "--host", "127.0.0.1", "--port", ports, "--data-dir", dir), dir, nil
	case DDBLocal:
		dir, err := ddblocal.FindJarDir(p.DDBLocalDir)
		if err != nil {
			return nil, "", err
		}
		// The same command line as ddblocal.Start; that function polls
		// too coarsely (200 ms) to time the start, so it is not used.
		cmd := exec.Command(p.Java,
			"-Djava.library.path="+filepath.Join(dir, "DynamoDBLocal_lib"),
			"-jar", filepath.Join(dir, "DynamoDBLocal.jar"),
			"-inMemory", "-port", ports)
		cmd.Dir = dir
		return cmd, "", nil
	case Dynalite:
		// Tables become ACTIVE at once, like kvs and DynamoDB Local.
		return exec.Command(p.Node, filepath.Join(p.DynaliteDir, "cli.js"),
			"--host", "127.0.0.1", "--port", ports,
			"--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"), "", nil
	case Noop:
		return exec.Command(p.Self, "noop-server", "--port", ports), "", nil
	case NoopLean:
		return exec.Command(p.Self, "noop-lean-server", "--port", ports), "", nil
	}
	return nil, "", fmt.Errorf("bench: unknown server kind %q", k)
}

// waitAnswer polls ListTables until the server answers 200.
func (p *Process) waitAnswer(ctx context.Context, t0 time.Time, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c := ddblocal.NewClient(p.URL)
	// A fresh connection per poll would add a dial to every attempt; keep
	// the default transport but bound each attempt.
	c.HTTP = &http.Client{Timeout: 2 * time.Second}
	for {
		status, _, err := c.Do(ctx, "ListTables", []byte(`{}`))
		if err == nil && status == http.StatusOK {
			p.StartToAnswer = time.Since(t0)
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("bench: %s did not answer ListTables within %v (last: status %d, %v)", p.Kind, timeout, status, err)
		case <-p.done:
			return fmt.Errorf("bench: %s exited before answering: %v", p.Kind, p.waitErr)
		case <-time.After(startPoll):
		}
	}
}

// Output returns what the process printed so far.
func (p *Process) Output() string { return p.log.String() }

// Stop ends the server's process group (SIGTERM, then SIGKILL after a
// grace period), waits for it and removes its data directory. SIGTERM first
// lets a server finish what it writes at exit, such as kvs serve's
// --cpuprofile. It is safe to call more than once and from several
// goroutines.
func (p *Process) Stop() {
	p.stop.Do(func() {
		// Negative pid: the whole group, in case a server forks helpers.
		_ = syscall.Kill(-p.Pid, syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(stopGrace):
			_ = syscall.Kill(-p.Pid, syscall.SIGKILL)
			select {
			case <-p.done:
			case <-time.After(10 * time.Second):
			}
		}
		if p.dataDir != "" {
			os.RemoveAll(p.dataDir)
		}
		untrack(p)
	})
}

// stopGrace is how long Stop waits after SIGTERM before SIGKILL.
const stopGrace = 3 * time.Second

// running holds every process started and not yet stopped, so that StopAll
// can end them whatever path the harness leaves by.
var running = struct {
	sync.Mutex
	m map[*Process]bool
}{m: map[*Process]bool{}}

func track(p *Process) {
	running.Lock()
	running.m[p] = true
	running.Unlock()
}

func untrack(p *Process) {
	running.Lock()
	delete(running.m, p)
	running.Unlock()
}

// StopAll stops every process Start started that is still running. The
// command defers it and calls it from its signal handler.
func StopAll() {
	running.Lock()
	procs := make([]*Process, 0, len(running.m))
	for p := range running.m {
		procs = append(procs, p)
	}
	running.Unlock()
	for _, p := range procs {
		p.Stop()
	}
}

// freePort asks the kernel for an unused loopback port. Another process
// could take it before the server binds it; Start then fails loudly.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("bench: finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// lockedBuffer collects a child's stdout and stderr.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// maxLog keeps a chatty server from filling memory.
const maxLog = 1 << 20

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() < maxLog {
		l.b.Write(p)
	}
	return len(p), nil
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// errStopped is returned by runs cut short by the context.
var errStopped = errors.New("bench: stopped")
