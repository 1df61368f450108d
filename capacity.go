package kvs

import (
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
)

// DynamoDB's capacity arithmetic: a read unit covers 4 KB read with strong
// consistency (half a unit when eventually consistent), a write unit covers
// 1 KB written; a write costs the larger of the old and new item; every
// secondary index an item enters, leaves or changes in costs its own write;
// transactional requests cost double.

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
	size := max(res.Old.Size(), res.New.Size())
	tableUnits := Units(ceilDiv(size, writeUnitBytes))
	if transactional {
		tableUnits *= 2
	}
	c := &ConsumedCapacity{TableName: ti.desc.TableName, CapacityUnits: tableUnits}
	var gsi, lsi map[string]*Capacity
	for name, ix := range ti.indexes {
		n := indexWrites(ix, res.Old, res.New)
		if n == 0 {
			continue
		}
		u := Units(n * ceilDiv(size, writeUnitBytes))
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

// indexWrites counts the index writes one item change causes: one when the
// item enters or leaves the index or changes within it, two when its index
// key changes (a delete and a put).
func indexWrites(ix *indexInfo, old, new attr.Item) int {
	in := func(it attr.Item) bool {
		if it == nil || it[ix.key.Hash].IsZero() {
			return false
		}
		return ix.key.Range == "" || !it[ix.key.Range].IsZero()
	}
	wasIn, isIn := in(old), in(new)
	switch {
	case wasIn && isIn:
		if !attr.Equal(old[ix.key.Hash], new[ix.key.Hash]) ||
			(ix.key.Range != "" && !attr.Equal(old[ix.key.Range], new[ix.key.Range])) {
			return 2
		}
		return 1
	case wasIn || isIn:
		return 1
	}
	return 0
}
