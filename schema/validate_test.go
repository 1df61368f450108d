package schema

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

const prefix = "One or more parameter values were invalid: "

// TestValidateCreateTable has one case per rule. The expected texts are
// DynamoDB's (see the comment at the top of validate.go for their sources).
func TestValidateCreateTable(t *testing.T) {
	long := strings.Repeat("a", 256)
	tests := []struct {
		name   string
		mutate func(d *TableDefinition)
		want   string
	}{
		// Model constraints.
		{"missing table name", func(d *TableDefinition) { d.TableName = "" },
			"The parameter 'TableName' is required but was not present in the request"},
		{"short table name", func(d *TableDefinition) { d.TableName = "ab" },
			"1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"long table name", func(d *TableDefinition) { d.TableName = long },
			"1 validation error detected: Value '" + long + "' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255"},
		{"table name characters", func(d *TableDefinition) { d.TableName = "abc;" },
			"1 validation error detected: Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"several violations at once", func(d *TableDefinition) {
			d.TableName, d.AttributeDefinitions, d.KeySchema = "abc;", nil, nil
		}, "3 validation errors detected: Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null; " +
			"Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
			"Value null at 'keySchema' failed to satisfy constraint: Member must not be null"},
		{"attribute type", func(d *TableDefinition) { d.AttributeDefinitions[1].AttributeType = "SS" },
			"1 validation error detected: Value 'SS' at 'attributeDefinitions.2.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]"},
		{"attribute definition members null", func(d *TableDefinition) { d.AttributeDefinitions[0] = AttributeDefinition{} },
			"2 validation errors detected: Value null at 'attributeDefinitions.1.member.attributeName' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must not be null"},
		{"billing mode enum", func(d *TableDefinition) { d.BillingMode = "FOO" },
			"1 validation error detected: Value 'FOO' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]"},
		{"zero capacity", func(d *TableDefinition) { d.BillingMode, d.ProvisionedThroughput = "", &ProvisionedThroughput{} },
			"2 validation errors detected: Value '0' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
				"Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"empty key schema", func(d *TableDefinition) { d.KeySchema = []KeySchemaElement{} },
			"1 validation error detected: Value '[]' at 'keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"key schema too long, with broken members", func(d *TableDefinition) {
			d.KeySchema = []KeySchemaElement{{KeyType: "HASH"}, {AttributeName: "a"}, {AttributeName: "a", KeyType: "Woop"}}
		}, "4 validation errors detected: Value '[com.amazonaws.dynamodb.v20120810.KeySchemaElement@21b90f, com.amazonaws.dynamodb.v20120810.KeySchemaElement@62, " +
			"com.amazonaws.dynamodb.v20120810.KeySchemaElement@293b3b]' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2; " +
			"Value null at 'keySchema.1.member.attributeName' failed to satisfy constraint: Member must not be null; " +
			"Value null at 'keySchema.2.member.keyType' failed to satisfy constraint: Member must not be null; " +
			"Value 'Woop' at 'keySchema.3.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]"},
		{"stream view type enum", func(d *TableDefinition) {
			d.StreamSpecification = &StreamSpecification{StreamEnabled: true, StreamViewType: "new_image"}
		}, "1 validation error detected: Value 'new_image' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]"},
		{"SSE type enum", func(d *TableDefinition) { d.SSESpecification = &SSESpecification{SSEType: "kms"} },
			"1 validation error detected: Value 'kms' at 'sSESpecification.sSEType' failed to satisfy constraint: Member must satisfy enum value set: [AES256, KMS]"},
		{"LSI names, key schema lengths", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{
				{IndexName: "h;", KeySchema: []KeySchemaElement{}},
				{IndexName: long, KeySchema: keys("a:HASH")},
			}
		}, "4 validation errors detected: Value 'h;' at 'localSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
			"Value 'h;' at 'localSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
			"Value '[]' at 'localSecondaryIndexes.1.member.keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
			"Value '" + long + "' at 'localSecondaryIndexes.2.member.indexName' failed to satisfy constraint: Member must have length less than or equal to 255"},
		{"projection type enum and empty NonKeyAttributes", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("a:HASH", "b:RANGE"),
				Projection{ProjectionType: "abc", NonKeyAttributes: []string{}})}
		}, "2 validation errors detected: Value 'abc' at 'localSecondaryIndexes.1.member.projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]; " +
			"Value '[]' at 'localSecondaryIndexes.1.member.projection.nonKeyAttributes' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"GSI key schema too long", func(d *TableDefinition) {
			d.AttributeDefinitions = defs("a", "b", "c")
			d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{gsi("g-a", keys("a:HASH", "b:RANGE", "c:RANGE"), all())}
		}, "1 validation error detected: Value '[com.amazonaws.dynamodb.v20120810.KeySchemaElement@21b970, com.amazonaws.dynamodb.v20120810.KeySchemaElement@4a24180, " +
			"com.amazonaws.dynamodb.v20120810.KeySchemaElement@4a24181]' at 'globalSecondaryIndexes.1.member.keySchema' failed to satisfy constraint: Member must have length less than or equal to 2"},
		{"GSI zero capacity", func(d *TableDefinition) {
			d.BillingMode, d.ProvisionedThroughput = BillingProvisioned, &ProvisionedThroughput{ReadCapacityUnits: 1, WriteCapacityUnits: 1}
			g := gsi("g-a", keys("b:HASH"), all())
			g.ProvisionedThroughput = &ProvisionedThroughput{ReadCapacityUnits: 0, WriteCapacityUnits: 1}
			d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{g}
		}, "1 validation error detected: Value '0' at 'globalSecondaryIndexes.1.member.provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"NonKeyAttributes over 20", func(d *TableDefinition) {
			nka := make([]string, 21)
			for i := range nka {
				nka[i] = fmt.Sprint("x", i)
			}
			d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{gsi("g-a", keys("b:HASH"), Projection{ProjectionType: ProjectInclude, NonKeyAttributes: nka})}
		}, "1 validation error detected: Value '[x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, x18, x19, x20]' at 'globalSecondaryIndexes.1.member.projection.nonKeyAttributes' failed to satisfy constraint: Member must have length less than or equal to 20"},

		// Billing mode and throughput.
		{"on-demand with throughput", func(d *TableDefinition) {
			d.ProvisionedThroughput = &ProvisionedThroughput{ReadCapacityUnits: 1, WriteCapacityUnits: 1}
		}, prefix + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"},
		{"provisioned without throughput", func(d *TableDefinition) { d.BillingMode = BillingProvisioned },
			prefix + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"},
		{"billing mode defaults to provisioned", func(d *TableDefinition) { d.BillingMode = "" },
			prefix + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"},
		{"read capacity out of bounds", func(d *TableDefinition) {
			d.BillingMode, d.KeySchema = "", keys("q:HASH") // bounds come before key checks
			d.ProvisionedThroughput = &ProvisionedThroughput{ReadCapacityUnits: 1000000000001, WriteCapacityUnits: 1000000000001}
		}, "Given value 1000000000001 for ReadCapacityUnits is out of bounds"},
		{"write capacity out of bounds", func(d *TableDefinition) {
			d.BillingMode = ""
			d.ProvisionedThroughput = &ProvisionedThroughput{ReadCapacityUnits: 1000000000000, WriteCapacityUnits: 1000000000001}
		}, "Given value 1000000000001 for WriteCapacityUnits is out of bounds"},
		{"on-demand throughput on provisioned table", func(d *TableDefinition) {
			d.BillingMode, d.ProvisionedThroughput = BillingProvisioned, &ProvisionedThroughput{ReadCapacityUnits: 5, WriteCapacityUnits: 5}
			d.OnDemandThroughput = &OnDemandThroughput{MaxReadRequestUnits: ptr[int64](10)}
		}, prefix + "MaxReadRequestUnits for OnDemandThroughput cannot be specified when table BillingMode is PROVISIONED."},
		{"on-demand maximum out of range", func(d *TableDefinition) {
			d.OnDemandThroughput = &OnDemandThroughput{MaxReadRequestUnits: ptr[int64](0), MaxWriteRequestUnits: ptr[int64](0)}
		}, prefix + "Requested MaxReadRequestUnits for OnDemandThroughput for table is outside of valid range"},
		{"on-demand write maximum out of range", func(d *TableDefinition) {
			d.OnDemandThroughput = &OnDemandThroughput{MaxReadRequestUnits: ptr[int64](-1), MaxWriteRequestUnits: ptr[int64](-2)}
		}, prefix + "Requested MaxWriteRequestUnits for OnDemandThroughput for table is outside of valid range"},

		// Attribute definitions and the table key schema.
		{"duplicate attribute definition", func(d *TableDefinition) {
			d.AttributeDefinitions = []AttributeDefinition{{"a", "S"}, {"b", "S"}, {"a", "N"}}
		}, "Attribute Name is duplicated: a"},
		{"empty attribute definitions", func(d *TableDefinition) { d.AttributeDefinitions = []AttributeDefinition{} },
			"Invalid KeySchema: Some index key attribute have no definition"},
		{"more keys than definitions", func(d *TableDefinition) { d.AttributeDefinitions = defs("b") },
			"Invalid KeySchema: Some index key attribute have no definition"},
		{"key attribute not defined", func(d *TableDefinition) {
			d.AttributeDefinitions, d.KeySchema = defs("b"), keys("a:HASH")
		}, prefix + "Some index key attributes are not defined in AttributeDefinitions. Keys: [a], AttributeDefinitions: [b]"},
		{"case-sensitive attribute names", func(d *TableDefinition) {
			d.AttributeDefinitions, d.KeySchema = defs("pk"), keys("PK:HASH")
		}, prefix + "Some index key attributes are not defined in AttributeDefinitions. Keys: [PK], AttributeDefinitions: [pk]"},
		{"hash and range share a name", func(d *TableDefinition) { d.KeySchema = keys("a:HASH", "a:RANGE") },
			"Both the Hash Key and the Range Key element in the KeySchema have the same name"},
		{"range before hash", func(d *TableDefinition) { d.KeySchema = keys("b:RANGE", "a:HASH") },
			"Invalid KeySchema: The first KeySchemaElement is not a HASH key type"},
		{"range only", func(d *TableDefinition) { d.AttributeDefinitions, d.KeySchema = defs("a"), keys("a:RANGE") },
			"Invalid KeySchema: The first KeySchemaElement is not a HASH key type"},
		{"two hash keys", func(d *TableDefinition) { d.KeySchema = keys("a:HASH", "b:HASH") },
			"Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"},
		{"unused definition without indexes", func(d *TableDefinition) { d.AttributeDefinitions = defs("a", "c", "b") },
			prefix + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"},
		{"unused definition with indexes", func(d *TableDefinition) {
			d.AttributeDefinitions = defs("sk", "a", "b", "pk", "c")
			d.KeySchema = keys("pk:HASH", "sk:RANGE")
			d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{gsi("g-a", keys("a:HASH"), Projection{})}
		}, prefix + "Some AttributeDefinitions are not used. AttributeDefinitions: [sk, a, b, pk, c], keys used: [a, sk, pk]"},

		// Local secondary indexes.
		{"empty LSI list", func(d *TableDefinition) { d.LocalSecondaryIndexes = []LocalSecondaryIndex{} },
			prefix + "List of LocalSecondaryIndexes is empty"},
		{"LSI on a hash-only table", func(d *TableDefinition) {
			d.KeySchema = keys("a:HASH")
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("a:HASH", "b:RANGE"), all())}
		}, prefix + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"},
		{"LSI key not defined", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("a:HASH", "c:RANGE"), Projection{})}
		}, prefix + "Some index key attributes are not defined in AttributeDefinitions. Keys: [c, a], AttributeDefinitions: [b, a]"},
		{"LSI range first", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("a:RANGE"), Projection{})}
		}, "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"},
		{"LSI same names", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("a:HASH", "a:HASH"), Projection{})}
		}, "Both the Hash Key and the Range Key element in the KeySchema have the same name"},
		{"LSI two hash keys", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("a:HASH", "b:HASH"), Projection{})}
		}, "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"},
		{"LSI without range key", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("a:HASH"), Projection{})}
		}, prefix + "Index KeySchema does not have a range key for index: abc"},
		{"LSI without range key before an unused definition", func(d *TableDefinition) {
			// DynamoDB Local's order; the unused check still masks the
			// other index errors (the GSI without ProjectionType above).
			d.AttributeDefinitions = defs("a", "b", "c")
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("a:HASH"), all())}
		}, prefix + "Index KeySchema does not have a range key for index: abc"},
		{"LSI with another hash key", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("b:HASH", "a:RANGE"), Projection{})}
		}, prefix + "Index KeySchema does not have the same leading hash key as table KeySchema for index: abc. index hash key: b, table hash key: a"},
		{"LSI projection type missing", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("a:HASH", "b:RANGE"), Projection{NonKeyAttributes: []string{"a"}})}
		}, prefix + "Unknown ProjectionType: null"},
		{"ALL with NonKeyAttributes", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("a:HASH", "b:RANGE"),
				Projection{ProjectionType: ProjectAll, NonKeyAttributes: []string{"a"}})}
		}, prefix + "ProjectionType is ALL, but NonKeyAttributes is specified"},
		{"KEYS_ONLY with NonKeyAttributes", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("a:HASH", "b:RANGE"),
				Projection{ProjectionType: ProjectKeysOnly, NonKeyAttributes: []string{"a"}})}
		}, prefix + "ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified"},
		{"INCLUDE without NonKeyAttributes", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("a:HASH", "b:RANGE"), Projection{ProjectionType: ProjectInclude})}
		}, prefix + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified"},
		{"duplicate NonKeyAttributes", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("a:HASH", "b:RANGE"),
				Projection{ProjectionType: ProjectInclude, NonKeyAttributes: []string{"x", "y", "x"}})}
		}, prefix + "Duplicate element in NonKeyAttributes: x"},
		{"duplicate LSI name", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("abc", keys("a:HASH", "b:RANGE"), all()), lsi("abc", keys("a:HASH", "b:RANGE"), all())}
		}, prefix + "Duplicate index name: abc"},
		{"six LSIs", func(d *TableDefinition) {
			for i := range 6 {
				d.LocalSecondaryIndexes = append(d.LocalSecondaryIndexes, lsi(fmt.Sprint("ab", i), keys("a:HASH", "b:RANGE"), all()))
			}
		}, prefix + "Number of LocalSecondaryIndexes exceeds per-table limit of 5"},

		// Global secondary indexes.
		{"empty GSI list", func(d *TableDefinition) { d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{} },
			prefix + "List of GlobalSecondaryIndexes is empty"},
		{"GSI key not defined", func(d *TableDefinition) {
			d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{gsi("g-a", keys("q:HASH"), all())}
		}, prefix + "Some index key attributes are not defined in AttributeDefinitions. Keys: [q], AttributeDefinitions: [b, a]"},
		{"GSI range first", func(d *TableDefinition) {
			d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{gsi("g-a", keys("b:RANGE", "a:HASH"), all())}
		}, "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"},
		{"GSI projection type missing", func(d *TableDefinition) {
			d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{gsi("g-a", keys("b:HASH"), Projection{})}
		}, prefix + "Unknown ProjectionType: null"},
		{"GSI throughput on on-demand table", func(d *TableDefinition) {
			g := gsi("g-a", keys("b:HASH"), all())
			g.ProvisionedThroughput = &ProvisionedThroughput{ReadCapacityUnits: 1, WriteCapacityUnits: 1}
			d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{g}
		}, prefix + "ProvisionedThroughput should not be specified for index: g-a when BillingMode is PAY_PER_REQUEST"},
		{"GSI without throughput on provisioned table", func(d *TableDefinition) {
			d.BillingMode, d.ProvisionedThroughput = BillingProvisioned, &ProvisionedThroughput{ReadCapacityUnits: 1, WriteCapacityUnits: 1}
			d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{gsi("g-a", keys("b:HASH"), all())}
		}, prefix + "ProvisionedThroughput is not specified for index: g-a"},
		{"GSI on-demand throughput on provisioned table", func(d *TableDefinition) {
			d.BillingMode, d.ProvisionedThroughput = BillingProvisioned, &ProvisionedThroughput{ReadCapacityUnits: 1, WriteCapacityUnits: 1}
			g := gsi("g-a", keys("b:HASH"), all())
			g.ProvisionedThroughput = &ProvisionedThroughput{ReadCapacityUnits: 1, WriteCapacityUnits: 1}
			g.OnDemandThroughput = &OnDemandThroughput{MaxReadRequestUnits: ptr[int64](10)}
			d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{g}
		}, prefix + "MaxReadRequestUnits for OnDemandThroughput for index: g-a cannot be specified when table BillingMode is PROVISIONED."},
		{"GSI on-demand maximum out of range", func(d *TableDefinition) {
			g := gsi("g-a", keys("b:HASH"), all())
			g.OnDemandThroughput = &OnDemandThroughput{MaxReadRequestUnits: ptr[int64](0)}
			d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{g}
		}, prefix + "Requested MaxReadRequestUnits for OnDemandThroughput for index : g-a is outside of valid range"},
		{"duplicate GSI name", func(d *TableDefinition) {
			d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{gsi("dup", keys("b:HASH"), all()), gsi("dup", keys("a:HASH"), all())}
		}, prefix + "Duplicate index name: dup"},
		{"GSI named like an LSI", func(d *TableDefinition) {
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("dup", keys("a:HASH", "b:RANGE"), all())}
			d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{gsi("dup", keys("b:HASH"), all())}
		}, prefix + "Duplicate index name: dup"},
		{"21 GSIs", func(d *TableDefinition) {
			for i := range 21 {
				d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes, gsi(fmt.Sprint("g-", i), keys("b:HASH"), all()))
			}
		}, prefix + "GlobalSecondaryIndex count exceeds the per-table limit of 20"},
		{"more than 100 projected attributes", func(d *TableDefinition) {
			for i := range 6 {
				nka := make([]string, 20)
				for j := range nka {
					nka[j] = fmt.Sprint("x", j)
				}
				d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes,
					gsi(fmt.Sprint("g-", i), keys("b:HASH"), Projection{ProjectionType: ProjectInclude, NonKeyAttributes: nka}))
			}
		}, prefix + "Number of projected attributes in all indexes exceeds limit of 100"},

		// Streams, encryption, table class, tags.
		{"stream enabled without view type", func(d *TableDefinition) {
			d.StreamSpecification = &StreamSpecification{StreamEnabled: true}
		}, prefix + "Table is being created with a stream enabled, UpdateViewType is required"},
		{"stream disabled with view type", func(d *TableDefinition) {
			d.StreamSpecification = &StreamSpecification{StreamViewType: StreamNewImage}
		}, prefix + "Table is being created with a stream disabled, UpdateViewType should not be specified"},
		{"SSE disabled with type", func(d *TableDefinition) {
			d.SSESpecification = &SSESpecification{Enabled: ptr(false), SSEType: SSETypeKMS, KMSMasterKeyId: "k"}
		}, prefix + "SSEType can not be specified if Enabled is false"},
		{"SSE disabled with key", func(d *TableDefinition) {
			d.SSESpecification = &SSESpecification{Enabled: ptr(false), KMSMasterKeyId: "k"}
		}, prefix + "KMSMasterKeyId can not be specified if Enabled is false"},
		{"SSE AES256", func(d *TableDefinition) {
			d.SSESpecification = &SSESpecification{Enabled: ptr(true), SSEType: SSETypeAES256}
		}, prefix + "SSEType AES256 is not supported"},
		{"SSE key without KMS type", func(d *TableDefinition) {
			d.SSESpecification = &SSESpecification{Enabled: ptr(true), KMSMasterKeyId: "alias/aws/dynamodb"}
		}, prefix + "SSEType KMS is required if KMSMasterKeyId is specified"},
		{"table class", func(d *TableDefinition) { d.TableClass = "standard" },
			"Invalid table-class parameter provided. Please try again with a valid table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS]."},
		{"tag key prefixed aws:", func(d *TableDefinition) { d.Tags = []Tag{{Key: "aws:foo", Value: "v"}} },
			"Tag Key cannot be prefixed with aws:, Key: aws:foo"},
		{"tag key too long", func(d *TableDefinition) { d.Tags = []Tag{{Key: strings.Repeat("x", 129)}} },
			"The Tag Key provided is invalid, Key: " + strings.Repeat("x", 129)},
		{"tag key character", func(d *TableDefinition) { d.Tags = []Tag{{Key: "a#b"}} },
			"The Tag Key provided is invalid, Key: a#b"},
		{"tag value character", func(d *TableDefinition) { d.Tags = []Tag{{Key: "k", Value: "v#"}} },
			"The Tag Value provided is invalid, Value: v#"},
		{"duplicate tag keys", func(d *TableDefinition) { d.Tags = []Tag{{Key: "k", Value: "1"}, {Key: "k", Value: "2"}} },
			"Duplicate Tag Keys provided as input: Duplicate Tag Key found k"},
		{"51 tags", func(d *TableDefinition) {
			for i := range 51 {
				d.Tags = append(d.Tags, Tag{Key: fmt.Sprint("k", i)})
			}
		}, "Number of Tags exceed the current limit for the provided ResourceArn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := hashRange()
			tt.mutate(d)
			wantErr(t, ValidateCreateTable(d), apierr.Validation, tt.want)
		})
	}
}

func TestValidateCreateTableNil(t *testing.T) {
	wantErr(t, ValidateCreateTable(nil), apierr.Validation,
		"The paramater 'tableName' is required but was not present in the request")
}

// TestValidateCreateTableAccepts lists definitions DynamoDB accepts, some of
// them close to a rule's edge.
func TestValidateCreateTableAccepts(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(d *TableDefinition)
	}{
		{"hash and range", func(d *TableDefinition) {}},
		{"hash only", func(d *TableDefinition) { d.AttributeDefinitions, d.KeySchema = defs("a"), keys("a:HASH") }},
		{"definitions in any order", func(d *TableDefinition) { d.AttributeDefinitions = defs("b", "a") }},
		{"255-character name with dots and dashes", func(d *TableDefinition) { d.TableName = ".-_" + strings.Repeat("Z9", 126) }},
		{"provisioned", func(d *TableDefinition) {
			d.BillingMode, d.ProvisionedThroughput = BillingProvisioned, &ProvisionedThroughput{ReadCapacityUnits: 1, WriteCapacityUnits: 1}
		}},
		{"billing mode omitted with throughput", func(d *TableDefinition) {
			d.BillingMode, d.ProvisionedThroughput = "", &ProvisionedThroughput{ReadCapacityUnits: 40000, WriteCapacityUnits: 40000}
		}},
		{"indexes of every kind", func(d *TableDefinition) {
			d.AttributeDefinitions = defs("a", "b", "c")
			d.LocalSecondaryIndexes = []LocalSecondaryIndex{
				lsi("l-include", keys("a:HASH", "c:RANGE"), Projection{ProjectionType: ProjectInclude, NonKeyAttributes: []string{"a", "z"}}),
				lsi("l-table-sort", keys("a:HASH", "b:RANGE"), Projection{ProjectionType: ProjectKeysOnly}),
			}
			d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{
				gsi("abc", keys("a:HASH", "b:RANGE"), all()), // same key as the table, same name as the table
				gsi("g-c", keys("c:HASH"), all()),
			}
		}},
		{"20 GSIs and 5 LSIs", func(d *TableDefinition) {
			for i := range 20 {
				d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes, gsi(fmt.Sprint("g-", i), keys("b:HASH"), all()))
			}
			for i := range 5 {
				d.LocalSecondaryIndexes = append(d.LocalSecondaryIndexes, lsi(fmt.Sprint("l-", i), keys("a:HASH", "b:RANGE"), all()))
			}
		}},
		{"on-demand maxima", func(d *TableDefinition) {
			d.OnDemandThroughput = &OnDemandThroughput{MaxReadRequestUnits: ptr[int64](-1), MaxWriteRequestUnits: ptr[int64](100)}
		}},
		{"stream", func(d *TableDefinition) {
			d.StreamSpecification = &StreamSpecification{StreamEnabled: true, StreamViewType: StreamNewAndOldImage}
		}},
		{"stream disabled", func(d *TableDefinition) { d.StreamSpecification = &StreamSpecification{} }},
		{"empty SSE specification", func(d *TableDefinition) { d.SSESpecification = &SSESpecification{} }},
		{"SSE type without Enabled", func(d *TableDefinition) {
			d.SSESpecification = &SSESpecification{SSEType: SSETypeKMS, KMSMasterKeyId: "alias/k"}
		}},
		{"table class", func(d *TableDefinition) { d.TableClass = TableClassStandardInfrequentAccess }},
		{"empty tag list", func(d *TableDefinition) { d.Tags = []Tag{} }},
		{"50 tags", func(d *TableDefinition) {
			for i := range 50 {
				d.Tags = append(d.Tags, Tag{Key: fmt.Sprint("team:k/", i, "+=.-@ é"), Value: ""})
			}
		}},
		{"deletion protection", func(d *TableDefinition) { d.DeletionProtectionEnabled = ptr(true) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := hashRange()
			tt.mutate(d)
			if err := ValidateCreateTable(d); err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
		})
	}
}
