package cli

import (
	"runtime/debug"
	"testing"
)

func TestGCFloor(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)

	// A test binary's live heap is well under 4 MB, which counts as 4 MB:
	// a 64 MB floor makes the goal 4 + 64 MB, GOGC 1600.
	tu := &gcTuner{floor: 64 << 20, percent: 100}
	tu.sample = (&gcTuner{}).samples()
	tu.adjust()
	if got := debug.SetGCPercent(100); got != 1600 || tu.percent != 1600 {
		t.Fatalf("GC percent %d (tuner %d), want 1600", got, tu.percent)
	}
	// A floor under the live heap leaves Go's default.
	tu = &gcTuner{floor: 1 << 20, percent: 100, sample: (&gcTuner{}).samples()}
	tu.adjust()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GC percent %d, want 100", got)
	}
	// GOGC in the environment wins.
	t.Setenv("GOGC", "100")
	gcFloor(64 << 20)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("with GOGC set: GC percent %d, want 100", got)
	}
}
