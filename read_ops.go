package kvs

import (
	"context"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/expr"
	"github.com/kvs-project/kvs/internal/coral"
	"github.com/kvs-project/kvs/schema"
)

// Query reads one page of the items of one partition, in sort-key order.
func (db *DB) Query(ctx context.Context, in *QueryInput) (*QueryOutput, error) {
	rq := readRequest{table: in.TableName, index: in.IndexName, keyCond: in.KeyConditionExpression,
		filter: in.FilterExpression, projection: in.ProjectionExpression, names: in.ExpressionAttributeNames,
		values: in.ExpressionAttributeValues, selectAttrs: in.Select, limit: in.Limit, start: in.ExclusiveStartKey,
		consistent: in.ConsistentRead, capacity: in.ReturnConsumedCapacity, query: true,
		forward: in.ScanIndexForward == nil || *in.ScanIndexForward}
	return db.read(ctx, &rq)
}

// Scan reads one page of every item of a table or index, or of one segment.
func (db *DB) Scan(ctx context.Context, in *ScanInput) (*ScanOutput, error) {
	rq := readRequest{table: in.TableName, index: in.IndexName, filter: in.FilterExpression,
		projection: in.ProjectionExpression, names: in.ExpressionAttributeNames, values: in.ExpressionAttributeValues,
		selectAttrs: in.Select, limit: in.Limit, start: in.ExclusiveStartKey, consistent: in.ConsistentRead,
		capacity: in.ReturnConsumedCapacity, segment: in.Segment, totalSegments: in.TotalSegments, forward: true}
	return db.read(ctx, &rq)
}

// readRequest is what Query and Scan have in common.
type readRequest struct {
	table, index, keyCond, filter, projection string
	names                                     Names
	values                                    Values
	selectAttrs                               string
	limit                                     *int32
	start                                     attr.Item
	consistent                                *bool
	capacity                                  string
	query, forward                            bool
	segment, totalSegments                    *int32
}

func (db *DB) read(ctx context.Context, rq *readRequest) (*QueryOutput, error) {
	var v coral.Violations
	common{table: rq.table, tablePath: "tableName", returnConsumedCapacity: rq.capacity}.check(&v)
	if rq.index != "" {
		v.Name("indexName", rq.index, 3, 255)
	}
	if rq.selectAttrs != "" {
		v.Enum("select", rq.selectAttrs, enumSelect...)
	}
	if rq.limit != nil {
		v.Min("limit", int64(*rq.limit), 1)
	}
	if rq.segment != nil {
		v.Min("segment", int64(*rq.segment), 0)
		v.Max("segment", int64(*rq.segment), 999999)
	}
	if rq.totalSegments != nil {
		v.Min("totalSegments", int64(*rq.totalSegments), 1)
		v.Max("totalSegments", int64(*rq.totalSegments), 1000000)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := rq.checkSegments(); err != nil {
		return nil, err
	}
	if rq.query && rq.keyCond == "" {
		if rq.filter == "" && rq.projection == "" && (rq.names != nil || rq.values != nil) {
			// Expression maps without any expression are reported first.
			_, err := db.resolve(exprSet{Names: rq.names, Values: rq.values, ValueParams: rq.valueParams()})
			return nil, err
		}
		return nil, apierr.New(apierr.Validation, "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
	}
	if rq.query {
		// A Query's Select rules are Coral constraints in DynamoDB (its text
		// carries the "1 validation error detected: " prefix), checked
		// before the expressions; a Scan's come later (below).
		if err := rq.checkSelect(); err != nil {
			return nil, err
		}
	}
	for _, val := range rq.start {
		if err := attr.Validate(val); err != nil {
			return nil, apierr.Validationf("The provided starting key is invalid: %s", err.(*apierr.Error).Message)
		}
	}
	rs, err := db.resolve(exprSet{Names: rq.names, Values: rq.values, KeyCondition: rq.keyCond, Filter: rq.filter, Project: rq.projection,
		ValueParams: rq.valueParams()})
	if err != nil {
		return nil, err
	}
	ti, err := db.table(ctx, rq.table)
	if err != nil {
		return nil, err
	}
	keys := ti.key
	var ix *indexInfo
	if rq.index != "" {
		if ix = ti.indexes[rq.index]; ix == nil {
			return nil, apierr.Validationf("The table does not have the specified index: %s", rq.index)
		}
		keys = ix.key
		if err := rq.checkIndex(ix); err != nil {
			return nil, err
		}
	}
	if !rq.query {
		// A Scan checks Select after the table, the expressions and the
		// index (DynamoDB Local, found by tools/difftest).
		if err := rq.checkSelect(); err != nil {
			return nil, err
		}
	}
	if ix == nil && rq.selectAttrs == SelectAllProjectedAttributes {
		// DynamoDB's text, on Scan too; a Query carries Coral's prefix, as for
		// the other Select checks (getmoto/moto's aws_verified
		// test_all_projected_attributes_rejected_for_table).
		return nil, apierr.New(apierr.Validation, rq.selectPrefix()+"ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
	}
	if err := checkKeyPaths(ti.key, rs); err != nil {
		return nil, err
	}
	if err := checkIndexKeyPaths(ti, rs); err != nil {
		return nil, err
	}
	req := &driver.Read{Table: rq.table, Index: rq.index, Filter: rs.filter, Forward: rq.forward,
		Consistent: rq.consistent != nil && *rq.consistent,
		// A local index fetches from the table the attributes it does not
		// project, for ALL_ATTRIBUTES and for a ProjectionExpression alike
		// (Developer Guide, Local secondary indexes: attribute projections).
		AllAttributes: ix != nil && !ix.global && (rq.selectAttrs == SelectAllAttributes || rq.projection != "")}
	if rq.limit != nil {
		req.Limit = int(*rq.limit)
	}
	if rq.totalSegments != nil {
		req.Segment, req.TotalSegments = int(*rq.segment), int(*rq.totalSegments)
	}
	if rs.keyCondition != nil {
		if req.KeyCondition, err = expr.NewKeyCondition(rs.keyCondition, keys); err != nil {
			return nil, err
		}
	}
	// The start key is checked before the filter's key and projection rules
	// (DynamoDB Local; found by tools/difftest), its match with the key
	// condition too (the driver checks that again).
	if rq.start != nil {
		if req.StartKey, err = checkStartKey(rq.start, ti.key, ix, rq.query); err != nil {
			return nil, err
		}
		if req.KeyCondition != nil && !req.KeyCondition.Match(req.StartKey) {
			return nil, apierr.New(apierr.Validation, "The provided starting key does not match the range key predicate")
		}
	}
	if rs.keyCondition != nil {
		if err := checkFilterKeys(rs.filter, ti.key, keys); err != nil {
			return nil, err
		}
	}
	if rq.query {
		// A Scan of the same index is not refused (DynamoDB Local).
		if err := checkFilterProjected(rs.filter, ti.key, ix); err != nil {
			return nil, err
		}
	}
	// A Scan of a local index whose filter reads attributes the index does
	// not project evaluates the filter on the table's item (fetched) and
	// returns the index's attributes (DynamoDB Local; found by
	// tools/difftest).
	var keepOnly map[string]bool
	if !rq.query && ix != nil && !ix.global && !req.AllAttributes && len(unprojectedFilterAttrs(rs.filter, ti.key, ix)) > 0 {
		req.AllAttributes = true
		if rs.projection == nil {
			keepOnly = projectedAttrs(ti.key, ix)
		}
	}
	page, err := db.drv.Read(ctx, req)
	if err != nil {
		return nil, db.driverErr(rq.table, err)
	}
	out := &QueryOutput{Count: int32(len(page.Items)), ScannedCount: int32(page.Scanned), LastEvaluatedKey: page.LastKey}
	if rq.selectAttrs != SelectCount {
		out.Items = make([]attr.Item, len(page.Items))
		for i, it := range page.Items {
			if keepOnly != nil {
				it = onlyAttrs(it, keepOnly)
			}
			out.Items[i] = project(it, rs.projection)
		}
	}
	if rq.capacity != "" && rq.capacity != CapacityNone {
		out.ConsumedCapacity = readCapacity(rq.table, rq.capacity, page.ReadBytes, req.Consistent, false)
		if rq.capacity == CapacityIndexes && ix != nil {
			c := &Capacity{CapacityUnits: out.ConsumedCapacity.CapacityUnits}
			// DynamoDB reports the table's share of an index read as 0.
			out.ConsumedCapacity.Table = &Capacity{}
			if ix.global {
				out.ConsumedCapacity.GlobalSecondaryIndexes = map[string]*Capacity{ix.name: c}
			} else {
				out.ConsumedCapacity.LocalSecondaryIndexes = map[string]*Capacity{ix.name: c}
			}
		}
	}
	return out, nil
}

func (rq *readRequest) checkSegments() error {
	switch {
	case rq.segment != nil && rq.totalSegments == nil:
		return apierr.New(apierr.Validation, "The TotalSegments parameter is required but was not present in the request when Segment parameter is present")
	case rq.segment == nil && rq.totalSegments != nil:
		return apierr.New(apierr.Validation, "The Segment parameter is required but was not present in the request when parameter TotalSegments is present")
	case rq.segment != nil && *rq.segment >= *rq.totalSegments:
		return apierr.Validationf("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: %d is not less than TotalSegments: %d", *rq.segment, *rq.totalSegments)
	}
	return nil
}

// valueParams names the expression parameters a request could have used
// ExpressionAttributeValues in, for DynamoDB's "... is null" message.
func (rq *readRequest) valueParams() []string {
	if rq.query {
		return []string{"FilterExpression", "KeyConditionExpression"}
	}
	return []string{"FilterExpression"}
}

// checkSelect checks Select against the projection. Query wraps these texts
// in Coral's "1 validation error detected: " and Scan does not (DynamoDB
// Local answers both bare; a DynamoDB emulator's suite verified against
// DynamoDB pins the Query prefix and the bare Scan text).
// selectPrefix is what DynamoDB puts before its Select texts: Query reports
// them with Coral's "1 validation error detected: " prefix, Scan without
// (getmoto/moto tests/test_dynamodb/test_dynamodb_select.py, aws_verified).
func (rq *readRequest) selectPrefix() string {
	if rq.query {
		return "1 validation error detected: "
	}
	return ""
}

func (rq *readRequest) checkSelect() error {
	prefix := rq.selectPrefix()
	if rq.selectAttrs == SelectSpecificAttributes && rq.projection == "" {
		return apierr.New(apierr.Validation, prefix+"Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES")
	}
	if rq.projection != "" && rq.selectAttrs != "" && rq.selectAttrs != SelectSpecificAttributes {
		what := rq.selectAttrs
		if what == SelectCount {
			what = "only the Count" // DynamoDB's wording for COUNT
		}
		return apierr.New(apierr.Validation, prefix+"Cannot specify the ProjectionExpression when choosing to get "+what)
	}
	return nil
}

func (rq *readRequest) checkIndex(ix *indexInfo) error {
	if !ix.global {
		return nil
	}
	if rq.consistent != nil && *rq.consistent {
		return apierr.New(apierr.Validation, "Consistent reads are not supported on global secondary indexes")
	}
	if rq.selectAttrs == SelectAllAttributes && ix.projection.ProjectionType != schema.ProjectAll {
		return apierr.Validationf("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index %s because its projection type is not ALL", ix.name)
	}
	return nil
}

// checkFilterKeys rejects a Query filter on primary key attributes of the
// table or index being queried.
func checkFilterKeys(filter expr.Cond, tableKey, readKey expr.KeySchema) error {
	if filter == nil {
		return nil
	}
	for _, p := range expr.CondPaths(filter) {
		top := p.Top()
		for _, k := range []string{readKey.Hash, readKey.Range} {
			if k != "" && top == k {
				return apierr.Validationf("Filter Expression can only contain non-primary key attributes: Primary key attribute: %s", k)
			}
		}
	}
	return nil
}

// checkStartKey validates an ExclusiveStartKey: the table key, plus the
// index key when reading an index, of the right types.
//
// A Query's start key with the wrong number of attributes has its own text
// (DynamoDB Local's, which DynamoDB users report too: Dynamoid's README names
// "Exclusive Start Key must have same size as table's key schema"); a Scan's
// is the schema mismatch (dynalite's Scan tests, recorded against DynamoDB).
func checkStartKey(start attr.Item, tableKey expr.KeySchema, ix *indexInfo, query bool) (attr.Item, error) {
	want := map[string]attr.Type{tableKey.Hash: tableKey.HashType}
	if tableKey.Range != "" {
		want[tableKey.Range] = tableKey.RangeType
	}
	if ix != nil {
		want[ix.key.Hash] = ix.key.HashType
		if ix.key.Range != "" {
			want[ix.key.Range] = ix.key.RangeType
		}
	}
	// A Query's empty key, or one naming another attribute, is "The
	// provided starting key is invalid" without a reason (DynamoDB Local;
	// found by tools/difftest).
	if query && len(start) == 0 {
		return nil, apierr.New(apierr.Validation, "The provided starting key is invalid")
	}
	if len(start) != len(want) {
		if query {
			return nil, apierr.New(apierr.Validation, "Exclusive Start Key must have same size as table's key schema")
		}
		return nil, apierr.New(apierr.Validation, "The provided starting key is invalid: The provided key element does not match the schema")
	}
	for name, t := range want {
		v, ok := start[name]
		if !ok && query {
			return nil, apierr.New(apierr.Validation, "The provided starting key is invalid")
		}
		if !ok || v.Type() != t {
			return nil, apierr.New(apierr.Validation, "The provided starting key is invalid: The provided key element does not match the schema")
		}
	}
	return start, nil
}

// onlyAttrs returns the top-level attributes of it named in keep.
func onlyAttrs(it attr.Item, keep map[string]bool) attr.Item {
	out := make(attr.Item, len(keep))
	for name, v := range it {
		if keep[name] {
			out[name] = v
		}
	}
	return out
}
