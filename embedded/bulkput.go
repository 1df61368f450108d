package embedded

import (
	"context"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/engine"
)

// blindMinItems is the smallest PutMany written blindly. Reading the old
// items of a few puts costs little, and keeping those exact spares a large
// table a recount after every small UpsertMany.
const blindMinItems = 100

// PutMany is the bulk load behind the Go API's UpsertMany: it writes items
// as independent, unconditional Puts into table, each atomically, in as few
// engine commits as it can (on disk one fsync each in the default synced
// mode); when it returns nil every item is stored (and durable). The caller
// has validated every item as for a PutItem (attribute values, the 400 KB
// size, the key attributes and their types) and removed repeated keys. On
// error any subset of the items may be stored.
//
// On a table without secondary indexes, a PutMany of 100 items or more
// writes blindly in one commit: it does not read the items it replaces,
// which on disk is most of the cost of a put (an LSM lookup per item).
// Without the old items' sizes the table's ItemCount and TableSizeBytes
// cannot be maintained exactly, so they are counted as if every item were
// new and marked stale; a background recount makes them exact again
// shortly after the load (see lazystats.go). DynamoDB itself refreshes
// these figures only about every six hours.
//
// On a table with indexes (whose entries for the old item must be
// removed), and for fewer items, PutMany reads the old items as
// BatchWriteItem does and keeps everything exact.
func (d *Driver) PutMany(ctx context.Context, table string, items []attr.Item) error {
	if len(items) == 0 {
		return nil
	}
	d.catMu.RLock()
	defer d.catMu.RUnlock()
	t, err := d.lookupLocked(table, msgNotFound)
	if err != nil {
		return err
	}
	if len(t.indexes) > 0 || len(items) < blindMinItems {
		return d.putManyRead(ctx, t, items)
	}
	var b engine.Batch
	var bytes int64
	for _, it := range items {
		size := it.Size()
		// Fresh key and record per item, handed over without a copy.
		// (The capacity covers the codec's type bytes and lengths, and
		// numbers longer than their DynamoDB size, for flat items.)
		rec := make([]byte, 0, size+12*len(it)+16)
		b.SetOwned(t.itemKey(it), appendRecord(rec, it, size))
		bytes += int64(size)
	}
	if _, err := d.eng.Apply(ctx, &b); err != nil {
		return err
	}
	// Counted as new items until the recount corrects it; marked stale
	// first, so that a recount snapshot taken after this commit (it takes
	// catMu exclusively, which waits for this call) sees the mark.
	d.markStale(t)
	t.stats.table.add(int64(len(items)), bytes)
	return nil
}

// putManyRead is PutMany through the exact path: one transaction that reads
// each old item, maintains the indexes and the statistics, retried on
// conflicts like WriteBatch.
func (d *Driver) putManyRead(ctx context.Context, t *table, items []attr.Item) error {
	ws := make([]*driver.Write, len(items))
	tables := make([]*table, len(items))
	for i, it := range items {
		ws[i] = &driver.Write{Table: t.name, Kind: driver.Put, Item: it}
		tables[i] = t
	}
	_, err := d.writeBatchLocked(ctx, tables, ws)
	return err
}
