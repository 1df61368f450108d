package kvs

import "github.com/kvs-project/kvs/attr"

// ConditionCheck is a transaction action that only checks a condition.
type ConditionCheck struct {
	TableName                           string
	Key                                 attr.Item
	ConditionExpression                 string
	ExpressionAttributeNames            Names  `json:",omitempty"`
	ExpressionAttributeValues           Values `json:",omitempty"`
	ReturnValuesOnConditionCheckFailure string `json:",omitempty"`
}

// TransactPut, TransactUpdate and TransactDelete are the write actions of a
// transaction; their members mean what they mean in PutItem, UpdateItem and
// DeleteItem.
type (
	TransactPut struct {
		TableName                           string
		Item                                attr.Item
		ConditionExpression                 string `json:",omitempty"`
		ExpressionAttributeNames            Names  `json:",omitempty"`
		ExpressionAttributeValues           Values `json:",omitempty"`
		ReturnValuesOnConditionCheckFailure string `json:",omitempty"`
	}
	TransactUpdate struct {
		TableName                           string
		Key                                 attr.Item
		UpdateExpression                    string
		ConditionExpression                 string `json:",omitempty"`
		ExpressionAttributeNames            Names  `json:",omitempty"`
		ExpressionAttributeValues           Values `json:",omitempty"`
		ReturnValuesOnConditionCheckFailure string `json:",omitempty"`
	}
	TransactDelete struct {
		TableName                           string
		Key                                 attr.Item
		ConditionExpression                 string `json:",omitempty"`
		ExpressionAttributeNames            Names  `json:",omitempty"`
		ExpressionAttributeValues           Values `json:",omitempty"`
		ReturnValuesOnConditionCheckFailure string `json:",omitempty"`
	}
)

// TransactWriteItem is one action of a TransactWriteItems: exactly one member is set.
type TransactWriteItem struct {
	ConditionCheck *ConditionCheck `json:",omitempty"`
	Put            *TransactPut    `json:",omitempty"`
	Update         *TransactUpdate `json:",omitempty"`
	Delete         *TransactDelete `json:",omitempty"`
}

// TransactWriteItemsInput applies up to 100 actions atomically: all or none.
type TransactWriteItemsInput struct {
	TransactItems               []TransactWriteItem
	ClientRequestToken          string `json:",omitempty"`
	ReturnConsumedCapacity      string `json:",omitempty"`
	ReturnItemCollectionMetrics string `json:",omitempty"`
}

// TransactWriteItemsOutput reports capacity and collection metrics.
type TransactWriteItemsOutput struct {
	ConsumedCapacity      []ConsumedCapacity                 `json:",omitempty"`
	ItemCollectionMetrics map[string][]ItemCollectionMetrics `json:",omitempty"`
}

// TransactGet is one read of a TransactGetItems.
type TransactGet struct {
	TableName                string
	Key                      attr.Item
	ProjectionExpression     string `json:",omitempty"`
	ExpressionAttributeNames Names  `json:",omitempty"`
}

// TransactGetItem wraps one TransactGet, as on the wire.
type TransactGetItem struct {
	Get *TransactGet
}

// TransactGetItemsInput reads up to 100 items as of one point in time.
type TransactGetItemsInput struct {
	TransactItems          []TransactGetItem
	ReturnConsumedCapacity string `json:",omitempty"`
}

// ItemResponse is one item of a TransactGetItems answer: Item is nil when
// the item is absent and empty (encoded "Item":{}) when it exists but the
// projection matched none of its attributes, as DynamoDB answers.
type ItemResponse struct {
	Item attr.Item `json:",omitzero"`
}

// TransactGetItemsOutput holds one response per requested item, in order.
type TransactGetItemsOutput struct {
	Responses        []ItemResponse
	ConsumedCapacity []ConsumedCapacity `json:",omitempty"`
}
