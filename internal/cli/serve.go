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
	"path/filepath"
	"strconv"
	"time"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/server"
	"github.com/kvs-project/kvs/server/namespace"
)

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
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
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
	// One database per namespace: the data directory itself when shared,
	// a subdirectory per namespace otherwise.
	open := func(ctx context.Context, name, nsRegion string) (*kvs.DB, error) {
		opts := kvs.Options{Region: *region}
		if nsRegion != "" {
			opts.Region = nsRegion
		}
		if *inMemory {
			return kvs.Open(ctx, "mem://", opts)
		}
		dir := where
		if mode != namespace.Shared {
			dir = filepath.Join(where, name)
		}
		return kvs.Open(ctx, (&url.URL{Scheme: "file", Path: dir}).String(), opts)
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
	srv := &http.Server{
		Handler:           server.New(db, server.Options{Logger: logger, Region: *region}),
		ReadHeaderTimeout: 30 * time.Second,
	}
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
		fmt.Fprintf(stderr, "kvs serve: shutdown: %v\n", err)
	}
	if err := db.Close(); err != nil {
		fmt.Fprintf(stderr, "kvs serve: closing database: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "kvs serve: stopped")
	return 0
}
