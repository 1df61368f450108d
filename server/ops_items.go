package server

import (
	"context"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/server/legacy"
)

// The item operations' requests are the kvs inputs plus the legacy
// parameters, which are rewritten into expressions before the API is called.

// present lists the parameter names whose condition holds, in order.
func present(pairs ...any) []string {
	var names []string
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i].(bool) {
			names = append(names, pairs[i+1].(string))
		}
	}
	return names
}

// rewriter collects the rewritten expressions' placeholders and the first
// error, so that handlers read as a list of steps.
type rewriter struct {
	p   legacy.Placeholders
	err error
}

func newRewriter(names kvs.Names, values kvs.Values) *rewriter {
	return &rewriter{p: legacy.Placeholders{Names: names, Values: values}}
}

func (r *rewriter) do(f func(p *legacy.Placeholders) (string, error)) string {
	if r.err != nil {
		return ""
	}
	s, err := f(&r.p)
	if err != nil {
		r.err = err
	}
	return s
}

type getItemRequest struct {
	kvs.GetItemInput
	AttributesToGet []string
}

func getItem(c *call, dst []byte) ([]byte, error) {
	var in getItemRequest
	if err := decodeLegacy("GetItem", c.body, &in, fastGetItem); err != nil {
		return nil, err
	}
	if len(in.AttributesToGet) > 0 {
		if err := legacy.CheckMixed([]string{"AttributesToGet"},
			present(in.ProjectionExpression != "", "ProjectionExpression")); err != nil {
			return nil, err
		}
		if err := legacy.CheckNoExpressionMaps(in.ExpressionAttributeNames != nil, false, nil); err != nil {
			return nil, err
		}
		rw := newRewriter(nil, nil)
		in.ProjectionExpression = rw.do(func(p *legacy.Placeholders) (string, error) {
			return legacy.AttributesToGet(p, in.AttributesToGet)
		})
		if rw.err != nil {
			return nil, rw.err
		}
		in.ExpressionAttributeNames = rw.p.Names
	}
	if jg, ok := c.api.(itemJSONGetter); ok {
		return appendGetItemJSON(c.ctx, jg, &in.GetItemInput, dst)
	}
	out, err := c.api.GetItem(c.ctx, &in.GetItemInput)
	if err != nil {
		return nil, err
	}
	return appendGetItemOutput(dst, out)
}

// itemJSONGetter is the GetItem fast path of kvs.DB (and of the namespace
// router in front of it): the item's JSON is appended straight from
// storage, never built as an attr.Item.
type itemJSONGetter interface {
	GetItemJSON(ctx context.Context, in *kvs.GetItemInput, dst []byte) (*kvs.GetItemOutput, []byte, bool, error)
}

// appendGetItemJSON answers GetItem through jg, with the bytes
// appendGetItemOutput writes.
func appendGetItemJSON(ctx context.Context, jg itemJSONGetter, in *kvs.GetItemInput, dst []byte) ([]byte, error) {
	start := len(dst)
	dst = append(dst, `{"Item":`...)
	out, dst, found, err := jg.GetItemJSON(ctx, in, dst)
	if err != nil {
		return nil, err
	}
	m := &members{dst: dst, first: false}
	if !found {
		m.dst, m.first = append(dst[:start], '{'), true
	}
	m.any("ConsumedCapacity", out.ConsumedCapacity, out.ConsumedCapacity == nil)
	return m.end()
}

// conditional holds the legacy condition parameters of PutItem and DeleteItem.
type conditional struct {
	Expected            legacy.ExpectedMap
	ConditionalOperator string
}

// rewriteCondition rewrites Expected into *condition, checking DynamoDB's
// rules against mixing. extraNonExpr and extraExpr are the operation's other
// legacy and expression parameters present (for UpdateItem), listed first.
func rewriteCondition(leg conditional, condition *string, names *kvs.Names, values *kvs.Values,
	extraNonExpr, extraExpr, valueExprs []string, extra func(p *legacy.Placeholders) (string, error)) error {
	nonExpr := append(extraNonExpr, present(leg.Expected != nil, "Expected", leg.ConditionalOperator != "", "ConditionalOperator")...)
	if len(nonExpr) == 0 {
		return nil
	}
	expr := append(extraExpr, present(*condition != "", "ConditionExpression")...)
	if err := legacy.CheckMixed(nonExpr, expr); err != nil {
		return err
	}
	if err := legacy.CheckNoExpressionMaps(*names != nil, *values != nil, valueExprs); err != nil {
		return err
	}
	rw := newRewriter(nil, nil)
	if extra != nil {
		rw.do(extra)
	}
	*condition = rw.do(func(p *legacy.Placeholders) (string, error) {
		return legacy.Expected(p, leg.Expected, leg.ConditionalOperator)
	})
	if rw.err != nil {
		return rw.err
	}
	*names, *values = rw.p.Names, rw.p.Values
	return nil
}

type putItemRequest struct {
	kvs.PutItemInput
	conditional
}

func putItem(c *call, dst []byte) ([]byte, error) {
	var in putItemRequest
	if err := decodeLegacy("PutItem", c.body, &in, fastPutItem); err != nil {
		return nil, err
	}
	if err := rewriteCondition(in.conditional, &in.ConditionExpression, &in.ExpressionAttributeNames,
		&in.ExpressionAttributeValues, nil, nil, []string{"ConditionExpression"}, nil); err != nil {
		return nil, err
	}
	out, err := c.api.PutItem(c.ctx, &in.PutItemInput)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = &kvs.PutItemOutput{}
	}
	return appendWriteOutput(dst, out.Attributes, out.ConsumedCapacity, out.ItemCollectionMetrics)
}

type deleteItemRequest struct {
	kvs.DeleteItemInput
	conditional
}

func deleteItem(c *call, dst []byte) ([]byte, error) {
	var in deleteItemRequest
	if err := decodeLegacy("DeleteItem", c.body, &in, fastDeleteItem); err != nil {
		return nil, err
	}
	if err := rewriteCondition(in.conditional, &in.ConditionExpression, &in.ExpressionAttributeNames,
		&in.ExpressionAttributeValues, nil, nil, []string{"ConditionExpression"}, nil); err != nil {
		return nil, err
	}
	out, err := c.api.DeleteItem(c.ctx, &in.DeleteItemInput)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = &kvs.DeleteItemOutput{}
	}
	return appendWriteOutput(dst, out.Attributes, out.ConsumedCapacity, out.ItemCollectionMetrics)
}

type updateItemRequest struct {
	kvs.UpdateItemInput
	conditional
	AttributeUpdates legacy.AttributeUpdatesMap
}

func updateItem(c *call, dst []byte) ([]byte, error) {
	var in updateItemRequest
	if err := decodeLegacy("UpdateItem", c.body, &in, fastUpdateItem); err != nil {
		return nil, err
	}
	var rewriteUpdates func(p *legacy.Placeholders) (string, error)
	if in.AttributeUpdates != nil {
		rewriteUpdates = func(p *legacy.Placeholders) (string, error) {
			s, err := legacy.AttributeUpdates(p, in.AttributeUpdates)
			in.UpdateExpression = s
			return s, err
		}
	}
	if err := rewriteCondition(in.conditional, &in.ConditionExpression, &in.ExpressionAttributeNames,
		&in.ExpressionAttributeValues,
		present(in.AttributeUpdates != nil, "AttributeUpdates"),
		present(in.UpdateExpression != "", "UpdateExpression"),
		[]string{"UpdateExpression", "ConditionExpression"}, rewriteUpdates); err != nil {
		return nil, err
	}
	out, err := c.api.UpdateItem(c.ctx, &in.UpdateItemInput)
	if err != nil {
		if in.AttributeUpdates != nil {
			return nil, relabel(err, attributeUpdatesWording)
		}
		return nil, err
	}
	if out == nil {
		out = &kvs.UpdateItemOutput{}
	}
	return appendWriteOutput(dst, out.Attributes, out.ConsumedCapacity, out.ItemCollectionMetrics)
}

type queryRequest struct {
	kvs.QueryInput
	AttributesToGet     []string
	KeyConditions       legacy.Conditions
	QueryFilter         legacy.Conditions
	ConditionalOperator string

	lateErr error // reported after the API accepted the request (legacy.SplitDuplicates)
}

func query(c *call, dst []byte) ([]byte, error) {
	var in queryRequest
	if err := decodeLegacy("Query", c.body, &in, fastQuery); err != nil {
		return nil, err
	}
	wordings := legacyWordings(in.QueryFilter != nil, len(in.AttributesToGet) > 0)
	if err := rewriteQuery(&in); err != nil {
		return nil, err
	}
	out, err := c.api.Query(c.ctx, &in.QueryInput)
	if err != nil {
		return nil, relabel(err, wordings...)
	}
	if in.lateErr != nil {
		return nil, in.lateErr
	}
	return appendQueryOutput(dst, out, in.Select == kvs.SelectCount)
}

func rewriteQuery(in *queryRequest) error {
	// KeyConditions may be combined with the other expressions; only
	// KeyConditionExpression excludes it.
	nonExpr := present(len(in.AttributesToGet) > 0, "AttributesToGet", in.QueryFilter != nil, "QueryFilter",
		in.ConditionalOperator != "", "ConditionalOperator",
		in.KeyConditions != nil && in.KeyConditionExpression != "", "KeyConditions")
	expr := present(in.ProjectionExpression != "", "ProjectionExpression", in.FilterExpression != "", "FilterExpression",
		in.KeyConditionExpression != "", "KeyConditionExpression")
	if err := legacy.CheckMixed(nonExpr, expr); err != nil {
		return err
	}
	if len(nonExpr) == 0 && in.KeyConditions == nil {
		return nil
	}
	if len(expr) == 0 {
		if err := legacy.CheckNoExpressionMaps(in.ExpressionAttributeNames != nil, in.ExpressionAttributeValues != nil,
			[]string{"FilterExpression", "KeyConditionExpression"}); err != nil {
			return err
		}
	}
	rw := newRewriter(in.ExpressionAttributeNames, in.ExpressionAttributeValues)
	if in.KeyConditions != nil {
		in.KeyConditionExpression = rw.do(func(p *legacy.Placeholders) (string, error) {
			return legacy.KeyConditions(p, in.KeyConditions)
		})
	}
	co := in.ConditionalOperator
	if n := len(in.QueryFilter); co != "" && n < 2 {
		in.lateErr, co = legacy.CheckConditionalOperator(co, n), ""
	}
	if in.QueryFilter != nil || co != "" {
		in.FilterExpression = rw.do(func(p *legacy.Placeholders) (string, error) {
			return legacy.Filter(p, in.QueryFilter, co)
		})
	}
	if len(in.AttributesToGet) > 0 {
		names, dup := legacy.SplitDuplicates(in.AttributesToGet)
		if in.lateErr == nil {
			in.lateErr = dup
		}
		in.ProjectionExpression = rw.do(func(p *legacy.Placeholders) (string, error) {
			return legacy.AttributesToGet(p, names)
		})
	}
	if rw.err != nil {
		return rw.err
	}
	in.ExpressionAttributeNames, in.ExpressionAttributeValues = rw.p.Names, rw.p.Values
	return nil
}

type scanRequest struct {
	kvs.ScanInput
	AttributesToGet     []string
	ScanFilter          legacy.Conditions
	ConditionalOperator string

	lateErr error // reported after the API accepted the request (legacy.SplitDuplicates)
}

func scan(c *call, dst []byte) ([]byte, error) {
	var in scanRequest
	if err := decodeLegacy("Scan", c.body, &in, fastScan); err != nil {
		return nil, err
	}
	wordings := legacyWordings(false, len(in.AttributesToGet) > 0)
	if err := rewriteScan(&in); err != nil {
		return nil, err
	}
	out, err := c.api.Scan(c.ctx, &in.ScanInput)
	if err != nil {
		return nil, relabel(err, wordings...)
	}
	if in.lateErr != nil {
		return nil, in.lateErr
	}
	return appendQueryOutput(dst, out, in.Select == kvs.SelectCount)
}

func rewriteScan(in *scanRequest) error {
	nonExpr := present(len(in.AttributesToGet) > 0, "AttributesToGet", in.ScanFilter != nil, "ScanFilter",
		in.ConditionalOperator != "", "ConditionalOperator")
	if len(nonExpr) == 0 {
		return nil
	}
	expr := present(in.ProjectionExpression != "", "ProjectionExpression", in.FilterExpression != "", "FilterExpression")
	if err := legacy.CheckMixed(nonExpr, expr); err != nil {
		return err
	}
	if err := legacy.CheckNoExpressionMaps(in.ExpressionAttributeNames != nil, in.ExpressionAttributeValues != nil,
		[]string{"FilterExpression"}); err != nil {
		return err
	}
	rw := newRewriter(nil, nil)
	co := in.ConditionalOperator
	if n := len(in.ScanFilter); co != "" && n < 2 {
		in.lateErr, co = legacy.CheckConditionalOperator(co, n), ""
	}
	if in.ScanFilter != nil || co != "" {
		in.FilterExpression = rw.do(func(p *legacy.Placeholders) (string, error) {
			return legacy.Filter(p, in.ScanFilter, co)
		})
	}
	if len(in.AttributesToGet) > 0 {
		names, dup := legacy.SplitDuplicates(in.AttributesToGet)
		if in.lateErr == nil {
			in.lateErr = dup
		}
		in.ProjectionExpression = rw.do(func(p *legacy.Placeholders) (string, error) {
			return legacy.AttributesToGet(p, names)
		})
	}
	if rw.err != nil {
		return rw.err
	}
	in.ExpressionAttributeNames, in.ExpressionAttributeValues = rw.p.Names, rw.p.Values
	return nil
}

// keysAndAttributes is a BatchGetItem table entry with its legacy parameter.
type keysAndAttributes struct {
	kvs.KeysAndAttributes
	AttributesToGet []string
}

type batchGetItemRequest struct {
	RequestItems           map[string]*keysAndAttributes
	ReturnConsumedCapacity string
}

func batchGetItem(c *call, dst []byte) ([]byte, error) {
	var req batchGetItemRequest
	if err := decodeFast(c.body, &req, fastBatchGetItem); err != nil {
		return nil, err
	}
	in := kvs.BatchGetItemInput{ReturnConsumedCapacity: req.ReturnConsumedCapacity}
	if req.RequestItems != nil {
		in.RequestItems = make(map[string]*kvs.KeysAndAttributes, len(req.RequestItems))
	}
	if err := rewriteBatchGet(c.body, req.RequestItems); err != nil {
		return nil, err
	}
	for table, ka := range req.RequestItems {
		if ka == nil {
			in.RequestItems[table] = nil
			continue
		}
		in.RequestItems[table] = &ka.KeysAndAttributes
	}
	out, err := c.api.BatchGetItem(c.ctx, &in)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = &kvs.BatchGetItemOutput{}
	}
	if out.Responses == nil {
		out.Responses = map[string][]attr.Item{}
	}
	for table, items := range out.Responses {
		if items == nil {
			out.Responses[table] = []attr.Item{}
		}
	}
	if out.UnprocessedKeys == nil {
		out.UnprocessedKeys = map[string]*kvs.KeysAndAttributes{}
	}
	return appendJSON(dst, out)
}

func batchWriteItem(c *call, dst []byte) ([]byte, error) {
	var in kvs.BatchWriteItemInput
	if err := decodeFast(c.body, &in, fastBatchWriteItem); err != nil {
		return nil, err
	}
	out, err := c.api.BatchWriteItem(c.ctx, &in)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = &kvs.BatchWriteItemOutput{}
	}
	if out.UnprocessedItems == nil {
		out.UnprocessedItems = map[string][]kvs.WriteRequest{}
	}
	return appendJSON(dst, out)
}

func transactGetItems(c *call, dst []byte) ([]byte, error) {
	var in kvs.TransactGetItemsInput
	if err := decodeFast(c.body, &in, fastTransactGetItems); err != nil {
		return nil, err
	}
	out, err := c.api.TransactGetItems(c.ctx, &in)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = &kvs.TransactGetItemsOutput{}
	}
	if out.Responses == nil {
		out.Responses = []kvs.ItemResponse{}
	}
	return appendJSON(dst, out)
}
