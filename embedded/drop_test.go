package embedded

import (
	"testing"
	"time"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/schema"
)

// countKeys counts the engine keys starting with prefix.
func countKeys(t *testing.T, d *Driver, prefix []byte) int {
	t.Helper()
	snap, err := d.eng.NewSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	it, err := snap.NewIter(ctx, engine.IterOptions{Lower: prefix, Upper: prefixEnd(prefix)})
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	n := 0
	for it.Next() {
		n++
	}
	return n
}

// waitKeys waits until no key starts with prefix.
func waitKeys(t *testing.T, d *Driver, prefix []byte) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for countKeys(t, d, prefix) != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d keys left under %x", countKeys(t, d, prefix), prefix)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestDropErasesData: deleted tables and indexes leave no data or drop
// records behind once the background erase is done.
func TestDropErasesData(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		for i := range 1200 { // more than one erase batch
			mustPut(t, d, "t", attr.Item{"pk": S("p"), "sk": N(itoa(i)), "g": S("x"), "gn": N("1")})
		}
		id := d.tables["t"].id
		ginc := d.tables["t"].findIndex("ginc").id
		if _, err := d.UpdateTable(ctx, &schema.UpdateTableRequest{TableName: "t",
			GlobalSecondaryIndexUpdates: []schema.GlobalSecondaryIndexUpdate{{Delete: &schema.DeleteGlobalSecondaryIndexAction{IndexName: "ginc"}}}}); err != nil {
			t.Fatal(err)
		}
		waitKeys(t, d, indexPrefix(id, ginc))
		// The catalog is read under catMu: the background erase of ginc
		// republishes the table when it forgets the DELETING entry.
		d.catMu.RLock()
		gsi := d.tables["t"].findIndex("gsi").id
		d.catMu.RUnlock()
		if n := countKeys(t, d, indexPrefix(id, gsi)); n != 1200 {
			t.Fatalf("surviving index has %d entries", n)
		}
		if _, err := d.DeleteTable(ctx, "t"); err != nil {
			t.Fatal(err)
		}
		waitKeys(t, d, itemPrefix(id))
		waitKeys(t, d, append([]byte{spaceIndex}, itemPrefix(id)[1:]...))
		waitKeys(t, d, dropPrefix)
	})
}
