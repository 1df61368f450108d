package kvs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/internal/coral"
)

const (
	maxTransactItems = 100
	// maxTransactBytes bounds the aggregate size of a transaction's items.
	maxTransactBytes = 4 * 1024 * 1024
)

// transactSize is the aggregate size of a transaction's items, as DynamoDB
// bounds it: whole items for puts, keys and expression values otherwise.
func transactSize(writes []*driver.Write) int {
	n := 0
	for _, w := range writes {
		if w.Item != nil {
			n += w.Item.Size()
		} else {
			n += w.Key.Size()
		}
	}
	return n
}

// TransactWriteItems applies up to 100 actions atomically: all or none. A
// failed condition cancels the whole transaction with
// TransactionCanceledException, one cancellation reason per action.
func (db *DB) TransactWriteItems(ctx context.Context, in *TransactWriteItemsInput) (*TransactWriteItemsOutput, error) {
	var v coral.Violations
	common{returnConsumedCapacity: in.ReturnConsumedCapacity, returnCollMetrics: in.ReturnItemCollectionMetrics}.check(&v)
	if in.TransactItems == nil {
		v.Null("transactItems")
	} else {
		v.ListLen("transactItems", "[]", len(in.TransactItems), 1, maxTransactItems)
	}
	if in.ClientRequestToken != "" {
		v.StrLen("clientRequestToken", in.ClientRequestToken, 1, 36)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	writes := make([]*driver.Write, len(in.TransactItems))
	infos := make([]*tableInfo, len(in.TransactItems))
	fp := sha256.New()
	seen := map[string]bool{}
	for i, ti := range in.TransactItems {
		w, info, err := db.transactWrite(ctx, i, ti)
		if err != nil {
			return nil, err
		}
		id := w.Table + "\x00" + w.Key.String()
		if seen[id] {
			return nil, apierr.New(apierr.Validation, "Transaction request cannot include multiple operations on one item")
		}
		seen[id] = true
		writes[i], infos[i] = w, info
		fingerprint(fp, ti)
	}
	if transactSize(writes) > maxTransactBytes {
		return nil, apierr.New(apierr.Validation, "Transaction request cannot be larger than 4 MB")
	}
	wantCapacity := in.ReturnConsumedCapacity != "" && in.ReturnConsumedCapacity != CapacityNone
	var results []*driver.WriteResult
	if wantCapacity || in.ReturnItemCollectionMetrics == CollectionMetricsSize {
		results = db.transactWriteResults(ctx, writes)
	}
	err := db.drv.TransactWrite(ctx, &driver.TransactWrite{Writes: writes, Token: in.ClientRequestToken,
		Fingerprint: hex.EncodeToString(fp.Sum(nil))})
	if err != nil {
		return nil, db.transactErr(err, in.TransactItems)
	}
	out := &TransactWriteItemsOutput{}
	for i, w := range writes {
		if results != nil && w.Kind != driver.Check {
			addCollectionMetrics(&out.ItemCollectionMetrics, w.Table,
				collectionMetrics(infos[i], in.ReturnItemCollectionMetrics, w.Key, results[i]))
		}
	}
	if wantCapacity {
		byTable := map[string]*ConsumedCapacity{}
		for i, w := range writes {
			c := writeCapacity(infos[i], in.ReturnConsumedCapacity, results[i], true)
			if u := byTable[w.Table]; u != nil {
				addCapacity(u, c)
			} else {
				byTable[w.Table] = c
			}
		}
		for _, name := range sortedNames(byTable) {
			out.ConsumedCapacity = append(out.ConsumedCapacity, *byTable[name])
		}
	}
	return out, nil
}

// transactWriteResults estimates, for consumed capacity only, the old and new
// item of each write of a transaction: the driver's TransactWrite reports no
// items, so the old ones are read just before it (a concurrent write in
// between can make the estimate stale, never the data). A ConditionCheck
// costs as a write of its key.
func (db *DB) transactWriteResults(ctx context.Context, writes []*driver.Write) []*driver.WriteResult {
	results := make([]*driver.WriteResult, len(writes))
	for i, w := range writes {
		res := &driver.WriteResult{}
		results[i] = res
		if w.Kind == driver.Check {
			res.New = w.Key
			continue
		}
		old, err := db.drv.Get(ctx, &driver.Get{Table: w.Table, Key: w.Key, Consistent: true})
		if err == nil {
			res.Old = old
		}
		switch w.Kind {
		case driver.Put:
			res.New = w.Item
		case driver.Update:
			base := res.Old
			if base == nil {
				base = w.Key
			}
			if n, _, err := w.Update.Apply(base); err == nil {
				res.New = n
			} else {
				res.New = base
			}
		}
	}
	return results
}

// transactWrite validates action i (0-based) of a TransactWriteItems and
// turns it into a driver write.
func (db *DB) transactWrite(ctx context.Context, i int, t TransactWriteItem) (*driver.Write, *tableInfo, error) {
	n := 0
	for _, set := range []bool{t.ConditionCheck != nil, t.Put != nil, t.Update != nil, t.Delete != nil} {
		if set {
			n++
		}
	}
	switch {
	case n == 0:
		// As DynamoDB Local answers; no recording from DynamoDB is known.
		return nil, nil, apierr.New(apierr.Validation, "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request")
	case n > 1:
		// As recorded from DynamoDB in moto's tests
		// (test_transact_write_items_multiple_operations_fail).
		return nil, nil, apierr.New(apierr.Validation, "TransactItems can only contain one of Check, Put, Update or Delete")
	}
	var (
		table, onFailure string
		es               exprSet
		w                = &driver.Write{}
	)
	switch {
	case t.ConditionCheck != nil:
		c := t.ConditionCheck
		table, onFailure, w.Kind, w.Key = c.TableName, c.ReturnValuesOnConditionCheckFailure, driver.Check, c.Key
		es = exprSet{Names: c.ExpressionAttributeNames, Values: c.ExpressionAttributeValues, Condition: c.ConditionExpression}
		if c.ConditionExpression == "" {
			// A required member (API reference, ConditionCheck), checked by Coral.
			var v coral.Violations
			v.Null(fmt.Sprintf("transactItems.%d.member.conditionCheck.conditionExpression", i+1))
			return nil, nil, v.Err()
		}
	case t.Put != nil:
		p := t.Put
		table, onFailure, w.Kind, w.Item = p.TableName, p.ReturnValuesOnConditionCheckFailure, driver.Put, p.Item
		es = exprSet{Names: p.ExpressionAttributeNames, Values: p.ExpressionAttributeValues, Condition: p.ConditionExpression}
		if err := attr.ValidateItem(p.Item); err != nil {
			return nil, nil, err
		}
		if err := attr.CheckItemSize(p.Item); err != nil {
			return nil, nil, err
		}
	case t.Update != nil:
		u := t.Update
		table, onFailure, w.Kind, w.Key = u.TableName, u.ReturnValuesOnConditionCheckFailure, driver.Update, u.Key
		es = exprSet{Names: u.ExpressionAttributeNames, Values: u.ExpressionAttributeValues, Condition: u.ConditionExpression, Update: u.UpdateExpression}
	case t.Delete != nil:
		d := t.Delete
		table, onFailure, w.Kind, w.Key = d.TableName, d.ReturnValuesOnConditionCheckFailure, driver.Delete, d.Key
		es = exprSet{Names: d.ExpressionAttributeNames, Values: d.ExpressionAttributeValues, Condition: d.ConditionExpression}
	}
	// Coral names members by their path in the request: a missing table
	// name or item of the second action is
	// 'transactItems.2.member.put.tableName' / '...put.item'.
	member := fmt.Sprintf("transactItems.%d.member.%s", i+1, transactKind(t))
	var v coral.Violations
	common{table: table, tablePath: member + ".tableName", returnOnCondFailure: onFailure}.check(&v)
	switch {
	case t.Put != nil && t.Put.Item == nil:
		v.Null(member + ".item")
	case t.Put == nil && w.Key == nil:
		v.Null(member + ".key")
	}
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	rs, err := db.resolve(es)
	if err != nil {
		return nil, nil, err
	}
	w.Table, w.Condition, w.Update = table, rs.condition, rs.update
	ti, err := db.table(ctx, table)
	if err != nil {
		return nil, nil, err
	}
	// A path into a key attribute is refused in a Put's, Update's or
	// Delete's condition, but a ConditionCheck evaluates it as a missing
	// attribute (DynamoDB Local; found by tools/difftest).
	if w.Kind != driver.Check {
		if err := checkKeyPaths(ti.key, rs); err != nil {
			return nil, nil, err
		}
		if err := checkIndexKeyPaths(ti, rs); err != nil {
			return nil, nil, err
		}
	}
	if w.Kind == driver.Put {
		if err := checkItemKey(ti.key, w.Item); err != nil {
			return nil, nil, err
		}
		w.Key = keyOf(ti.key, w.Item)
	} else if err := checkKey(ti.key, w.Key); err != nil {
		return nil, nil, err
	}
	if err := checkUpdateKeys(ti.key, w.Update); err != nil {
		return nil, nil, err
	}
	return w, ti, nil
}

// transactErr keeps the old items on cancellation reasons only for the
// actions that asked for them.
func (db *DB) transactErr(err error, items []TransactWriteItem) error {
	e, ok := err.(*apierr.Error)
	if !ok || e.Code != apierr.TransactionCanceled {
		return err
	}
	c := *e
	c.CancellationReasons = append([]apierr.CancellationReason(nil), e.CancellationReasons...)
	for i := range c.CancellationReasons {
		if i < len(items) && onFailureOf(items[i]) != ReturnAllOld {
			c.CancellationReasons[i].Item = nil
		}
	}
	return &c
}

func onFailureOf(t TransactWriteItem) string {
	switch {
	case t.ConditionCheck != nil:
		return t.ConditionCheck.ReturnValuesOnConditionCheckFailure
	case t.Put != nil:
		return t.Put.ReturnValuesOnConditionCheckFailure
	case t.Update != nil:
		return t.Update.ReturnValuesOnConditionCheckFailure
	case t.Delete != nil:
		return t.Delete.ReturnValuesOnConditionCheckFailure
	}
	return ""
}

// fingerprint feeds a canonical rendering of one action into h, so that a
// repeated ClientRequestToken can be checked against the original request.
func fingerprint(h interface{ Write([]byte) (int, error) }, t TransactWriteItem) {
	var b strings.Builder
	add := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
			b.WriteByte(0)
		}
	}
	names := func(m Names) string {
		var s strings.Builder
		for _, k := range sortedNames(m) {
			s.WriteString(k + "=" + m[k] + ";")
		}
		return s.String()
	}
	values := func(m Values) string { return attr.Item(m).String() }
	switch {
	case t.ConditionCheck != nil:
		c := t.ConditionCheck
		add("check", c.TableName, c.Key.String(), c.ConditionExpression, names(c.ExpressionAttributeNames), values(c.ExpressionAttributeValues))
	case t.Put != nil:
		p := t.Put
		add("put", p.TableName, p.Item.String(), p.ConditionExpression, names(p.ExpressionAttributeNames), values(p.ExpressionAttributeValues))
	case t.Update != nil:
		u := t.Update
		add("update", u.TableName, u.Key.String(), u.UpdateExpression, u.ConditionExpression, names(u.ExpressionAttributeNames), values(u.ExpressionAttributeValues))
	case t.Delete != nil:
		d := t.Delete
		add("delete", d.TableName, d.Key.String(), d.ConditionExpression, names(d.ExpressionAttributeNames), values(d.ExpressionAttributeValues))
	}
	h.Write([]byte(b.String()))
}

// TransactGetItems reads up to 100 items as of one point in time.
func (db *DB) TransactGetItems(ctx context.Context, in *TransactGetItemsInput) (*TransactGetItemsOutput, error) {
	var v coral.Violations
	common{returnConsumedCapacity: in.ReturnConsumedCapacity}.check(&v)
	if in.TransactItems == nil {
		v.Null("transactItems")
	} else {
		v.ListLen("transactItems", "[]", len(in.TransactItems), 1, maxTransactItems)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	gets := make([]*driver.Get, len(in.TransactItems))
	projections := make([]resolvedSet, len(in.TransactItems))
	seen := map[string]bool{}
	for i, t := range in.TransactItems {
		if t.Get == nil {
			return nil, apierr.New(apierr.Validation, "1 validation error detected: Value null at 'transactItems."+strconv.Itoa(i+1)+".member.get' failed to satisfy constraint: Member must not be null")
		}
		g := t.Get
		var v coral.Violations
		checkTableName(&v, "transactItems."+strconv.Itoa(i+1)+".member.get.tableName", g.TableName)
		if g.Key == nil {
			v.Null("transactItems." + strconv.Itoa(i+1) + ".member.get.key")
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		rs, ti, err := db.resolveOn(ctx, g.TableName, exprSet{Names: g.ExpressionAttributeNames, Project: g.ProjectionExpression})
		if err != nil {
			return nil, err
		}
		if err := checkKey(ti.key, g.Key); err != nil {
			return nil, err
		}
		id := g.TableName + "\x00" + g.Key.String()
		if seen[id] {
			return nil, apierr.New(apierr.Validation, "Transaction request cannot include multiple operations on one item")
		}
		seen[id] = true
		gets[i], projections[i] = &driver.Get{Table: g.TableName, Key: g.Key, Consistent: true}, rs
	}
	items, err := db.drv.TransactGet(ctx, gets)
	if err != nil {
		return nil, err
	}
	out := &TransactGetItemsOutput{Responses: make([]ItemResponse, len(items))}
	byTable := map[string]*ConsumedCapacity{}
	for i, it := range items {
		if it != nil {
			out.Responses[i].Item = project(it, projections[i].projection)
		}
		if in.ReturnConsumedCapacity != "" && in.ReturnConsumedCapacity != CapacityNone {
			c := readCapacity(gets[i].Table, in.ReturnConsumedCapacity, it.Size(), true, true)
			if u := byTable[gets[i].Table]; u != nil {
				addCapacity(u, c)
			} else {
				byTable[gets[i].Table] = c
			}
		}
	}
	for _, name := range sortedNames(byTable) {
		out.ConsumedCapacity = append(out.ConsumedCapacity, *byTable[name])
	}
	return out, nil
}

// transactKind names the action a TransactWriteItems entry holds, as Coral
// spells it in a member path.
func transactKind(t TransactWriteItem) string {
	switch {
	case t.ConditionCheck != nil:
		return "conditionCheck"
	case t.Put != nil:
		return "put"
	case t.Update != nil:
		return "update"
	default:
		return "delete"
	}
}
