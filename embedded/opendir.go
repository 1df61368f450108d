package embedded

import (
	"context"

	"github.com/kvs-project/kvs/engine/diskengine"
)

// OpenDir opens a driver over the disk engine in dir (created if missing),
// with every acknowledged write durable. The engine is closed with the
// driver.
func OpenDir(dir string, opts Options) (*Driver, error) {
	eng, err := diskengine.Open(dir, diskengine.Options{})
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
