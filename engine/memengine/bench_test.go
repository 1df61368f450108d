package memengine_test

import (
	"testing"

	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/enginetest"
	"github.com/kvs-project/kvs/engine/memengine"
)

func BenchmarkEngine(b *testing.B) {
	enginetest.RunBenchmarks(b, func(testing.TB, string) engine.Engine { return memengine.New() })
}
