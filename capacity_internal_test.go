package kvs

import (
	"strings"
	"testing"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/expr"
	"github.com/kvs-project/kvs/schema"
)

// capTable is a table keyed pk/sk with a GSI of each projection on g and an
// LSI on l, as the wire corpus's capacity.txt has.
func capTable() *tableInfo {
	gsi := func(name string, p schema.Projection) *indexInfo {
		return &indexInfo{name: name, global: true, key: expr.KeySchema{Hash: "g"}, projection: p}
	}
	return &tableInfo{
		desc: &TableDescription{TableName: "cap"},
		key:  expr.KeySchema{Hash: "pk", Range: "sk"},
		indexes: map[string]*indexInfo{
			"gall":  gsi("gall", schema.Projection{ProjectionType: schema.ProjectAll}),
			"gkeys": gsi("gkeys", schema.Projection{ProjectionType: schema.ProjectKeysOnly}),
			"ginc":  gsi("ginc", schema.Projection{ProjectionType: schema.ProjectInclude, NonKeyAttributes: []string{"v"}}),
			"lall":  {name: "lall", key: expr.KeySchema{Hash: "pk", Range: "l"}, projection: schema.Projection{ProjectionType: schema.ProjectAll}},
		},
	}
}

func TestIndexWriteUnits(t *testing.T) {
	ti := capTable()
	big := attr.S(strings.Repeat("x", 4000)) // 4 KB: 4 write units wherever it is projected
	item := func(kv ...any) attr.Item {
		it := attr.Item{"pk": attr.S("a"), "sk": attr.S("1")}
		for i := 0; i < len(kv); i += 2 {
			it[kv[i].(string)] = kv[i+1].(attr.Value)
		}
		return it
	}
	cases := []struct {
		name     string
		old, new attr.Item
		want     map[string]int
	}{
		{"insert into every index", nil, item("g", attr.S("x"), "l", attr.S("y")),
			map[string]int{"gall": 1, "gkeys": 1, "ginc": 1, "lall": 1}},
		{"big item: only ALL projections carry it", nil, item("g", attr.S("x"), "big", big),
			map[string]int{"gall": 4, "gkeys": 1, "ginc": 1, "lall": 0}},
		{"unprojected change leaves KEYS_ONLY and INCLUDE entries alone",
			item("g", attr.S("x"), "w", attr.S("1")), item("g", attr.S("x"), "w", attr.S("2")),
			map[string]int{"gall": 1, "gkeys": 0, "ginc": 0, "lall": 0}},
		{"included attribute change", item("g", attr.S("x"), "v", attr.S("1")), item("g", attr.S("x"), "v", attr.S("2")),
			map[string]int{"gall": 1, "gkeys": 0, "ginc": 1, "lall": 0}},
		{"index key change is a delete and a put", item("g", attr.S("x")), item("g", attr.S("z")),
			map[string]int{"gall": 2, "gkeys": 2, "ginc": 2, "lall": 0}},
		{"leaving the LSI", item("g", attr.S("x"), "l", attr.S("y")), item("g", attr.S("x")),
			map[string]int{"gall": 1, "gkeys": 0, "ginc": 0, "lall": 1}},
		{"identical re-put writes no index", item("g", attr.S("x"), "l", attr.S("y")), item("g", attr.S("x"), "l", attr.S("y")),
			map[string]int{"gall": 0, "gkeys": 0, "ginc": 0, "lall": 0}},
		{"delete", item("g", attr.S("x"), "big", big), nil,
			map[string]int{"gall": 4, "gkeys": 1, "ginc": 1, "lall": 0}},
	}
	for _, tc := range cases {
		for name, want := range tc.want {
			if got := indexWriteUnits(ti, ti.indexes[name], tc.old, tc.new); got != want {
				t.Errorf("%s: %s costs %d write units, want %d", tc.name, name, got, want)
			}
		}
	}
}

func TestWriteCapacityIndexesAndTransactions(t *testing.T) {
	ti := capTable()
	res := &driver.WriteResult{New: attr.Item{"pk": attr.S("a"), "sk": attr.S("1"), "g": attr.S("x")}}
	c := writeCapacity(ti, CapacityIndexes, res, false)
	if c.CapacityUnits != 4 || c.Table == nil || c.Table.CapacityUnits != 1 || len(c.GlobalSecondaryIndexes) != 3 || c.LocalSecondaryIndexes != nil {
		t.Errorf("INDEXES capacity %+v, want 4 units: table 1, three GSIs 1 each, no LSI", c)
	}
	tx := writeCapacity(ti, CapacityTotal, res, true)
	if tx.CapacityUnits != 8 || tx.Table != nil || tx.GlobalSecondaryIndexes != nil {
		t.Errorf("transactional TOTAL capacity %+v, want 8 units and no breakdown", tx)
	}
	sum := writeCapacity(ti, CapacityIndexes, res, false)
	addCapacity(sum, c)
	if sum.CapacityUnits != 8 || sum.Table.CapacityUnits != 2 || sum.GlobalSecondaryIndexes["gall"].CapacityUnits != 2 {
		t.Errorf("addCapacity: %+v, want 8 units, table 2, gall 2", sum)
	}
}

func TestCollectionMetrics(t *testing.T) {
	ti := capTable()
	key := attr.Item{"pk": attr.S("a"), "sk": attr.S("1")}
	written := &driver.WriteResult{New: key}
	m := collectionMetrics(ti, CollectionMetricsSize, key, written)
	if m == nil || len(m.ItemCollectionKey) != 1 || !attr.Equal(m.ItemCollectionKey["pk"], attr.S("a")) ||
		len(m.SizeEstimateRangeGB) != 2 || m.SizeEstimateRangeGB[0] != 0 || m.SizeEstimateRangeGB[1] != 1 {
		t.Errorf("metrics %+v, want key pk=a and [0, 1]", m)
	}
	if m := collectionMetrics(ti, "NONE", key, written); m != nil {
		t.Errorf("NONE: metrics %+v", m)
	}
	if m := collectionMetrics(ti, CollectionMetricsSize, key, &driver.WriteResult{}); m != nil {
		t.Errorf("a delete of nothing: metrics %+v", m)
	}
	delete(ti.indexes, "lall")
	if m := collectionMetrics(ti, CollectionMetricsSize, key, written); m != nil {
		t.Errorf("a table without an LSI: metrics %+v", m)
	}
}
