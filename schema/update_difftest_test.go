package schema

import (
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

// Found by tools/difftest's table round (docs/difftest.md).

// UpdateTable's throughput is held to the per-table quota as CreateTable's
// is; kvs used to accept 100000000000 read units.
func TestCheckUpdateCapacityQuota(t *testing.T) {
	req := &UpdateTableRequest{TableName: "tbl", ProvisionedThroughput: pt(40000, 40000)}
	if err := CheckUpdateCapacityQuota("us-east-1", req); err != nil {
		t.Fatalf("at the quota: %v", err)
	}
	req.ProvisionedThroughput = pt(100000000000, 1)
	wantErr(t, CheckUpdateCapacityQuota("us-east-1", req), apierr.LimitExceeded,
		"The requested ReadCapacityUnits, 100000000000, is above the per table maximum for the account in us-east-1. Per table maximum: 40000. "+
			"Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.")
	req = &UpdateTableRequest{TableName: "tbl", GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{updateG("g-b", pt(1, 40001))}}
	wantErr(t, CheckUpdateCapacityQuota("us-east-1", req), apierr.LimitExceeded,
		"The requested WriteCapacityUnits for index g-b, 40001, is above the per index maximum for the account in us-east-1. Per table maximum: 40000. "+
			"Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.")
	req = &UpdateTableRequest{TableName: "tbl", GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("new", "x", pt(50000, 1))}}
	wantErr(t, CheckUpdateCapacityQuota("us-east-1", req), apierr.LimitExceeded,
		"The requested ReadCapacityUnits for index new, 50000, is above the per index maximum for the account in us-east-1. Per table maximum: 40000. "+
			"Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.")
	req = &UpdateTableRequest{TableName: "tbl", BillingMode: BillingPayPerRequest}
	if err := CheckUpdateCapacityQuota("us-east-1", req); err != nil {
		t.Fatalf("on demand: %v", err)
	}
}

// A GSI created by UpdateTable cannot key on an attribute the table
// defines with another type; kvs used to create it and keep the old
// definition.
func TestGSICreateRedefinedAttribute(t *testing.T) {
	req := &UpdateTableRequest{TableName: "tbl",
		AttributeDefinitions:        []AttributeDefinition{{AttributeName: "b", AttributeType: TypeN}},
		GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("gsi2", "b", nil)}}
	wantErr(t, ValidateUpdateTable(onDemandTable(), req), apierr.Validation,
		"invalid attribute, SchemaElement redefined should be of same type as previously defined")
	req.AttributeDefinitions[0].AttributeType = TypeS
	if err := ValidateUpdateTable(onDemandTable(), req); err != nil {
		t.Fatalf("same type: %v", err)
	}
}

// Two index creations or deletions are a limit of the table, checked once
// the table is known (a missing table is ResourceNotFoundException, as
// DynamoDB Local answers); kvs used to answer LimitExceededException before
// looking the table up.
func TestOnlineIndexCountNeedsTable(t *testing.T) {
	req := &UpdateTableRequest{TableName: "tbl",
		AttributeDefinitions:        []AttributeDefinition{{AttributeName: "x", AttributeType: TypeS}},
		GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("new", "x", nil), deleteG("g-b")}}
	if err := ValidateUpdateTableRequest(req); err != nil {
		t.Fatalf("without the table: %v", err)
	}
	wantErr(t, ValidateUpdateTable(onDemandTable(), req), apierr.LimitExceeded, MsgOneIndexAtATime)
}

// A GSI Create's projection is checked after its missing
// AttributeDefinitions and an existing name, as DynamoDB Local does; kvs
// used to report the projection first, before looking the table up.
func TestGSICreateProjectionAfterTableChecks(t *testing.T) {
	bad := createG("gsi2", "x", nil)
	bad.Create.Projection = Projection{ProjectionType: ProjectInclude}
	req := &UpdateTableRequest{TableName: "tbl", GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{bad}}
	if err := ValidateUpdateTableRequest(req); err != nil {
		t.Fatalf("without the table: %v", err)
	}
	wantErr(t, ValidateUpdateTable(onDemandTable(), req), apierr.Validation,
		"One or more parameter values were invalid: AttributeDefinitions is not specified for index: gsi2")
	// An existing name comes before the missing definitions.
	req.GlobalSecondaryIndexUpdates[0].Create.IndexName = "g-b"
	wantErr(t, ValidateUpdateTable(onDemandTable(), req), apierr.Validation, "Attempting to create an index which already exists")
	req.AttributeDefinitions = []AttributeDefinition{{AttributeName: "x", AttributeType: TypeS}}
	wantErr(t, ValidateUpdateTable(onDemandTable(), req), apierr.Validation, "Attempting to create an index which already exists")
	req.GlobalSecondaryIndexUpdates[0].Create.IndexName = "gsi2"
	wantErr(t, ValidateUpdateTable(onDemandTable(), req), apierr.Validation,
		"One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified")
}
