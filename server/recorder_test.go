package server

import (
	"context"
	"sync"

	"github.com/kvs-project/kvs"
)

// recorder is a test double of kvs.API: it records the last operation and
// its decoded input, and answers with what reply returns (nil, nil by
// default). It checks the protocol layer only; the semantics are kvs's.
type recorder struct {
	mu    sync.Mutex
	op    string
	in    any
	ctx   context.Context
	reply func(op string, in any) (any, error)
}

func (r *recorder) record(ctx context.Context, op string, in any) (any, error) {
	r.mu.Lock()
	r.op, r.in, r.ctx = op, in, ctx
	reply := r.reply
	r.mu.Unlock()
	if reply == nil {
		return nil, nil
	}
	return reply(op, in)
}

// forget clears the last operation. The server's goroutine writes it under
// r.mu, and a TCP round trip is no synchronisation the race detector sees.
func (r *recorder) forget() {
	r.mu.Lock()
	r.op, r.in = "", nil
	r.mu.Unlock()
}

func (r *recorder) last() (string, any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.op, r.in
}

// answer converts a recorded reply to the method's output type.
func answer[Out any](out any, err error) (*Out, error) {
	if err != nil {
		return nil, err
	}
	o, _ := out.(*Out)
	return o, nil
}

func (r *recorder) CreateTable(ctx context.Context, in *kvs.TableDefinition) (*kvs.CreateTableOutput, error) {
	return answer[kvs.CreateTableOutput](r.record(ctx, "CreateTable", in))
}
func (r *recorder) DeleteTable(ctx context.Context, in *kvs.DeleteTableInput) (*kvs.DeleteTableOutput, error) {
	return answer[kvs.DeleteTableOutput](r.record(ctx, "DeleteTable", in))
}
func (r *recorder) DescribeTable(ctx context.Context, in *kvs.DescribeTableInput) (*kvs.DescribeTableOutput, error) {
	return answer[kvs.DescribeTableOutput](r.record(ctx, "DescribeTable", in))
}
func (r *recorder) ListTables(ctx context.Context, in *kvs.ListTablesInput) (*kvs.ListTablesOutput, error) {
	return answer[kvs.ListTablesOutput](r.record(ctx, "ListTables", in))
}
func (r *recorder) UpdateTable(ctx context.Context, in *kvs.UpdateTableInput) (*kvs.UpdateTableOutput, error) {
	return answer[kvs.UpdateTableOutput](r.record(ctx, "UpdateTable", in))
}
func (r *recorder) UpdateTimeToLive(ctx context.Context, in *kvs.UpdateTimeToLiveInput) (*kvs.UpdateTimeToLiveOutput, error) {
	return answer[kvs.UpdateTimeToLiveOutput](r.record(ctx, "UpdateTimeToLive", in))
}
func (r *recorder) DescribeTimeToLive(ctx context.Context, in *kvs.DescribeTimeToLiveInput) (*kvs.DescribeTimeToLiveOutput, error) {
	return answer[kvs.DescribeTimeToLiveOutput](r.record(ctx, "DescribeTimeToLive", in))
}
func (r *recorder) TagResource(ctx context.Context, in *kvs.TagResourceInput) error {
	_, err := r.record(ctx, "TagResource", in)
	return err
}
func (r *recorder) UntagResource(ctx context.Context, in *kvs.UntagResourceInput) error {
	_, err := r.record(ctx, "UntagResource", in)
	return err
}
func (r *recorder) ListTagsOfResource(ctx context.Context, in *kvs.ListTagsOfResourceInput) (*kvs.ListTagsOfResourceOutput, error) {
	return answer[kvs.ListTagsOfResourceOutput](r.record(ctx, "ListTagsOfResource", in))
}
func (r *recorder) GetItem(ctx context.Context, in *kvs.GetItemInput) (*kvs.GetItemOutput, error) {
	return answer[kvs.GetItemOutput](r.record(ctx, "GetItem", in))
}
func (r *recorder) PutItem(ctx context.Context, in *kvs.PutItemInput) (*kvs.PutItemOutput, error) {
	return answer[kvs.PutItemOutput](r.record(ctx, "PutItem", in))
}
func (r *recorder) UpdateItem(ctx context.Context, in *kvs.UpdateItemInput) (*kvs.UpdateItemOutput, error) {
	return answer[kvs.UpdateItemOutput](r.record(ctx, "UpdateItem", in))
}
func (r *recorder) DeleteItem(ctx context.Context, in *kvs.DeleteItemInput) (*kvs.DeleteItemOutput, error) {
	return answer[kvs.DeleteItemOutput](r.record(ctx, "DeleteItem", in))
}
func (r *recorder) Query(ctx context.Context, in *kvs.QueryInput) (*kvs.QueryOutput, error) {
	return answer[kvs.QueryOutput](r.record(ctx, "Query", in))
}
func (r *recorder) Scan(ctx context.Context, in *kvs.ScanInput) (*kvs.ScanOutput, error) {
	return answer[kvs.ScanOutput](r.record(ctx, "Scan", in))
}
func (r *recorder) BatchGetItem(ctx context.Context, in *kvs.BatchGetItemInput) (*kvs.BatchGetItemOutput, error) {
	return answer[kvs.BatchGetItemOutput](r.record(ctx, "BatchGetItem", in))
}
func (r *recorder) BatchWriteItem(ctx context.Context, in *kvs.BatchWriteItemInput) (*kvs.BatchWriteItemOutput, error) {
	return answer[kvs.BatchWriteItemOutput](r.record(ctx, "BatchWriteItem", in))
}
func (r *recorder) TransactWriteItems(ctx context.Context, in *kvs.TransactWriteItemsInput) (*kvs.TransactWriteItemsOutput, error) {
	return answer[kvs.TransactWriteItemsOutput](r.record(ctx, "TransactWriteItems", in))
}
func (r *recorder) TransactGetItems(ctx context.Context, in *kvs.TransactGetItemsInput) (*kvs.TransactGetItemsOutput, error) {
	return answer[kvs.TransactGetItemsOutput](r.record(ctx, "TransactGetItems", in))
}

var _ kvs.API = (*recorder)(nil)
