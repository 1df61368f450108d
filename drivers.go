package kvs

import (
	"context"
	"fmt"
	"net/url"

	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/embedded"
)

// The embedded driver is built in, so mem:// and file:// need no setup.
func init() {
	RegisterDriver("mem", func(ctx context.Context, u *url.URL) (driver.Driver, error) {
		return embedded.OpenMemory(embedded.Options{})
	})
	RegisterDriver("file", func(ctx context.Context, u *url.URL) (driver.Driver, error) {
		if u.Path == "" {
			return nil, fmt.Errorf("kvs: file URL needs a path, as in file:///var/lib/kvs")
		}
		return embedded.OpenDir(u.Path, embedded.Options{})
	})
}
