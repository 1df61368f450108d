package diskengine_test

import (
	"testing"

	"github.com/kvs-project/kvs/engine/diskengine"
	"github.com/kvs-project/kvs/engine/enginetest"
)

// go test -run '^$' -bench 'Engine' -benchtime 2s ./engine/diskengine
func BenchmarkEngineSync(b *testing.B) {
	enginetest.RunBenchmarks(b, openDisk(diskengine.Options{}))
}

func BenchmarkEngineNoSync(b *testing.B) {
	enginetest.RunBenchmarks(b, openDisk(diskengine.Options{NoSync: true}))
}
