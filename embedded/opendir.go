package embedded

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
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
// Query parameters: ttl_sweep=<Go duration> sets Options.TTLSweepInterval
// ("off" turns the sweeper off); nosync=true makes a disk database
// acknowledge writes before they are fsynced (see diskengine.Options.NoSync).
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
	var dopts diskengine.Options
	if s := q.Get("nosync"); s != "" {
		v, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fmt.Errorf("embedded: bad nosync %q in %s", s, u.Redacted())
		}
		dopts.NoSync = v
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
