package embedded

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/schema"
)

// UpdateTable changes billing, throughput, streams, encryption, table class
// or deletion protection, creates global secondary indexes (status CREATING
// while a background backfill runs, then ACTIVE) and deletes them (erased in
// the background). kvs has validated the request against the table.
func (d *Driver) UpdateTable(ctx context.Context, req *schema.UpdateTableRequest) (*schema.TableDescription, error) {
	d.catMu.Lock()
	defer d.catMu.Unlock()
	t, err := d.lookupLocked(req.TableName, msgTableNotFound(req.TableName))
	if err != nil {
		return nil, err
	}
	rec := copyRecord(t.rec)
	now := d.epoch()
	for _, ad := range req.AttributeDefinitions {
		if !slices.ContainsFunc(rec.Def.AttributeDefinitions, func(x schema.AttributeDefinition) bool { return x.AttributeName == ad.AttributeName }) {
			rec.Def.AttributeDefinitions = append(rec.Def.AttributeDefinitions, ad)
		}
	}
	if req.BillingMode != "" && req.BillingMode != rec.Def.BillingMode {
		if req.BillingMode == schema.BillingPayPerRequest {
			rec.PayPerRequestSince = &now
			rec.Throughput = nil
			for i := range rec.Indexes {
				rec.Indexes[i].Throughput = nil
			}
		}
		rec.Def.BillingMode = req.BillingMode
	}
	if req.ProvisionedThroughput != nil {
		rec.Throughput = changeThroughput(rec.Throughput, req.ProvisionedThroughput, now)
	}
	if req.OnDemandThroughput != nil {
		odt := *req.OnDemandThroughput
		rec.Def.OnDemandThroughput = &odt
	}
	if req.StreamSpecification != nil {
		s := *req.StreamSpecification
		switch {
		case s.StreamEnabled:
			at := now
			rec.StreamSince = &at
		case rec.StreamSince == nil && streamEnabled(rec.Def.StreamSpecification):
			// The stream CreateTable enabled, labelled by the
			// creation time (schema.Describe).
			at := rec.Created
			rec.StreamSince = &at
		}
		rec.Def.StreamSpecification = &s
	}
	if req.SSESpecification != nil {
		s := *req.SSESpecification
		rec.Def.SSESpecification = &s
	}
	if req.TableClass != "" {
		rec.Def.TableClass = req.TableClass
	}
	if req.DeletionProtectionEnabled != nil {
		v := *req.DeletionProtectionEnabled
		rec.Def.DeletionProtectionEnabled = &v
	}
	var b engine.Batch
	var created, deleted []uint16
	// schema.ValidateUpdateTable refused collisions with an index being
	// created or deleted from the description; the checks below catch a
	// change that raced with that validation.
	for _, u := range req.GlobalSecondaryIndexUpdates {
		switch {
		case u.Create != nil:
			if i := slices.IndexFunc(rec.Indexes, func(x indexRecord) bool { return x.Name == u.Create.IndexName }); i >= 0 {
				if rec.Indexes[i].Status == schema.StatusCreating {
					return nil, apierr.New(apierr.ResourceInUse, schema.MsgIndexBeingCreated)
				}
				return nil, apierr.Validationf("One or more parameter values were invalid: Index with name: %s already exists", u.Create.IndexName)
			}
			if onlineIndexChange(rec, "") {
				return nil, apierr.New(apierr.LimitExceeded, schema.MsgOneIndexAtATime)
			}
			rec.NextIndexID++
			ir := indexRecord{ID: rec.NextIndexID, Name: u.Create.IndexName, KeySchema: u.Create.KeySchema,
				Projection: u.Create.Projection, Status: schema.StatusCreating, OnDemand: u.Create.OnDemandThroughput}
			if rec.Def.BillingMode != schema.BillingPayPerRequest {
				ir.Throughput = throughputDesc(u.Create.ProvisionedThroughput)
			}
			rec.Indexes = append(rec.Indexes, ir)
			created = append(created, ir.ID)
		case u.Update != nil:
			i := slices.IndexFunc(rec.Indexes, func(x indexRecord) bool { return !x.Local && x.Name == u.Update.IndexName })
			if i < 0 {
				if slices.ContainsFunc(rec.Deleting, func(x indexRecord) bool { return x.Name == u.Update.IndexName }) {
					return nil, apierr.Newf(apierr.ResourceInUse, schema.MsgIndexBeingDeleted, req.TableName, u.Update.IndexName)
				}
				return nil, apierr.Validationf("Invalid global secondary index name")
			}
			if rec.Indexes[i].Status == schema.StatusCreating && !rec.Indexes[i].Backfilling {
				return nil, apierr.New(apierr.ResourceInUse, schema.MsgIndexNotBackfilling)
			}
			if u.Update.ProvisionedThroughput != nil {
				rec.Indexes[i].Throughput = changeThroughput(rec.Indexes[i].Throughput, u.Update.ProvisionedThroughput, now)
			}
			if u.Update.OnDemandThroughput != nil {
				odt := *u.Update.OnDemandThroughput
				rec.Indexes[i].OnDemand = &odt
			}
		case u.Delete != nil:
			i := slices.IndexFunc(rec.Indexes, func(x indexRecord) bool { return !x.Local && x.Name == u.Delete.IndexName })
			if i < 0 {
				if slices.ContainsFunc(rec.Deleting, func(x indexRecord) bool { return x.Name == u.Delete.IndexName }) {
					return nil, apierr.New(apierr.LimitExceeded, schema.MsgOneIndexAtATime)
				}
				return nil, apierr.Newf(apierr.ResourceNotFound, "Requested resource not found: Index %s for table %s", u.Delete.IndexName, req.TableName)
			}
			if rec.Indexes[i].Status == schema.StatusCreating && !rec.Indexes[i].Backfilling {
				return nil, apierr.Newf(apierr.ResourceInUse, schema.MsgDeleteAllocatingIndex, req.TableName, u.Delete.IndexName)
			}
			if onlineIndexChange(rec, u.Delete.IndexName) {
				return nil, apierr.New(apierr.LimitExceeded, schema.MsgOneIndexAtATime)
			}
			x := rec.Indexes[i]
			x.Status, x.Backfilling = schema.StatusDeleting, false
			rec.Deleting = append(rec.Deleting, x)
			deleted = append(deleted, x.ID)
			b.Set(dropKey(t.id, x.ID, false), nil)
			rec.Indexes = slices.Delete(rec.Indexes, i, i+1)
		}
	}
	if len(deleted) > 0 {
		pruneAttributeDefinitions(rec)
	}
	nt, err := d.putRecord(ctx, t, rec, &b)
	if err != nil {
		return nil, err
	}
	for _, id := range deleted {
		d.startDrop(dropJob{table: t.id, index: id})
		d.startDeleting(nt.name, nt.id, id, d.deleteDelay())
	}
	for _, id := range created {
		d.startBackfill(nt.name, id, d.createDelay())
	}
	// catMu is held until the answer is built, so no backfill has begun:
	// describe shows a new index in its resource allocation phase and the
	// table UPDATING (see lifecycle.go).
	return d.describe(nt), nil
}

// onlineIndexChange reports whether an index other than except is being
// created or deleted: DynamoDB creates or deletes one index of a table at a
// time.
func onlineIndexChange(rec *tableRecord, except string) bool {
	if len(rec.Deleting) > 0 {
		return true
	}
	return slices.ContainsFunc(rec.Indexes, func(x indexRecord) bool {
		return x.Status == schema.StatusCreating && x.Name != except
	})
}

// pruneAttributeDefinitions drops the attribute definitions no key of the
// table or of its remaining indexes uses: DynamoDB forgets the attribute of
// a deleted GSI (ack-api-quirks DDB-TABLE-151: AttributeDefinitions [a, b,
// c, pk] becomes [a, b, pk] once the index keyed on c is gone).
func pruneAttributeDefinitions(rec *tableRecord) {
	used := map[string]bool{}
	for _, k := range rec.Def.KeySchema {
		used[k.AttributeName] = true
	}
	for _, ir := range rec.Indexes {
		for _, k := range ir.KeySchema {
			used[k.AttributeName] = true
		}
	}
	rec.Def.AttributeDefinitions = slices.DeleteFunc(rec.Def.AttributeDefinitions,
		func(ad schema.AttributeDefinition) bool { return !used[ad.AttributeName] })
}

// changeThroughput returns the new throughput description, recording when
// capacity last went up or down.
func changeThroughput(cur *schema.ProvisionedThroughputDescription, p *schema.ProvisionedThroughput, now float64) *schema.ProvisionedThroughputDescription {
	n := &schema.ProvisionedThroughputDescription{ReadCapacityUnits: p.ReadCapacityUnits, WriteCapacityUnits: p.WriteCapacityUnits}
	if cur == nil {
		return n
	}
	n.LastIncreaseDateTime, n.LastDecreaseDateTime, n.NumberOfDecreasesToday = cur.LastIncreaseDateTime, cur.LastDecreaseDateTime, cur.NumberOfDecreasesToday
	if p.ReadCapacityUnits > cur.ReadCapacityUnits || p.WriteCapacityUnits > cur.WriteCapacityUnits {
		n.LastIncreaseDateTime = &now
	}
	if p.ReadCapacityUnits < cur.ReadCapacityUnits || p.WriteCapacityUnits < cur.WriteCapacityUnits {
		n.LastDecreaseDateTime = &now
		n.NumberOfDecreasesToday++
	}
	return n
}

// startBackfill ends a new global secondary index's resource allocation
// phase after delay, fills it in the background and marks it ACTIVE when
// done.
func (d *Driver) startBackfill(table string, id uint16, delay time.Duration) {
	d.bg.Add(1)
	go func() {
		defer d.bg.Done()
		ok, err := d.allocate(d.bgCtx, table, id, delay)
		if err == nil && ok {
			err = d.backfill(d.bgCtx, table, id)
		}
		if err != nil && d.bgCtx.Err() == nil {
			d.log.Error("embedded: backfilling index", "table", table, "index", id, "err", err)
		}
	}()
}

// errIndexGone stops a backfill whose index or table was deleted meanwhile.
var errIndexGone = errors.New("embedded: index gone")

// indexByID returns the table named name and its index id, or errIndexGone.
// The caller holds catMu.
func (d *Driver) indexByID(name string, id uint16) (*table, *index, error) {
	if d.closed {
		return nil, nil, errIndexGone
	}
	t := d.tables[name]
	if t == nil {
		return nil, nil, errIndexGone
	}
	for _, x := range t.indexes {
		if x.id == id {
			return t, x, nil
		}
	}
	return nil, nil, errIndexGone
}

// backfill adds an index entry for every item of the table. Writes that
// started after the index entered the catalog maintain it themselves; the
// backfill reads each item in a transaction, so an item changed concurrently
// makes the chunk conflict and be redone from the current state.
func (d *Driver) backfill(ctx context.Context, name string, id uint16) error {
	if d.backfillGate != nil {
		select {
		case <-d.backfillGate:
		case <-ctx.Done():
			return nil
		}
	}
	var lo []byte
	for {
		next, done, err := d.backfillChunk(ctx, name, id, lo)
		if errors.Is(err, errIndexGone) {
			return nil
		}
		if errors.Is(err, engine.ErrConflict) {
			continue
		}
		if err != nil {
			return err
		}
		if done {
			break
		}
		lo = next
	}
	d.catMu.Lock()
	defer d.catMu.Unlock()
	t, _, err := d.indexByID(name, id)
	if err != nil {
		return nil
	}
	rec := copyRecord(t.rec)
	for i := range rec.Indexes {
		if rec.Indexes[i].ID == id {
			rec.Indexes[i].Status = schema.StatusActive
		}
	}
	_, err = d.putRecord(ctx, t, rec, nil)
	return err
}

// backfillChunk indexes up to a chunk of items from lo (nil: the table's
// first item) in one transaction. It holds catMu shared like any write, so
// the index cannot vanish under it.
func (d *Driver) backfillChunk(ctx context.Context, name string, id uint16, lo []byte) (next []byte, done bool, err error) {
	const chunk = 256
	d.catMu.RLock()
	defer d.catMu.RUnlock()
	t, x, err := d.indexByID(name, id)
	if err != nil {
		return nil, false, err
	}
	if lo == nil {
		lo = itemPrefix(t.id)
	}
	txn, err := d.eng.Begin(ctx)
	if err != nil {
		return nil, false, err
	}
	defer txn.Discard()
	it, err := txn.NewIter(ctx, engine.IterOptions{Lower: lo, Upper: prefixEnd(itemPrefix(t.id))})
	if err != nil {
		return nil, false, err
	}
	var deltas []statDelta
	n := 0
	var last []byte
	for n < chunk && it.Next() {
		n++
		last = append(last[:0], it.Key()...)
		item, size, err := decodeRecord(it.Value())
		if err != nil {
			it.Close()
			return nil, false, err
		}
		k := t.entryKey(x, item)
		if k == nil {
			continue
		}
		if _, err := txn.Get(ctx, k); err == nil {
			continue // a concurrent write already indexed it
		}
		p, psize := t.projectSized(x, item, size)
		if err := txn.Set(k, appendRecord(nil, p, psize)); err != nil {
			it.Close()
			return nil, false, err
		}
		deltas = append(deltas, statDelta{x.stats, 1, int64(psize)})
	}
	if err := it.Close(); err != nil {
		return nil, false, err
	}
	if _, err := txn.Commit(ctx); err != nil {
		return nil, false, err
	}
	applyDeltas(deltas)
	if n < chunk {
		return nil, true, nil
	}
	return successor(last), false, nil
}
