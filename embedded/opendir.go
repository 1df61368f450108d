package embedded

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/engine/diskengine"
)

// OpenDir opens a driver over the disk engine in dir (created if missing),
// with every acknowledged write durable. The engine is closed with the
// driver.
func OpenDir(dir string, opts Options) (*Driver, error) {
	return openDir(dir, opts, diskengine.Options{})
}

func openDir(dir string, opts Options, dopts diskengine.Options) (*Driver, error) {
	eng, err := diskengine.Open(dir, dopts)
	if err != nil {
		return nil, err
	}
	d, err := Open(context.Background(), eng, opts)
	if err != nil {
		eng.Close()
		return nil, err
	}
	d.closeEngine = true
	return d, nil
}

// OpenURL opens a driver for a database URL; package kvs registers it for
// the schemes it serves:
//
//	mem://                  a fresh in-memory database
//	file:///var/lib/kvs     an on-disk database in that directory
//	file://./data, file:data  relative directories
//
// Query parameters:
//
//	sync=true   (default) every acknowledged write is durable: a commit waits
//	            for the write-ahead log's fsync (concurrent commits share one).
//	sync=false  commits return before the fsync. Much faster, but a machine
//	            crash or power loss, or the process dying while the log
//	            buffer is unflushed, can lose the last acknowledged writes;
//	            the database stays consistent (a prefix of the commits
//	            survives, each transaction whole). For tests, benchmarks and
//	            data that can be rebuilt.
//	ttl_sweep=<Go duration>|off   the TTL sweeper's interval.
//	index_create_delay=<Go duration>  how long a GSI added by UpdateTable
//	            stays in its resource allocation phase (Options.IndexCreateDelay;
//	            0 for none).
//	index_delete_delay=<Go duration>  how long a deleted GSI stays DELETING
//	            (Options.IndexDeleteDelay; 0 for none).
//
// Unknown parameters are an error, so that a typo does not silently give the
// default.
func OpenURL(ctx context.Context, u *url.URL) (driver.Driver, error) {
	var opts Options
	q := u.Query()
	if s := q.Get("ttl_sweep"); s != "" {
		if s == "off" {
			opts.TTLSweepInterval = -1
		} else {
			d, err := time.ParseDuration(s)
			if err != nil || d <= 0 {
				return nil, fmt.Errorf("embedded: bad ttl_sweep %q in %s", s, u.Redacted())
			}
			opts.TTLSweepInterval = d
		}
	}
	for _, p := range []struct {
		name string
		to   *time.Duration
	}{{"index_create_delay", &opts.IndexCreateDelay}, {"index_delete_delay", &opts.IndexDeleteDelay}} {
		s := q.Get(p.name)
		if s == "" {
			continue
		}
		d, err := time.ParseDuration(s)
		if err != nil || d < 0 {
			return nil, fmt.Errorf("embedded: bad %s %q in %s", p.name, s, u.Redacted())
		}
		if d == 0 {
			d = -1 // Options: negative is none, 0 the default
		}
		*p.to = d
	}
	var dopts diskengine.Options
	switch s := q.Get("sync"); s {
	case "", "true":
	case "false":
		dopts.NoSync = true
	default:
		return nil, fmt.Errorf("embedded: sync must be true or false, not %q, in %s", s, u.Redacted())
	}
	for k := range q {
		switch k {
		case "sync", "ttl_sweep", "index_create_delay", "index_delete_delay":
		default:
			return nil, fmt.Errorf("embedded: unknown parameter %q in %s (known: sync, ttl_sweep, index_create_delay, index_delete_delay)", k, u.Redacted())
		}
	}
	switch u.Scheme {
	case "mem":
		return OpenMemory(opts)
	case "file":
		dir := u.Opaque
		if dir == "" {
			dir = u.Host + u.Path
		}
		if dir == "" {
			return nil, fmt.Errorf("embedded: no directory in %s", u.Redacted())
		}
		return openDir(dir, opts, dopts)
	}
	return nil, fmt.Errorf("embedded: unsupported URL scheme %q", u.Scheme)
}
