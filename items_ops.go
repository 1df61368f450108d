package kvs

import (
	"context"
	"errors"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/expr"
	"github.com/kvs-project/kvs/internal/coral"
)

// Single-item operations. Each validates in DynamoDB's order — model
// constraints, expressions, the table, the key, the item — then asks the
// driver, then shapes the answer (ReturnValues, consumed capacity).

// GetItem reads one item. The output's Item is nil when there is none.
func (db *DB) GetItem(ctx context.Context, in *GetItemInput) (*GetItemOutput, error) {
	rs, ti, err := db.checkGetItem(ctx, in)
	if err != nil {
		return nil, err
	}
	return db.getItem(ctx, in, rs, ti)
}

// checkGetItem validates a GetItem request before any read.
func (db *DB) checkGetItem(ctx context.Context, in *GetItemInput) (resolvedSet, *tableInfo, error) {
	var v coral.Violations
	common{table: in.TableName, tablePath: "tableName", returnConsumedCapacity: in.ReturnConsumedCapacity}.check(&v)
	if in.Key == nil {
		v.Null("key")
	}
	if err := v.Err(); err != nil {
		return resolvedSet{}, nil, err
	}
	rs, ti, err := db.resolveOn(ctx, in.TableName, exprSet{Names: in.ExpressionAttributeNames, Project: in.ProjectionExpression})
	if err != nil {
		return resolvedSet{}, nil, err
	}
	if err := checkKey(ti.key, in.Key); err != nil {
		return resolvedSet{}, nil, err
	}
	return rs, ti, nil
}

// getItem reads the item of a checked GetItem request.
func (db *DB) getItem(ctx context.Context, in *GetItemInput, rs resolvedSet, ti *tableInfo) (*GetItemOutput, error) {
	consistent := in.ConsistentRead != nil && *in.ConsistentRead
	var item attr.Item
	var err error
	if kg, ok := db.drv.(keyGetter); ok {
		// Strongly consistent, which an eventually consistent read may be.
		item, err = kg.GetByKey(ctx, in.TableName, in.Key[ti.key.Hash], in.Key[ti.key.Range])
	} else {
		item, err = db.drv.Get(ctx, &driver.Get{Table: in.TableName, Key: in.Key, Consistent: consistent})
	}
	if err != nil {
		return nil, db.driverErr(in.TableName, err)
	}
	out := &GetItemOutput{ConsumedCapacity: getItemCapacity(in, item.Size())}
	if item != nil {
		out.Item = project(item, rs.projection)
	}
	return out, nil
}

// getItemCapacity is a GetItem's ConsumedCapacity when asked for, for an
// item of size bytes (0 when there is none).
func getItemCapacity(in *GetItemInput, size int) *ConsumedCapacity {
	if in.ReturnConsumedCapacity == "" || in.ReturnConsumedCapacity == CapacityNone {
		return nil
	}
	consistent := in.ConsistentRead != nil && *in.ConsistentRead
	return readCapacity(in.TableName, in.ReturnConsumedCapacity, size, consistent, false)
}

// itemJSONGetter is implemented by drivers that append an item's wire JSON
// straight from storage (embedded.Driver.AppendItemJSON): see GetItemJSON.
type itemJSONGetter interface {
	AppendItemJSON(ctx context.Context, table string, pk, sk attr.Value, dst []byte) (out []byte, size int, found bool, err error)
}

// GetItemJSON is GetItem for a server that answers in DynamoDB's wire JSON:
// instead of setting out.Item it appends the item's JSON
// ({"name":{"S":"x"},...}, as attr.AppendItemJSON writes it) to dst and
// reports whether there was one; dst is returned unchanged otherwise.
// Validation, errors and out's other fields are GetItem's. Where the driver
// can, and no projection applies, the item goes from storage to JSON
// without being built, which saves a GetItem most of its allocations.
func (db *DB) GetItemJSON(ctx context.Context, in *GetItemInput, dst []byte) (out *GetItemOutput, item []byte, found bool, err error) {
	rs, ti, err := db.checkGetItem(ctx, in)
	if err != nil {
		return nil, dst, false, err
	}
	jg, ok := db.drv.(itemJSONGetter)
	if !ok || rs.projection != nil {
		out, err := db.getItem(ctx, in, rs, ti)
		if err != nil || out.Item == nil {
			return out, dst, false, err
		}
		dst = attr.AppendItemJSON(dst, out.Item)
		out.Item = nil
		return out, dst, true, nil
	}
	dst, size, found, err := jg.AppendItemJSON(ctx, in.TableName, in.Key[ti.key.Hash], in.Key[ti.key.Range], dst)
	if err != nil {
		return nil, dst, false, db.driverErr(in.TableName, err)
	}
	return &GetItemOutput{ConsumedCapacity: getItemCapacity(in, size)}, dst, found, nil
}

// PutItem creates or replaces one item.
func (db *DB) PutItem(ctx context.Context, in *PutItemInput) (*PutItemOutput, error) {
	o := writeOptions{in.TableName, in.ReturnValues, in.ReturnValuesOnConditionCheckFailure, in.ReturnConsumedCapacity, in.ReturnItemCollectionMetrics}
	var v coral.Violations
	o.check(&v)
	if in.Item == nil {
		v.Null("item")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := attr.ValidateItem(in.Item); err != nil {
		return nil, err
	}
	if err := onlyNoneOrAllOld(in.ReturnValues); err != nil {
		return nil, err
	}
	size := in.Item.Size()
	if size > attr.MaxItemSize {
		return nil, attr.CheckItemSize(in.Item)
	}
	rs, ti, err := db.resolveTable(ctx, in.TableName, exprSet{Names: in.ExpressionAttributeNames, Values: in.ExpressionAttributeValues, Condition: in.ConditionExpression,
		ValueParams: conditionParams})
	if err != nil {
		return nil, err
	}
	if err := checkItemKey(ti.key, in.Item); err != nil {
		return nil, err
	}
	if err := checkAllKeyPaths(ti, rs); err != nil {
		return nil, err
	}
	res, err := db.write(ctx, ti, o, &driver.Write{Kind: driver.Put, Key: keyOf(ti.key, in.Item), Item: in.Item, ItemSize: size, Condition: rs.condition})
	if err != nil {
		return nil, err
	}
	return &PutItemOutput{Attributes: res.attrs, ConsumedCapacity: res.capacity, ItemCollectionMetrics: res.metrics}, nil
}

// UpdateItem edits one item with an update expression, creating it if absent.
func (db *DB) UpdateItem(ctx context.Context, in *UpdateItemInput) (*UpdateItemOutput, error) {
	o := writeOptions{in.TableName, in.ReturnValues, in.ReturnValuesOnConditionCheckFailure, in.ReturnConsumedCapacity, in.ReturnItemCollectionMetrics}
	var v coral.Violations
	o.check(&v)
	if in.Key == nil {
		v.Null("key")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	rs, ti, err := db.resolveTable(ctx, in.TableName, exprSet{Names: in.ExpressionAttributeNames, Values: in.ExpressionAttributeValues,
		Condition: in.ConditionExpression, Update: in.UpdateExpression, ValueParams: updateParams})
	if err != nil {
		return nil, err
	}
	if err := checkKey(ti.key, in.Key); err != nil {
		return nil, err
	}
	if err := checkAllKeyPaths(ti, rs); err != nil {
		return nil, err
	}
	if err := checkUpdateKeys(ti.key, rs.update); err != nil {
		return nil, err
	}
	res, err := db.write(ctx, ti, o, &driver.Write{Kind: driver.Update, Key: in.Key, Update: rs.update, Condition: rs.condition})
	if err != nil {
		return nil, err
	}
	return &UpdateItemOutput{Attributes: res.attrs, ConsumedCapacity: res.capacity, ItemCollectionMetrics: res.metrics}, nil
}

// DeleteItem removes one item.
func (db *DB) DeleteItem(ctx context.Context, in *DeleteItemInput) (*DeleteItemOutput, error) {
	o := writeOptions{in.TableName, in.ReturnValues, in.ReturnValuesOnConditionCheckFailure, in.ReturnConsumedCapacity, in.ReturnItemCollectionMetrics}
	var v coral.Violations
	o.check(&v)
	if in.Key == nil {
		v.Null("key")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := onlyNoneOrAllOld(in.ReturnValues); err != nil {
		return nil, err
	}
	rs, ti, err := db.resolveTable(ctx, in.TableName, exprSet{Names: in.ExpressionAttributeNames, Values: in.ExpressionAttributeValues, Condition: in.ConditionExpression,
		ValueParams: conditionParams})
	if err != nil {
		return nil, err
	}
	if err := checkKey(ti.key, in.Key); err != nil {
		return nil, err
	}
	if err := checkAllKeyPaths(ti, rs); err != nil {
		return nil, err
	}
	res, err := db.write(ctx, ti, o, &driver.Write{Kind: driver.Delete, Key: in.Key, Condition: rs.condition})
	if err != nil {
		return nil, err
	}
	return &DeleteItemOutput{Attributes: res.attrs, ConsumedCapacity: res.capacity, ItemCollectionMetrics: res.metrics}, nil
}

// writeOptions are the members that shape a single-item write's answer,
// shared by PutItem, UpdateItem and DeleteItem.
type writeOptions struct {
	table, returnValues, onFailure, capacity, metrics string
}

func (o writeOptions) check(v *coral.Violations) {
	common{table: o.table, tablePath: "tableName", returnValues: o.returnValues, returnOnCondFailure: o.onFailure,
		returnConsumedCapacity: o.capacity, returnCollMetrics: o.metrics}.check(v)
}

// writeAnswer is what a single-item write answers besides the error.
type writeAnswer struct {
	attrs    attr.Item
	capacity *ConsumedCapacity
	metrics  *ItemCollectionMetrics
}

// write runs w (its Table and NeedOld are filled in here) and shapes the
// answer: ReturnValues, consumed capacity, item collection metrics.
func (db *DB) write(ctx context.Context, ti *tableInfo, o writeOptions, w *driver.Write) (*writeAnswer, error) {
	w.Table = o.table
	w.NeedOld = o.returnValues == ReturnAllOld || o.returnValues == ReturnUpdatedOld || capacityNeedsOld(ti, o.capacity)
	res, err := db.drv.Write(ctx, w)
	if err != nil {
		return nil, db.writeErr(o.table, err, o.onFailure)
	}
	a := &writeAnswer{
		capacity: writeCapacity(ti, o.capacity, res, false),
		metrics:  collectionMetrics(ti, o.metrics, w.Key, res),
	}
	switch o.returnValues {
	case ReturnAllOld:
		a.attrs = res.Old
	case ReturnAllNew:
		a.attrs = res.New
	case ReturnUpdatedOld:
		a.attrs = nonEmpty(expr.Extract(res.Old, res.Updated))
	case ReturnUpdatedNew:
		a.attrs = nonEmpty(expr.Extract(res.New, res.Updated))
	}
	return a, nil
}

// The value-taking expression parameters of the write operations.
var (
	conditionParams = []string{"ConditionExpression"}
	updateParams    = []string{"UpdateExpression", "ConditionExpression"}
)

func onlyNoneOrAllOld(rv string) error {
	if rv != "" && rv != ReturnNone && rv != ReturnAllOld {
		return apierr.New(apierr.Validation, "ReturnValues can only be ALL_OLD or NONE")
	}
	return nil
}

// checkUpdateKeys rejects update actions on key attributes.
func checkUpdateKeys(ks expr.KeySchema, u *expr.Update) error {
	if u == nil {
		return nil
	}
	for _, a := range u.Actions {
		top := a.Path.Top()
		if top == ks.Hash || (ks.Range != "" && top == ks.Range) {
			return apierr.Validationf("One or more parameter values were invalid: Cannot update attribute %s. This attribute is part of the key", top)
		}
	}
	return nil
}

func project(item attr.Item, p *expr.Projection) attr.Item {
	if p == nil {
		return item
	}
	return p.Apply(item)
}

func nonEmpty(it attr.Item) attr.Item {
	if len(it) == 0 {
		return nil
	}
	return it
}

// driverErr forgets a cached table the driver says is gone.
func (db *DB) driverErr(table string, err error) error {
	if apierr.Is(err, apierr.ResourceNotFound) {
		db.tables.forget(table)
	}
	return err
}

// writeErr shapes a failed write's error: the old item stays on a
// ConditionalCheckFailedException only when the request asked for it.
func (db *DB) writeErr(table string, err error, onFailure string) error {
	var e *apierr.Error
	if errors.As(err, &e) && e.Code == apierr.ConditionalCheckFailed && e.Item != nil && onFailure != ReturnAllOld {
		c := *e
		c.Item = nil
		return &c
	}
	return db.driverErr(table, err)
}
