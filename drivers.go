package kvs

import (
	"context"
	"net/url"

	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/embedded"
)

// The embedded driver is built in, so mem:// and file:// need no setup.
func init() {
	RegisterDriver("mem", func(ctx context.Context, u *url.URL) (driver.Driver, error) {
		return embedded.OpenMemory(embedded.Options{})
	})
	RegisterDriver("file", openFileURL) // drivers_options.go
}
