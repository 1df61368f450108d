package embedded

import (
	"context"
	"errors"
	"sync"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/expr"
	"github.com/kvs-project/kvs/schema"
)

// maxWriteAttempts bounds the internal retries of a single-item write on
// engine conflicts. A conflict means another write to the same item (or
// index entry) committed first, so each retry makes progress.
const maxWriteAttempts = 1000

// msgConditionFailed is DynamoDB's ConditionalCheckFailedException message.
const msgConditionFailed = "The conditional request failed"

// staged is one prepared write: the old and new item and what to write.
type staged struct {
	t       *table
	w       *driver.Write
	key     []byte
	old     attr.Item // nil when absent, or when not decoded (see hadOld)
	new     attr.Item // nil for Delete (and Check)
	updated []expr.Path
	// DynamoDB sizes of old and new (0 when absent)
	oldSize, newSize int
	// hadOld says the item existed: old may be nil for a blind write that
	// did not need it decoded (see needsOldItem).
	hadOld bool
}

// result is the driver's answer for a committed write.
func (s *staged) result() *driver.WriteResult {
	return &driver.WriteResult{Old: s.old, New: s.new, OldSize: s.oldSize, Updated: s.updated}
}

// needsOldItem reports whether prepare must decode the old item: for a
// condition, an update, index maintenance or the caller's NeedOld. A plain
// Put or Delete on a table without indexes needs only the old item's size
// and presence, which the record header holds.
func needsOldItem(t *table, w *driver.Write) bool {
	return w.NeedOld || w.Condition != nil || len(t.indexes) > 0 ||
		(w.Kind != driver.Put && w.Kind != driver.Delete)
}

// precheck does the checks that need the table but no data: updates of key
// attributes.
func precheck(t *table, w *driver.Write) error {
	switch w.Kind {
	case driver.Update:
		if w.Update != nil {
			for _, a := range w.Update.Actions {
				if len(a.Path) > 0 && t.isKeyAttr(a.Path.Top()) {
					return apierr.Validationf("One or more parameter values were invalid: Cannot update attribute %s. This attribute is part of the key", a.Path.Top())
				}
			}
		}
	}
	return nil
}

// prepare reads the current item in r, evaluates the condition and computes
// the new item. A failed condition is ConditionalCheckFailedException with
// the old item. The new item is validated (index key types, size) before the
// condition when validateFirst is set, as DynamoDB does inside transactions,
// and after it otherwise, as for a single UpdateItem. A Put's index keys are
// always checked first.
func prepare(ctx context.Context, r engine.Reader, t *table, w *driver.Write, validateFirst bool) (*staged, error) {
	if w.Kind == driver.Put {
		if err := t.checkIndexKeys(w.Item); err != nil {
			return nil, err
		}
	}
	keySrc := w.Key
	if w.Kind == driver.Put && keySrc == nil {
		keySrc = w.Item
	}
	s := &staged{t: t, w: w, key: t.itemKey(keySrc)}
	var old attr.Item
	var oldSize int
	var err error
	if needsOldItem(t, w) {
		old, oldSize, err = readRecord(ctx, r, s.key)
		s.hadOld = old != nil
	} else {
		oldSize, s.hadOld, err = readRecordSize(ctx, r, s.key)
	}
	if err != nil {
		return nil, err
	}
	s.old, s.oldSize = old, oldSize
	checkCondition := func() error {
		if w.Condition != nil && !expr.Eval(w.Condition, old) {
			e := apierr.New(apierr.ConditionalCheckFailed, msgConditionFailed)
			if old != nil {
				e.Item = old
			}
			return e
		}
		return nil
	}
	if !validateFirst {
		if err := checkCondition(); err != nil {
			return nil, err
		}
	}
	switch w.Kind {
	case driver.Put:
		s.new, s.newSize = w.Item, w.ItemSize
		if s.newSize == 0 {
			s.newSize = w.Item.Size()
		}
	case driver.Update:
		base := old
		if base == nil {
			base = t.keyOf(keySrc)
		}
		n, paths, err := applyUpdate(w.Update, base)
		if err != nil {
			// In a transaction an action whose own condition fails is
			// cancelled (ConditionalCheckFailed) before its update
			// expression is applied, so the update's error is never seen
			// (DynamoDB Local, found by tools/difftest).
			if validateFirst {
				if cerr := checkCondition(); cerr != nil {
					return nil, cerr
				}
			}
			return nil, updateError{err}
		}
		size := n.Size()
		if size > attr.MaxItemSize {
			return nil, apierr.Validationf("Item size to update has exceeded the maximum allowed size")
		}
		if err := t.checkIndexKeys(n); err != nil {
			return nil, err
		}
		s.new, s.newSize, s.updated = n, size, paths
	}
	if validateFirst {
		if err := checkCondition(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// updateError marks an error of the update expression itself (such as a
// path into a missing attribute): inside a transaction DynamoDB fails the
// whole request with it instead of cancelling with a reason.
type updateError struct{ error }

// readItem reads and decodes the item at key; nil when absent.
func readItem(ctx context.Context, r engine.Reader, key []byte) (attr.Item, error) {
	it, _, err := readRecord(ctx, r, key)
	return it, err
}

// readRecord is readItem that also returns the item's size.
func readRecord(ctx context.Context, r engine.Reader, key []byte) (attr.Item, int, error) {
	v, err := engine.GetShared(ctx, r, key)
	if errors.Is(err, engine.ErrNotFound) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	return decodeOwnedRecord(v)
}

// noop is a View callback for an existence check.
func noop([]byte) error { return nil }

// readRecordSize reads only the item size from the header of the record at
// key, and whether there is one.
func readRecordSize(ctx context.Context, r engine.Reader, key []byte) (int, bool, error) {
	var size int
	err := r.View(ctx, key, func(v []byte) (err error) {
		size, err = recordSize(v) // the header only: no copy of the record
		return err
	})
	if errors.Is(err, engine.ErrNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	return size, true, nil
}

// statDelta is a change to one set of counters.
type statDelta struct {
	c            *counters
	count, bytes int64
}

// stage buffers the writes of s in txn (item and index entries) and returns
// the statistics deltas to apply once the transaction commits.
func stage(ctx context.Context, txn engine.Txn, s *staged, deltas []statDelta) ([]statDelta, error) {
	if s.w.Kind == driver.Check {
		return deltas, nil
	}
	t := s.t
	var err error
	if s.new != nil {
		err = setRecord(txn, s.key, s.new, s.newSize)
	} else if s.hadOld {
		err = txn.Delete(s.key)
	}
	if err != nil {
		return nil, err
	}
	hadOld := int64(0)
	if s.hadOld {
		hadOld = 1
	}
	deltas = append(deltas, statDelta{t.stats.table, presence(s.new) - hadOld, int64(s.newSize - s.oldSize)})
	for _, x := range t.indexes {
		var oldKey, newKey []byte
		if s.old != nil {
			oldKey = t.entryKey(x, s.old)
		}
		if s.new != nil {
			newKey = t.entryKey(x, s.new)
		}
		if oldKey == nil && newKey == nil {
			continue
		}
		var oldP, newP attr.Item
		var oldPSize, newPSize int
		if oldKey != nil && x.rec.Status == schema.StatusCreating {
			// The backfill may not have reached this item yet.
			if err := txn.View(ctx, oldKey, noop); errors.Is(err, engine.ErrNotFound) {
				oldKey = nil
			} else if err != nil {
				return nil, err
			}
		}
		if oldKey != nil {
			oldP, oldPSize = t.projectSized(x, s.old, s.oldSize)
		}
		if newKey != nil {
			newP, newPSize = t.projectSized(x, s.new, s.newSize)
		}
		if oldKey != nil && (newKey == nil || string(oldKey) != string(newKey)) {
			if err := txn.Delete(oldKey); err != nil {
				return nil, err
			}
		}
		if newKey != nil {
			if string(oldKey) == string(newKey) && attr.ItemsEqual(oldP, newP) {
				continue // unchanged entry: no write
			}
			if err := txn.Set(newKey, appendRecord(nil, newP, newPSize)); err != nil {
				return nil, err
			}
		}
		deltas = append(deltas, statDelta{x.stats, presence(newP) - presence(oldP), int64(newPSize - oldPSize)})
	}
	return deltas, nil
}

func presence(it attr.Item) int64 {
	if it == nil {
		return 0
	}
	return 1
}

func applyDeltas(deltas []statDelta) {
	for _, d := range deltas {
		d.c.add(d.count, d.bytes)
	}
}

// Write applies one Put, Update, Delete or ConditionCheck atomically,
// retrying engine conflicts internally.
func (d *Driver) Write(ctx context.Context, w *driver.Write) (*driver.WriteResult, error) {
	d.catMu.RLock()
	defer d.catMu.RUnlock()
	t, err := d.lookupLocked(w.Table, msgNotFound)
	if err != nil {
		return nil, err
	}
	if err := precheck(t, w); err != nil {
		return nil, err
	}
	return d.writeRetry(ctx, t, w)
}

// writeRetry commits w in its own transaction, retrying engine conflicts.
func (d *Driver) writeRetry(ctx context.Context, t *table, w *driver.Write) (*driver.WriteResult, error) {
	var deltas []statDelta
	for attempt := 0; ; attempt++ {
		s, ds, err := d.writeOnce(ctx, t, w, deltas[:0])
		if errors.Is(err, engine.ErrConflict) && attempt < maxWriteAttempts {
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
		return s.result(), nil
	}
}

// writeOnce commits w as one read-modify-write (engine.Update: exclusive on
// memengine, an optimistic transaction on diskengine).
func (d *Driver) writeOnce(ctx context.Context, t *table, w *driver.Write, deltas []statDelta) (*staged, []statDelta, error) {
	var s *staged
	_, err := engine.Update(ctx, d.eng, func(txn engine.Txn) error {
		var err error
		s, err = prepare(ctx, txn, t, w, false)
		if err != nil {
			var ue updateError
			if errors.As(err, &ue) {
				err = ue.error
			}
			return err
		}
		deltas, err = stage(ctx, txn, s, deltas)
		return err
	})
	if err != nil {
		return nil, deltas, err
	}
	return s, deltas, nil
}

// Get reads one item by primary key.
func (d *Driver) Get(ctx context.Context, g *driver.Get) (attr.Item, error) {
	t, err := d.lookup(g.Table, msgNotFound)
	if err != nil {
		return nil, err
	}
	v, err := engine.GetShared(ctx, d.eng, t.itemKey(g.Key))
	if errors.Is(err, engine.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	it, _, err := decodeOwnedRecord(v)
	return it, err
}

// expireWrite is the Delete the TTL sweeper stages.
var expireWrite = driver.Write{Kind: driver.Delete}

// recordBufs holds scratch buffers for setRecord.
var recordBufs = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

// setRecord buffers the write of its record at key. The record is built
// in a pooled buffer, since txn.Set copies it (engine.Txn): appending a
// 1 KB item to a nil slice grew it eight times, a quarter of a PutItem's
// allocated bytes.
func setRecord(txn engine.Txn, key []byte, it attr.Item, size int) error {
	bufp := recordBufs.Get().(*[]byte)
	rec := appendRecord((*bufp)[:0], it, size)
	err := txn.Set(key, rec)
	if cap(rec) <= 64<<10 { // keep a 400 KB item's buffer out of the pool
		*bufp = rec[:0]
		recordBufs.Put(bufp)
	}
	return err
}
