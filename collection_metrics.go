package kvs

import (
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
)

// CollectionMetricsSize is the ReturnItemCollectionMetrics value that asks
// for item collection metrics.
const CollectionMetricsSize = "SIZE"

// collectionMetrics is the ItemCollectionMetrics of one write, or nil when
// not asked for, when the table has no local secondary index (only those
// bound an item collection's size), or when the write changed nothing (a
// delete of an item that does not exist).
//
// kvs does not keep per-collection sizes, so the estimate is DynamoDB's
// answer for a collection under 1 GB, [0.0, 1.0] (the Developer Guide's
// "Item collections in Local Secondary Indexes" example); the 10 GB limit
// on a collection is not enforced.
func collectionMetrics(ti *tableInfo, mode string, key attr.Item, res *driver.WriteResult) *ItemCollectionMetrics {
	if mode != CollectionMetricsSize || res == nil || (res.Old == nil && res.OldSize == 0 && res.New == nil) || !ti.hasLocalIndex() {
		return nil
	}
	return &ItemCollectionMetrics{
		ItemCollectionKey:   attr.Item{ti.key.Hash: key[ti.key.Hash]},
		SizeEstimateRangeGB: []Units{0, 1},
	}
}

func (ti *tableInfo) hasLocalIndex() bool {
	for _, ix := range ti.indexes {
		if !ix.global {
			return true
		}
	}
	return false
}

// addCollectionMetrics appends m to the per-table metrics of a batch or
// transaction answer.
func addCollectionMetrics(dst *map[string][]ItemCollectionMetrics, table string, m *ItemCollectionMetrics) {
	if m == nil {
		return
	}
	if *dst == nil {
		*dst = map[string][]ItemCollectionMetrics{}
	}
	(*dst)[table] = append((*dst)[table], *m)
}
