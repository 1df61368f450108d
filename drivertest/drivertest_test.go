package drivertest_test

import (
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/drivertest"
	"github.com/kvs-project/kvs/kvstest"
)

// The suite against the in-memory database, with two capabilities declared
// missing: their tests must show as skipped, naming the capability.
func TestSuiteDeclaresMissingCapabilities(t *testing.T) {
	drivertest.RunWith(t, drivertest.Config{
		Open:    func(t *testing.T) *kvs.DB { return kvstest.New(t) },
		Missing: []drivertest.Capability{drivertest.LocalIndexes, drivertest.ExactMessages},
	})
}
