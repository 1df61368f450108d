package embedded

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"slices"
	"sort"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/schema"
)

// Table catalog operations. Each holds catMu exclusively, commits the new
// catalog record in one engine batch, then publishes the new table.

// CreateTable creates a table from a validated definition.
func (d *Driver) CreateTable(ctx context.Context, def *schema.TableDefinition) (*schema.TableDescription, error) {
	d.catMu.Lock()
	defer d.catMu.Unlock()
	if d.closed {
		return nil, errClosed
	}
	if d.tables[def.TableName] != nil {
		return nil, apierr.Newf(apierr.ResourceInUse, "Table already exists: %s", def.TableName)
	}
	id, err := d.nextTableID(ctx)
	if err != nil {
		return nil, err
	}
	rec := &tableRecord{ID: id, Def: *def, Created: d.epoch(), UUID: newUUID()}
	rec.Def.LocalSecondaryIndexes, rec.Def.GlobalSecondaryIndexes = nil, nil
	rec.Def.AttributeDefinitions = slices.Clone(def.AttributeDefinitions)
	rec.Def.Tags = nil
	rec.Tags = slices.Clone(def.Tags)
	if def.BillingMode == schema.BillingPayPerRequest {
		at := rec.Created
		rec.PayPerRequestSince = &at
	}
	rec.Throughput = throughputDesc(def.ProvisionedThroughput)
	for _, l := range def.LocalSecondaryIndexes {
		rec.Indexes = append(rec.Indexes, indexRecord{ID: rec.NextIndexID + 1, Name: l.IndexName, Local: true,
			KeySchema: l.KeySchema, Projection: l.Projection, Status: schema.StatusActive})
		rec.NextIndexID++
	}
	for _, g := range def.GlobalSecondaryIndexes {
		rec.Indexes = append(rec.Indexes, indexRecord{ID: rec.NextIndexID + 1, Name: g.IndexName,
			KeySchema: g.KeySchema, Projection: g.Projection, Status: schema.StatusActive,
			Throughput: throughputDesc(g.ProvisionedThroughput), OnDemand: g.OnDemandThroughput})
		rec.NextIndexID++
	}
	var b engine.Batch
	b.Set(catalogKey(def.TableName), encodeCatalogRecord(rec))
	b.Set(metaNextTableID, binary.BigEndian.AppendUint32(nil, id+1))
	if _, err := d.eng.Apply(ctx, &b); err != nil {
		return nil, err
	}
	t := newTable(def.TableName, rec, nil)
	d.tables[def.TableName] = t
	return d.describe(t), nil
}

// nextTableID returns the next unused table id. The caller holds catMu
// exclusively and commits id+1 with the new table.
func (d *Driver) nextTableID(ctx context.Context) (uint32, error) {
	v, err := d.eng.Get(ctx, metaNextTableID)
	if errors.Is(err, engine.ErrNotFound) {
		return 1, nil
	}
	if err != nil {
		return 0, err
	}
	if len(v) != 4 {
		return 0, errCorruptCatalog
	}
	return binary.BigEndian.Uint32(v), nil
}

func throughputDesc(p *schema.ProvisionedThroughput) *schema.ProvisionedThroughputDescription {
	if p == nil {
		return nil
	}
	return &schema.ProvisionedThroughputDescription{ReadCapacityUnits: p.ReadCapacityUnits, WriteCapacityUnits: p.WriteCapacityUnits}
}

// newUUID returns a random version-4 UUID, DynamoDB's TableId form.
func newUUID() string {
	var u [16]byte
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	h := hex.EncodeToString(u[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// epoch returns the clock's time in epoch seconds with millisecond precision,
// as DynamoDB reports times.
func (d *Driver) epoch() float64 {
	return float64(d.clock().UnixMilli()) / 1000
}

// DeleteTable removes a table from the catalog at once; its items and index
// entries are erased in the background.
func (d *Driver) DeleteTable(ctx context.Context, name string) (*schema.TableDescription, error) {
	d.catMu.Lock()
	defer d.catMu.Unlock()
	t, err := d.lookupLocked(name, msgTableNotFound(name))
	if err != nil {
		return nil, err
	}
	if p := t.rec.Def.DeletionProtectionEnabled; p != nil && *p {
		return nil, apierr.Validationf("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
	}
	desc := d.describe(t)
	desc.TableStatus = schema.StatusDeleting
	var b engine.Batch
	b.Delete(catalogKey(name))
	b.Set(dropKey(t.id, 0, true), nil)
	if _, err := d.eng.Apply(ctx, &b); err != nil {
		return nil, err
	}
	delete(d.tables, name)
	d.startDrop(dropJob{table: t.id, whole: true})
	return desc, nil
}

// DescribeTable describes a table.
func (d *Driver) DescribeTable(ctx context.Context, name string) (*schema.TableDescription, error) {
	t, err := d.lookup(name, msgTableNotFound(name))
	if err != nil {
		return nil, err
	}
	return d.describe(t), nil
}

// ListTables returns every table name in lexical order.
func (d *Driver) ListTables(ctx context.Context) ([]string, error) {
	d.catMu.RLock()
	defer d.catMu.RUnlock()
	if d.closed {
		return nil, errClosed
	}
	names := make([]string, 0, len(d.tables))
	for n := range d.tables {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

// putRecord commits a changed catalog record and publishes the table. The
// caller holds catMu exclusively; rec must be a fresh copy (records are
// immutable once published).
func (d *Driver) putRecord(ctx context.Context, t *table, rec *tableRecord, b *engine.Batch) (*table, error) {
	if b == nil {
		b = new(engine.Batch)
	}
	b.Set(catalogKey(t.name), encodeCatalogRecord(rec))
	if _, err := d.eng.Apply(ctx, b); err != nil {
		return nil, err
	}
	nt := newTable(t.name, rec, t.stats)
	d.tables[t.name] = nt
	return nt, nil
}

// copyRecord returns a deep enough copy of rec for modification.
func copyRecord(rec *tableRecord) *tableRecord {
	c := *rec
	c.Def.AttributeDefinitions = slices.Clone(rec.Def.AttributeDefinitions)
	c.Indexes = slices.Clone(rec.Indexes)
	c.Deleting = slices.Clone(rec.Deleting)
	c.Tags = slices.Clone(rec.Tags)
	if rec.TTL != nil {
		ttl := *rec.TTL
		c.TTL = &ttl
	}
	if rec.Throughput != nil {
		tp := *rec.Throughput
		c.Throughput = &tp
	}
	return &c
}

// UpdateTimeToLive enables or disables TTL on one attribute.
func (d *Driver) UpdateTimeToLive(ctx context.Context, name string, spec schema.TimeToLiveSpecification) error {
	d.catMu.Lock()
	defer d.catMu.Unlock()
	t, err := d.lookupLocked(name, msgTableNotFound(name))
	if err != nil {
		return err
	}
	cur := t.rec.TTL
	switch {
	case cur != nil && cur.Enabled && cur.AttributeName != spec.AttributeName:
		// DynamoDB names the current attribute (ack-api-quirks DDB-TABLE-442's
		// catalogue of its answers); DynamoDB Local stops after "AttributeName".
		return apierr.Validationf("TimeToLive is active on a different AttributeName: current AttributeName is %s", cur.AttributeName)
	case spec.Enabled && cur != nil && cur.Enabled:
		return apierr.Validationf("TimeToLive is already enabled")
	case !spec.Enabled && (cur == nil || !cur.Enabled):
		return apierr.Validationf("TimeToLive is already disabled")
	}
	rec := copyRecord(t.rec)
	rec.TTL = &spec
	_, err = d.putRecord(ctx, t, rec, nil)
	return err
}

// DescribeTimeToLive reports a table's TTL setting.
func (d *Driver) DescribeTimeToLive(ctx context.Context, name string) (*schema.TimeToLiveDescription, error) {
	t, err := d.lookup(name, msgTableNotFound(name))
	if err != nil {
		return nil, err
	}
	if ttl := t.rec.TTL; ttl != nil && ttl.Enabled {
		return &schema.TimeToLiveDescription{TimeToLiveStatus: "ENABLED", AttributeName: ttl.AttributeName}, nil
	}
	return &schema.TimeToLiveDescription{TimeToLiveStatus: "DISABLED"}, nil
}

// TagResource adds tags, replacing the values of existing keys.
func (d *Driver) TagResource(ctx context.Context, name string, tags []schema.Tag) error {
	d.catMu.Lock()
	defer d.catMu.Unlock()
	t, err := d.lookupLocked(name, d.msgARNNotFound(name))
	if err != nil {
		return err
	}
	rec := copyRecord(t.rec)
	for _, tag := range tags {
		i := slices.IndexFunc(rec.Tags, func(x schema.Tag) bool { return x.Key == tag.Key })
		if i >= 0 {
			rec.Tags[i].Value = tag.Value
		} else {
			rec.Tags = append(rec.Tags, tag)
		}
	}
	_, err = d.putRecord(ctx, t, rec, nil)
	return err
}

// UntagResource removes tags by key.
func (d *Driver) UntagResource(ctx context.Context, name string, keys []string) error {
	d.catMu.Lock()
	defer d.catMu.Unlock()
	t, err := d.lookupLocked(name, d.msgARNNotFound(name))
	if err != nil {
		return err
	}
	rec := copyRecord(t.rec)
	rec.Tags = slices.DeleteFunc(rec.Tags, func(x schema.Tag) bool { return slices.Contains(keys, x.Key) })
	_, err = d.putRecord(ctx, t, rec, nil)
	return err
}

// ListTags returns a table's tags in the order they were added.
func (d *Driver) ListTags(ctx context.Context, name string) ([]schema.Tag, error) {
	t, err := d.lookup(name, d.msgARNNotFound(name))
	if err != nil {
		return nil, err
	}
	return slices.Clone(t.rec.Tags), nil
}

// msgARNNotFound is DynamoDB's message for tagging calls on a missing table
// (sic: "ResourcArn"), with the ARN in the driver's region and account.
func (d *Driver) msgARNNotFound(name string) string {
	return "Requested resource not found: ResourcArn: " + schema.TableARN(d.opts.Region, d.opts.Account, name) + " not found"
}
