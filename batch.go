package kvs

import "github.com/kvs-project/kvs/attr"

// KeysAndAttributes names the keys to read from one table in a BatchGetItem.
type KeysAndAttributes struct {
	Keys                     []attr.Item
	ProjectionExpression     string `json:",omitempty"`
	ExpressionAttributeNames Names  `json:",omitempty"`
	ConsistentRead           *bool  `json:",omitempty"`
}

// BatchGetItemInput reads up to 100 items from one or more tables.
type BatchGetItemInput struct {
	RequestItems           map[string]*KeysAndAttributes
	ReturnConsumedCapacity string `json:",omitempty"`
}

// BatchGetItemOutput holds the items found per table and the keys left
// unprocessed (past the response size limit), to be retried.
type BatchGetItemOutput struct {
	Responses        map[string][]attr.Item
	UnprocessedKeys  map[string]*KeysAndAttributes
	ConsumedCapacity []ConsumedCapacity `json:",omitempty"`
}

// PutRequest and DeleteRequest are the two kinds of BatchWriteItem request.
type (
	PutRequest    struct{ Item attr.Item }
	DeleteRequest struct{ Key attr.Item }
)

// WriteRequest is one put or one delete in a BatchWriteItem.
type WriteRequest struct {
	PutRequest    *PutRequest    `json:",omitempty"`
	DeleteRequest *DeleteRequest `json:",omitempty"`
}

// BatchWriteItemInput writes up to 25 items to one or more tables. Each write
// is atomic on its own; the batch as a whole is not.
type BatchWriteItemInput struct {
	RequestItems                map[string][]WriteRequest
	ReturnConsumedCapacity      string `json:",omitempty"`
	ReturnItemCollectionMetrics string `json:",omitempty"`
}

// BatchWriteItemOutput holds the writes left unprocessed, to be retried.
type BatchWriteItemOutput struct {
	UnprocessedItems      map[string][]WriteRequest
	ItemCollectionMetrics map[string][]ItemCollectionMetrics `json:",omitempty"`
	ConsumedCapacity      []ConsumedCapacity                 `json:",omitempty"`
}
