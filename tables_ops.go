package kvs

import (
	"context"
	"sort"
	"strings"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/internal/coral"
	"github.com/kvs-project/kvs/schema"
)

// Control-plane operations: validate with DynamoDB's rules, then ask the driver.

// CreateTable creates a table. It answers ResourceInUseException when a
// table of that name exists.
func (db *DB) CreateTable(ctx context.Context, in *TableDefinition) (*CreateTableOutput, error) {
	if err := schema.ValidateCreateTable(in); err != nil {
		return nil, err
	}
	if err := schema.CheckCapacityQuota(db.opts.Region, in); err != nil {
		return nil, err
	}
	db.tables.forget(in.TableName)
	desc, err := db.drv.CreateTable(ctx, in)
	db.tables.forget(in.TableName) // again: a concurrent read may have cached the old schema
	if err != nil {
		return nil, err
	}
	return &CreateTableOutput{TableDescription: db.withARNs(desc)}, nil
}

// DeleteTable deletes a table and its items.
func (db *DB) DeleteTable(ctx context.Context, in *DeleteTableInput) (*DeleteTableOutput, error) {
	if err := validateControlTableName(in.TableName, in.tableNameMissing); err != nil {
		return nil, err
	}
	db.tables.forget(in.TableName)
	desc, err := db.drv.DeleteTable(ctx, in.TableName)
	db.tables.forget(in.TableName) // again: a concurrent read may have cached the old schema
	if err != nil {
		return nil, err
	}
	return &DeleteTableOutput{TableDescription: db.withARNs(desc)}, nil
}

// DescribeTable describes a table.
func (db *DB) DescribeTable(ctx context.Context, in *DescribeTableInput) (*DescribeTableOutput, error) {
	if err := validateControlTableName(in.TableName, in.tableNameMissing); err != nil {
		return nil, err
	}
	desc, err := db.drv.DescribeTable(ctx, in.TableName)
	if err != nil {
		return nil, err
	}
	return &DescribeTableOutput{Table: db.withARNs(desc)}, nil
}

// ListTables pages through table names in lexical order, at most 100 a page.
func (db *DB) ListTables(ctx context.Context, in *ListTablesInput) (*ListTablesOutput, error) {
	limit := 100
	var v coral.Violations
	// Limit's violations come first, and an empty ExclusiveStartTableName
	// that was sent is checked too (architect/dynalite test/listTables.js,
	// "in order" and "empty ExclusiveStartTableName").
	if in.Limit != nil {
		v.Min("limit", int64(*in.Limit), 1)
		v.Max("limit", int64(*in.Limit), 100)
		limit = int(*in.Limit)
	}
	if in.ExclusiveStartTableName != "" || in.emptyStartSent {
		v.Name("exclusiveStartTableName", in.ExclusiveStartTableName, 3, 255)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	names, err := db.drv.ListTables(ctx)
	if err != nil {
		return nil, err
	}
	start := 0
	if in.ExclusiveStartTableName != "" {
		start = sort.SearchStrings(names, in.ExclusiveStartTableName)
		if start < len(names) && names[start] == in.ExclusiveStartTableName {
			start++
		}
	}
	out := &ListTablesOutput{TableNames: []string{}}
	end := min(start+limit, len(names))
	out.TableNames = append(out.TableNames, names[start:end]...)
	if end < len(names) {
		out.LastEvaluatedTableName = names[end-1]
	}
	return out, nil
}

// UpdateTable changes billing, throughput, indexes, streams or encryption.
func (db *DB) UpdateTable(ctx context.Context, in *UpdateTableInput) (*UpdateTableOutput, error) {
	if err := schema.ValidateUpdateTableRequest(in); err != nil {
		return nil, err
	}
	cur, err := db.drv.DescribeTable(ctx, in.TableName)
	if err != nil {
		return nil, err
	}
	// The account quota before the rules that need the table: DynamoDB
	// Local refuses 100000000000 units before it asks for the GSIs'
	// throughput of a switch to PROVISIONED (found by tools/difftest).
	if err := schema.CheckUpdateCapacityQuota(db.opts.Region, in); err != nil {
		return nil, err
	}
	if err := schema.ValidateUpdateTable(cur, in); err != nil {
		return nil, err
	}
	db.tables.forget(in.TableName)
	desc, err := db.drv.UpdateTable(ctx, in)
	db.tables.forget(in.TableName) // again: a concurrent read may have cached the old schema
	if err != nil {
		return nil, err
	}
	return &UpdateTableOutput{TableDescription: db.withARNs(desc)}, nil
}

// UpdateTimeToLive enables or disables TTL on one attribute.
func (db *DB) UpdateTimeToLive(ctx context.Context, in *UpdateTimeToLiveInput) (*UpdateTimeToLiveOutput, error) {
	if err := validateUpdateTimeToLive(in); err != nil {
		return nil, err
	}
	spec := in.TimeToLiveSpecification
	if err := db.drv.UpdateTimeToLive(ctx, in.TableName, spec); err != nil {
		return nil, err
	}
	return &UpdateTimeToLiveOutput{TimeToLiveSpecification: spec}, nil
}

// DescribeTimeToLive reports a table's TTL setting.
func (db *DB) DescribeTimeToLive(ctx context.Context, in *DescribeTimeToLiveInput) (*DescribeTimeToLiveOutput, error) {
	if in.TableName == "" {
		return nil, schema.ErrTableNameRequired() // as dynalite's test/describeTimeToLive.js records
	}
	if err := validateTableName("tableName", in.TableName); err != nil {
		return nil, err
	}
	d, err := db.drv.DescribeTimeToLive(ctx, in.TableName)
	if err != nil {
		return nil, err
	}
	return &DescribeTimeToLiveOutput{TimeToLiveDescription: *d}, nil
}

// TagResource adds or replaces tags on a table named by its ARN.
func (db *DB) TagResource(ctx context.Context, in *TagResourceInput) error {
	table, err := db.tableFromARN(in.ResourceArn)
	if err != nil {
		return err
	}
	if len(in.Tags) == 0 {
		return apierr.Validationf("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null")
	}
	return db.drv.TagResource(ctx, table, in.Tags)
}

// UntagResource removes tags by key.
func (db *DB) UntagResource(ctx context.Context, in *UntagResourceInput) error {
	table, err := db.tableFromARN(in.ResourceArn)
	if err != nil {
		return err
	}
	return db.drv.UntagResource(ctx, table, in.TagKeys)
}

// ListTagsOfResource lists a table's tags (one page: kvs keeps at most 50).
func (db *DB) ListTagsOfResource(ctx context.Context, in *ListTagsOfResourceInput) (*ListTagsOfResourceOutput, error) {
	table, err := db.tableFromARN(in.ResourceArn)
	if err != nil {
		return nil, err
	}
	tags, err := db.drv.ListTags(ctx, table)
	if err != nil {
		return nil, err
	}
	if tags == nil {
		tags = []Tag{}
	}
	return &ListTagsOfResourceOutput{Tags: tags}, nil
}

// withARNs fills in the ARNs, which depend on the DB's region and account
// rather than on the driver.
func (db *DB) withARNs(d *TableDescription) *TableDescription {
	if d == nil {
		return nil
	}
	d.TableArn = schema.TableARN(db.opts.Region, db.opts.Account, d.TableName)
	for i := range d.GlobalSecondaryIndexes {
		d.GlobalSecondaryIndexes[i].IndexArn = d.TableArn + "/index/" + d.GlobalSecondaryIndexes[i].IndexName
	}
	for i := range d.LocalSecondaryIndexes {
		d.LocalSecondaryIndexes[i].IndexArn = d.TableArn + "/index/" + d.LocalSecondaryIndexes[i].IndexName
	}
	return d
}

// tableFromARN extracts the table name from arn:aws:dynamodb:r:a:table/name.
func (db *DB) tableFromARN(arn string) (string, error) {
	i := strings.Index(arn, ":table/")
	if !strings.HasPrefix(arn, "arn:") || i < 0 {
		return "", apierr.Validationf("Invalid TableArn: Invalid ResourceArn provided as input %s", arn)
	}
	name := arn[i+len(":table/"):]
	if j := strings.IndexByte(name, '/'); j >= 0 {
		name = name[:j]
	}
	return name, nil
}
