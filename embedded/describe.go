package embedded

import (
	"slices"
	"time"

	"github.com/kvs-project/kvs/schema"
)

// currentDef rebuilds the table's definition as it stands, with its current
// indexes and those still being deleted.
func (t *table) currentDef() *schema.TableDefinition {
	def := t.rec.Def
	def.LocalSecondaryIndexes, def.GlobalSecondaryIndexes = nil, nil
	for _, ir := range slices.Concat(t.rec.Indexes, t.rec.Deleting) {
		if ir.Local {
			def.LocalSecondaryIndexes = append(def.LocalSecondaryIndexes,
				schema.LocalSecondaryIndex{IndexName: ir.Name, KeySchema: ir.KeySchema, Projection: ir.Projection})
			continue
		}
		g := schema.GlobalSecondaryIndex{IndexName: ir.Name, KeySchema: ir.KeySchema, Projection: ir.Projection, OnDemandThroughput: ir.OnDemand}
		if ir.Throughput != nil {
			g.ProvisionedThroughput = &schema.ProvisionedThroughput{ReadCapacityUnits: ir.Throughput.ReadCapacityUnits, WriteCapacityUnits: ir.Throughput.WriteCapacityUnits}
		}
		def.GlobalSecondaryIndexes = append(def.GlobalSecondaryIndexes, g)
	}
	def.Tags = t.rec.Tags
	return &def
}

// describe builds a table's description in DynamoDB's shape with
// schema.Describe, then adds what only the driver knows: sizes, counts,
// index statuses and throughput history.
func (d *Driver) describe(t *table) *schema.TableDescription {
	rec := t.rec
	created := time.UnixMilli(int64(rec.Created*1000 + 0.5))
	desc := schema.Describe(t.currentDef(), schema.DescribeOptions{
		Region: d.opts.Region, Account: d.opts.Account, TableID: rec.UUID, Created: created,
	})
	desc.CreationDateTime = rec.Created
	desc.TableSizeBytes = t.stats.table.bytes.Load()
	desc.ItemCount = t.stats.table.count.Load()
	if rec.Throughput != nil && desc.ProvisionedThroughput != nil && rec.Def.BillingMode != schema.BillingPayPerRequest {
		tp := *rec.Throughput
		desc.ProvisionedThroughput = &tp
	}
	if rec.StreamSince != nil {
		// A disabled stream stays readable for 24 hours, and DynamoDB
		// keeps describing it as the latest stream (without a
		// StreamSpecification), as DynamoDB Local does (ScyllaDB's
		// alternator tests, run against DynamoDB, check it).
		label := schema.StreamLabel(time.UnixMilli(int64(*rec.StreamSince*1000 + 0.5)))
		desc.LatestStreamLabel = label
		desc.LatestStreamArn = schema.StreamARN(d.opts.Region, d.opts.Account, rec.Def.TableName, label)
	}
	if rec.PayPerRequestSince != nil {
		mode := rec.Def.BillingMode
		if mode == "" {
			mode = schema.BillingProvisioned
		}
		at := *rec.PayPerRequestSince
		desc.BillingModeSummary = &schema.BillingModeSummary{BillingMode: mode, LastUpdateToPayPerRequestDateTime: &at}
	}
	for _, x := range t.indexes {
		xd := findIndexDesc(desc, x.name, x.local)
		if xd == nil {
			continue
		}
		if x.local {
			xd.IndexSizeBytes = x.stats.bytes.Load()
			xd.ItemCount = x.stats.count.Load()
			continue
		}
		xd.IndexStatus = x.rec.Status
		if x.rec.Status != schema.StatusCreating || x.rec.Backfilling {
			xd.IndexSizeBytes = x.stats.bytes.Load()
			xd.ItemCount = x.stats.count.Load()
		}
		if x.rec.Status == schema.StatusCreating {
			// Only an index added by UpdateTable is ever CREATING, and
			// only such an index has Backfilling (see lifecycle.go); its
			// counters start at 0 (ack-api-quirks DDB-TABLE-138).
			b := x.rec.Backfilling
			xd.Backfilling = &b
		}
	}
	for _, ir := range rec.Deleting {
		if xd := findIndexDesc(desc, ir.Name, false); xd != nil {
			// DynamoDB Local reports a deleted index's counters as 0.
			xd.IndexStatus = schema.StatusDeleting
		}
	}
	if indexesInFlight(rec) {
		desc.TableStatus = schema.StatusUpdating
	}
	return desc
}

func findIndexDesc(desc *schema.TableDescription, name string, local bool) *schema.IndexDescription {
	list := desc.GlobalSecondaryIndexes
	if local {
		list = desc.LocalSecondaryIndexes
	}
	for i := range list {
		if list[i].IndexName == name {
			return &list[i]
		}
	}
	return nil
}

func streamEnabled(s *schema.StreamSpecification) bool {
	return s != nil && s.StreamEnabled
}
