package kvs

import (
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/schema"
)

// DynamoDB's capacity arithmetic: a read unit covers 4 KB read with strong
// consistency (half a unit when eventually consistent), a write unit covers
// 1 KB written; a write costs the larger of the old and new item; every
// secondary index entry the write creates, deletes or changes costs its own
// write, sized by the entry (its projected attributes); transactional
// requests cost double.

const (
	readUnitBytes  = 4 * 1024
	writeUnitBytes = 1024
)

func ceilDiv(n, d int) int {
	if n <= 0 {
		return 1
	}
	return (n + d - 1) / d
}

// readUnits is the cost of reading size bytes.
func readUnits(size int, consistent, transactional bool) Units {
	u := Units(ceilDiv(size, readUnitBytes))
	if !consistent {
		u /= 2
	}
	if transactional {
		u *= 2
	}
	return u
}

func readCapacity(table, mode string, size int, consistent, transactional bool) *ConsumedCapacity {
	u := readUnits(size, consistent, transactional)
	c := &ConsumedCapacity{TableName: table, CapacityUnits: u}
	if mode == CapacityIndexes {
		c.Table = &Capacity{CapacityUnits: u}
	}
	return c
}

// writeCapacity is the capacity of one write, or nil when not asked for.
func writeCapacity(ti *tableInfo, mode string, res *driver.WriteResult, transactional bool) *ConsumedCapacity {
	if mode == "" || mode == CapacityNone {
		return nil
	}
	size := max(oldSize(res), res.New.Size())
	tableUnits := Units(ceilDiv(size, writeUnitBytes))
	if transactional {
		tableUnits *= 2
	}
	c := &ConsumedCapacity{TableName: ti.desc.TableName, CapacityUnits: tableUnits}
	var gsi, lsi map[string]*Capacity
	for name, ix := range ti.indexes {
		u := Units(indexWriteUnits(ti, ix, res.Old, res.New))
		if u == 0 {
			continue
		}
		if transactional {
			u *= 2
		}
		c.CapacityUnits += u
		if mode != CapacityIndexes {
			continue
		}
		if ix.global {
			if gsi == nil {
				gsi = map[string]*Capacity{}
			}
			gsi[name] = &Capacity{CapacityUnits: u}
		} else {
			if lsi == nil {
				lsi = map[string]*Capacity{}
			}
			lsi[name] = &Capacity{CapacityUnits: u}
		}
	}
	if mode == CapacityIndexes {
		c.Table = &Capacity{CapacityUnits: tableUnits}
		c.GlobalSecondaryIndexes, c.LocalSecondaryIndexes = gsi, lsi
	}
	return c
}

// oldSize is the size of the item a write replaced, 0 when there was none.
// A driver reports it in OldSize; results kvs builds itself (transaction
// estimates) carry only Old.
func oldSize(res *driver.WriteResult) int {
	if res.OldSize != 0 {
		return res.OldSize
	}
	return res.Old.Size()
}

// capacityNeedsOld reports whether writeCapacity needs the whole old item
// (driver.Write.NeedOld) and not just its size: for the index units, when
// capacity is asked for on a table with indexes.
func capacityNeedsOld(ti *tableInfo, mode string) bool {
	return mode != "" && mode != CapacityNone && len(ti.indexes) > 0
}

// indexWriteUnits is the write units one item change costs in an index. An
// index entry holds the projected attributes only, and DynamoDB charges for
// the entries that change: nothing when the entry stays the same (an update
// of attributes the index does not project), one write sized by the larger
// entry when it changes in place, one write when the item enters or leaves
// the index, and a delete plus a put when its index key changes.
func indexWriteUnits(ti *tableInfo, ix *indexInfo, old, new attr.Item) int {
	oldEntry, newEntry := indexEntry(ti, ix, old), indexEntry(ti, ix, new)
	units := func(e attr.Item) int { return ceilDiv(e.Size(), writeUnitBytes) }
	switch {
	case oldEntry != nil && newEntry != nil:
		if !attr.Equal(old[ix.key.Hash], new[ix.key.Hash]) ||
			(ix.key.Range != "" && !attr.Equal(old[ix.key.Range], new[ix.key.Range])) {
			return units(oldEntry) + units(newEntry)
		}
		if itemsEqual(oldEntry, newEntry) {
			return 0
		}
		return ceilDiv(max(oldEntry.Size(), newEntry.Size()), writeUnitBytes)
	case oldEntry != nil:
		return units(oldEntry)
	case newEntry != nil:
		return units(newEntry)
	}
	return 0
}

// indexEntry is the entry item it has in index ix (its projected
// attributes), or nil when the item is not in the index.
func indexEntry(ti *tableInfo, ix *indexInfo, it attr.Item) attr.Item {
	if it == nil || it[ix.key.Hash].IsZero() || (ix.key.Range != "" && it[ix.key.Range].IsZero()) {
		return nil
	}
	if ix.projection.ProjectionType == schema.ProjectAll || ix.projection.ProjectionType == "" {
		return it
	}
	e := attr.Item{}
	for _, name := range []string{ti.key.Hash, ti.key.Range, ix.key.Hash, ix.key.Range} {
		if name != "" {
			if v, ok := it[name]; ok {
				e[name] = v
			}
		}
	}
	if ix.projection.ProjectionType == schema.ProjectInclude {
		for _, name := range ix.projection.NonKeyAttributes {
			if v, ok := it[name]; ok {
				e[name] = v
			}
		}
	}
	return e
}

func itemsEqual(a, b attr.Item) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !attr.Equal(v, w) {
			return false
		}
	}
	return true
}

// addCapacity adds src's units, per table and per index, to dst (one
// table's total over several requests of a batch or transaction).
func addCapacity(dst, src *ConsumedCapacity) {
	dst.CapacityUnits += src.CapacityUnits
	if src.Table != nil {
		if dst.Table == nil {
			dst.Table = &Capacity{}
		}
		dst.Table.CapacityUnits += src.Table.CapacityUnits
	}
	addIndexes := func(dst *map[string]*Capacity, src map[string]*Capacity) {
		for name, c := range src {
			if *dst == nil {
				*dst = map[string]*Capacity{}
			}
			if d := (*dst)[name]; d != nil {
				d.CapacityUnits += c.CapacityUnits
			} else {
				(*dst)[name] = &Capacity{CapacityUnits: c.CapacityUnits}
			}
		}
	}
	addIndexes(&dst.GlobalSecondaryIndexes, src.GlobalSecondaryIndexes)
	addIndexes(&dst.LocalSecondaryIndexes, src.LocalSecondaryIndexes)
}
