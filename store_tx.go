package kvs

import (
	"context"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/expr"
)

// Store-level transactions over TransactWriteItems and TransactGetItems.

// TxOp is one action of a write transaction: TxPut, TxUpdate, TxDelete,
// TxCheck (or TxClientToken, which sets the idempotency token). It is
// turned into a TransactWriteItem when Transact runs, once the stores' key
// schemas are known.
type TxOp struct {
	build func(ctx context.Context) (*TransactWriteItem, error)
	token string
}

// TxPut creates or replaces an item, under the options' conditions.
func TxPut(s *Store, item any, opts ...WriteOption) TxOp {
	return TxOp{build: func(ctx context.Context) (*TransactWriteItem, error) {
		it, err := toItem(item)
		if err != nil {
			return nil, err
		}
		ti, err := s.db.table(ctx, s.name)
		if err != nil {
			return nil, err
		}
		e, err := s.build(ti, nil, opts)
		if err != nil {
			return nil, err
		}
		return &TransactWriteItem{Put: &TransactPut{TableName: s.name, Item: it, ConditionExpression: e.Condition(),
			ExpressionAttributeNames: e.Names(), ExpressionAttributeValues: e.Values()}}, nil
	}}
}

// TxUpdate applies an update to an item, under the options' conditions.
func TxUpdate(s *Store, key Key, upd expr.UpdateBuilder, opts ...WriteOption) TxOp {
	return TxOp{build: func(ctx context.Context) (*TransactWriteItem, error) {
		ti, k, err := s.keyFor(ctx, key)
		if err != nil {
			return nil, err
		}
		e, err := s.build(ti, &upd, opts)
		if err != nil {
			return nil, err
		}
		return &TransactWriteItem{Update: &TransactUpdate{TableName: s.name, Key: k, UpdateExpression: e.Update(),
			ConditionExpression: e.Condition(), ExpressionAttributeNames: e.Names(), ExpressionAttributeValues: e.Values()}}, nil
	}}
}

// TxDelete deletes an item, under the options' conditions.
func TxDelete(s *Store, key Key, opts ...WriteOption) TxOp {
	return TxOp{build: func(ctx context.Context) (*TransactWriteItem, error) {
		ti, k, err := s.keyFor(ctx, key)
		if err != nil {
			return nil, err
		}
		e, err := s.build(ti, nil, opts)
		if err != nil {
			return nil, err
		}
		return &TransactWriteItem{Delete: &TransactDelete{TableName: s.name, Key: k, ConditionExpression: e.Condition(),
			ExpressionAttributeNames: e.Names(), ExpressionAttributeValues: e.Values()}}, nil
	}}
}

// TxCheck makes the transaction depend on cond holding on an item that it
// does not write.
func TxCheck(s *Store, key Key, cond expr.ConditionBuilder) TxOp {
	return TxOp{build: func(ctx context.Context) (*TransactWriteItem, error) {
		ti, k, err := s.keyFor(ctx, key)
		if err != nil {
			return nil, err
		}
		e, err := s.build(ti, nil, []WriteOption{If(cond)})
		if err != nil {
			return nil, err
		}
		return &TransactWriteItem{ConditionCheck: &ConditionCheck{TableName: s.name, Key: k, ConditionExpression: e.Condition(),
			ExpressionAttributeNames: e.Names(), ExpressionAttributeValues: e.Values()}}, nil
	}}
}

// TxClientToken sets the transaction's ClientRequestToken (1 to 36
// characters): for 10 minutes, a repeat of the same transaction with the
// same token succeeds without applying it again, and a different
// transaction with it fails with IdempotentParameterMismatchException. It
// is not an action.
func TxClientToken(token string) TxOp { return TxOp{token: token} }

func (s *Store) keyFor(ctx context.Context, key Key) (*tableInfo, attr.Item, error) {
	ti, err := s.db.table(ctx, s.name)
	if err != nil {
		return nil, nil, err
	}
	k, err := key.item(ti)
	return ti, k, err
}

// Transact applies the actions atomically: all or none, with
// TransactWriteItems (at most 100 actions, one per item). When a condition
// fails, the error is TransactionCanceledException whose
// CancellationReasons hold one reason per action, in the order given
// (Code None for the actions that passed; TxClientToken takes no place).
func (db *DB) Transact(ctx context.Context, ops ...TxOp) error {
	in := &TransactWriteItemsInput{TransactItems: []TransactWriteItem{}}
	for _, op := range ops {
		if op.build == nil {
			in.ClientRequestToken = op.token
			continue
		}
		t, err := op.build(ctx)
		if err != nil {
			return err
		}
		in.TransactItems = append(in.TransactItems, *t)
	}
	_, err := db.TransactWriteItems(ctx, in)
	return err
}

// TxGetOp is one read of TransactGet.
type TxGetOp struct {
	s   *Store
	key Key
	out any
}

// TxGet reads the item with key into out (as Store.Get does) within
// TransactGet.
func TxGet(s *Store, key Key, out any) TxGetOp { return TxGetOp{s: s, key: key, out: out} }

// TransactGet reads the items as of one point in time, with
// TransactGetItems (at most 100). found[i] reports whether the i-th item
// exists; out arguments of missing items are left untouched.
func (db *DB) TransactGet(ctx context.Context, gets ...TxGetOp) (found []bool, err error) {
	in := &TransactGetItemsInput{TransactItems: make([]TransactGetItem, len(gets))}
	for i, g := range gets {
		_, k, err := g.s.keyFor(ctx, g.key)
		if err != nil {
			return nil, err
		}
		in.TransactItems[i] = TransactGetItem{Get: &TransactGet{TableName: g.s.name, Key: k}}
	}
	out, err := db.TransactGetItems(ctx, in)
	if err != nil {
		return nil, err
	}
	found = make([]bool, len(gets))
	for i, r := range out.Responses {
		if r.Item == nil {
			continue
		}
		found[i] = true
		if gets[i].out != nil {
			if err := fromItem(r.Item, gets[i].out); err != nil {
				return found, err
			}
		}
	}
	return found, nil
}
