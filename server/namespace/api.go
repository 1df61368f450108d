package namespace

import (
	"context"

	"github.com/kvs-project/kvs"
)

// The kvs.API methods: each forwards to the namespace's database.

var _ kvs.API = (*Router)(nil)

// CreateTable implements kvs.API.
func (r *Router) CreateTable(ctx context.Context, in *kvs.TableDefinition) (*kvs.CreateTableOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.CreateTable(ctx, in)
}

// DeleteTable implements kvs.API.
func (r *Router) DeleteTable(ctx context.Context, in *kvs.DeleteTableInput) (*kvs.DeleteTableOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.DeleteTable(ctx, in)
}

// DescribeTable implements kvs.API.
func (r *Router) DescribeTable(ctx context.Context, in *kvs.DescribeTableInput) (*kvs.DescribeTableOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.DescribeTable(ctx, in)
}

// ListTables implements kvs.API.
func (r *Router) ListTables(ctx context.Context, in *kvs.ListTablesInput) (*kvs.ListTablesOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.ListTables(ctx, in)
}

// UpdateTable implements kvs.API.
func (r *Router) UpdateTable(ctx context.Context, in *kvs.UpdateTableInput) (*kvs.UpdateTableOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.UpdateTable(ctx, in)
}

// UpdateTimeToLive implements kvs.API.
func (r *Router) UpdateTimeToLive(ctx context.Context, in *kvs.UpdateTimeToLiveInput) (*kvs.UpdateTimeToLiveOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.UpdateTimeToLive(ctx, in)
}

// DescribeTimeToLive implements kvs.API.
func (r *Router) DescribeTimeToLive(ctx context.Context, in *kvs.DescribeTimeToLiveInput) (*kvs.DescribeTimeToLiveOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.DescribeTimeToLive(ctx, in)
}

// TagResource implements kvs.API.
func (r *Router) TagResource(ctx context.Context, in *kvs.TagResourceInput) error {
	db, err := r.db(ctx)
	if err != nil {
		return err
	}
	return db.TagResource(ctx, in)
}

// UntagResource implements kvs.API.
func (r *Router) UntagResource(ctx context.Context, in *kvs.UntagResourceInput) error {
	db, err := r.db(ctx)
	if err != nil {
		return err
	}
	return db.UntagResource(ctx, in)
}

// ListTagsOfResource implements kvs.API.
func (r *Router) ListTagsOfResource(ctx context.Context, in *kvs.ListTagsOfResourceInput) (*kvs.ListTagsOfResourceOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.ListTagsOfResource(ctx, in)
}

// GetItem implements kvs.API.
func (r *Router) GetItem(ctx context.Context, in *kvs.GetItemInput) (*kvs.GetItemOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.GetItem(ctx, in)
}

// GetItemJSON forwards kvs.DB.GetItemJSON, the server's GetItem fast path.
func (r *Router) GetItemJSON(ctx context.Context, in *kvs.GetItemInput, dst []byte) (*kvs.GetItemOutput, []byte, bool, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, dst, false, err
	}
	return db.GetItemJSON(ctx, in, dst)
}

// PutItem implements kvs.API.
func (r *Router) PutItem(ctx context.Context, in *kvs.PutItemInput) (*kvs.PutItemOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.PutItem(ctx, in)
}

// UpdateItem implements kvs.API.
func (r *Router) UpdateItem(ctx context.Context, in *kvs.UpdateItemInput) (*kvs.UpdateItemOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.UpdateItem(ctx, in)
}

// DeleteItem implements kvs.API.
func (r *Router) DeleteItem(ctx context.Context, in *kvs.DeleteItemInput) (*kvs.DeleteItemOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.DeleteItem(ctx, in)
}

// Query implements kvs.API.
func (r *Router) Query(ctx context.Context, in *kvs.QueryInput) (*kvs.QueryOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.Query(ctx, in)
}

// Scan implements kvs.API.
func (r *Router) Scan(ctx context.Context, in *kvs.ScanInput) (*kvs.ScanOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.Scan(ctx, in)
}

// BatchGetItem implements kvs.API.
func (r *Router) BatchGetItem(ctx context.Context, in *kvs.BatchGetItemInput) (*kvs.BatchGetItemOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.BatchGetItem(ctx, in)
}

// BatchWriteItem implements kvs.API.
func (r *Router) BatchWriteItem(ctx context.Context, in *kvs.BatchWriteItemInput) (*kvs.BatchWriteItemOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.BatchWriteItem(ctx, in)
}

// TransactWriteItems implements kvs.API.
func (r *Router) TransactWriteItems(ctx context.Context, in *kvs.TransactWriteItemsInput) (*kvs.TransactWriteItemsOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.TransactWriteItems(ctx, in)
}

// TransactGetItems implements kvs.API.
func (r *Router) TransactGetItems(ctx context.Context, in *kvs.TransactGetItemsInput) (*kvs.TransactGetItemsOutput, error) {
	db, err := r.db(ctx)
	if err != nil {
		return nil, err
	}
	return db.TransactGetItems(ctx, in)
}
