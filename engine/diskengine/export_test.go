package diskengine

import "github.com/cockroachdb/pebble/vfs"

// WithFS returns o with its file system replaced, for tests.
func WithFS(o Options, fs vfs.FS) Options {
	o.fs = fs
	return o
}
