package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"time"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/embedded"
	"github.com/kvs-project/kvs/server"
	"github.com/kvs-project/kvs/server/namespace"
)

// gcHeapFloor is the heap headroom below which the collector does not run
// (gcfloor.go).
const gcHeapFloor = 8 << 20

// shutdownGrace bounds how long in-flight requests may take after a signal.
const shutdownGrace = 10 * time.Second

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kvs serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	host := fs.String("host", "127.0.0.1", "address to listen on")
	port := fs.Int("port", 8000, "port to listen on (0 picks a free port)")
	dataDir := fs.String("data-dir", "./kvs-data", "directory that keeps the data")
	inMemory := fs.Bool("in-memory", false, "keep data in memory only (lost on exit)")
	region := fs.String("region", "us-east-1", "region named in table ARNs and the health check")
	nsFlag := fs.String("namespace", "shared", "which requests share tables: shared (all), region (per region, as DynamoDB), credential (per region and access key)")
	transport := fs.String("http", "lean", "HTTP server: lean (kvs's own HTTP/1.1, the least CPU per request) or std (Go's net/http)")
	createDelay := fs.Duration("index-create-delay", embedded.DefaultIndexCreateDelay, "how long a global secondary index added by UpdateTable stays CREATING before its backfill (0: none)")
	deleteDelay := fs.Duration("index-delete-delay", embedded.DefaultIndexDeleteDelay, "how long a deleted global secondary index stays DELETING (0: none)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file, for go tool pprof (written at shutdown)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}

	if *transport != "lean" && *transport != "std" {
		fmt.Fprintf(stderr, "kvs serve: --http must be lean or std, not %q\n", *transport)
		return 2
	}
	mode, err := namespace.ParseMode(*nsFlag)
	if err != nil {
		fmt.Fprintf(stderr, "kvs serve: %v\n", err)
		return 2
	}
	where := "in memory"
	if !*inMemory {
		if where, err = filepath.Abs(*dataDir); err != nil {
			fmt.Fprintf(stderr, "kvs serve: %v\n", err)
			return 1
		}
	}
	if *createDelay < 0 || *deleteDelay < 0 {
		fmt.Fprintln(stderr, "kvs serve: index delays cannot be negative")
		return 2
	}
	query := url.Values{
		"index_create_delay": {createDelay.String()},
		"index_delete_delay": {deleteDelay.String()},
	}.Encode()
	// One database per namespace: the data directory itself when shared,
	// a subdirectory per namespace otherwise.
	open := func(ctx context.Context, name, nsRegion string) (*kvs.DB, error) {
		opts := kvs.Options{Region: *region}
		if nsRegion != "" {
			opts.Region = nsRegion
		}
		if *inMemory {
			return kvs.Open(ctx, "mem://?"+query, opts)
		}
		dir := where
		if mode != namespace.Shared {
			dir = filepath.Join(where, name)
		}
		return kvs.Open(ctx, (&url.URL{Scheme: "file", Path: dir, RawQuery: query}).String(), opts)
	}
	db := namespace.New(mode, open)
	if mode == namespace.Shared {
		// Open now, so that a bad data directory fails at start, not at the
		// first request.
		shared, err := open(ctx, "shared", "")
		if err != nil {
			fmt.Fprintf(stderr, "kvs serve: opening %s: %v\n", where, err)
			return 1
		}
		db = namespace.NewShared(shared)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*host, strconv.Itoa(*port)))
	if err != nil {
		db.Close()
		fmt.Fprintf(stderr, "kvs serve: %v\n", err)
		return 1
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	gcFloor(gcHeapFloor)
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			ln.Close()
			db.Close()
			fmt.Fprintf(stderr, "kvs serve: %v\n", err)
			return 1
		}
		defer stop()
	}
	srv := newHTTPServer(*transport, db, server.Options{Logger: logger, Region: *region})
	fmt.Fprintf(stdout, "kvs serve: listening on http://%s (data: %s)\n", ln.Addr(), where)
	if mode != namespace.Shared {
		fmt.Fprintf(stdout, "kvs serve: tables are separate per %s\n", mode)
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		db.Close()
		fmt.Fprintf(stderr, "kvs serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	// Stop accepting, let in-flight requests finish (their writes are
	// acknowledged only once durable), then close the database.
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		fmt.Fprintf(stderr, "kvs serve: shutdown: %v\n", err)
	}
	if err := db.Close(); err != nil {
		fmt.Fprintf(stderr, "kvs serve: closing database: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "kvs serve: stopped")
	return 0
}

// httpServer is what serve needs of either HTTP server.
type httpServer interface {
	Serve(net.Listener) error
	Shutdown(context.Context) error
	Close() error
}

// newHTTPServer returns the server of the --http flag: the lean transport
// (internal/http1) or net/http, both answering with server's one core.
func newHTTPServer(transport string, api kvs.API, opts server.Options) httpServer {
	if transport == "std" {
		return &http.Server{Handler: server.New(api, opts), ReadHeaderTimeout: 30 * time.Second}
	}
	return server.NewHTTP1(api, opts) // production timeouts by default
}

// startCPUProfile profiles the process into path until the returned stop
// is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
