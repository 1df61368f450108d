package schema

// Control-plane limits DynamoDB enforces on table definitions. The values are
// DynamoDB's defaults; the ones AWS calls adjustable quotas are still fixed
// here because kvs has no account to adjust them for.
const (
	// MinTableNameLength and MaxTableNameLength bound table and index names.
	MinTableNameLength = 3
	MaxTableNameLength = 255

	// MinIndexNameLength and MaxIndexNameLength bound secondary index names.
	MinIndexNameLength = 3
	MaxIndexNameLength = 255

	// MaxKeySchemaElements is the length limit of a table or index key schema
	// (one HASH and at most one RANGE element).
	MaxKeySchemaElements = 2

	// MaxGSIs is the number of global secondary indexes a table may have.
	MaxGSIs = 20
	// MaxLSIs is the number of local secondary indexes a table may have.
	MaxLSIs = 5

	// MaxNonKeyAttributesPerIndex is the length limit of one projection's
	// NonKeyAttributes list.
	MaxNonKeyAttributesPerIndex = 20
	// MaxProjectedAttributes bounds the NonKeyAttributes summed over all
	// secondary indexes of a table; an attribute projected into two indexes
	// counts twice.
	MaxProjectedAttributes = 100

	// MinCapacityUnits is the smallest ReadCapacityUnits/WriteCapacityUnits
	// value the API accepts.
	MinCapacityUnits = 1
	// MaxCapacityUnits is the largest ReadCapacityUnits/WriteCapacityUnits
	// value the API accepts at all ("Given value ... is out of bounds").
	MaxCapacityUnits = 1_000_000_000_000
	// MaxTableCapacityUnits is DynamoDB's default per-table (and per-index)
	// quota for provisioned read or write capacity units.
	MaxTableCapacityUnits = 40_000

	// MaxTags is the number of tags a resource may carry.
	MaxTags = 50
	// MaxTagKeyLength and MaxTagValueLength bound a tag, in characters.
	MaxTagKeyLength   = 128
	MaxTagValueLength = 256

	// MaxGSICreatesOrDeletesPerUpdate is the number of online index creations
	// or deletions one UpdateTable may carry.
	MaxGSICreatesOrDeletesPerUpdate = 1

	// MaxValidationErrors is how many constraint violations DynamoDB lists in
	// one "N validation errors detected" message.
	MaxValidationErrors = 10
)

// Stream view types.
const (
	StreamKeysOnly       = "KEYS_ONLY"
	StreamNewImage       = "NEW_IMAGE"
	StreamOldImage       = "OLD_IMAGE"
	StreamNewAndOldImage = "NEW_AND_OLD_IMAGES"
)

// Server-side encryption types and statuses.
const (
	SSETypeKMS    = "KMS"
	SSETypeAES256 = "AES256"
	SSEEnabled    = "ENABLED"
)

// Table classes.
const (
	TableClassStandard                 = "STANDARD"
	TableClassStandardInfrequentAccess = "STANDARD_INFREQUENT_ACCESS"
)
