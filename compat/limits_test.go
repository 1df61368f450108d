package compat_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestItemAndKeyLimits checks DynamoDB's size limits at their edges.
func TestItemAndKeyLimits(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, types.ScalarAttributeTypeS)
	tbl := aws.String(name)

	// An item's size is the UTF-8 length of its attribute names plus values:
	// pk "a" (2+1) + sk "b" (2+1) + "blob" (4) + the blob = 409600 bytes.
	exact := item{"pk": s("a"), "sk": s("b"), "blob": s(strings.Repeat("x", 400*1024-10))}
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: exact})
	must(t, "PutItem of exactly 400 KB", err)
	over := item{"pk": s("a"), "sk": s("c"), "blob": s(strings.Repeat("x", 400*1024-9))}
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: over})
	wantAPIError(t, err, "ValidationException", "Item size has exceeded the maximum allowed size")
	// An update that grows an item past the limit is refused too.
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: item{"pk": s("a"), "sk": s("b")},
		UpdateExpression: aws.String("SET more = :x"), ExpressionAttributeValues: item{":x": s("x")}})
	wantAPIError(t, err, "ValidationException", "Item size to update has exceeded the maximum allowed size")

	// Key sizes: 2048 bytes of partition key, 1024 of sort key.
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s(strings.Repeat("k", 2048)), "sk": s(strings.Repeat("s", 1024))}})
	must(t, "PutItem with keys at their limits", err)
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s(strings.Repeat("k", 2049)), "sk": s("s")}})
	wantAPIError(t, err, "ValidationException", "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes")
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("k"), "sk": s(strings.Repeat("s", 1025))}})
	wantAPIError(t, err, "ValidationException", "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes")

	// ReturnValues that an operation does not have.
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("r"), "sk": s("r")}, ReturnValues: types.ReturnValueAllNew})
	wantAPIError(t, err, "ValidationException", "ReturnValues can only be ALL_OLD or NONE")
	_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: tbl, Key: item{"pk": s("r"), "sk": s("r")}, ReturnValues: types.ReturnValueUpdatedNew})
	wantAPIError(t, err, "ValidationException", "ReturnValues can only be ALL_OLD or NONE")

	// A new item made by UpdateItem has no old values.
	up, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: item{"pk": s("new"), "sk": s("new")},
		UpdateExpression: aws.String("SET v = :v"), ExpressionAttributeValues: item{":v": s("x")}, ReturnValues: types.ReturnValueAllOld})
	must(t, "UpdateItem creating", err)
	if len(up.Attributes) != 0 {
		t.Errorf("ALL_OLD of a created item: %v", up.Attributes)
	}

	// Table names.
	_, err = c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("ab"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
	})
	wantAPIError(t, err, "ValidationException", "")
	_, err = c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("bad name!"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
	})
	wantAPIError(t, err, "ValidationException",
		"1 validation error detected: Value 'bad name!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
}

// TestIndexSemantics covers what indexes add to writes and reads: key type
// checks, sparse indexes, projections, and LSI fetches of unprojected
// attributes.
func TestIndexSemantics(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := tableName(t)
	createActive(t, c, indexedTableInput(name))
	tbl := aws.String(name)

	// An index key of the wrong type is refused.
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("p"), "sk": n("1"), "g": n("1"), "gs": s("x")}})
	wantAPIError(t, err, "ValidationException", "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: byG")
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("p"), "sk": n("1"), "g": s("")}})
	wantAPIError(t, err, "ValidationException", "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: byG, IndexKey: g")

	for i, it := range []item{
		{"pk": s("p"), "sk": n("1"), "g": s("G"), "gs": s("a"), "ls": s("z"), "extra": s("e1")},
		{"pk": s("p"), "sk": n("2"), "g": s("G"), "gs": s("b"), "ls": s("y"), "extra": s("e2")},
		{"pk": s("p"), "sk": n("3"), "extra": s("e3")}, // in neither index
	} {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: it})
		must(t, "PutItem "+string(rune('0'+i)), err)
	}

	// The LSI projects keys only, yet a query may ask for everything: DynamoDB
	// fetches the rest from the table.
	q, err := c.Query(ctx, &dynamodb.QueryInput{TableName: tbl, IndexName: aws.String("byLs"),
		KeyConditionExpression: aws.String("pk = :p"), ExpressionAttributeValues: item{":p": s("p")}, Select: types.SelectAllAttributes})
	must(t, "Query LSI ALL_ATTRIBUTES", err)
	if len(q.Items) != 2 || str(q.Items[0]["ls"]) != "y" || str(q.Items[0]["extra"]) != "e2" {
		t.Errorf("LSI query with ALL_ATTRIBUTES gave %v, want 2 full items ordered by ls", q.Items)
	}
	q, err = c.Query(ctx, &dynamodb.QueryInput{TableName: tbl, IndexName: aws.String("byLs"),
		KeyConditionExpression: aws.String("pk = :p"), ExpressionAttributeValues: item{":p": s("p")}})
	must(t, "Query LSI", err)
	if len(q.Items) != 2 || q.Items[0]["extra"] != nil || len(q.Items[0]) != 3 {
		t.Errorf("LSI keys-only query gave %v, want pk, sk, ls", q.Items)
	}

	// The GSI is sparse and not strongly consistent.
	q, err = c.Query(ctx, &dynamodb.QueryInput{TableName: tbl, IndexName: aws.String("byG"),
		KeyConditionExpression: aws.String("g = :g"), ExpressionAttributeValues: item{":g": s("G")}, ScanIndexForward: aws.Bool(false)})
	must(t, "Query GSI", err)
	if len(q.Items) != 2 || str(q.Items[0]["gs"]) != "b" {
		t.Errorf("GSI query gave %v", q.Items)
	}
	_, err = c.Query(ctx, &dynamodb.QueryInput{TableName: tbl, IndexName: aws.String("byG"), ConsistentRead: aws.Bool(true),
		KeyConditionExpression: aws.String("g = :g"), ExpressionAttributeValues: item{":g": s("G")}})
	wantAPIError(t, err, "ValidationException", "Consistent reads are not supported on global secondary indexes")

	// Moving an item out of the index by removing its key attribute.
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: item{"pk": s("p"), "sk": n("1")}, UpdateExpression: aws.String("REMOVE g")})
	must(t, "UpdateItem REMOVE g", err)
	q, err = c.Query(ctx, &dynamodb.QueryInput{TableName: tbl, IndexName: aws.String("byG"),
		KeyConditionExpression: aws.String("g = :g"), ExpressionAttributeValues: item{":g": s("G")}})
	must(t, "Query GSI", err)
	if len(q.Items) != 1 {
		t.Errorf("GSI still has %d items after REMOVE g, want 1", len(q.Items))
	}
}

// TestItemCollectionMetrics: on tables with a local secondary index, writes
// asked for ReturnItemCollectionMetrics SIZE report their item collection's
// key and size estimate (DynamoDB's "ItemCollectionMetrics" documentation);
// tables without one report nothing.
func TestItemCollectionMetrics(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := tableName(t)
	createActive(t, c, indexedTableInput(name))
	tbl := aws.String(name)
	put, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("p"), "sk": n("4"), "ls": s("x")},
		ReturnItemCollectionMetrics: types.ReturnItemCollectionMetricsSize})
	must(t, "PutItem", err)
	if m := put.ItemCollectionMetrics; m == nil || str(m.ItemCollectionKey["pk"]) != "p" || len(m.ItemCollectionKey) != 1 ||
		len(m.SizeEstimateRangeGB) != 2 || m.SizeEstimateRangeGB[0] > m.SizeEstimateRangeGB[1] {
		t.Errorf("PutItem ItemCollectionMetrics %+v, want key pk=p and a [low, high] GB estimate", m)
	}
	up, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: item{"pk": s("p"), "sk": n("4")},
		UpdateExpression: aws.String("SET v = :v"), ExpressionAttributeValues: item{":v": s("x")},
		ReturnItemCollectionMetrics: types.ReturnItemCollectionMetricsSize})
	must(t, "UpdateItem", err)
	if up.ItemCollectionMetrics == nil {
		t.Error("UpdateItem returned no ItemCollectionMetrics on an LSI table")
	}
	del, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: tbl, Key: item{"pk": s("p"), "sk": n("4")},
		ReturnItemCollectionMetrics: types.ReturnItemCollectionMetricsSize})
	must(t, "DeleteItem", err)
	if del.ItemCollectionMetrics == nil {
		t.Error("DeleteItem returned no ItemCollectionMetrics on an LSI table")
	}

	plain := keyTable(t, c, "")
	put, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(plain), Item: item{"pk": s("p")},
		ReturnItemCollectionMetrics: types.ReturnItemCollectionMetricsSize})
	must(t, "PutItem", err)
	if put.ItemCollectionMetrics != nil {
		t.Errorf("a table without an LSI reported ItemCollectionMetrics %+v", put.ItemCollectionMetrics)
	}
}

// TestRecreateTable deletes a table with items and creates it again: the new
// table is empty.
func TestRecreateTable(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	for _, k := range []string{"a", "b", "c"} {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: item{"pk": s(k)}})
		must(t, "PutItem", err)
	}
	_, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	must(t, "DeleteTable", err)
	waitGone(t, c, name)
	keyTableNamed(t, c, name)
	sc, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(name)})
	must(t, "Scan", err)
	if sc.Count != 0 {
		t.Errorf("recreated table holds %d items of the old one", sc.Count)
	}
}

func waitGone(t *testing.T, c *dynamodb.Client, name string) {
	t.Helper()
	w := dynamodb.NewTableNotExistsWaiter(c, func(o *dynamodb.TableNotExistsWaiterOptions) {
		o.MinDelay, o.MaxDelay = 50e6, 200e6
	})
	must(t, "waiting for deletion", w.Wait(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(name)}, 20e9))
}
