package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// gcFloor keeps the garbage collector from running more often than a heap
// of floor bytes would make it: the heap goal is live + max(live, floor)
// rather than Go's default 2 × live.
//
// Why: a small kvs serve heap (a few MB live) reaches Go's default goal
// after a few hundred PutItems, and each collection costs about a
// millisecond of CPU across the mark workers: several µs per request,
// as much as the HTTP transport. A big heap (a loaded in-memory database)
// keeps Go's default, so the headroom never exceeds floor beyond 2 × live.
// GOGC set in the environment wins: gcFloor then does nothing.
//
// It re-arms itself after every collection through a finalizer, reading
// the live heap from runtime/metrics.
//
// The tuner is process-wide: only the first call starts it (tests run
// serve in-process many times).
func gcFloor(floor uint64) {
	gcFloorOnce.Do(func() {
		if floor == 0 || envSet("GOGC") {
			return
		}
		t := &gcTuner{floor: floor, percent: 100}
		t.sample = t.samples()
		t.arm()
		t.adjust()
	})
}

var gcFloorOnce sync.Once

type gcTuner struct {
	floor   uint64
	percent int
	sample  []metrics.Sample
}

func (t *gcTuner) samples() []metrics.Sample {
	return []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
}

// arm sets a finalizer on a fresh object: it runs after the next
// collection, adjusts and re-arms.
func (t *gcTuner) arm() {
	runtime.SetFinalizer(&gcSentinel{t: t}, func(s *gcSentinel) {
		s.t.adjust()
		s.t.arm()
	})
}

type gcSentinel struct {
	t *gcTuner
	_ [16]byte // not a tiny allocation: finalizers on those may never run
}

func (t *gcTuner) adjust() {
	metrics.Read(t.sample)
	var live uint64
	if t.sample[0].Value.Kind() == metrics.KindUint64 {
		live = t.sample[0].Value.Uint64()
	}
	// Go's own goal never starts below 4 MB (at GOGC=100): a smaller live
	// heap counts as 4 MB, so the goal stays near live + floor.
	live = max(live, 4<<20)
	percent := 100
	if live < t.floor {
		percent = int(t.floor * 100 / live)
	}
	// Only changes of a quarter or more: SetGCPercent is not free.
	if d := percent - t.percent; d*4 > t.percent || -d*4 > t.percent {
		t.percent = percent
		debug.SetGCPercent(percent)
	}
}

func envSet(name string) bool {
	_, ok := os.LookupEnv(name)
	return ok
}
