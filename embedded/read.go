package embedded

import (
	"bytes"
	"context"
	"encoding/binary"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/expr"
	"github.com/kvs-project/kvs/internal/keyenc"
)

// MaxPageBytes is DynamoDB's limit on the data one Query or Scan page reads
// (before any filter).
const MaxPageBytes = 1 << 20

// Read runs one page of a Query (KeyCondition set) or Scan over a table or
// one of its indexes.
func (d *Driver) Read(ctx context.Context, r *driver.Read) (*driver.Page, error) {
	t, err := d.lookup(r.Table, msgNotFound)
	if err != nil {
		return nil, err
	}
	var x *index
	prefix := itemPrefix(t.id)
	if r.Index != "" {
		x = t.findIndex(r.Index)
		if x == nil {
			return nil, apierr.Validationf("The table does not have the specified index: %s", r.Index)
		}
		if r.Consistent && !x.local {
			return nil, apierr.Validationf("Consistent reads are not supported on global secondary indexes")
		}
		if !x.active() {
			return nil, apierr.Validationf("Cannot read from backfilling global secondary index: %s", r.Index)
		}
		prefix = indexPrefix(t.id, x.id)
	}
	lo, hi := prefix, prefixEnd(prefix)
	reverse := false
	if kc := r.KeyCondition; kc != nil {
		lo, hi = keyConditionBounds(prefix, kc)
		reverse = !r.Forward
	} else if r.TotalSegments > 0 {
		lo, hi = segmentBounds(prefix, r.Segment, r.TotalSegments)
	}
	if r.StartKey != nil {
		if kc := r.KeyCondition; kc != nil && !kc.Match(r.StartKey) {
			return nil, apierr.Validationf("The provided starting key does not match the range key predicate")
		}
		k := t.readKey(x, prefix, r.StartKey)
		if r.KeyCondition == nil && r.TotalSegments > 0 && (bytes.Compare(k, lo) < 0 || bytes.Compare(k, hi) >= 0) {
			return nil, apierr.Validationf("Exclusive start key must lie within the segment")
		}
		if reverse {
			if bytes.Compare(k, hi) < 0 {
				hi = k
			}
		} else if s := successor(k); bytes.Compare(s, lo) > 0 {
			lo = s
		}
	}
	page := &driver.Page{}
	if bytes.Compare(lo, hi) >= 0 {
		return page, nil
	}
	snap, err := d.eng.NewSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	it, err := snap.NewIter(ctx, engine.IterOptions{Lower: lo, Upper: hi, Reverse: reverse})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	fetchBase := x != nil && x.local && !x.all && r.AllAttributes
	for it.Next() {
		item, size, err := decodeRecord(it.Value())
		if err != nil {
			return nil, err
		}
		page.Scanned++
		page.ReadBytes += size
		last := item
		if fetchBase {
			base, err := readItem(ctx, snap, t.itemKey(item))
			if err != nil {
				return nil, err
			}
			if base != nil {
				item = base
			}
		}
		if r.Filter == nil || expr.Eval(r.Filter, item) {
			page.Items = append(page.Items, item)
		}
		if (r.Limit > 0 && page.Scanned >= r.Limit) || page.ReadBytes >= MaxPageBytes {
			page.LastKey = t.lastKey(x, last)
			break
		}
	}
	if err := it.Close(); err != nil {
		return nil, err
	}
	return page, nil
}

// keyConditionBounds turns a key condition into the engine key range of the
// partition it names, narrowed by the sort-key condition. Encodings are
// self-delimiting, so every key whose sort key equals v starts with
// p · enc(v) and nothing else does.
func keyConditionBounds(prefix []byte, kc *expr.KeyCondition) (lo, hi []byte) {
	p := hashedPKPrefix(prefix, kc.HashValue)
	lo, hi = p, prefixEnd(p)
	rc := kc.Range
	if rc == nil {
		return lo, hi
	}
	with := func(v attr.Value) []byte { return keyenc.AppendValue(bytes.Clone(p), v) }
	switch rc.Op {
	case expr.RangeEQ:
		lo = with(rc.Values[0])
		hi = prefixEnd(lo)
	case expr.RangeLT:
		hi = with(rc.Values[0])
	case expr.RangeLE:
		hi = prefixEnd(with(rc.Values[0]))
	case expr.RangeGT:
		lo = prefixEnd(with(rc.Values[0]))
	case expr.RangeGE:
		lo = with(rc.Values[0])
	case expr.RangeBetween:
		lo = with(rc.Values[0])
		hi = prefixEnd(with(rc.Values[1]))
	case expr.RangeBeginsWith:
		lo = keyenc.AppendPrefix(bytes.Clone(p), rc.Values[0])
		hi = prefixEnd(lo)
	}
	return lo, hi
}

// segmentBounds is segment s of n of a scan: the slice
// [s·65536/n, (s+1)·65536/n) of the hash space.
func segmentBounds(prefix []byte, s, n int) (lo, hi []byte) {
	from := s * 65536 / n
	to := (s + 1) * 65536 / n
	lo = binary.BigEndian.AppendUint16(bytes.Clone(prefix), uint16(from))
	if to >= 65536 {
		return lo, prefixEnd(prefix)
	}
	return lo, binary.BigEndian.AppendUint16(bytes.Clone(prefix), uint16(to))
}

// readKey turns an ExclusiveStartKey back into the engine key it stands
// for (recomputing the hash).
func (t *table) readKey(x *index, prefix []byte, k attr.Item) []byte {
	if x == nil {
		return appendHashedKey(bytes.Clone(prefix), k[t.pk], t.skValue(k))
	}
	var isk attr.Value
	if x.sk != "" {
		isk = k[x.sk]
	}
	b := appendHashedKey(bytes.Clone(prefix), k[x.pk], isk)
	return appendKeyTail(b, k[t.pk], t.skValue(k))
}

// lastKey is the LastEvaluatedKey for item: its table key, plus the index
// key attributes on an index read.
func (t *table) lastKey(x *index, item attr.Item) attr.Item {
	k := t.keyOf(item)
	if x != nil {
		k[x.pk] = item[x.pk]
		if x.sk != "" {
			k[x.sk] = item[x.sk]
		}
	}
	return k
}
