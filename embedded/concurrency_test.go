package embedded

import (
	"sync"
	"testing"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
)

// TestConcurrentSingleItemWrites: writes to one item from many goroutines
// never surface engine conflicts, never lose an update, and a conditional
// create lets exactly one writer win.
func TestConcurrentSingleItemWrites(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		key := attr.Item{"pk": S("c"), "sk": N("0")}
		const workers, each = 8, 50
		inc := upd(t, "ADD n :one SET g = :g", vals(":one", N("1"), ":g", S("G")))
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := d.Write(ctx, &driver.Write{Table: "t", Kind: driver.Put, Item: attr.Item{"pk": S("once"), "sk": N("0"), "w": N(itoa(w))},
					Condition: cond(t, "attribute_not_exists(pk)", nil)})
				mu.Lock()
				if err == nil {
					wins++
				} else if !apierr.Is(err, apierr.ConditionalCheckFailed) {
					t.Error(err)
				}
				mu.Unlock()
				for range each {
					if _, err := d.Write(ctx, &driver.Write{Table: "t", Kind: driver.Update, Key: key, Update: inc}); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		if wins != 1 {
			t.Fatalf("%d conditional creates won, want 1", wins)
		}
		if got := mustGet(t, d, "t", key)["n"].Str(); got != itoa(workers*each) {
			t.Fatalf("counter = %s, want %d", got, workers*each)
		}
		desc, _ := d.DescribeTable(ctx, "t")
		if desc.ItemCount != 2 || desc.GlobalSecondaryIndexes[0].ItemCount != 1 {
			t.Fatalf("ItemCount %d, gsi %d", desc.ItemCount, desc.GlobalSecondaryIndexes[0].ItemCount)
		}
	})
}
