package diskengine_test

import (
	"testing"

	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/diskengine"
	"github.com/kvs-project/kvs/engine/enginetest"
	"github.com/kvs-project/kvs/engine/memengine"
)

func openDisk(opts diskengine.Options) func(t testing.TB, dir string) engine.Engine {
	return func(t testing.TB, dir string) engine.Engine {
		t.Helper()
		db, err := diskengine.Open(dir, opts)
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
}

func TestConformance(t *testing.T) {
	enginetest.RunConformance(t, enginetest.Harness{
		Open:       openDisk(diskengine.Options{}),
		Persistent: true,
		Reference:  func(testing.TB) engine.Engine { return memengine.New() },
	})
}

func TestConformanceNoSync(t *testing.T) {
	enginetest.RunConformance(t, enginetest.Harness{
		Open:       openDisk(diskengine.Options{NoSync: true}),
		Persistent: true,
		Reference:  func(testing.TB) engine.Engine { return memengine.New() },
	})
}
