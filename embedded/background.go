package embedded

import "time"

// startBackground starts the work Open found pending (drops, index
// backfills) and the TTL sweeper.
func (d *Driver) startBackground() {
	for _, j := range d.pendingDrops {
		d.startDrop(j)
	}
	d.pendingDrops = nil
	d.startRecount()
	for _, t := range d.tables {
		for _, x := range t.indexes {
			if x.rec.Status == "CREATING" {
				d.startBackfill(t.name, x.id)
			}
		}
	}
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
