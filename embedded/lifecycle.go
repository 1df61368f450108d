package embedded

import (
	"context"
	"slices"
	"time"

	"github.com/kvs-project/kvs/schema"
)

// The lifecycle of a global secondary index added or deleted by UpdateTable,
// in DynamoDB's phases (ack-api-quirks DDB-TABLE-148, recorded against
// DynamoDB; DynamoDB Local shows the same index phases with shorter times):
//
//   - resource allocation: IndexStatus CREATING, Backfilling false, the
//     table UPDATING, counters 0. Lasts Options.IndexCreateDelay. The index
//     cannot be read, updated or deleted, and no other index can be created
//     or deleted meanwhile.
//   - backfill: IndexStatus CREATING, Backfilling true, the table ACTIVE.
//     Writes maintain the index while the backfill (updatetable.go) indexes
//     the existing items. The index can be deleted but not read.
//   - ACTIVE.
//
// A deleted index leaves the catalog's Indexes at once (reads and writes stop
// using it, its entries are erased in the background) but stays listed as
// DELETING, with counters 0 and the table UPDATING, for
// Options.IndexDeleteDelay; no other index can be created or deleted
// meanwhile.

// createDelay and deleteDelay resolve the Options' phase durations.
func (d *Driver) createDelay() time.Duration {
	return phaseDelay(d.opts.IndexCreateDelay, DefaultIndexCreateDelay)
}

func (d *Driver) deleteDelay() time.Duration {
	return phaseDelay(d.opts.IndexDeleteDelay, DefaultIndexDeleteDelay)
}

func phaseDelay(v, def time.Duration) time.Duration {
	switch {
	case v == 0:
		return def
	case v < 0:
		return 0
	}
	return v
}

// sleep waits for delay, or until the driver closes; it reports whether the
// delay passed.
func (d *Driver) sleep(delay time.Duration) bool {
	if delay <= 0 {
		return d.bgCtx.Err() == nil
	}
	tm := time.NewTimer(delay)
	defer tm.Stop()
	select {
	case <-tm.C:
		return true
	case <-d.stop:
		return false
	}
}

// allocate ends the resource allocation phase of index id of the table
// named name after delay: the index starts backfilling. It reports whether
// the index still exists.
func (d *Driver) allocate(ctx context.Context, name string, id uint16, delay time.Duration) (bool, error) {
	if !d.sleep(delay) {
		return false, nil
	}
	d.catMu.Lock()
	defer d.catMu.Unlock()
	t, x, err := d.indexByID(name, id)
	if err != nil {
		return false, nil
	}
	if x.rec.Backfilling {
		return true, nil
	}
	rec := copyRecord(t.rec)
	for i := range rec.Indexes {
		if rec.Indexes[i].ID == id {
			rec.Indexes[i].Backfilling = true
		}
	}
	_, err = d.putRecord(ctx, t, rec, nil)
	return err == nil, err
}

// startDeleting removes the DELETING entry of index id from the table
// whose id is tableID once the deletion delay has passed.
func (d *Driver) startDeleting(name string, tableID uint32, id uint16, delay time.Duration) {
	d.bg.Add(1)
	go func() {
		defer d.bg.Done()
		if !d.sleep(delay) {
			return
		}
		if err := d.forgetDeleted(d.bgCtx, name, tableID, id); err != nil && d.bgCtx.Err() == nil {
			d.log.Error("embedded: deleting index", "table", name, "index", id, "err", err)
		}
	}()
}

// forgetDeleted drops the DELETING entry of index id, if the table is
// still the one it was deleted from.
func (d *Driver) forgetDeleted(ctx context.Context, name string, tableID uint32, id uint16) error {
	d.catMu.Lock()
	defer d.catMu.Unlock()
	if d.closed {
		return nil
	}
	t := d.tables[name]
	if t == nil || t.id != tableID {
		return nil
	}
	i := slices.IndexFunc(t.rec.Deleting, func(x indexRecord) bool { return x.ID == id })
	if i < 0 {
		return nil
	}
	rec := copyRecord(t.rec)
	rec.Deleting = slices.Delete(rec.Deleting, i, i+1)
	_, err := d.putRecord(ctx, t, rec, nil)
	return err
}

// indexesInFlight reports whether an index of the table is being created
// in its resource allocation phase or being deleted: DynamoDB describes
// such a table as UPDATING.
func indexesInFlight(rec *tableRecord) bool {
	if len(rec.Deleting) > 0 {
		return true
	}
	return slices.ContainsFunc(rec.Indexes, func(x indexRecord) bool {
		return x.Status == schema.StatusCreating && !x.Backfilling
	})
}
