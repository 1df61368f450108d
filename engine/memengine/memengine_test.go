package memengine_test

import (
	"testing"

	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/enginetest"
	"github.com/kvs-project/kvs/engine/memengine"
)

func TestConformance(t *testing.T) {
	enginetest.RunConformance(t, enginetest.Harness{
		Open: func(testing.TB, string) engine.Engine { return memengine.New() },
		// The reference is another memengine: the comparison then checks
		// determinism only; diskengine's suite compares the two engines.
		Reference: func(testing.TB) engine.Engine { return memengine.New() },
	})
}
