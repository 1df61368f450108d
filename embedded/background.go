package embedded

import (
	"time"

	"github.com/kvs-project/kvs/schema"
)

// startBackground starts the work Open found pending (drops, index
// backfills, index phases) and the TTL sweeper. An index phase interrupted by
// a restart starts over with its full delay.
func (d *Driver) startBackground() {
	for _, j := range d.pendingDrops {
		d.startDrop(j)
	}
	d.pendingDrops = nil
	d.startRecount()
	// The goroutines started below republish tables under catMu, so the
	// catalog is read under it too (they wait until the loop is done).
	d.catMu.RLock()
	for _, t := range d.tables {
		for _, x := range t.indexes {
			if x.rec.Status == schema.StatusCreating {
				delay := d.createDelay()
				if x.rec.Backfilling {
					delay = 0
				}
				d.startBackfill(t.name, x.id, delay)
			}
		}
		for _, ir := range t.rec.Deleting {
			d.startDeleting(t.name, t.id, ir.ID, d.deleteDelay())
		}
	}
	d.catMu.RUnlock()
	interval := d.opts.TTLSweepInterval
	if interval == 0 {
		interval = DefaultTTLSweepInterval
	}
	if interval < 0 {
		return
	}
	d.bg.Add(1)
	go func() {
		defer d.bg.Done()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-d.stop:
				return
			case <-tick.C:
				if err := d.SweepTTL(d.bgCtx); err != nil && d.bgCtx.Err() == nil {
					d.log.Error("embedded: TTL sweep", "err", err)
				}
			}
		}
	}()
}
