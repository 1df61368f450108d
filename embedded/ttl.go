package embedded

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/engine"
)

// TTL: an item expires when its TTL attribute is a number of epoch seconds
// in the past (per Options.Clock). As in DynamoDB, values more than five
// years in the past are ignored (they are most likely not epoch seconds),
// and expired items stay readable until the sweeper deletes them.

// ttlHorizon is how far in the past a TTL value may lie and still expire.
const ttlHorizon = 5 * 365 * 24 * time.Hour

// expired reports whether a TTL attribute value has expired at now.
func expired(v attr.Value, now time.Time) bool {
	if v.Type() != attr.TypeN {
		return false
	}
	nowS := strconv.FormatInt(now.Unix(), 10)
	oldest := strconv.FormatInt(now.Add(-ttlHorizon).Unix(), 10)
	return attr.CompareNumbers(v.Str(), nowS) < 0 && attr.CompareNumbers(v.Str(), oldest) >= 0
}

// SweepTTL runs one pass of the TTL sweeper: it deletes every expired item
// of every table with TTL enabled (maintaining indexes and statistics) and
// forgets expired idempotency tokens. The background sweeper calls it every
// Options.TTLSweepInterval; tests call it directly.
func (d *Driver) SweepTTL(ctx context.Context) error {
	now := d.clock()
	d.catMu.RLock()
	var tables []*table
	for _, t := range d.tables {
		if ttl := t.rec.TTL; ttl != nil && ttl.Enabled {
			tables = append(tables, t)
		}
	}
	d.catMu.RUnlock()
	for _, t := range tables {
		if err := d.sweepTable(ctx, t, now); err != nil {
			return err
		}
	}
	return d.sweepTokens(ctx, now)
}

func (d *Driver) sweepTable(ctx context.Context, t *table, now time.Time) error {
	name := t.rec.TTL.AttributeName
	snap, err := d.eng.NewSnapshot(ctx)
	if err != nil {
		return err
	}
	defer snap.Close()
	p := itemPrefix(t.id)
	it, err := snap.NewIter(ctx, engine.IterOptions{Lower: p, Upper: prefixEnd(p)})
	if err != nil {
		return err
	}
	defer it.Close()
	for it.Next() {
		item, _, err := decodeRecord(it.Value())
		if err != nil {
			return err
		}
		if expired(item[name], now) {
			if err := d.expire(ctx, t.name, t.id, item, now); err != nil {
				return err
			}
		}
	}
	return it.Close()
}

// expire deletes one item if it is still expired, as a write of its own.
func (d *Driver) expire(ctx context.Context, tableName string, id uint32, item attr.Item, now time.Time) error {
	d.catMu.RLock()
	defer d.catMu.RUnlock()
	t := d.tables[tableName]
	if t == nil || t.id != id || t.rec.TTL == nil || !t.rec.TTL.Enabled || d.closed {
		return nil
	}
	attrName := t.rec.TTL.AttributeName
	key := t.itemKey(item)
	for {
		txn, err := d.eng.Begin(ctx)
		if err != nil {
			return err
		}
		cur, curSize, err := readRecord(ctx, txn, key)
		if err != nil || cur == nil || !expired(cur[attrName], now) {
			txn.Discard()
			return err
		}
		s := &staged{t: t, w: &expireWrite, key: key, old: cur, oldSize: curSize, hadOld: cur != nil}
		deltas, err := stage(ctx, txn, s, nil)
		if err == nil {
			_, err = txn.Commit(ctx)
		}
		txn.Discard()
		if errors.Is(err, engine.ErrConflict) {
			continue
		}
		if err != nil {
			return err
		}
		applyDeltas(deltas)
		return nil
	}
}

// sweepTokens deletes idempotency records past their window. It re-reads
// each record in a transaction, so a token reused meanwhile survives (a
// conflict just leaves the work to the next pass).
func (d *Driver) sweepTokens(ctx context.Context, now time.Time) error {
	lo := []byte{spaceToken}
	txn, err := d.eng.Begin(ctx)
	if err != nil {
		return err
	}
	defer txn.Discard()
	it, err := txn.NewIter(ctx, engine.IterOptions{Lower: lo, Upper: prefixEnd(lo)})
	if err != nil {
		return err
	}
	var old [][]byte
	for it.Next() {
		var rec tokenRecord
		if json.Unmarshal(it.Value(), &rec) != nil || rec.Expires <= now.UnixNano() {
			old = append(old, append([]byte(nil), it.Key()...))
		}
	}
	if err := it.Close(); err != nil {
		return err
	}
	if len(old) == 0 {
		return nil
	}
	for _, k := range old {
		if err := txn.Delete(k); err != nil {
			return err
		}
	}
	if _, err := txn.Commit(ctx); err != nil && !errors.Is(err, engine.ErrConflict) {
		return err
	}
	return nil
}
