package kvs

import (
	"context"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/expr"
)

// Single-item operations of a Store.

// A WriteOption qualifies Upsert, Update, Delete and the transaction
// actions.
type WriteOption func(*writeOpts)

type writeOpts struct {
	conds             []expr.ConditionBuilder
	ifExists, ifNotEx bool
}

// If makes the write conditional: it happens only if cond holds on the
// current item (a missing item is an empty one); otherwise the call fails
// with ConditionalCheckFailedException (TransactionCanceledException in a
// transaction). Several If options are ANDed.
//
// Optimistic locking with a version attribute:
//
//	err := users.Update(ctx, kvs.PK(id),
//		expr.Set("name", name).Increment("version", 1), nil,
//		kvs.If(expr.Name("version").Equal(expr.Value(v))))
func If(cond expr.ConditionBuilder) WriteOption {
	return func(o *writeOpts) { o.conds = append(o.conds, cond) }
}

// IfNotExists makes the write conditional on the item not existing
// (attribute_not_exists of the partition key): Upsert becomes an insert.
func IfNotExists() WriteOption { return func(o *writeOpts) { o.ifNotEx = true } }

// IfExists makes the write conditional on the item existing
// (attribute_exists of the partition key): Update no longer creates items.
func IfExists() WriteOption { return func(o *writeOpts) { o.ifExists = true } }

// condition returns the ANDed condition of the options, if any.
func (s *Store) condition(ti *tableInfo, opts []WriteOption) (expr.ConditionBuilder, bool) {
	var o writeOpts
	for _, f := range opts {
		f(&o)
	}
	conds := o.conds
	if o.ifNotEx {
		conds = append(conds, expr.Name(expr.Quote(ti.key.Hash)).NotExists())
	}
	if o.ifExists {
		conds = append(conds, expr.Name(expr.Quote(ti.key.Hash)).Exists())
	}
	if len(conds) == 0 {
		return expr.ConditionBuilder{}, false
	}
	return conds[0].And(conds[1:]...), true
}

// build renders an optional update and the options' condition.
func (s *Store) build(ti *tableInfo, upd *expr.UpdateBuilder, opts []WriteOption) (expr.Expression, error) {
	var b []expr.BuildOption
	if c, ok := s.condition(ti, opts); ok {
		b = append(b, expr.WithCondition(c))
	}
	if upd != nil {
		b = append(b, expr.WithUpdate(*upd))
	}
	return expr.Build(b...)
}

// Get reads the item with the given key into out (an *attr.Item, or a
// pointer to a struct or map, reset first). found is false, with a nil
// error and out untouched, when there is no such item. out may be nil to
// test existence only. Reads are strongly consistent.
func (s *Store) Get(ctx context.Context, key Key, out any) (found bool, err error) {
	ti, err := s.table(ctx)
	if err != nil {
		return false, err
	}
	if kg, ok := s.db.drv.(keyGetter); ok {
		return s.getByKey(ctx, kg, ti, key, out)
	}
	k, err := key.item(ti)
	if err != nil {
		return false, err
	}
	consistent := true
	res, err := s.db.GetItem(ctx, &GetItemInput{TableName: s.name, Key: k, ConsistentRead: &consistent})
	if err != nil || res.Item == nil {
		return false, err
	}
	if out != nil {
		if err := fromItem(res.Item, out); err != nil {
			return true, err
		}
	}
	return true, nil
}

// Upsert creates or replaces the whole item (a struct, a map or an
// attr.Item holding the key attributes).
func (s *Store) Upsert(ctx context.Context, item any, opts ...WriteOption) error {
	it, err := toItem(item)
	if err != nil {
		return err
	}
	ti, err := s.db.table(ctx, s.name)
	if err != nil {
		return err
	}
	e, err := s.build(ti, nil, opts)
	if err != nil {
		return err
	}
	_, err = s.db.PutItem(ctx, &PutItemInput{TableName: s.name, Item: it, ConditionExpression: e.Condition(),
		ExpressionAttributeNames: e.Names(), ExpressionAttributeValues: e.Values()})
	return err
}

// Update applies upd to the item with the given key, creating it if absent
// (unless an option's condition says otherwise), and stores the whole new
// item in out when out is not nil (as Get does).
func (s *Store) Update(ctx context.Context, key Key, upd expr.UpdateBuilder, out any, opts ...WriteOption) error {
	ti, err := s.db.table(ctx, s.name)
	if err != nil {
		return err
	}
	k, err := key.item(ti)
	if err != nil {
		return err
	}
	e, err := s.build(ti, &upd, opts)
	if err != nil {
		return err
	}
	in := &UpdateItemInput{TableName: s.name, Key: k, UpdateExpression: e.Update(), ConditionExpression: e.Condition(),
		ExpressionAttributeNames: e.Names(), ExpressionAttributeValues: e.Values()}
	if out != nil {
		in.ReturnValues = ReturnAllNew
	}
	res, err := s.db.UpdateItem(ctx, in)
	if err != nil || out == nil {
		return err
	}
	return fromItem(res.Attributes, out)
}

// Delete removes the item with the given key. Deleting a missing item is
// not an error (unless a condition fails).
func (s *Store) Delete(ctx context.Context, key Key, opts ...WriteOption) error {
	ti, err := s.db.table(ctx, s.name)
	if err != nil {
		return err
	}
	k, err := key.item(ti)
	if err != nil {
		return err
	}
	e, err := s.build(ti, nil, opts)
	if err != nil {
		return err
	}
	_, err = s.db.DeleteItem(ctx, &DeleteItemInput{TableName: s.name, Key: k, ConditionExpression: e.Condition(),
		ExpressionAttributeNames: e.Names(), ExpressionAttributeValues: e.Values()})
	return err
}

// keyItemOf returns the primary key attributes of a whole item.
func keyItemOf(ti *tableInfo, it attr.Item) attr.Item { return keyOf(ti.key, it) }
