package kvs

import (
	"bytes"
	"strconv"

	"github.com/kvs-project/kvs/attr"
)

// The request and response shapes of kvs's DynamoDB-level API. They mirror
// DynamoDB's operations member for member, with DynamoDB's JSON names, so the
// wire server decodes requests straight into them and Go users find the names
// they know from the AWS SDK. Optional members are pointers or empty values;
// kvs validates every input with DynamoDB's rules and messages before any I/O.

// ReturnValues choices for PutItem, UpdateItem and DeleteItem.
const (
	ReturnNone       = "NONE"
	ReturnAllOld     = "ALL_OLD"
	ReturnUpdatedOld = "UPDATED_OLD"
	ReturnAllNew     = "ALL_NEW"
	ReturnUpdatedNew = "UPDATED_NEW"
)

// ReturnConsumedCapacity choices.
const (
	CapacityNone    = "NONE"
	CapacityTotal   = "TOTAL"
	CapacityIndexes = "INDEXES"
)

// Names and Values are a request's ExpressionAttributeNames and
// ExpressionAttributeValues.
type (
	Names  = map[string]string
	Values = map[string]attr.Value
)

// GetItemInput reads one item by its full primary key.
type GetItemInput struct {
	TableName                string `json:"TableName"`
	Key                      attr.Item
	ProjectionExpression     string `json:",omitempty"`
	ExpressionAttributeNames Names  `json:",omitempty"`
	ConsistentRead           *bool  `json:",omitempty"`
	ReturnConsumedCapacity   string `json:",omitempty"`
}

// GetItemOutput holds the item, or a nil Item when there is none.
type GetItemOutput struct {
	Item             attr.Item         `json:",omitempty"`
	ConsumedCapacity *ConsumedCapacity `json:",omitempty"`
}

// PutItemInput creates or replaces one item.
type PutItemInput struct {
	TableName                           string
	Item                                attr.Item
	ConditionExpression                 string `json:",omitempty"`
	ExpressionAttributeNames            Names  `json:",omitempty"`
	ExpressionAttributeValues           Values `json:",omitempty"`
	ReturnValues                        string `json:",omitempty"`
	ReturnValuesOnConditionCheckFailure string `json:",omitempty"`
	ReturnConsumedCapacity              string `json:",omitempty"`
	ReturnItemCollectionMetrics         string `json:",omitempty"`
}

// PutItemOutput holds the old item when ReturnValues was ALL_OLD.
type PutItemOutput struct {
	Attributes            attr.Item              `json:",omitempty"`
	ConsumedCapacity      *ConsumedCapacity      `json:",omitempty"`
	ItemCollectionMetrics *ItemCollectionMetrics `json:",omitempty"`
}

// UpdateItemInput edits (or creates) one item with an update expression.
type UpdateItemInput struct {
	TableName                           string
	Key                                 attr.Item
	UpdateExpression                    string `json:",omitempty"`
	ConditionExpression                 string `json:",omitempty"`
	ExpressionAttributeNames            Names  `json:",omitempty"`
	ExpressionAttributeValues           Values `json:",omitempty"`
	ReturnValues                        string `json:",omitempty"`
	ReturnValuesOnConditionCheckFailure string `json:",omitempty"`
	ReturnConsumedCapacity              string `json:",omitempty"`
	ReturnItemCollectionMetrics         string `json:",omitempty"`
}

// UpdateItemOutput holds the attributes ReturnValues asked for.
type UpdateItemOutput struct {
	Attributes            attr.Item              `json:",omitempty"`
	ConsumedCapacity      *ConsumedCapacity      `json:",omitempty"`
	ItemCollectionMetrics *ItemCollectionMetrics `json:",omitempty"`
}

// DeleteItemInput removes one item.
type DeleteItemInput struct {
	TableName                           string
	Key                                 attr.Item
	ConditionExpression                 string `json:",omitempty"`
	ExpressionAttributeNames            Names  `json:",omitempty"`
	ExpressionAttributeValues           Values `json:",omitempty"`
	ReturnValues                        string `json:",omitempty"`
	ReturnValuesOnConditionCheckFailure string `json:",omitempty"`
	ReturnConsumedCapacity              string `json:",omitempty"`
	ReturnItemCollectionMetrics         string `json:",omitempty"`
}

// DeleteItemOutput holds the old item when ReturnValues was ALL_OLD.
type DeleteItemOutput struct {
	Attributes            attr.Item              `json:",omitempty"`
	ConsumedCapacity      *ConsumedCapacity      `json:",omitempty"`
	ItemCollectionMetrics *ItemCollectionMetrics `json:",omitempty"`
}

// Units is an amount of capacity. It is a float64 that encodes in JSON the
// way DynamoDB's Java service writes doubles: always with a fraction
// ("1.0", "0.5"), so answers match DynamoDB byte for byte.
type Units float64

// MarshalJSON writes u like Java's Double.toString for the range capacity
// values take.
func (u Units) MarshalJSON() ([]byte, error) {
	b := strconv.AppendFloat(nil, float64(u), 'f', -1, 64)
	if !bytes.ContainsAny(b, ".eE") {
		b = append(b, '.', '0')
	}
	return b, nil
}

// Capacity is the capacity consumed on one table or index.
type Capacity struct {
	CapacityUnits      Units
	ReadCapacityUnits  Units `json:",omitempty"`
	WriteCapacityUnits Units `json:",omitempty"`
}

// ConsumedCapacity reports the capacity an operation consumed, as DynamoDB
// computes it (4 KB read units, 1 KB write units, halved for eventually
// consistent reads, doubled in transactions).
type ConsumedCapacity struct {
	TableName              string
	CapacityUnits          Units
	ReadCapacityUnits      Units                `json:",omitempty"`
	WriteCapacityUnits     Units                `json:",omitempty"`
	Table                  *Capacity            `json:",omitempty"`
	LocalSecondaryIndexes  map[string]*Capacity `json:",omitempty"`
	GlobalSecondaryIndexes map[string]*Capacity `json:",omitempty"`
}

// ItemCollectionMetrics reports the size of an item collection (tables with
// local secondary indexes only).
type ItemCollectionMetrics struct {
	ItemCollectionKey   attr.Item
	SizeEstimateRangeGB []Units
}
