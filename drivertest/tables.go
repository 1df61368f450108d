package drivertest

import (
	"slices"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/schema"
)

// Tables: the control plane.

func init() {
	register(
		testCase{name: "Tables/Lifecycle", run: testTableLifecycle},
		testCase{name: "Tables/Errors", run: testTableErrors},
		testCase{name: "Tables/TimeToLive", needs: []Capability{TimeToLive}, run: testTTLSetting},
	)
}

func testTableLifecycle(t *testing.T, e *env) {
	tbl := e.createTable("lifecycle", keyDef{"pk", "S"}, keyDef{"sk", "N"}, func(td *kvs.TableDefinition) {
		td.AttributeDefinitions = append(td.AttributeDefinitions, kvs.AttributeDefinition{AttributeName: "g", AttributeType: "S"})
		td.GlobalSecondaryIndexes = []kvs.GlobalSecondaryIndex{{IndexName: "byG",
			KeySchema: []kvs.KeySchemaElement{{AttributeName: "g", KeyType: "HASH"}}, Projection: kvs.Projection{ProjectionType: "KEYS_ONLY"}}}
	})
	d, err := e.db.DescribeTable(e.ctx, &kvs.DescribeTableInput{TableName: tbl})
	e.noErr("DescribeTable", err)
	if d.Table.TableName != tbl || d.Table.TableStatus != schema.StatusActive {
		t.Fatalf("DescribeTable = %s %s, want %s ACTIVE", d.Table.TableName, d.Table.TableStatus, tbl)
	}
	if len(d.Table.KeySchema) != 2 || d.Table.KeySchema[0].AttributeName != "pk" || d.Table.KeySchema[1].KeyType != "RANGE" {
		t.Fatalf("KeySchema = %+v", d.Table.KeySchema)
	}
	if len(d.Table.GlobalSecondaryIndexes) != 1 || d.Table.GlobalSecondaryIndexes[0].Projection.ProjectionType != "KEYS_ONLY" {
		t.Fatalf("GlobalSecondaryIndexes = %+v", d.Table.GlobalSecondaryIndexes)
	}
	if d.Table.BillingModeSummary == nil || d.Table.BillingModeSummary.BillingMode != "PAY_PER_REQUEST" {
		t.Fatalf("BillingModeSummary = %+v", d.Table.BillingModeSummary)
	}
	e.createTable("another", keyDef{"id", "S"}, keyDef{})
	l, err := e.db.ListTables(e.ctx, &kvs.ListTablesInput{})
	e.noErr("ListTables", err)
	if !slices.Equal(l.TableNames, []string{"another", "lifecycle"}) {
		t.Fatalf("ListTables = %v, want [another lifecycle]", l.TableNames)
	}
	l, err = e.db.ListTables(e.ctx, &kvs.ListTablesInput{Limit: ptr(int32(1))})
	e.noErr("ListTables", err)
	if !slices.Equal(l.TableNames, []string{"another"}) || l.LastEvaluatedTableName != "another" {
		t.Fatalf("ListTables limit 1 = %v, %q", l.TableNames, l.LastEvaluatedTableName)
	}
	_, err = e.db.DeleteTable(e.ctx, &kvs.DeleteTableInput{TableName: tbl})
	e.noErr("DeleteTable", err)
	_, err = e.db.DescribeTable(e.ctx, &kvs.DescribeTableInput{TableName: tbl})
	e.wantErr("DescribeTable after delete", err, apierr.ResourceNotFound, "Requested resource not found: Table: lifecycle not found")
	// A deleted table's name can be used again, and the new table is empty.
	e.createTable(tbl, keyDef{"pk", "S"}, keyDef{})
	out, err := e.db.Scan(e.ctx, &kvs.ScanInput{TableName: tbl})
	e.noErr("Scan", err)
	if out.Count != 0 {
		t.Fatalf("recreated table has %d items", out.Count)
	}
}

func testTableErrors(t *testing.T, e *env) {
	e.createTable("dup", keyDef{"pk", "S"}, keyDef{})
	_, err := e.db.CreateTable(e.ctx, &kvs.TableDefinition{TableName: "dup", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: []kvs.AttributeDefinition{{AttributeName: "pk", AttributeType: "S"}},
		KeySchema:            []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}}})
	e.wantErr("CreateTable of an existing table", err, apierr.ResourceInUse, "Table already exists: dup")
	_, err = e.db.DeleteTable(e.ctx, &kvs.DeleteTableInput{TableName: "missing"})
	e.wantErr("DeleteTable of a missing table", err, apierr.ResourceNotFound, "")
	_, err = e.db.CreateTable(e.ctx, &kvs.TableDefinition{TableName: "bad", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: []kvs.AttributeDefinition{{AttributeName: "x", AttributeType: "S"}},
		KeySchema:            []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}}})
	e.wantErr("CreateTable with an undefined key attribute", err, apierr.Validation, "")
	_, err = e.db.CreateTable(e.ctx, &kvs.TableDefinition{TableName: "x", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: []kvs.AttributeDefinition{{AttributeName: "pk", AttributeType: "S"}},
		KeySchema:            []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}}})
	e.wantErr("CreateTable with a 1-character name", err, apierr.Validation, "")
	_, err = e.db.GetItem(e.ctx, &kvs.GetItemInput{TableName: "missing", Key: attr.Item{"pk": s("a")}})
	e.wantErr("GetItem on a missing table", err, apierr.ResourceNotFound, "")
}

func testTTLSetting(t *testing.T, e *env) {
	tbl := e.createTable("ttl", keyDef{"pk", "S"}, keyDef{})
	d, err := e.db.DescribeTimeToLive(e.ctx, &kvs.DescribeTimeToLiveInput{TableName: tbl})
	e.noErr("DescribeTimeToLive", err)
	if d.TimeToLiveDescription.TimeToLiveStatus != "DISABLED" {
		t.Fatalf("new table TTL status %q, want DISABLED", d.TimeToLiveDescription.TimeToLiveStatus)
	}
	_, err = e.db.UpdateTimeToLive(e.ctx, &kvs.UpdateTimeToLiveInput{TableName: tbl,
		TimeToLiveSpecification: schema.TimeToLiveSpecification{AttributeName: "expires", Enabled: true}})
	e.noErr("UpdateTimeToLive", err)
	d, err = e.db.DescribeTimeToLive(e.ctx, &kvs.DescribeTimeToLiveInput{TableName: tbl})
	e.noErr("DescribeTimeToLive", err)
	if st := d.TimeToLiveDescription.TimeToLiveStatus; (st != "ENABLED" && st != "ENABLING") || d.TimeToLiveDescription.AttributeName != "expires" {
		t.Fatalf("TTL = %+v, want ENABLED on expires", d.TimeToLiveDescription)
	}
	_, err = e.db.UpdateTimeToLive(e.ctx, &kvs.UpdateTimeToLiveInput{TableName: tbl,
		TimeToLiveSpecification: schema.TimeToLiveSpecification{AttributeName: "expires", Enabled: true}})
	e.wantErr("enabling TTL twice", err, apierr.Validation, "TimeToLive is already enabled")
	_, err = e.db.UpdateTimeToLive(e.ctx, &kvs.UpdateTimeToLiveInput{TableName: "nope",
		TimeToLiveSpecification: schema.TimeToLiveSpecification{AttributeName: "expires", Enabled: true}})
	e.wantErr("UpdateTimeToLive on a missing table", err, apierr.ResourceNotFound, "")
}
