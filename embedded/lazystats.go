package embedded

import (
	"context"
	"sync"
	"time"
)

// Lazily maintained statistics. PutMany writes without reading the items it
// replaces, so it cannot tell a new item from an overwrite: it counts every
// item as new and marks the table stale. Once no blind write has come for
// lazyRecountDelay, a background goroutine recounts each stale table and
// corrects its counters, after which ItemCount and TableSizeBytes are exact
// again (DynamoDB refreshes them only about every six hours, so clients do
// not rely on them being current).
//
// The correction is exact although writes go on during the scan. Under
// catMu held exclusively (no write in flight: every write holds it shared
// until its deltas are applied) the recount takes a snapshot S, notes the
// counters c0 and clears the table's stale mark. Writes after that add their
// deltas to the counters, which then hold c0 + Δ. When the scan of S is
// done the recount adds count(S) − c0, leaving count(S) + Δ: exact unless a
// blind write came after S, and such a write marked the table stale again.
//
// A table still stale at Close keeps the store's dirty flag set, so the
// next Open recounts it (see stats.go).

// lazyRecountDelay is how long after the last blind write a recount starts:
// a bulk load made of many calls is recounted once, at its end.
const lazyRecountDelay = time.Second

// lazyStats is the Driver's record of stale tables.
type lazyStats struct {
	mu      sync.Mutex
	stale   map[uint32]bool // table ids
	last    time.Time       // the last blind write
	running bool            // a recount goroutine is alive
	delay   time.Duration   // 0: lazyRecountDelay (tests shorten it)
	// notBefore holds the next recount back, so that recounting (a scan
	// of the whole table) takes at most a tenth of the time however often
	// bulk loads pause on a large table.
	notBefore time.Time
}

// recountDuty is the largest share of the time recounts may take.
const recountDuty = 10

// markStale records a blind write to t and makes sure a recount will run.
// The caller holds catMu shared.
func (d *Driver) markStale(t *table) {
	l := &d.lazy
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stale == nil {
		l.stale = map[uint32]bool{}
	}
	l.stale[t.id] = true
	l.last = time.Now()
	// Close sets closed under catMu exclusively before it waits for d.bg,
	// so an Add made under the shared lock while open is waited for.
	if !l.running && !d.closed {
		l.running = true
		d.bg.Add(1)
		go d.recountStale()
	}
}

// statsStale reports whether some table's counters await a recount.
func (d *Driver) statsStale() bool {
	d.lazy.mu.Lock()
	defer d.lazy.mu.Unlock()
	return len(d.lazy.stale) > 0
}

// recountStale recounts stale tables until none is left or the driver
// closes.
func (d *Driver) recountStale() {
	defer d.bg.Done()
	l := &d.lazy
	for {
		l.mu.Lock()
		if len(l.stale) == 0 {
			l.running = false
			l.mu.Unlock()
			return
		}
		delay := l.delay
		if delay <= 0 {
			delay = lazyRecountDelay
		}
		wait := max(delay-time.Since(l.last), time.Until(l.notBefore))
		if !d.statsExact.Load() {
			// Open's own recount is still adding its totals; a correction
			// now would count its snapshot twice.
			wait = max(wait, delay)
		}
		l.mu.Unlock()
		if wait > 0 {
			timer := time.NewTimer(wait)
			select {
			case <-d.stop:
				timer.Stop()
				l.mu.Lock()
				l.running = false
				l.mu.Unlock()
				return
			case <-timer.C:
			}
			continue
		}
		began := time.Now()
		err := d.recountOneStale(d.bgCtx)
		l.mu.Lock()
		l.notBefore = time.Now().Add((recountDuty - 1) * time.Since(began))
		l.mu.Unlock()
		if err != nil {
			if d.bgCtx.Err() == nil && err != errClosed {
				d.log.Error("embedded: recounting table statistics", "err", err)
			}
			l.mu.Lock()
			l.running = false
			l.mu.Unlock()
			return
		}
	}
}

// recountOneStale recounts one stale table (see the comment at the top).
// On failure the table stays stale.
func (d *Driver) recountOneStale(ctx context.Context) error {
	d.catMu.Lock()
	if d.closed {
		d.catMu.Unlock()
		return errClosed
	}
	l := &d.lazy
	l.mu.Lock()
	var id uint32
	for id = range l.stale {
		break
	}
	delete(l.stale, id)
	l.mu.Unlock()
	var t *table
	for _, c := range d.tables {
		if c.id == id {
			t = c
		}
	}
	if t == nil { // deleted meanwhile
		d.catMu.Unlock()
		return nil
	}
	restale := func() {
		l.mu.Lock()
		l.stale[id] = true
		l.mu.Unlock()
	}
	snap, err := d.eng.NewSnapshot(ctx)
	if err != nil {
		restale()
		d.catMu.Unlock()
		return err
	}
	c := t.stats.table
	n0, b0 := c.count.Load(), c.bytes.Load()
	d.catMu.Unlock()
	n, b, err := countRange(ctx, snap, itemPrefix(t.id))
	snap.Close()
	if err != nil {
		restale()
		return err
	}
	c.add(n-n0, b-b0)
	return nil
}
