package embedded

import (
	"context"
	"errors"

	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/engine"
)

// batchAttempts bounds the retries of a whole batch on engine conflicts.
// A batch touches many items, so under contention it is likelier to lose
// than a single write; after this many losses WriteBatch falls back to
// one commit per write, which always makes progress. DynamoDB promises a
// BatchWriteItem only per-item atomicity, so both are correct.
const batchAttempts = 8

// WriteBatch applies independent unconditional Puts and Deletes in one
// engine transaction, hence one commit (one fsync on disk) for the whole
// batch. Index entries and statistics are maintained exactly as by Write.
func (d *Driver) WriteBatch(ctx context.Context, ws []*driver.Write) ([]*driver.WriteResult, error) {
	d.catMu.RLock()
	defer d.catMu.RUnlock()
	tables := make([]*table, len(ws))
	for i, w := range ws {
		t, err := d.lookupLocked(w.Table, msgNotFound)
		if err != nil {
			return nil, err
		}
		if err := precheck(t, w); err != nil {
			return nil, err
		}
		tables[i] = t
	}
	return d.writeBatchLocked(ctx, tables, ws)
}

// writeBatchLocked is WriteBatch once the tables are looked up; the caller
// holds catMu shared.
func (d *Driver) writeBatchLocked(ctx context.Context, tables []*table, ws []*driver.Write) ([]*driver.WriteResult, error) {
	var deltas []statDelta
	for attempt := 0; attempt < batchAttempts; attempt++ {
		all, ds, err := d.writeBatchOnce(ctx, tables, ws, deltas[:0])
		if errors.Is(err, engine.ErrConflict) {
			deltas = ds
			if attempt >= 2 {
				backoff(min(attempt, 4))
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		applyDeltas(ds)
		out := make([]*driver.WriteResult, len(all))
		for i, s := range all {
			out[i] = s.result()
		}
		return out, nil
	}
	return d.writeEach(ctx, tables, ws)
}

// writeBatchOnce commits ws as one read-modify-write (engine.Update:
// exclusive on memengine, an optimistic transaction on diskengine).
func (d *Driver) writeBatchOnce(ctx context.Context, tables []*table, ws []*driver.Write, deltas []statDelta) ([]*staged, []statDelta, error) {
	all := make([]*staged, len(ws))
	_, err := engine.Update(ctx, d.eng, func(txn engine.Txn) error {
		for i, w := range ws {
			s, err := prepare(ctx, txn, tables[i], w, false)
			if err != nil {
				var ue updateError
				if errors.As(err, &ue) {
					err = ue.error
				}
				return err
			}
			if deltas, err = stage(ctx, txn, s, deltas); err != nil {
				return err
			}
			all[i] = s
		}
		return nil
	})
	if err != nil {
		return nil, deltas, err
	}
	return all, deltas, nil
}

// writeEach is the fallback of a contended batch: one transaction per
// write, each retried as Write retries it.
func (d *Driver) writeEach(ctx context.Context, tables []*table, ws []*driver.Write) ([]*driver.WriteResult, error) {
	out := make([]*driver.WriteResult, len(ws))
	for i, w := range ws {
		res, err := d.writeRetry(ctx, tables[i], w)
		if err != nil {
			return nil, err
		}
		out[i] = res
	}
	return out, nil
}
