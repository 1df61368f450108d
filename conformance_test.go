package kvs_test

import (
	"context"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/drivertest"
	"github.com/kvs-project/kvs/kvstest"
)

// The conformance suite against the built-in embedded driver, in memory and
// on disk (synced, the shipped default: a few seconds of fsyncs).

func openFile(t *testing.T) *kvs.DB {
	t.Helper()
	db, err := kvs.Open(context.Background(), "file://"+t.TempDir(), kvs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return db
}

func TestConformanceMemory(t *testing.T) {
	drivertest.Run(t, func(t *testing.T) *kvs.DB { return kvstest.New(t) })
}

func TestConformanceFile(t *testing.T) {
	drivertest.Run(t, openFile)
}
