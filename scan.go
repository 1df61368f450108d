package kvs

import "github.com/kvs-project/kvs/attr"

// Select choices for Query and Scan.
const (
	SelectAllAttributes          = "ALL_ATTRIBUTES"
	SelectAllProjectedAttributes = "ALL_PROJECTED_ATTRIBUTES"
	SelectSpecificAttributes     = "SPECIFIC_ATTRIBUTES"
	SelectCount                  = "COUNT"
)

// QueryInput reads the items of one partition (of a table or an index), in
// sort-key order.
type QueryInput struct {
	TableName                 string
	IndexName                 string    `json:",omitempty"`
	KeyConditionExpression    string    `json:",omitempty"`
	FilterExpression          string    `json:",omitempty"`
	ProjectionExpression      string    `json:",omitempty"`
	ExpressionAttributeNames  Names     `json:",omitempty"`
	ExpressionAttributeValues Values    `json:",omitempty"`
	Select                    string    `json:",omitempty"`
	Limit                     *int32    `json:",omitempty"`
	ExclusiveStartKey         attr.Item `json:",omitempty"`
	ScanIndexForward          *bool     `json:",omitempty"`
	ConsistentRead            *bool     `json:",omitempty"`
	ReturnConsumedCapacity    string    `json:",omitempty"`
}

// QueryOutput is one page of a Query or Scan. Count is the number of items
// after the filter, ScannedCount before it; LastEvaluatedKey is set when more
// pages remain.
type QueryOutput struct {
	Items            []attr.Item `json:",omitempty"`
	Count            int32
	ScannedCount     int32
	LastEvaluatedKey attr.Item         `json:",omitempty"`
	ConsumedCapacity *ConsumedCapacity `json:",omitempty"`
}

// ScanInput reads every item of a table or index, optionally one segment of
// a parallel scan.
type ScanInput struct {
	TableName                 string
	IndexName                 string    `json:",omitempty"`
	FilterExpression          string    `json:",omitempty"`
	ProjectionExpression      string    `json:",omitempty"`
	ExpressionAttributeNames  Names     `json:",omitempty"`
	ExpressionAttributeValues Values    `json:",omitempty"`
	Select                    string    `json:",omitempty"`
	Limit                     *int32    `json:",omitempty"`
	ExclusiveStartKey         attr.Item `json:",omitempty"`
	Segment                   *int32    `json:",omitempty"`
	TotalSegments             *int32    `json:",omitempty"`
	ConsistentRead            *bool     `json:",omitempty"`
	ReturnConsumedCapacity    string    `json:",omitempty"`
}

// ScanOutput is one page of a Scan.
type ScanOutput = QueryOutput
