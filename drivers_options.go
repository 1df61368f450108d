package kvs

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/embedded"
	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/diskengine"
)

// Options of the file:// URL, given as query parameters:
//
//	file:///var/lib/kvs?sync=false
//
//	sync=true   (default) every acknowledged write is durable: a commit
//	            waits for the write-ahead log's fsync (concurrent commits
//	            share one fsync).
//	sync=false  commits return once they are in the write-ahead log's
//	            buffer. Much faster, but a machine crash, a power loss or
//	            even the process dying can lose the last acknowledged
//	            writes; the database stays consistent (a prefix of the
//	            commits survives, each transaction whole). For tests,
//	            benchmarks and data that can be rebuilt.
//
// Unknown parameters are an error, so that a typo does not silently give
// the default.

// openFileURL opens the embedded driver on disk for a file:// URL.
func openFileURL(ctx context.Context, u *url.URL) (driver.Driver, error) {
	if u.Path == "" {
		return nil, fmt.Errorf("kvs: file URL needs a path, as in file:///var/lib/kvs")
	}
	var eo diskengine.Options
	q := u.Query()
	for _, k := range sortedNames(q) {
		v := q.Get(k)
		switch {
		case k == "sync" && (v == "true" || v == ""):
		case k == "sync" && v == "false":
			eo.NoSync = true
		case k == "sync":
			return nil, fmt.Errorf("kvs: file URL: sync must be true or false, not %q", v)
		default:
			return nil, fmt.Errorf("kvs: file URL: unknown parameter %q (known: sync)", k)
		}
	}
	if !eo.NoSync {
		return embedded.OpenDir(u.Path, embedded.Options{})
	}
	eng, err := diskengine.Open(u.Path, eo)
	if err != nil {
		return nil, err
	}
	d, err := embedded.Open(ctx, eng, embedded.Options{})
	if err != nil {
		eng.Close()
		return nil, err
	}
	return &engineOwner{Driver: d, eng: eng}, nil
}

// engineOwner closes the engine after the driver, as OpenDir's driver does
// for the engine it opened itself.
type engineOwner struct {
	*embedded.Driver
	eng engine.Engine
}

func (o *engineOwner) Close() error {
	return errors.Join(o.Driver.Close(), o.eng.Close())
}
