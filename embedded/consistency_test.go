package embedded

import (
	"bytes"
	"testing"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/engine"
)

// checkConsistency verifies the store against itself: every index holds
// exactly the projected entries of the table's items that have its key
// attributes, and the statistics match what is stored. Tests run it before
// closing a driver.
func checkConsistency(t testing.TB, d *Driver) {
	t.Helper()
	d.catMu.RLock()
	tables := make([]*table, 0, len(d.tables))
	for _, tb := range d.tables {
		tables = append(tables, tb)
	}
	d.catMu.RUnlock()
	snap, err := d.eng.NewSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	scan := func(prefix []byte) map[string]attr.Item {
		it, err := snap.NewIter(ctx, engine.IterOptions{Lower: prefix, Upper: prefixEnd(prefix)})
		if err != nil {
			t.Fatal(err)
		}
		defer it.Close()
		out := map[string]attr.Item{}
		for it.Next() {
			item, size, err := decodeRecord(it.Value())
			if err != nil {
				t.Fatal(err)
			}
			if size != item.Size() {
				t.Errorf("record %x: stored size %d, item size %d", it.Key(), size, item.Size())
			}
			out[string(bytes.Clone(it.Key()))] = item
		}
		return out
	}
	for _, tb := range tables {
		items := scan(itemPrefix(tb.id))
		var size int64
		for k, item := range items {
			if k != string(tb.itemKey(item)) {
				t.Errorf("table %s: item %v stored under the wrong key", tb.name, item)
			}
			size += int64(item.Size())
		}
		if n := tb.stats.table.count.Load(); n != int64(len(items)) {
			t.Errorf("table %s: ItemCount %d, stored %d", tb.name, n, len(items))
		}
		if b := tb.stats.table.bytes.Load(); b != size {
			t.Errorf("table %s: size %d, stored %d", tb.name, b, size)
		}
		for _, x := range tb.indexes {
			if !x.active() {
				continue
			}
			want := map[string]attr.Item{}
			var wsize int64
			for _, item := range items {
				if k := tb.entryKey(x, item); k != nil {
					p := tb.project(x, item)
					want[string(k)] = p
					wsize += int64(p.Size())
				}
			}
			got := scan(indexPrefix(tb.id, x.id))
			if len(got) != len(want) {
				t.Errorf("table %s index %s: %d entries, want %d", tb.name, x.name, len(got), len(want))
			}
			for k, p := range want {
				if !attr.ItemsEqual(got[k], p) {
					t.Errorf("table %s index %s: entry %v, want %v", tb.name, x.name, got[k], p)
				}
			}
			if x.stats.count.Load() != int64(len(want)) || x.stats.bytes.Load() != wsize {
				t.Errorf("table %s index %s: stats %d/%d, want %d/%d", tb.name, x.name,
					x.stats.count.Load(), x.stats.bytes.Load(), len(want), wsize)
			}
		}
	}
}
