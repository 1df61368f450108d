package kvs

import "github.com/kvs-project/kvs/schema"

// Table-level (control plane) requests and responses. Table definitions and
// descriptions themselves are in package schema; these aliases let Go users
// write kvs.TableDefinition.
type (
	TableDefinition       = schema.TableDefinition
	TableDescription      = schema.TableDescription
	AttributeDefinition   = schema.AttributeDefinition
	KeySchemaElement      = schema.KeySchemaElement
	Projection            = schema.Projection
	GlobalSecondaryIndex  = schema.GlobalSecondaryIndex
	LocalSecondaryIndex   = schema.LocalSecondaryIndex
	ProvisionedThroughput = schema.ProvisionedThroughput
	Tag                   = schema.Tag
)

// CreateTableOutput answers CreateTable.
type CreateTableOutput struct {
	TableDescription *TableDescription
}

// DeleteTableInput names the table to delete.
type DeleteTableInput struct {
	TableName string

	tableNameMissing bool // a decoded request left TableName out (controlname.go)
}

// DeleteTableOutput answers DeleteTable with the table as it was.
type DeleteTableOutput struct {
	TableDescription *TableDescription
}

// DescribeTableInput names the table to describe.
type DescribeTableInput struct {
	TableName string

	tableNameMissing bool // a decoded request left TableName out (controlname.go)
}

// DescribeTableOutput answers DescribeTable.
type DescribeTableOutput struct {
	Table *TableDescription
}

// ListTablesInput pages through table names in lexical order.
type ListTablesInput struct {
	ExclusiveStartTableName string `json:",omitempty"`
	Limit                   *int32 `json:",omitempty"`

	emptyStartSent bool // a decoded request carried ExclusiveStartTableName "" (controlname.go)
}

// ListTablesOutput is one page of table names.
type ListTablesOutput struct {
	TableNames             []string
	LastEvaluatedTableName string `json:",omitempty"`
}

// UpdateTimeToLiveInput turns TTL on or off for a table.
type UpdateTimeToLiveInput struct {
	TableName               string
	TimeToLiveSpecification schema.TimeToLiveSpecification

	presence ttlPresence // members a decoded request left out (ttl_input.go)
}

// UpdateTimeToLiveOutput echoes the specification.
type UpdateTimeToLiveOutput struct {
	TimeToLiveSpecification schema.TimeToLiveSpecification
}

// DescribeTimeToLiveInput names the table.
type DescribeTimeToLiveInput struct {
	TableName string
}

// DescribeTimeToLiveOutput answers DescribeTimeToLive.
type DescribeTimeToLiveOutput struct {
	TimeToLiveDescription schema.TimeToLiveDescription
}

// TagResourceInput adds tags to a table, named by ARN.
type TagResourceInput struct {
	ResourceArn string
	Tags        []Tag
}

// UntagResourceInput removes tags by key.
type UntagResourceInput struct {
	ResourceArn string
	TagKeys     []string
}

// ListTagsOfResourceInput pages through a table's tags.
type ListTagsOfResourceInput struct {
	ResourceArn string
	NextToken   string `json:",omitempty"`
}

// ListTagsOfResourceOutput is one page of tags.
type ListTagsOfResourceOutput struct {
	Tags      []Tag
	NextToken string `json:",omitempty"`
}
