package diskengine_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/vfs"

	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/diskengine"
)

// powerLoss runs concurrent committers on a strict in-memory file system
// (which keeps only what was fsynced), "cuts the power" at a random moment by
// discarding every unsynced byte, reopens, and returns the keys acknowledged
// before the cut together with the reopened engine.
func powerLoss(t *testing.T, nosync bool, cutAfter time.Duration) (acked []string, db *diskengine.DB) {
	return powerLossSync(t, nosync, cutAfter, false)
}

// powerLossSync is powerLoss; with syncFirst it calls DB.Sync after stopping
// the committers and before the cut, and counts every commit as acknowledged.
func powerLossSync(t *testing.T, nosync bool, cutAfter time.Duration, syncFirst bool) (acked []string, db *diskengine.DB) {
	fs := vfs.NewStrictMem()
	opts := diskengine.WithFS(diskengine.Options{NoSync: nosync}, fs)
	db, err := diskengine.Open("/db", opts)
	if err != nil {
		t.Fatal(err)
	}
	var (
		cut  atomic.Bool
		mu   sync.Mutex
		stop = make(chan struct{})
		wg   sync.WaitGroup
	)
	ctx := context.Background()
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				key := fmt.Sprintf("w%d/%06d", w, i)
				tx, err := db.Begin(ctx)
				if err != nil {
					t.Error(err)
					return
				}
				tx.Set([]byte(key), []byte(key))
				tx.Set([]byte(key+"/twin"), []byte(key))
				if _, err := tx.Commit(ctx); err != nil {
					t.Error(err)
					return
				}
				// Acknowledged before the cut: it must survive (synced mode).
				// The flag is set before syncs start being ignored, so a
				// commit that still sees it clear was really synced.
				if !cut.Load() {
					mu.Lock()
					acked = append(acked, key)
					mu.Unlock()
				}
			}
		}()
	}
	deadline := time.Now().Add(10 * time.Second)
	for n := 0; n == 0; { // cut only once something was acknowledged
		if time.Now().After(deadline) {
			t.Fatal("no commit acknowledged within 10s")
		}
		time.Sleep(time.Millisecond)
		mu.Lock()
		n = len(acked)
		mu.Unlock()
	}
	time.Sleep(cutAfter)
	if syncFirst {
		close(stop)
		wg.Wait()
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	cut.Store(true)
	fs.SetIgnoreSyncs(true)
	if !syncFirst {
		close(stop)
		wg.Wait()
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	fs.ResetToSyncedState()
	fs.SetIgnoreSyncs(false)
	db, err = diskengine.Open("/db", opts)
	if err != nil {
		t.Fatalf("reopen after power loss: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return acked, db
}

func TestPowerLoss(t *testing.T) {
	for round := 0; round < 5; round++ {
		acked, db := powerLoss(t, false, time.Duration(5+round*10)*time.Millisecond)
		if len(acked) == 0 {
			t.Fatal("nothing acknowledged before the cut")
		}
		for _, k := range acked {
			if _, err := db.Get(context.Background(), []byte(k)); err != nil {
				t.Fatalf("round %d: acknowledged key %s after power loss: %v", round, k, err)
			}
		}
		checkTwins(t, db)
		t.Logf("round %d: %d acknowledged transactions survived", round, len(acked))
	}
}

func TestPowerLossNoSync(t *testing.T) {
	acked, db := powerLoss(t, true, 30*time.Millisecond)
	lost := 0
	for _, k := range acked {
		if _, err := db.Get(context.Background(), []byte(k)); err != nil {
			lost++
		}
	}
	checkTwins(t, db)
	// Only what Pebble synced on its own (at Open, memtable rotation) can
	// survive; losing acknowledged commits is the documented NoSync risk.
	t.Logf("NoSync: %d of %d acknowledged transactions lost to power loss", lost, len(acked))
	if s, err := db.NewSnapshot(context.Background()); err == nil {
		it, _ := s.NewIter(context.Background(), engine.IterOptions{})
		n := 0
		for it.Next() {
			if !strings.HasSuffix(string(it.Key()), "/twin") {
				n++
			}
		}
		it.Close()
		s.Close()
		t.Logf("NoSync: %d transactions present after reopening", n)
	}
}

func TestSyncAfterNoSync(t *testing.T) {
	acked, db := powerLossSync(t, true, 20*time.Millisecond, true)
	for _, k := range acked {
		if _, err := db.Get(context.Background(), []byte(k)); err != nil {
			t.Fatalf("NoSync commit %s lost after DB.Sync: %v", k, err)
		}
	}
	t.Logf("%d NoSync transactions survived power loss after DB.Sync", len(acked))
}
