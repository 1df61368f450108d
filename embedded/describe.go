package embedded

import (
	"time"

	"github.com/kvs-project/kvs/schema"
)

// currentDef rebuilds the table's definition as it stands, with its current
// indexes.
func (t *table) currentDef() *schema.TableDefinition {
	def := t.rec.Def
	def.LocalSecondaryIndexes, def.GlobalSecondaryIndexes = nil, nil
	for _, ir := range t.rec.Indexes {
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
		xd.IndexSizeBytes = x.stats.bytes.Load()
		xd.ItemCount = x.stats.count.Load()
		if x.local {
			continue
		}
		xd.IndexStatus = x.rec.Status
		if x.rec.Status == schema.StatusCreating {
			// A GSI added by UpdateTable is backfilling until ACTIVE; in
			// that phase DynamoDB describes the table as ACTIVE (ack-api-
			// quirks DDB-TABLE-148: UPDATING only while resources are
			// allocated, then ACTIVE while the index backfills).
			yes := true
			xd.Backfilling = &yes
		}
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
