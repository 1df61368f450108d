package embedded

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/kvs-project/kvs/engine"
)

// Item count and size per table and index are counted in memory as writes
// commit. Close writes them to the stats space and clears the dirty flag
// that Open sets; an Open that finds the flag still set (the previous driver
// crashed) recounts by scanning, since the checkpoints may be stale.
//
// The recount runs in the background so that Open stays fast on a large
// store: Open takes a snapshot before any write can start and leaves the
// counters at zero; writes then add their deltas, and the recount adds the
// snapshot's totals when it is done. Until then descriptions under-report,
// and a Close before the recount finished leaves the dirty flag set.

type statsRecord struct {
	Count   int64               `json:"count"`
	Bytes   int64               `json:"bytes"`
	Indexes map[string][2]int64 `json:"indexes,omitempty"` // index id → count, bytes
}

// loadStats fills the counters of every loaded table, resumes drops and
// marks the store dirty.
func (d *Driver) loadStats(ctx context.Context, snap engine.Snapshot) error {
	_, err := snap.Get(ctx, metaDirty)
	dirty := err == nil
	if err != nil && !errors.Is(err, engine.ErrNotFound) {
		return err
	}
	if dirty {
		if d.recountSnap, err = d.eng.NewSnapshot(ctx); err != nil {
			return err
		}
		for _, t := range d.tables {
			d.recountTables = append(d.recountTables, t)
		}
	} else {
		for _, t := range d.tables {
			if err := d.loadCheckpoint(ctx, snap, t); err != nil {
				return err
			}
		}
		d.statsExact.Store(true)
	}
	jobs, err := d.resumeDrops(ctx, snap)
	if err != nil {
		return err
	}
	d.pendingDrops = jobs
	var b engine.Batch
	b.Set(metaDirty, nil)
	_, err = d.eng.Apply(ctx, &b)
	return err
}

func (d *Driver) loadCheckpoint(ctx context.Context, r engine.Reader, t *table) error {
	v, err := r.Get(ctx, statsKey(t.id))
	if errors.Is(err, engine.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	var rec statsRecord
	if err := json.Unmarshal(v, &rec); err != nil {
		return fmt.Errorf("%w: statistics of table %s: %v", errCorruptCatalog, t.name, err)
	}
	t.stats.table.count.Store(rec.Count)
	t.stats.table.bytes.Store(rec.Bytes)
	for _, x := range t.indexes {
		if c, ok := rec.Indexes[strconv.Itoa(int(x.id))]; ok {
			x.stats.count.Store(c[0])
			x.stats.bytes.Store(c[1])
		}
	}
	return nil
}

// startRecount recounts, in the background, the tables Open found with
// stale statistics.
func (d *Driver) startRecount() {
	snap, tables := d.recountSnap, d.recountTables
	d.recountSnap, d.recountTables = nil, nil
	if snap == nil {
		return
	}
	d.bg.Add(1)
	go func() {
		defer d.bg.Done()
		defer snap.Close()
		for _, t := range tables {
			if err := d.recount(d.bgCtx, snap, t); err != nil {
				if d.bgCtx.Err() == nil {
					d.log.Error("embedded: recounting table statistics", "table", t.name, "err", err)
				}
				return
			}
		}
		d.statsExact.Store(true)
	}()
}

// recount scans a table and its indexes in r and adds their totals to the
// counters.
func (d *Driver) recount(ctx context.Context, r engine.Reader, t *table) error {
	n, size, err := countRange(ctx, r, itemPrefix(t.id))
	if err != nil {
		return err
	}
	t.stats.table.add(n, size)
	for _, x := range t.indexes {
		n, size, err := countRange(ctx, r, indexPrefix(t.id, x.id))
		if err != nil {
			return err
		}
		x.stats.add(n, size)
	}
	return nil
}

// countRange returns the number of records under prefix in r and the sum of
// their sizes.
func countRange(ctx context.Context, r engine.Reader, prefix []byte) (n, size int64, err error) {
	it, err := r.NewIter(ctx, engine.IterOptions{Lower: prefix, Upper: prefixEnd(prefix)})
	if err != nil {
		return 0, 0, err
	}
	for it.Next() {
		s, err := recordSize(it.Value())
		if err != nil {
			it.Close()
			return 0, 0, err
		}
		n++
		size += int64(s)
	}
	if err := it.Close(); err != nil {
		return 0, 0, err
	}
	return n, size, nil
}

// checkpoint writes every table's counters; clean also clears the dirty
// flag (only at Close, when no write can follow).
func (d *Driver) checkpoint(ctx context.Context, clean bool) error {
	d.catMu.RLock()
	var b engine.Batch
	for _, t := range d.tables {
		rec := statsRecord{Count: t.stats.table.count.Load(), Bytes: t.stats.table.bytes.Load(), Indexes: map[string][2]int64{}}
		for _, x := range t.indexes {
			rec.Indexes[strconv.Itoa(int(x.id))] = [2]int64{x.stats.count.Load(), x.stats.bytes.Load()}
		}
		v, _ := json.Marshal(rec)
		b.Set(statsKey(t.id), v)
	}
	d.catMu.RUnlock()
	if clean && d.statsExact.Load() && !d.statsStale() {
		b.Delete(metaDirty)
	}
	_, err := d.eng.Apply(ctx, &b)
	return err
}
