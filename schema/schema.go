// Package schema holds table definitions and descriptions in DynamoDB's own
// shape: key schema, attribute definitions, secondary indexes and their
// projections, billing mode and throughput, encryption, streams, TTL and tags.
//
// The structs carry DynamoDB's JSON member names, so the wire server encodes
// and decodes them directly and Go users read the same names they know from
// the AWS SDK. Validation of a definition (DynamoDB's rules and messages) is in
// validate.go; drivers receive only validated definitions.
package schema

// Key types of a key schema element.
const (
	KeyTypeHash  = "HASH"
	KeyTypeRange = "RANGE"
)

// Scalar attribute types allowed for key attributes.
const (
	TypeS = "S"
	TypeN = "N"
	TypeB = "B"
)

// Billing modes.
const (
	BillingProvisioned   = "PROVISIONED"
	BillingPayPerRequest = "PAY_PER_REQUEST"
)

// Projection types of a secondary index.
const (
	ProjectAll      = "ALL"
	ProjectKeysOnly = "KEYS_ONLY"
	ProjectInclude  = "INCLUDE"
)

// Table and index statuses.
const (
	StatusCreating = "CREATING"
	StatusUpdating = "UPDATING"
	StatusDeleting = "DELETING"
	StatusActive   = "ACTIVE"
)

// AttributeDefinition declares the scalar type of a key attribute.
type AttributeDefinition struct {
	AttributeName string `json:"AttributeName"`
	AttributeType string `json:"AttributeType"`
}

// KeySchemaElement is one element of a key schema.
type KeySchemaElement struct {
	AttributeName string `json:"AttributeName"`
	KeyType       string `json:"KeyType"`
}

// Projection says which attributes a secondary index copies.
type Projection struct {
	ProjectionType   string   `json:"ProjectionType,omitempty"`
	NonKeyAttributes []string `json:"NonKeyAttributes,omitempty"`
}

// ProvisionedThroughput as given in a request.
type ProvisionedThroughput struct {
	ReadCapacityUnits  int64 `json:"ReadCapacityUnits"`
	WriteCapacityUnits int64 `json:"WriteCapacityUnits"`

	// readNull and writeNull record members a decoded request left out
	// (see UnmarshalJSON).
	readNull, writeNull bool
}

// ProvisionedThroughputDescription as DynamoDB describes it.
type ProvisionedThroughputDescription struct {
	LastDecreaseDateTime   *float64 `json:"LastDecreaseDateTime,omitempty"`
	LastIncreaseDateTime   *float64 `json:"LastIncreaseDateTime,omitempty"`
	NumberOfDecreasesToday int64    `json:"NumberOfDecreasesToday"`
	ReadCapacityUnits      int64    `json:"ReadCapacityUnits"`
	WriteCapacityUnits     int64    `json:"WriteCapacityUnits"`
}

// OnDemandThroughput caps an on-demand table's request units (-1 = no cap).
type OnDemandThroughput struct {
	MaxReadRequestUnits  *int64 `json:"MaxReadRequestUnits,omitempty"`
	MaxWriteRequestUnits *int64 `json:"MaxWriteRequestUnits,omitempty"`
}

// GlobalSecondaryIndex as given in CreateTable.
type GlobalSecondaryIndex struct {
	IndexName             string                 `json:"IndexName"`
	KeySchema             []KeySchemaElement     `json:"KeySchema"`
	Projection            Projection             `json:"Projection"`
	ProvisionedThroughput *ProvisionedThroughput `json:"ProvisionedThroughput,omitempty"`
	OnDemandThroughput    *OnDemandThroughput    `json:"OnDemandThroughput,omitempty"`
}

// LocalSecondaryIndex as given in CreateTable.
type LocalSecondaryIndex struct {
	IndexName  string             `json:"IndexName"`
	KeySchema  []KeySchemaElement `json:"KeySchema"`
	Projection Projection         `json:"Projection"`
}

// SSESpecification is the encryption setting requested for a table.
type SSESpecification struct {
	Enabled        *bool  `json:"Enabled,omitempty"`
	SSEType        string `json:"SSEType,omitempty"`
	KMSMasterKeyId string `json:"KMSMasterKeyId,omitempty"`
}

// SSEDescription is the encryption setting as described.
type SSEDescription struct {
	Status          string `json:"Status,omitempty"`
	SSEType         string `json:"SSEType,omitempty"`
	KMSMasterKeyArn string `json:"KMSMasterKeyArn,omitempty"`
}

// StreamSpecification turns a table's change stream on or off.
type StreamSpecification struct {
	StreamEnabled  bool   `json:"StreamEnabled"`
	StreamViewType string `json:"StreamViewType,omitempty"`

	// enabledMissing records that a decoded request left StreamEnabled
	// out (stream.go); a Go caller always sets it.
	enabledMissing bool
}

// Tag is one resource tag.
type Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// TimeToLiveSpecification enables or disables TTL on an attribute.
type TimeToLiveSpecification struct {
	AttributeName string `json:"AttributeName"`
	Enabled       bool   `json:"Enabled"`
}

// TimeToLiveDescription as DescribeTimeToLive answers.
type TimeToLiveDescription struct {
	TimeToLiveStatus string `json:"TimeToLiveStatus"`
	AttributeName    string `json:"AttributeName,omitempty"`
}

// TableDefinition is everything CreateTable says about a table.
type TableDefinition struct {
	TableName                 string                 `json:"TableName"`
	AttributeDefinitions      []AttributeDefinition  `json:"AttributeDefinitions"`
	KeySchema                 []KeySchemaElement     `json:"KeySchema"`
	LocalSecondaryIndexes     []LocalSecondaryIndex  `json:"LocalSecondaryIndexes,omitempty"`
	GlobalSecondaryIndexes    []GlobalSecondaryIndex `json:"GlobalSecondaryIndexes,omitempty"`
	BillingMode               string                 `json:"BillingMode,omitempty"`
	ProvisionedThroughput     *ProvisionedThroughput `json:"ProvisionedThroughput,omitempty"`
	OnDemandThroughput        *OnDemandThroughput    `json:"OnDemandThroughput,omitempty"`
	StreamSpecification       *StreamSpecification   `json:"StreamSpecification,omitempty"`
	SSESpecification          *SSESpecification      `json:"SSESpecification,omitempty"`
	Tags                      []Tag                  `json:"Tags,omitempty"`
	TableClass                string                 `json:"TableClass,omitempty"`
	DeletionProtectionEnabled *bool                  `json:"DeletionProtectionEnabled,omitempty"`

	// sentEmpty is set by UnmarshalJSON (emptynames.go); nil for Go callers.
	sentEmpty emptyNames
}

// IndexDescription describes a global or local secondary index.
type IndexDescription struct {
	IndexName             string                            `json:"IndexName"`
	KeySchema             []KeySchemaElement                `json:"KeySchema"`
	Projection            Projection                        `json:"Projection"`
	IndexStatus           string                            `json:"IndexStatus,omitempty"`
	Backfilling           *bool                             `json:"Backfilling,omitempty"`
	ProvisionedThroughput *ProvisionedThroughputDescription `json:"ProvisionedThroughput,omitempty"`
	OnDemandThroughput    *OnDemandThroughput               `json:"OnDemandThroughput,omitempty"`
	IndexSizeBytes        int64                             `json:"IndexSizeBytes"`
	ItemCount             int64                             `json:"ItemCount"`
	IndexArn              string                            `json:"IndexArn"`
}

// BillingModeSummary as DescribeTable answers.
type BillingModeSummary struct {
	BillingMode                       string   `json:"BillingMode"`
	LastUpdateToPayPerRequestDateTime *float64 `json:"LastUpdateToPayPerRequestDateTime,omitempty"`
}

// TableClassSummary as DescribeTable answers.
type TableClassSummary struct {
	TableClass string `json:"TableClass"`
}

// TableDescription is what DescribeTable (and CreateTable, DeleteTable,
// UpdateTable) answer. CreationDateTime is in epoch seconds with a fraction,
// as on the wire.
type TableDescription struct {
	AttributeDefinitions      []AttributeDefinition             `json:"AttributeDefinitions"`
	TableName                 string                            `json:"TableName"`
	KeySchema                 []KeySchemaElement                `json:"KeySchema"`
	TableStatus               string                            `json:"TableStatus"`
	CreationDateTime          float64                           `json:"CreationDateTime"`
	ProvisionedThroughput     *ProvisionedThroughputDescription `json:"ProvisionedThroughput,omitempty"`
	OnDemandThroughput        *OnDemandThroughput               `json:"OnDemandThroughput,omitempty"`
	TableSizeBytes            int64                             `json:"TableSizeBytes"`
	ItemCount                 int64                             `json:"ItemCount"`
	TableArn                  string                            `json:"TableArn"`
	TableId                   string                            `json:"TableId"`
	BillingModeSummary        *BillingModeSummary               `json:"BillingModeSummary,omitempty"`
	LocalSecondaryIndexes     []IndexDescription                `json:"LocalSecondaryIndexes,omitempty"`
	GlobalSecondaryIndexes    []IndexDescription                `json:"GlobalSecondaryIndexes,omitempty"`
	StreamSpecification       *StreamSpecification              `json:"StreamSpecification,omitempty"`
	LatestStreamLabel         string                            `json:"LatestStreamLabel,omitempty"`
	LatestStreamArn           string                            `json:"LatestStreamArn,omitempty"`
	SSEDescription            *SSEDescription                   `json:"SSEDescription,omitempty"`
	TableClassSummary         *TableClassSummary                `json:"TableClassSummary,omitempty"`
	DeletionProtectionEnabled bool                              `json:"DeletionProtectionEnabled"`
}
