package kvs_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/drivertest"
	"github.com/kvs-project/kvs/kvstest"
)

// TestModelMemoryVersusFile runs random operation logs against mem:// and
// file:// step by step. KVS_MODEL_SEEDS sets the number of seeds (default
// 4); KVS_REPLAY replays one failing log (see drivertest.Compare).
func TestModelMemoryVersusFile(t *testing.T) {
	seeds := 4
	if v, err := strconv.Atoi(os.Getenv("KVS_MODEL_SEEDS")); err == nil {
		seeds = v
	}
	if os.Getenv(drivertest.ReplayEnv) != "" {
		seeds = 1
	}
	for seed := 1; seed <= seeds; seed++ {
		t.Run("seed"+strconv.Itoa(seed), func(t *testing.T) {
			drivertest.Compare(t, drivertest.CompareConfig{
				A:    func(t *testing.T) *kvs.DB { return kvstest.New(t) },
				B:    openFile,
				Seed: uint64(seed), Steps: 400,
			})
		})
	}
}
