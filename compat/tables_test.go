package compat_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// indexedTableInput is a table keyed by pk (S) and sk (N) with a global index
// on (g, gs) projecting everything and a local index on ls with keys only.
func indexedTableInput(name string) *dynamodb.CreateTableInput {
	return &dynamodb.CreateTableInput{
		TableName:   aws.String(name),
		BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("sk"), AttributeType: types.ScalarAttributeTypeN},
			{AttributeName: aws.String("g"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("gs"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("ls"), AttributeType: types.ScalarAttributeTypeS},
		},
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange},
		},
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName: aws.String("byG"),
			KeySchema: []types.KeySchemaElement{
				{AttributeName: aws.String("g"), KeyType: types.KeyTypeHash},
				{AttributeName: aws.String("gs"), KeyType: types.KeyTypeRange},
			},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}},
		LocalSecondaryIndexes: []types.LocalSecondaryIndex{{
			IndexName: aws.String("byLs"),
			KeySchema: []types.KeySchemaElement{
				{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash},
				{AttributeName: aws.String("ls"), KeyType: types.KeyTypeRange},
			},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
		}},
	}
}

func TestCreateDescribeDeleteTable(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := tableName(t)
	desc := createActive(t, c, indexedTableInput(name))

	if got := aws.ToString(desc.TableName); got != name {
		t.Errorf("TableName %q, want %q", got, name)
	}
	if desc.TableStatus != types.TableStatusActive {
		t.Errorf("TableStatus %q, want ACTIVE", desc.TableStatus)
	}
	if arn := aws.ToString(desc.TableArn); !strings.HasPrefix(arn, "arn:aws:dynamodb:us-east-1:") || !strings.HasSuffix(arn, ":table/"+name) {
		t.Errorf("TableArn %q, want arn:aws:dynamodb:us-east-1:<account>:table/%s", arn, name)
	}
	if len(desc.KeySchema) != 2 || aws.ToString(desc.KeySchema[0].AttributeName) != "pk" || desc.KeySchema[0].KeyType != types.KeyTypeHash ||
		aws.ToString(desc.KeySchema[1].AttributeName) != "sk" || desc.KeySchema[1].KeyType != types.KeyTypeRange {
		t.Errorf("KeySchema %+v", desc.KeySchema)
	}
	if len(desc.AttributeDefinitions) != 5 {
		t.Errorf("AttributeDefinitions has %d entries, want 5", len(desc.AttributeDefinitions))
	}
	if desc.BillingModeSummary == nil || desc.BillingModeSummary.BillingMode != types.BillingModePayPerRequest {
		t.Errorf("BillingModeSummary %+v, want PAY_PER_REQUEST", desc.BillingModeSummary)
	}
	if ct := aws.ToTime(desc.CreationDateTime); time.Since(ct) > 10*time.Minute || time.Until(ct) > time.Minute {
		t.Errorf("CreationDateTime %v is not about now", ct)
	}
	if len(aws.ToString(desc.TableId)) != 36 {
		t.Errorf("TableId %q, want a UUID", aws.ToString(desc.TableId))
	}
	if desc.DeletionProtectionEnabled == nil || *desc.DeletionProtectionEnabled {
		t.Errorf("DeletionProtectionEnabled %v, want false", desc.DeletionProtectionEnabled)
	}
	if aws.ToInt64(desc.ItemCount) != 0 {
		t.Errorf("ItemCount %d, want 0", aws.ToInt64(desc.ItemCount))
	}
	if len(desc.GlobalSecondaryIndexes) != 1 {
		t.Fatalf("GlobalSecondaryIndexes %+v", desc.GlobalSecondaryIndexes)
	}
	g := desc.GlobalSecondaryIndexes[0]
	if aws.ToString(g.IndexName) != "byG" || g.IndexStatus != types.IndexStatusActive || g.Projection == nil || g.Projection.ProjectionType != types.ProjectionTypeAll {
		t.Errorf("GSI %+v", g)
	}
	if !strings.HasSuffix(aws.ToString(g.IndexArn), ":table/"+name+"/index/byG") {
		t.Errorf("GSI IndexArn %q", aws.ToString(g.IndexArn))
	}
	if len(desc.LocalSecondaryIndexes) != 1 || aws.ToString(desc.LocalSecondaryIndexes[0].IndexName) != "byLs" ||
		desc.LocalSecondaryIndexes[0].Projection.ProjectionType != types.ProjectionTypeKeysOnly {
		t.Errorf("LSI %+v", desc.LocalSecondaryIndexes)
	}

	// Creating it again is refused.
	_, err := c.CreateTable(ctx, indexedTableInput(name))
	wantAPIError(t, err, "ResourceInUseException", "Table already exists: "+name)
	var inUse *types.ResourceInUseException
	if !errorsAs(err, &inUse) {
		t.Errorf("CreateTable again: %T is not *types.ResourceInUseException", err)
	}

	// A key attribute without a definition is a validation error.
	bad := indexedTableInput(name + "_bad")
	bad.AttributeDefinitions = bad.AttributeDefinitions[:1]
	bad.GlobalSecondaryIndexes, bad.LocalSecondaryIndexes = nil, nil
	_, err = c.CreateTable(ctx, bad)
	wantAPIError(t, err, "ValidationException", "")

	// Delete, then it is gone.
	del, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	must(t, "DeleteTable", err)
	if aws.ToString(del.TableDescription.TableName) != name {
		t.Errorf("DeleteTable described %q", aws.ToString(del.TableDescription.TableName))
	}
	w := dynamodb.NewTableNotExistsWaiter(c, func(o *dynamodb.TableNotExistsWaiterOptions) {
		o.MinDelay, o.MaxDelay = 50*time.Millisecond, 200*time.Millisecond
	})
	must(t, "waiting for deletion", w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)}, 20*time.Second))
	_, err = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	wantAPIError(t, err, "ResourceNotFoundException", "Requested resource not found: Table: "+name+" not found")
	var nf *types.ResourceNotFoundException
	if !errorsAs(err, &nf) {
		t.Errorf("DescribeTable of a deleted table: %T is not *types.ResourceNotFoundException", err)
	}
	_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	wantAPIError(t, err, "ResourceNotFoundException", "")
}

func TestListTablesPagination(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	prefix := tableName(t)
	var mine []string
	for i := range 5 {
		name := fmt.Sprintf("%s_t%d", prefix, i)
		mine = append(mine, name)
		keyTableNamed(t, c, name)
	}

	// By hand, two at a time.
	var all []string
	var start *string
	pages := 0
	for {
		out, err := c.ListTables(ctx, &dynamodb.ListTablesInput{Limit: aws.Int32(2), ExclusiveStartTableName: start})
		must(t, "ListTables", err)
		pages++
		if len(out.TableNames) > 2 {
			t.Fatalf("page of %d names with Limit 2", len(out.TableNames))
		}
		all = append(all, out.TableNames...)
		if out.LastEvaluatedTableName == nil {
			break
		}
		if got, want := aws.ToString(out.LastEvaluatedTableName), out.TableNames[len(out.TableNames)-1]; got != want {
			t.Fatalf("LastEvaluatedTableName %q, want the page's last name %q", got, want)
		}
		start = out.LastEvaluatedTableName
		if pages > 1000 {
			t.Fatal("ListTables never ends")
		}
	}
	if !slices.IsSorted(all) {
		t.Errorf("ListTables not in order: %v", all)
	}
	if pages < 3 {
		t.Errorf("%d pages of 2 for at least 5 tables", pages)
	}
	for _, name := range mine {
		if !slices.Contains(all, name) {
			t.Errorf("ListTables lacks %q", name)
		}
	}

	// The SDK's paginator sees the same names.
	var viaPaginator []string
	p := dynamodb.NewListTablesPaginator(c, &dynamodb.ListTablesInput{Limit: aws.Int32(3)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		must(t, "ListTables paginator", err)
		viaPaginator = append(viaPaginator, out.TableNames...)
	}
	for _, name := range mine {
		if !slices.Contains(viaPaginator, name) {
			t.Errorf("ListTables paginator lacks %q", name)
		}
	}

	// A start name need not exist: listing resumes after it in order.
	out, err := c.ListTables(ctx, &dynamodb.ListTablesInput{ExclusiveStartTableName: aws.String(prefix + "_t1x"), Limit: aws.Int32(1)})
	must(t, "ListTables from a missing name", err)
	if len(out.TableNames) != 1 || out.TableNames[0] != mine[2] {
		t.Errorf("ListTables after %q: %v, want [%s]", prefix+"_t1x", out.TableNames, mine[2])
	}

	// Limit must be 1..100.
	_, err = c.ListTables(ctx, &dynamodb.ListTablesInput{Limit: aws.Int32(0)})
	wantAPIError(t, err, "ValidationException",
		"1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
	_, err = c.ListTables(ctx, &dynamodb.ListTablesInput{Limit: aws.Int32(101)})
	wantAPIError(t, err, "ValidationException",
		"1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100")
}

func keyTableNamed(t *testing.T, c *dynamodb.Client, name string) {
	t.Helper()
	createActive(t, c, &dynamodb.CreateTableInput{
		TableName:            aws.String(name),
		BillingMode:          types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
	})
}

func TestUpdateTableBillingMode(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	out, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{
		TableName:             aws.String(name),
		BillingMode:           types.BillingModeProvisioned,
		ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(7), WriteCapacityUnits: aws.Int64(3)},
	})
	must(t, "UpdateTable", err)
	if aws.ToString(out.TableDescription.TableName) != name {
		t.Errorf("UpdateTable described %q", aws.ToString(out.TableDescription.TableName))
	}
	waitTable(t, c, name, func(d *types.TableDescription) bool { return d.TableStatus == types.TableStatusActive })
	d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	must(t, "DescribeTable", err)
	if bm := d.Table.BillingModeSummary; bm != nil && bm.BillingMode != types.BillingModeProvisioned {
		t.Errorf("BillingMode %q after switching to PROVISIONED", bm.BillingMode)
	}
	if pt := d.Table.ProvisionedThroughput; pt == nil || aws.ToInt64(pt.ReadCapacityUnits) != 7 || aws.ToInt64(pt.WriteCapacityUnits) != 3 {
		t.Errorf("ProvisionedThroughput %+v, want 7/3", pt)
	}

	// Unknown table.
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String(name + "_missing"), BillingMode: types.BillingModePayPerRequest})
	wantAPIError(t, err, "ResourceNotFoundException", "")
	// Nothing to update.
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String(name)})
	wantAPIError(t, err, "ValidationException", "")
}

// waitTable polls DescribeTable until ok holds (10s at most).
func waitTable(t *testing.T, c *dynamodb.Client, name string, ok func(*types.TableDescription) bool) *types.TableDescription {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		d, err := c.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(name)})
		must(t, "DescribeTable", err)
		if ok(d.Table) {
			return d.Table
		}
		if time.Now().After(deadline) {
			t.Fatalf("table %s never reached the wanted state: %+v", name, d.Table)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestUpdateTableGlobalIndex(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	for i := range 30 {
		it := item{"pk": s(fmt.Sprintf("p%02d", i)), "n": n(fmt.Sprint(i))}
		if i%3 == 0 {
			it["cat"] = s("three")
		}
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: it})
		must(t, "PutItem", err)
	}

	_, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{
		TableName:            aws.String(name),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("cat"), AttributeType: types.ScalarAttributeTypeS}},
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
			IndexName:  aws.String("byCat"),
			KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String("cat"), KeyType: types.KeyTypeHash}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}}},
	})
	must(t, "UpdateTable create GSI", err)
	waitTable(t, c, name, func(d *types.TableDescription) bool {
		return len(d.GlobalSecondaryIndexes) == 1 && d.GlobalSecondaryIndexes[0].IndexStatus == types.IndexStatusActive
	})
	q, err := c.Query(ctx, &dynamodb.QueryInput{
		TableName:                 aws.String(name),
		IndexName:                 aws.String("byCat"),
		KeyConditionExpression:    aws.String("cat = :c"),
		ExpressionAttributeValues: item{":c": s("three")},
	})
	must(t, "Query the new index", err)
	if q.Count != 10 || len(q.Items) != 10 {
		t.Errorf("backfilled index has %d items (Count %d), want 10", len(q.Items), q.Count)
	}
	// Writes after the backfill are indexed too.
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: item{"pk": s("new"), "cat": s("three")}})
	must(t, "PutItem", err)
	q, err = c.Query(ctx, &dynamodb.QueryInput{
		TableName: aws.String(name), IndexName: aws.String("byCat"),
		KeyConditionExpression: aws.String("cat = :c"), ExpressionAttributeValues: item{":c": s("three")},
	})
	must(t, "Query the new index", err)
	if q.Count != 11 {
		t.Errorf("index has %d items after one more put, want 11", q.Count)
	}

	// Creating it twice is refused.
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{
		TableName:            aws.String(name),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("cat"), AttributeType: types.ScalarAttributeTypeS}},
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
			IndexName:  aws.String("byCat"),
			KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String("cat"), KeyType: types.KeyTypeHash}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}}},
	})
	wantAPIError(t, err, "ValidationException", "Attempting to create an index which already exists")

	// Delete it: it disappears and queries on it are refused.
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{
		TableName:                   aws.String(name),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("byCat")}}},
	})
	must(t, "UpdateTable delete GSI", err)
	waitTable(t, c, name, func(d *types.TableDescription) bool { return len(d.GlobalSecondaryIndexes) == 0 })
	_, err = c.Query(ctx, &dynamodb.QueryInput{
		TableName: aws.String(name), IndexName: aws.String("byCat"),
		KeyConditionExpression: aws.String("cat = :c"), ExpressionAttributeValues: item{":c": s("three")},
	})
	wantAPIError(t, err, "ValidationException", "The table does not have the specified index: byCat")

	// Deleting an index that does not exist.
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{
		TableName:                   aws.String(name),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("ghost")}}},
	})
	wantAPIError(t, err, "ResourceNotFoundException", "")
}

func TestTimeToLive(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	d, err := c.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(name)})
	must(t, "DescribeTimeToLive", err)
	if d.TimeToLiveDescription == nil || d.TimeToLiveDescription.TimeToLiveStatus != types.TimeToLiveStatusDisabled {
		t.Errorf("new table's TTL %+v, want DISABLED", d.TimeToLiveDescription)
	}
	u, err := c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{
		TableName:               aws.String(name),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("expiresAt"), Enabled: aws.Bool(true)},
	})
	must(t, "UpdateTimeToLive", err)
	if spec := u.TimeToLiveSpecification; spec == nil || aws.ToString(spec.AttributeName) != "expiresAt" || !aws.ToBool(spec.Enabled) {
		t.Errorf("UpdateTimeToLive answered %+v", spec)
	}
	d, err = c.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(name)})
	must(t, "DescribeTimeToLive", err)
	if st := d.TimeToLiveDescription.TimeToLiveStatus; st != types.TimeToLiveStatusEnabled && st != types.TimeToLiveStatusEnabling {
		t.Errorf("TTL status %q after enabling", st)
	}
	if got := aws.ToString(d.TimeToLiveDescription.AttributeName); got != "expiresAt" {
		t.Errorf("TTL attribute %q, want expiresAt", got)
	}
	_, err = c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{
		TableName:               aws.String(name),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("expiresAt"), Enabled: aws.Bool(true)},
	})
	wantAPIError(t, err, "ValidationException", "TimeToLive is already enabled")
	_, err = c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{
		TableName:               aws.String(name),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("expiresAt"), Enabled: aws.Bool(false)},
	})
	must(t, "UpdateTimeToLive disable", err)
	d, err = c.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(name)})
	must(t, "DescribeTimeToLive", err)
	if st := d.TimeToLiveDescription.TimeToLiveStatus; st != types.TimeToLiveStatusDisabled && st != types.TimeToLiveStatusDisabling {
		t.Errorf("TTL status %q after disabling", st)
	}
	_, err = c.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(name + "_missing")})
	wantAPIError(t, err, "ResourceNotFoundException", "")
}

func TestTags(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	must(t, "DescribeTable", err)
	arn := d.Table.TableArn

	_, err = c.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: arn, Tags: []types.Tag{
		{Key: aws.String("team"), Value: aws.String("core")},
		{Key: aws.String("env"), Value: aws.String("test")},
	}})
	must(t, "TagResource", err)
	tags := listTags(t, c, arn)
	if tags["team"] != "core" || tags["env"] != "test" || len(tags) != 2 {
		t.Errorf("tags %v, want team=core env=test", tags)
	}
	_, err = c.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: arn, TagKeys: []string{"team"}})
	must(t, "UntagResource", err)
	tags = listTags(t, c, arn)
	if len(tags) != 1 || tags["env"] != "test" {
		t.Errorf("tags %v after untagging team, want env=test", tags)
	}

	missing := aws.String(strings.TrimSuffix(aws.ToString(arn), name) + name + "_missing")
	_, err = c.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: missing})
	wantAPIError(t, err, "ResourceNotFoundException", "")
	_, err = c.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: missing, Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
	wantAPIError(t, err, "ResourceNotFoundException", "")
}

func listTags(t *testing.T, c *dynamodb.Client, arn *string) map[string]string {
	t.Helper()
	out, err := c.ListTagsOfResource(context.Background(), &dynamodb.ListTagsOfResourceInput{ResourceArn: arn})
	must(t, "ListTagsOfResource", err)
	m := map[string]string{}
	for _, tag := range out.Tags {
		m[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
	}
	return m
}

func TestDescribeEndpointsAndLimits(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	e, err := c.DescribeEndpoints(ctx, &dynamodb.DescribeEndpointsInput{})
	must(t, "DescribeEndpoints", err)
	if len(e.Endpoints) == 0 || aws.ToString(e.Endpoints[0].Address) == "" || e.Endpoints[0].CachePeriodInMinutes <= 0 {
		t.Errorf("DescribeEndpoints %+v", e.Endpoints)
	}
	l, err := c.DescribeLimits(ctx, &dynamodb.DescribeLimitsInput{})
	must(t, "DescribeLimits", err)
	if aws.ToInt64(l.TableMaxReadCapacityUnits) <= 0 || aws.ToInt64(l.TableMaxWriteCapacityUnits) <= 0 ||
		aws.ToInt64(l.AccountMaxReadCapacityUnits) < aws.ToInt64(l.TableMaxReadCapacityUnits) ||
		aws.ToInt64(l.AccountMaxWriteCapacityUnits) < aws.ToInt64(l.TableMaxWriteCapacityUnits) {
		t.Errorf("DescribeLimits %+v", l)
	}
}

func TestDeletionProtection(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	_, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String(name), DeletionProtectionEnabled: aws.Bool(true)})
	must(t, "UpdateTable DeletionProtectionEnabled", err)
	d := waitTable(t, c, name, func(d *types.TableDescription) bool { return d.TableStatus == types.TableStatusActive })
	if !aws.ToBool(d.DeletionProtectionEnabled) {
		t.Errorf("DeletionProtectionEnabled %v after enabling it", d.DeletionProtectionEnabled)
	}
	_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	wantAPIError(t, err, "ValidationException", "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String(name), DeletionProtectionEnabled: aws.Bool(false)})
	must(t, "UpdateTable DeletionProtectionEnabled false", err)
	waitTable(t, c, name, func(d *types.TableDescription) bool { return d.TableStatus == types.TableStatusActive })
	_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	must(t, "DeleteTable", err)
}
