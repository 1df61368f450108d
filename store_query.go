package kvs

import (
	"context"
	"reflect"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/expr"
)

// Query and Scan of a Store, one page at a time, with opaque page tokens
// (see pagetoken.go); iter.go walks every page.

// SortCondition is a condition on the sort key of a Query (of the table or
// of the index queried). Make one with SortEqual, SortBetween, ...
type SortCondition struct {
	op     string
	lo, hi any
}

// The sort-key conditions. Values are Go values converted with
// attr.Marshal, or attr.Values, of the sort key's type.

// SortEqual is "sort key = v".
func SortEqual(v any) *SortCondition { return &SortCondition{op: "=", lo: v} }

// SortLessThan is "sort key < v".
func SortLessThan(v any) *SortCondition { return &SortCondition{op: "<", lo: v} }

// SortLessThanEqual is "sort key <= v".
func SortLessThanEqual(v any) *SortCondition { return &SortCondition{op: "<=", lo: v} }

// SortGreaterThan is "sort key > v".
func SortGreaterThan(v any) *SortCondition { return &SortCondition{op: ">", lo: v} }

// SortGreaterThanEqual is "sort key >= v".
func SortGreaterThanEqual(v any) *SortCondition { return &SortCondition{op: ">=", lo: v} }

// SortBetween is "sort key BETWEEN lo AND hi", bounds included; DynamoDB
// requires lo <= hi.
func SortBetween(lo, hi any) *SortCondition { return &SortCondition{op: "between", lo: lo, hi: hi} }

// SortBeginsWith is begins_with(sort key, prefix), for S and B sort keys.
func SortBeginsWith(prefix any) *SortCondition {
	return &SortCondition{op: "begins_with", lo: prefix}
}

func (c *SortCondition) on(k expr.KeyBuilder) expr.KeyConditionBuilder {
	switch c.op {
	case "=":
		return k.Equal(c.lo)
	case "<":
		return k.LessThan(c.lo)
	case "<=":
		return k.LessThanEqual(c.lo)
	case ">":
		return k.GreaterThan(c.lo)
	case ">=":
		return k.GreaterThanEqual(c.lo)
	case "between":
		return k.Between(c.lo, c.hi)
	}
	return k.BeginsWith(c.lo)
}

// Query selects the items of one partition of a store or of one of its
// indexes, in sort-key order.
type Query struct {
	// Index is the secondary index to query; "" queries the table.
	Index string
	// Partition is the partition key value (of the index, when querying one).
	Partition any
	// Sort, when set, restricts the sort key.
	Sort *SortCondition
	// KeyCondition, when set (not its zero value), replaces Partition and
	// Sort: a key condition written with expr.Key.
	KeyCondition expr.KeyConditionBuilder
	// Filter, when set, drops items after they are read: Limit counts the
	// items read, not those that pass.
	Filter expr.ConditionBuilder
	// Projection, when set, reads only these attribute paths.
	Projection []string
	// Limit is the most items read for one page; 0 means up to 1 MB.
	Limit int
	// PageToken resumes where a previous page stopped.
	PageToken string
	// Descending reads in descending sort-key order (ScanIndexForward false).
	Descending bool
	// Consistent asks for a strongly consistent read (not on global indexes).
	Consistent bool
}

// ScanSpec selects the items of a whole store or index, or of one segment of
// a parallel scan.
type ScanSpec struct {
	Index      string
	Filter     expr.ConditionBuilder
	Projection []string
	Limit      int
	PageToken  string
	// Segment and TotalSegments select one segment of a parallel scan;
	// TotalSegments 0 scans everything.
	Segment, TotalSegments int
	Consistent             bool
}

func isZero(v any) bool { return reflect.ValueOf(v).IsZero() }

// page is one page of a Query or Scan.
type page struct {
	items []attr.Item
	next  string
}

func (s *Store) queryPage(ctx context.Context, q *Query) (*page, error) {
	ti, err := s.db.table(ctx, s.name)
	if err != nil {
		return nil, err
	}
	start, err := DecodePageToken(q.PageToken)
	if err != nil {
		return nil, err
	}
	kc := q.KeyCondition
	if isZero(kc) {
		ks := ti.key
		if ix := ti.indexes[q.Index]; ix != nil {
			ks = ix.key
		}
		kc = expr.Key(ks.Hash).Equal(q.Partition)
		if q.Sort != nil {
			kc = kc.And(q.Sort.on(expr.Key(ks.Range)))
		}
	}
	opts := []expr.BuildOption{expr.WithKeyCondition(kc)}
	if !isZero(q.Filter) {
		opts = append(opts, expr.WithFilter(q.Filter))
	}
	if len(q.Projection) > 0 {
		opts = append(opts, expr.WithProjection(q.Projection...))
	}
	e, err := expr.Build(opts...)
	if err != nil {
		return nil, err
	}
	forward := !q.Descending
	in := &QueryInput{TableName: s.name, IndexName: q.Index, KeyConditionExpression: e.KeyCondition(),
		FilterExpression: e.Filter(), ProjectionExpression: e.Projection(), ExpressionAttributeNames: e.Names(),
		ExpressionAttributeValues: e.Values(), ExclusiveStartKey: start, ScanIndexForward: &forward,
		Limit: limitOf(q.Limit)}
	if q.Consistent {
		in.ConsistentRead = &q.Consistent
	}
	out, err := s.db.Query(ctx, in)
	if err != nil {
		return nil, err
	}
	return &page{items: out.Items, next: EncodePageToken(out.LastEvaluatedKey)}, nil
}

func (s *Store) scanPage(ctx context.Context, sp *ScanSpec) (*page, error) {
	start, err := DecodePageToken(sp.PageToken)
	if err != nil {
		return nil, err
	}
	var opts []expr.BuildOption
	if !isZero(sp.Filter) {
		opts = append(opts, expr.WithFilter(sp.Filter))
	}
	if len(sp.Projection) > 0 {
		opts = append(opts, expr.WithProjection(sp.Projection...))
	}
	e, err := expr.Build(opts...)
	if err != nil {
		return nil, err
	}
	in := &ScanInput{TableName: s.name, IndexName: sp.Index, FilterExpression: e.Filter(),
		ProjectionExpression: e.Projection(), ExpressionAttributeNames: e.Names(),
		ExpressionAttributeValues: e.Values(), ExclusiveStartKey: start, Limit: limitOf(sp.Limit)}
	if sp.TotalSegments > 0 {
		seg, total := int32(sp.Segment), int32(sp.TotalSegments)
		in.Segment, in.TotalSegments = &seg, &total
	}
	if sp.Consistent {
		in.ConsistentRead = &sp.Consistent
	}
	out, err := s.db.Scan(ctx, in)
	if err != nil {
		return nil, err
	}
	return &page{items: out.Items, next: EncodePageToken(out.LastEvaluatedKey)}, nil
}

// limitOf turns a Limit into the request member: 0 is no limit, and a
// negative one is passed on for DynamoDB's validation message.
func limitOf(n int) *int32 {
	if n == 0 {
		return nil
	}
	l := int32(max(min(n, 1<<31-1), -1<<31))
	return &l
}

// Query reads one page of q into out, a pointer to a slice of structs, maps
// or attr.Items (set to a new slice), and returns the token of the next
// page, or "" when there is none. A page may be empty with a non-empty
// token (a Filter dropped every item read): keep reading until the token is
// "". QueryAll walks every page.
func (s *Store) Query(ctx context.Context, q Query, out any) (nextToken string, err error) {
	if err := resetSlice(out); err != nil {
		return "", err
	}
	p, err := s.queryPage(ctx, &q)
	if err != nil {
		return "", err
	}
	return p.next, appendItems(out, p.items)
}

// Scan reads one page of the store (or an index, or a segment) into out as
// Query does, and returns the token of the next page, or "".
func (s *Store) Scan(ctx context.Context, sp ScanSpec, out any) (nextToken string, err error) {
	if err := resetSlice(out); err != nil {
		return "", err
	}
	p, err := s.scanPage(ctx, &sp)
	if err != nil {
		return "", err
	}
	return p.next, appendItems(out, p.items)
}
