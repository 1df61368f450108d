package kvs

import (
	"context"

	"github.com/kvs-project/kvs/schema"
)

// API is the DynamoDB-level surface of a DB: one method per DynamoDB
// operation, with DynamoDB's request and response shapes. *DB implements it;
// the wire server is written against it so that wrappers (metrics, auth,
// fault injection) can sit in between.
type API interface {
	CreateTable(ctx context.Context, in *TableDefinition) (*CreateTableOutput, error)
	DeleteTable(ctx context.Context, in *DeleteTableInput) (*DeleteTableOutput, error)
	DescribeTable(ctx context.Context, in *DescribeTableInput) (*DescribeTableOutput, error)
	ListTables(ctx context.Context, in *ListTablesInput) (*ListTablesOutput, error)
	UpdateTable(ctx context.Context, in *UpdateTableInput) (*UpdateTableOutput, error)
	UpdateTimeToLive(ctx context.Context, in *UpdateTimeToLiveInput) (*UpdateTimeToLiveOutput, error)
	DescribeTimeToLive(ctx context.Context, in *DescribeTimeToLiveInput) (*DescribeTimeToLiveOutput, error)
	TagResource(ctx context.Context, in *TagResourceInput) error
	UntagResource(ctx context.Context, in *UntagResourceInput) error
	ListTagsOfResource(ctx context.Context, in *ListTagsOfResourceInput) (*ListTagsOfResourceOutput, error)

	GetItem(ctx context.Context, in *GetItemInput) (*GetItemOutput, error)
	PutItem(ctx context.Context, in *PutItemInput) (*PutItemOutput, error)
	UpdateItem(ctx context.Context, in *UpdateItemInput) (*UpdateItemOutput, error)
	DeleteItem(ctx context.Context, in *DeleteItemInput) (*DeleteItemOutput, error)
	Query(ctx context.Context, in *QueryInput) (*QueryOutput, error)
	Scan(ctx context.Context, in *ScanInput) (*ScanOutput, error)
	BatchGetItem(ctx context.Context, in *BatchGetItemInput) (*BatchGetItemOutput, error)
	BatchWriteItem(ctx context.Context, in *BatchWriteItemInput) (*BatchWriteItemOutput, error)
	TransactWriteItems(ctx context.Context, in *TransactWriteItemsInput) (*TransactWriteItemsOutput, error)
	TransactGetItems(ctx context.Context, in *TransactGetItemsInput) (*TransactGetItemsOutput, error)
}

// UpdateTableInput changes a table's billing, throughput, indexes, streams,
// encryption, class or deletion protection.
type UpdateTableInput = schema.UpdateTableRequest

// UpdateTableOutput answers UpdateTable.
type UpdateTableOutput struct {
	TableDescription *TableDescription
}
