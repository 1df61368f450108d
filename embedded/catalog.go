package embedded

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/schema"
)

// tableRecord is a table's catalog record, stored as JSON under
// catalogKey(name). The definition's index lists are moved into Indexes,
// which is authoritative (indexes come and go with UpdateTable).
type tableRecord struct {
	ID         uint32                                   `json:"id"`
	UUID       string                                   `json:"uuid"`
	Tags       []schema.Tag                             `json:"tags,omitempty"`
	Def        schema.TableDefinition                   `json:"def"`
	Created    float64                                  `json:"created"`
	Throughput *schema.ProvisionedThroughputDescription `json:"throughput,omitempty"`
	// PayPerRequestSince is when the table last switched to on-demand.
	PayPerRequestSince *float64                        `json:"ppr_since,omitempty"`
	TTL                *schema.TimeToLiveSpecification `json:"ttl,omitempty"`
	// StreamSince is when the table's latest stream was enabled by
	// UpdateTable, or, once a stream enabled by CreateTable is disabled,
	// the table's creation time; nil otherwise. It names the stream
	// (LatestStreamLabel), which DynamoDB keeps describing after the stream
	// is disabled (see describe.go).
	StreamSince *float64      `json:"stream_since,omitempty"`
	Indexes     []indexRecord `json:"indexes,omitempty"`
	NextIndexID uint16        `json:"next_index_id"`
	// Deleting are global secondary indexes deleted by UpdateTable that
	// DescribeTable still lists as DELETING (see lifecycle.go). They are
	// out of Indexes: no read or write uses them, and their entries are
	// being erased.
	Deleting []indexRecord `json:"deleting,omitempty"`
}

// indexRecord describes one secondary index.
type indexRecord struct {
	ID         uint16                    `json:"id"`
	Name       string                    `json:"name"`
	Local      bool                      `json:"local,omitempty"`
	KeySchema  []schema.KeySchemaElement `json:"key_schema"`
	Projection schema.Projection         `json:"projection"`
	Status     string                    `json:"status"`
	// Backfilling is set once a CREATING index leaves DynamoDB's resource
	// allocation phase and its backfill runs (see lifecycle.go).
	Backfilling bool                                     `json:"backfilling,omitempty"`
	Throughput  *schema.ProvisionedThroughputDescription `json:"throughput,omitempty"`
	OnDemand    *schema.OnDemandThroughput               `json:"on_demand,omitempty"`
}

// table is the in-memory, immutable view of a catalog record, with the key
// schema resolved for fast use. A catalog change builds a new table sharing
// the statistics counters.
type table struct {
	rec    *tableRecord
	name   string
	id     uint32
	pk, sk string // sk "" without a sort key
	// types of the key attributes from the attribute definitions
	types   map[string]attr.Type
	indexes []*index
	stats   *tableStats
}

// index is the resolved form of an indexRecord.
type index struct {
	rec    indexRecord
	id     uint16
	name   string
	local  bool
	pk, sk string
	// include lists the projected non-key attributes (INCLUDE); all is set
	// for ALL.
	all     bool
	include map[string]bool
	stats   *counters
}

// active reports whether the index answers reads.
func (x *index) active() bool { return x.rec.Status == "ACTIVE" }

// counters are an item count and a byte size, updated atomically.
type counters struct {
	count, bytes atomic.Int64
}

func (c *counters) add(dc, db int64) {
	if dc != 0 {
		c.count.Add(dc)
	}
	if db != 0 {
		c.bytes.Add(db)
	}
}

// tableStats are a table's counters and its indexes' (by index id). The
// map is fixed once built: a catalog change builds new tableStats sharing the
// counters of what survives, so writes in flight on an old version of the
// table still count.
type tableStats struct {
	table   *counters
	indexes map[uint16]*counters
}

// newTable resolves a record. prev, when not nil, is the table's previous
// version, whose counters are carried over.
func newTable(name string, rec *tableRecord, prev *tableStats) *table {
	t := &table{rec: rec, name: name, id: rec.ID, types: map[string]attr.Type{}}
	for _, ad := range rec.Def.AttributeDefinitions {
		typ, _ := attr.ParseType(ad.AttributeType)
		t.types[ad.AttributeName] = typ
	}
	t.pk, t.sk = splitKeySchema(rec.Def.KeySchema)
	t.stats = &tableStats{table: &counters{}, indexes: map[uint16]*counters{}}
	if prev != nil {
		t.stats.table = prev.table
	}
	for _, ir := range rec.Indexes {
		c := &counters{}
		if prev != nil && prev.indexes[ir.ID] != nil {
			c = prev.indexes[ir.ID]
		}
		t.stats.indexes[ir.ID] = c
		x := &index{rec: ir, id: ir.ID, name: ir.Name, local: ir.Local, stats: c}
		x.pk, x.sk = splitKeySchema(ir.KeySchema)
		switch ir.Projection.ProjectionType {
		case schema.ProjectAll:
			x.all = true
		case schema.ProjectInclude:
			x.include = map[string]bool{}
			for _, a := range ir.Projection.NonKeyAttributes {
				x.include[a] = true
			}
		}
		t.indexes = append(t.indexes, x)
	}
	return t
}

// findIndex returns the index named name, or nil.
func (t *table) findIndex(name string) *index {
	for _, x := range t.indexes {
		if x.name == name {
			return x
		}
	}
	return nil
}

func splitKeySchema(ks []schema.KeySchemaElement) (hash, rng string) {
	for _, k := range ks {
		if k.KeyType == schema.KeyTypeHash {
			hash = k.AttributeName
		} else {
			rng = k.AttributeName
		}
	}
	return hash, rng
}

// errCorruptCatalog wraps catalog decoding failures.
var errCorruptCatalog = errors.New("embedded: corrupt catalog")

func encodeCatalogRecord(rec *tableRecord) []byte {
	b, err := json.Marshal(rec)
	if err != nil {
		panic(fmt.Sprintf("embedded: encoding catalog record: %v", err))
	}
	return b
}

func decodeCatalogRecord(b []byte) (*tableRecord, error) {
	rec := new(tableRecord)
	if err := json.Unmarshal(b, rec); err != nil {
		return nil, fmt.Errorf("%w: %v", errCorruptCatalog, err)
	}
	return rec, nil
}

// load checks the layout version and reads the catalog.
func (d *Driver) load(ctx context.Context) error {
	v, err := d.eng.Get(ctx, metaFormat)
	switch {
	case errors.Is(err, engine.ErrNotFound):
		var b engine.Batch
		b.Set(metaFormat, []byte(layoutVersion))
		if _, err := d.eng.Apply(ctx, &b); err != nil {
			return err
		}
	case err != nil:
		return err
	case string(v) != layoutVersion:
		return fmt.Errorf("embedded: store has layout version %q, this build reads %q", v, layoutVersion)
	}
	snap, err := d.eng.NewSnapshot(ctx)
	if err != nil {
		return err
	}
	defer snap.Close()
	it, err := snap.NewIter(ctx, engine.IterOptions{Lower: []byte{spaceCatalog}, Upper: []byte{spaceCatalog + 1}})
	if err != nil {
		return err
	}
	for it.Next() {
		rec, err := decodeCatalogRecord(it.Value())
		if err != nil {
			it.Close()
			return err
		}
		name := string(it.Key()[1:])
		d.tables[name] = newTable(name, rec, nil)
	}
	if err := it.Close(); err != nil {
		return err
	}
	return d.loadStats(ctx, snap)
}

func uint32Key(prefix byte, id uint32) []byte {
	return binary.BigEndian.AppendUint32([]byte{prefix}, id)
}
