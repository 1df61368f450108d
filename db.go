package kvs

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"sync"

	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/expr"
)

// exprCacheSize bounds the number of distinct parsed expressions a DB keeps.
const exprCacheSize = 4096

// Options configure a DB. The zero value is usable.
type Options struct {
	// Region and Account name the tables' ARNs
	// (arn:aws:dynamodb:<Region>:<Account>:table/<name>). Defaults:
	// "us-east-1" and "000000000000".
	Region, Account string
}

func (o Options) withDefaults() Options {
	if o.Region == "" {
		o.Region = "us-east-1"
	}
	if o.Account == "" {
		o.Account = "000000000000"
	}
	return o
}

// DB is a kvs database: the DynamoDB-level API over one driver. It is safe
// for concurrent use. Close it when done.
type DB struct {
	drv    driver.Driver
	opts   Options
	tables tableCache
	exprs  *expr.Cache
}

// OpenerFunc opens a driver for a URL of its scheme.
type OpenerFunc func(ctx context.Context, u *url.URL) (driver.Driver, error)

var (
	openersMu sync.RWMutex
	openers   = map[string]OpenerFunc{}
)

// RegisterDriver makes a driver available to Open under a URL scheme.
// Drivers outside this module call it from an init function. It panics if the
// scheme is registered twice.
func RegisterDriver(scheme string, open OpenerFunc) {
	openersMu.Lock()
	defer openersMu.Unlock()
	if _, dup := openers[scheme]; dup {
		panic("kvs: driver scheme registered twice: " + scheme)
	}
	openers[scheme] = open
}

// Open opens a database by URL:
//
//	mem://                 a fresh in-memory database (gone when closed)
//	file:///var/lib/kvs    an on-disk database in that directory (created if absent)
//
// and any scheme a driver registered with RegisterDriver.
func Open(ctx context.Context, rawURL string, opts Options) (*DB, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("kvs: bad database URL %q: %w", rawURL, err)
	}
	openersMu.RLock()
	open, ok := openers[u.Scheme]
	openersMu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("kvs: no driver for URL scheme %q (known: %v)", u.Scheme, schemes())
	}
	drv, err := open(ctx, u)
	if err != nil {
		return nil, err
	}
	return New(drv, opts), nil
}

func schemes() []string {
	openersMu.RLock()
	defer openersMu.RUnlock()
	var s []string
	for k := range openers {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}

// New returns a DB over an already opened driver.
func New(drv driver.Driver, opts Options) *DB {
	return &DB{drv: drv, opts: opts.withDefaults(), exprs: expr.NewCache(exprCacheSize)}
}

// Close closes the driver.
func (db *DB) Close() error { return db.drv.Close() }
