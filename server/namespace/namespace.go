// Package namespace separates tables by region or by credential behind one
// kvs.API, for `kvs serve --namespace`.
//
// DynamoDB keeps separate tables per account and region. A local endpoint
// usually should not: a tool configured with another region or access key
// would find none of the tables the application created, which looks like
// data loss. So kvs serve shares one namespace by default, and this package
// offers the separation for those who want DynamoDB's behaviour: a Router
// picks one database per namespace from the SigV4 credential scope of each
// request (server.RequestInfo) and opens it on first use.
package namespace

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/server"
)

// Mode says how requests are split into namespaces.
type Mode int

// The modes.
const (
	// Shared puts every request in one namespace (the default of kvs serve).
	Shared Mode = iota
	// PerRegion gives each region its own tables, as DynamoDB does.
	PerRegion
	// PerCredential gives each (region, access key id) pair its own tables,
	// like DynamoDB Local without -sharedDb.
	PerCredential
)

// ParseMode reads a mode name: "shared", "region" or "credential".
func ParseMode(s string) (Mode, error) {
	switch s {
	case "shared":
		return Shared, nil
	case "region":
		return PerRegion, nil
	case "credential":
		return PerCredential, nil
	}
	return 0, fmt.Errorf("namespace: unknown mode %q (want shared, region or credential)", s)
}

// String returns the mode's name as ParseMode reads it.
func (m Mode) String() string {
	return [...]string{"shared", "region", "credential"}[m]
}

// OpenFunc opens the database of one namespace. name is a file-name-safe
// identifier of the namespace ("shared", "us-east-1", "us-east-1~AKID...");
// region is the requests' region ("" in Shared mode).
type OpenFunc func(ctx context.Context, name, region string) (*kvs.DB, error)

// Router is a kvs.API that sends each request to its namespace's database.
// It is safe for concurrent use.
type Router struct {
	mode Mode
	open OpenFunc

	mu     sync.RWMutex
	dbs    map[string]*kvs.DB
	closed bool
}

// New returns a Router. Databases are opened on first use.
func New(mode Mode, open OpenFunc) *Router {
	return &Router{mode: mode, open: open, dbs: map[string]*kvs.DB{}}
}

// NewShared returns a Router in Shared mode over an already open database.
func NewShared(db *kvs.DB) *Router {
	r := New(Shared, nil)
	r.dbs["shared"] = db
	return r
}

// Name returns the namespace name of a request's caller.
func (r *Router) Name(info *server.RequestInfo) (name, region string) {
	if r.mode == Shared || info == nil {
		return "shared", ""
	}
	region = safe(info.Region)
	if r.mode == PerRegion {
		return region, info.Region
	}
	return region + "~" + safe(info.AccessKeyID), info.Region
}

// safe keeps [A-Za-z0-9-_] and hex-escapes everything else, so a name is a
// valid, collision-free directory name.
func safe(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, ".%02x", c)
		}
	}
	if b.Len() == 0 {
		return "default"
	}
	return b.String()
}

// db returns the database of ctx's namespace, opening it if needed.
func (r *Router) db(ctx context.Context) (*kvs.DB, error) {
	name, region := r.Name(server.RequestInfoFrom(ctx))
	r.mu.RLock()
	db, ok := r.dbs[name]
	closed := r.closed
	r.mu.RUnlock()
	if ok && !closed {
		return db, nil // every request but a namespace's first
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, errors.New("namespace: router closed")
	}
	if db, ok := r.dbs[name]; ok {
		return db, nil
	}
	db, err := r.open(ctx, name, region)
	if err != nil {
		return nil, err
	}
	r.dbs[name] = db
	return db, nil
}

// Close closes every database the Router opened.
func (r *Router) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	var errs []error
	for _, db := range r.dbs {
		errs = append(errs, db.Close())
	}
	return errors.Join(errs...)
}
