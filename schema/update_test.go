package schema

import (
	"fmt"
	"testing"
	"time"

	"github.com/kvs-project/kvs/apierr"
)

// onDemandTable describes an ACTIVE on-demand table a/b with GSI g-b on b and
// LSI l-c on a/c.
func onDemandTable() *TableDescription {
	d := hashRange()
	d.TableName = "tbl"
	d.AttributeDefinitions = defs("a", "b", "c")
	d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{gsi("g-b", keys("b:HASH"), all())}
	d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("l-c", keys("a:HASH", "c:RANGE"), all())}
	return Describe(d, DescribeOptions{Region: "us-east-1", Account: "123456789012", Created: time.Unix(1700000000, 0)})
}

// provisionedTable is onDemandTable created PROVISIONED 1/1 (GSI 2/2).
func provisionedTable() *TableDescription {
	d := hashRange()
	d.TableName = "tbl"
	d.BillingMode = BillingProvisioned
	d.ProvisionedThroughput = &ProvisionedThroughput{ReadCapacityUnits: 1, WriteCapacityUnits: 1}
	d.AttributeDefinitions = defs("a", "b")
	g := gsi("g-b", keys("b:HASH"), all())
	g.ProvisionedThroughput = &ProvisionedThroughput{ReadCapacityUnits: 2, WriteCapacityUnits: 2}
	d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{g}
	return Describe(d, DescribeOptions{Region: "us-east-1", Account: "123456789012", Created: time.Unix(1700000000, 0)})
}

func pt(r, w int64) *ProvisionedThroughput {
	return &ProvisionedThroughput{ReadCapacityUnits: r, WriteCapacityUnits: w}
}

func createG(name, key string, throughput *ProvisionedThroughput) GlobalSecondaryIndexUpdate {
	g := gsi(name, keys(key+":HASH"), all())
	g.ProvisionedThroughput = throughput
	return GlobalSecondaryIndexUpdate{Create: &g}
}

func updateG(name string, throughput *ProvisionedThroughput) GlobalSecondaryIndexUpdate {
	return GlobalSecondaryIndexUpdate{Update: &UpdateGlobalSecondaryIndexAction{IndexName: name, ProvisionedThroughput: throughput}}
}

func deleteG(name string) GlobalSecondaryIndexUpdate {
	return GlobalSecondaryIndexUpdate{Delete: &DeleteGlobalSecondaryIndexAction{IndexName: name}}
}

func TestValidateUpdateTable(t *testing.T) {
	nothing := "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, " +
		"SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, " +
		"DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required"
	tests := []struct {
		name  string
		table func() *TableDescription
		req   UpdateTableRequest
		code  apierr.Code
		want  string
	}{
		// Table-independent rules.
		{"short table name", onDemandTable, UpdateTableRequest{TableName: "ab", DeletionProtectionEnabled: ptr(true)}, apierr.Validation,
			"1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"zero capacity", provisionedTable, UpdateTableRequest{TableName: "tbl", ProvisionedThroughput: pt(4, 0)}, apierr.Validation,
			"1 validation error detected: Value '0' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"GSI action members", provisionedTable, UpdateTableRequest{TableName: "tbl", GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{
			{Update: &UpdateGlobalSecondaryIndexAction{IndexName: "g;", ProvisionedThroughput: pt(0, 1)}}, {Delete: &DeleteGlobalSecondaryIndexAction{}}}},
			apierr.Validation, "4 validation errors detected: " +
				"Value 'g;' at 'globalSecondaryIndexUpdates.1.member.update.indexName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value 'g;' at 'globalSecondaryIndexUpdates.1.member.update.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
				"Value '0' at 'globalSecondaryIndexUpdates.1.member.update.provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
				"Value null at 'globalSecondaryIndexUpdates.2.member.delete.indexName' failed to satisfy constraint: Member must not be null"},
		{"nothing to update", onDemandTable, UpdateTableRequest{TableName: "tbl"}, apierr.Validation, nothing},
		{"attribute definitions alone", onDemandTable, UpdateTableRequest{TableName: "tbl", AttributeDefinitions: defs("a")}, apierr.Validation, nothing},
		{"empty GSI update list alone", onDemandTable, UpdateTableRequest{TableName: "tbl", GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{}}, apierr.Validation, nothing},
		{"empty GSI update list with a change", onDemandTable, UpdateTableRequest{TableName: "tbl",
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{}, BillingMode: BillingPayPerRequest}, apierr.Validation,
			prefix + "List of GlobalSecondaryIndexUpdates is empty"},
		{"empty GSI update entry", onDemandTable, UpdateTableRequest{TableName: "tbl", GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{{}}}, apierr.Validation,
			prefix + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null"},
		{"two actions in one entry", onDemandTable, UpdateTableRequest{TableName: "tbl", GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{
			{Update: updateG("g-b", nil).Update, Delete: deleteG("g-b").Delete}}}, apierr.Validation,
			prefix + "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object"},
		{"two actions on one index", onDemandTable, UpdateTableRequest{TableName: "tbl", GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{
			deleteG("g-b"), createG("g-b", "b", nil)}, AttributeDefinitions: defs("b")}, apierr.Validation,
			prefix + "Only one global secondary index update per index is allowed simultaneously. Index: g-b"},
		{"SSE with another change", onDemandTable, UpdateTableRequest{TableName: "tbl", SSESpecification: &SSESpecification{Enabled: ptr(true)},
			DeletionProtectionEnabled: ptr(true), TableClass: TableClassStandard}, apierr.Validation,
			prefix + "Server-Side Encryption modification must be the only operation in the request"},
		{"table class with another change", onDemandTable, UpdateTableRequest{TableName: "tbl", TableClass: TableClassStandard,
			DeletionProtectionEnabled: ptr(true)}, apierr.Validation,
			prefix + "TableClass modification must be the only operation in the request"},
		{"deletion protection with another change", onDemandTable, UpdateTableRequest{TableName: "tbl", DeletionProtectionEnabled: ptr(true),
			BillingMode: BillingPayPerRequest}, apierr.Validation,
			prefix + "DeletionProtection modification must be the only operation in the request"},
		{"on-demand throughput with a stream", onDemandTable, UpdateTableRequest{TableName: "tbl",
			OnDemandThroughput: &OnDemandThroughput{MaxReadRequestUnits: ptr[int64](5)}, StreamSpecification: &StreamSpecification{}}, apierr.Validation,
			prefix + "OnDemandThroughput can only be combined with BillingMode in an UpdateTable request"},
		{"stream with throughput", provisionedTable, UpdateTableRequest{TableName: "tbl", ProvisionedThroughput: pt(3, 3),
			StreamSpecification: &StreamSpecification{StreamEnabled: true, StreamViewType: StreamKeysOnly}}, apierr.Validation,
			prefix + "You cannot modify stream status while updating table IOPS"},
		{"index creation with throughput", provisionedTable, UpdateTableRequest{TableName: "tbl", ProvisionedThroughput: pt(3, 3),
			AttributeDefinitions: defs("c"), GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-c", "c", pt(1, 1))}}, apierr.Validation,
			prefix + "You cannot create or delete index while updating table IOPS"},
		{"index deletion with a stream", onDemandTable, UpdateTableRequest{TableName: "tbl",
			StreamSpecification:         &StreamSpecification{StreamEnabled: true, StreamViewType: StreamKeysOnly},
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{deleteG("g-b")}}, apierr.Validation,
			prefix + "You cannot create or delete index while changing stream status"},
		{"throughput with explicit on-demand mode", provisionedTable, UpdateTableRequest{TableName: "tbl", BillingMode: BillingPayPerRequest,
			ProvisionedThroughput: pt(1, 1)}, apierr.Validation,
			prefix + "ProvisionedThroughput cannot be specified when BillingMode is PAY_PER_REQUEST"},
		{"provisioned without throughput", onDemandTable, UpdateTableRequest{TableName: "tbl", BillingMode: BillingProvisioned}, apierr.Validation,
			prefix + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED"},
		{"capacity out of bounds", provisionedTable, UpdateTableRequest{TableName: "tbl", ProvisionedThroughput: pt(1000000000001, 1)}, apierr.Validation,
			"Given value 1000000000001 for ReadCapacityUnits is out of bounds"},
		{"index creation without attribute definitions", onDemandTable, UpdateTableRequest{TableName: "tbl",
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-c", "c", nil)}}, apierr.Validation,
			prefix + "AttributeDefinitions is not specified for index: g-c"},
		{"index creation without projection type", onDemandTable, UpdateTableRequest{TableName: "tbl", AttributeDefinitions: defs("c"),
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{{Create: &GlobalSecondaryIndex{IndexName: "g-c", KeySchema: keys("c:HASH")}}}},
			apierr.Validation, prefix + "Unknown ProjectionType: null"},
		{"stream enabled without view type", onDemandTable, UpdateTableRequest{TableName: "tbl",
			StreamSpecification: &StreamSpecification{StreamEnabled: true}}, apierr.Validation,
			prefix + "If stream is being enabled then UpdateViewType is required"},
		{"stream disabled with view type", onDemandTable, UpdateTableRequest{TableName: "tbl",
			StreamSpecification: &StreamSpecification{StreamViewType: StreamKeysOnly}}, apierr.Validation,
			prefix + "If stream is being disabled, then UpdateViewType must not be specified"},
		{"SSE AES256", onDemandTable, UpdateTableRequest{TableName: "tbl", SSESpecification: &SSESpecification{SSEType: SSETypeAES256}},
			apierr.Validation, prefix + "SSEType AES256 is not supported"},
		{"table class", onDemandTable, UpdateTableRequest{TableName: "tbl", TableClass: "COLD"}, apierr.Validation,
			"Invalid table-class parameter provided. Please try again with a valid table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS]."},
		{"two index creations", onDemandTable, UpdateTableRequest{TableName: "tbl", AttributeDefinitions: defs("c", "d"),
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-c", "c", nil), createG("g-d", "d", nil)}}, apierr.LimitExceeded,
			"Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"},
		{"creation and deletion", onDemandTable, UpdateTableRequest{TableName: "tbl", AttributeDefinitions: defs("c"),
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-c", "c", nil), deleteG("g-b")}}, apierr.LimitExceeded,
			"Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"},

		// Rules that depend on the table.
		{"table missing", func() *TableDescription { return nil }, UpdateTableRequest{TableName: "tbl", DeletionProtectionEnabled: ptr(true)},
			apierr.ResourceNotFound, "Requested resource not found: Table: tbl not found"},
		{"table being created", func() *TableDescription { d := onDemandTable(); d.TableStatus = StatusCreating; return d },
			UpdateTableRequest{TableName: "tbl", DeletionProtectionEnabled: ptr(true)}, apierr.ResourceInUse,
			"Attempt to change a resource which is still in use: Table is being created: tbl"},
		{"table being deleted", func() *TableDescription { d := onDemandTable(); d.TableStatus = StatusDeleting; return d },
			UpdateTableRequest{TableName: "tbl", DeletionProtectionEnabled: ptr(true)}, apierr.ResourceInUse,
			"Attempt to change a resource which is still in use: Table is being deleted: tbl"},
		{"throughput on on-demand table", onDemandTable, UpdateTableRequest{TableName: "tbl", ProvisionedThroughput: pt(1, 1)}, apierr.Validation,
			prefix + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"},
		{"on-demand throughput on provisioned table", provisionedTable, UpdateTableRequest{TableName: "tbl",
			OnDemandThroughput: &OnDemandThroughput{MaxReadRequestUnits: ptr[int64](100)}}, apierr.Validation,
			prefix + "MaxReadRequestUnits for OnDemandThroughput cannot be specified when the table BillingMode is PROVISIONED"},
		{"switch to provisioned without index throughput", onDemandTable, UpdateTableRequest{TableName: "tbl", BillingMode: BillingProvisioned,
			ProvisionedThroughput: pt(50, 50)}, apierr.Validation,
			prefix + "ProvisionedThroughput must be specified for index: g-b"},
		{"throughput will not change", provisionedTable, UpdateTableRequest{TableName: "tbl", BillingMode: BillingProvisioned,
			ProvisionedThroughput: pt(1, 1)}, apierr.Validation,
			"The provisioned throughput for the table will not change. The requested value equals the current value. " +
				"Current ReadCapacityUnits provisioned for the table: 1. Requested ReadCapacityUnits: 1. " +
				"Current WriteCapacityUnits provisioned for the table: 1. Requested WriteCapacityUnits: 1. " +
				"Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits."},
		{"index throughput will not change", provisionedTable, UpdateTableRequest{TableName: "tbl",
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{updateG("g-b", pt(2, 2))}}, apierr.Validation,
			"The provisioned throughput for the index g-b will not change. The requested value equals the current value. " +
				"Current ReadCapacityUnits provisioned for index g-b: 2. Requested ReadCapacityUnits: 2. " +
				"Current WriteCapacityUnits provisioned for index g-b: 2. Requested WriteCapacityUnits: 2. " +
				"Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits."},
		{"index throughput on on-demand table", onDemandTable, UpdateTableRequest{TableName: "tbl",
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{updateG("g-b", pt(2, 2))}}, apierr.Validation,
			prefix + "The only Updates for index: g-b when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput"},
		{"update of a missing index", onDemandTable, UpdateTableRequest{TableName: "tbl",
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{updateG("ghost", nil)}}, apierr.ResourceNotFound,
			"Requested resource not found: Index ghost for table tbl"},
		{"deletion of an LSI", onDemandTable, UpdateTableRequest{TableName: "tbl",
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{deleteG("l-c")}}, apierr.Validation,
			"Cannot delete an index that is not a GlobalSecondaryIndex: l-c"},
		{"creation of an existing index", onDemandTable, UpdateTableRequest{TableName: "tbl", AttributeDefinitions: defs("c"),
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("l-c", "c", nil)}}, apierr.Validation,
			"Attempting to create an index which already exists"},
		{"creation with an undefined key", onDemandTable, UpdateTableRequest{TableName: "tbl", AttributeDefinitions: defs("x"),
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-q", "q", nil)}}, apierr.Validation,
			prefix + "Some index key attributes are not defined in AttributeDefinitions. Keys: [q], AttributeDefinitions: [x]"},
		{"creation without throughput on provisioned table", provisionedTable, UpdateTableRequest{TableName: "tbl", AttributeDefinitions: defs("c"),
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-nopt", "c", nil)}}, apierr.Validation,
			prefix + "Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: g-nopt"},
		{"creation with throughput on on-demand table", onDemandTable, UpdateTableRequest{TableName: "tbl", AttributeDefinitions: defs("c"),
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-c", "c", pt(1, 1))}}, apierr.Validation,
			prefix + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: g-c when BillingMode is PAY_PER_REQUEST"},
		{"creation while another index builds", func() *TableDescription {
			d := onDemandTable()
			d.GlobalSecondaryIndexes[0].IndexStatus = StatusCreating
			return d
		}, UpdateTableRequest{TableName: "tbl", AttributeDefinitions: defs("c"),
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-c", "c", nil)}}, apierr.LimitExceeded,
			"Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"},
		{"21st GSI", func() *TableDescription {
			d := onDemandTable()
			for i := range 19 {
				d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes, IndexDescription{IndexName: fmt.Sprint("g-", i), IndexStatus: StatusActive})
			}
			return d
		}, UpdateTableRequest{TableName: "tbl", AttributeDefinitions: defs("c"),
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-c", "c", nil)}}, apierr.LimitExceeded,
			"Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of 20"},
		{"enable an enabled stream", func() *TableDescription {
			d := onDemandTable()
			d.StreamSpecification = &StreamSpecification{StreamEnabled: true, StreamViewType: StreamNewImage}
			return d
		}, UpdateTableRequest{TableName: "tbl", StreamSpecification: &StreamSpecification{StreamEnabled: true, StreamViewType: StreamNewAndOldImage}},
			apierr.Validation, "Table already has an enabled stream: TableName: tbl"},
		{"disable a missing stream", onDemandTable, UpdateTableRequest{TableName: "tbl", StreamSpecification: &StreamSpecification{}},
			apierr.Validation, "Table has no stream to disable: TableName: tbl"},
		{"default encryption again", onDemandTable, UpdateTableRequest{TableName: "tbl", SSESpecification: &SSESpecification{Enabled: ptr(false)}},
			apierr.Validation, prefix + "Table is already encrypted by default"},
		{"same KMS key ARN", func() *TableDescription {
			d := onDemandTable()
			d.SSEDescription = &SSEDescription{Status: SSEEnabled, SSEType: SSETypeKMS, KMSMasterKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k1"}
			return d
		}, UpdateTableRequest{TableName: "tbl", SSESpecification: &SSESpecification{Enabled: ptr(true), SSEType: SSETypeKMS,
			KMSMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/k1"}}, apierr.Validation,
			prefix + "Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to change Master Key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req
			wantErr(t, ValidateUpdateTable(tt.table(), &req), tt.code, tt.want)
		})
	}
}

func TestValidateUpdateTableAccepts(t *testing.T) {
	tests := []struct {
		name  string
		table func() *TableDescription
		req   UpdateTableRequest
	}{
		{"deletion protection", onDemandTable, UpdateTableRequest{DeletionProtectionEnabled: ptr(true)}},
		{"billing mode re-sent", onDemandTable, UpdateTableRequest{BillingMode: BillingPayPerRequest}},
		{"on-demand maxima with billing mode", provisionedTable, UpdateTableRequest{BillingMode: BillingPayPerRequest,
			OnDemandThroughput: &OnDemandThroughput{MaxReadRequestUnits: ptr[int64](-1)}}},
		{"switch to on-demand with a stream", provisionedTable, UpdateTableRequest{BillingMode: BillingPayPerRequest,
			StreamSpecification: &StreamSpecification{StreamEnabled: true, StreamViewType: StreamKeysOnly}}},
		{"switch to provisioned with index throughput", onDemandTable, UpdateTableRequest{BillingMode: BillingProvisioned,
			ProvisionedThroughput: pt(50, 50), GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{updateG("g-b", pt(50, 50))}}},
		{"partial throughput change", provisionedTable, UpdateTableRequest{ProvisionedThroughput: pt(1, 2)}},
		{"index throughput change", provisionedTable, UpdateTableRequest{GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{updateG("g-b", pt(3, 3))}}},
		{"index creation with only the new attribute", onDemandTable, UpdateTableRequest{AttributeDefinitions: defs("d"),
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-d", "d", nil)}}},
		{"index creation keyed on an existing attribute", onDemandTable, UpdateTableRequest{AttributeDefinitions: defs("d"),
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-c", "c", nil)}}},
		{"index creation with billing switch", provisionedTable, UpdateTableRequest{BillingMode: BillingPayPerRequest, AttributeDefinitions: defs("c"),
			GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-c", "c", nil)}}},
		{"index deletion", onDemandTable, UpdateTableRequest{GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{deleteG("g-b")}}},
		{"enable stream", onDemandTable, UpdateTableRequest{StreamSpecification: &StreamSpecification{StreamEnabled: true, StreamViewType: StreamNewImage}}},
		{"KMS key by alias", onDemandTable, UpdateTableRequest{SSESpecification: &SSESpecification{Enabled: ptr(true), SSEType: SSETypeKMS, KMSMasterKeyId: "alias/k"}}},
		{"table class", onDemandTable, UpdateTableRequest{TableClass: TableClassStandardInfrequentAccess}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req
			req.TableName = "tbl"
			if err := ValidateUpdateTable(tt.table(), &req); err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
		})
	}
}

func TestCheckCapacityQuota(t *testing.T) {
	d := hashRange()
	d.BillingMode, d.ProvisionedThroughput = BillingProvisioned, pt(40000, 40000)
	g := gsi("gsi1", keys("b:HASH"), all())
	g.ProvisionedThroughput = pt(40000, 1)
	d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{g}
	if err := CheckCapacityQuota("us-west-2", d); err != nil {
		t.Fatalf("at the quota: %v", err)
	}
	d.ProvisionedThroughput.ReadCapacityUnits = 40001
	wantErr(t, CheckCapacityQuota("us-west-2", d), apierr.LimitExceeded,
		"The requested ReadCapacityUnits, 40001, is above the per table maximum for the account in us-west-2. Per table maximum: 40000. "+
			"Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.")
	d.ProvisionedThroughput.ReadCapacityUnits = 1
	d.GlobalSecondaryIndexes[0].ProvisionedThroughput.ReadCapacityUnits = 40001
	wantErr(t, CheckCapacityQuota("us-west-2", d), apierr.LimitExceeded,
		"The requested ReadCapacityUnits for index gsi1, 40001, is above the per index maximum for the account in us-west-2. Per table maximum: 40000. "+
			"Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.")
}
