package compat_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestOptimisticLocking is the version-attribute pattern: create with
// version 1 if absent, then update only from the version read.
func TestOptimisticLocking(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	tbl := aws.String(name)
	key := item{"pk": s("doc")}
	save := func(expect int, body string) error {
		_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: key,
			UpdateExpression:                    aws.String("SET body = :b, ver = :next"),
			ConditionExpression:                 aws.String("attribute_not_exists(pk) OR ver = :expect"),
			ExpressionAttributeValues:           item{":b": s(body), ":next": n(strconv.Itoa(expect + 1)), ":expect": n(strconv.Itoa(expect))},
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
		})
		return err
	}
	must(t, "create", save(0, "v1"))
	must(t, "update from 1", save(1, "v2"))
	err := save(1, "stale")
	wantAPIError(t, err, "ConditionalCheckFailedException", "The conditional request failed")
	var ccf *types.ConditionalCheckFailedException
	if errorsAs(err, &ccf) && (str(ccf.Item["ver"]) != "2" || str(ccf.Item["body"]) != "v2") {
		t.Errorf("the failed update's Item %v, want the current version 2", ccf.Item)
	}
	// DeleteItem returns the old item on a failed condition too.
	_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: tbl, Key: key, ConditionExpression: aws.String("ver = :v"),
		ExpressionAttributeValues: item{":v": n("1")}, ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld})
	if errorsAs(err, &ccf) {
		if str(ccf.Item["ver"]) != "2" {
			t.Errorf("DeleteItem's failed condition Item %v", ccf.Item)
		}
	} else {
		t.Errorf("DeleteItem with a stale version: %v, want ConditionalCheckFailedException", err)
	}
}

// TestIncludeProjection queries a global index that projects some
// attributes: it returns keys and those attributes, and refuses
// ALL_ATTRIBUTES.
func TestIncludeProjection(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := tableName(t)
	in := indexedTableInput(name)
	in.GlobalSecondaryIndexes[0].IndexName = aws.String("byGinc")
	in.GlobalSecondaryIndexes[0].Projection = &types.Projection{ProjectionType: types.ProjectionTypeInclude, NonKeyAttributes: []string{"shown"}}
	createActive(t, c, in)
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: item{
		"pk": s("p"), "sk": n("1"), "g": s("G"), "gs": s("a"), "shown": s("yes"), "hidden": s("no")}})
	must(t, "PutItem", err)
	q, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String(name), IndexName: aws.String("byGinc"),
		KeyConditionExpression: aws.String("g = :g"), ExpressionAttributeValues: item{":g": s("G")}})
	must(t, "Query INCLUDE index", err)
	if len(q.Items) != 1 || str(q.Items[0]["shown"]) != "yes" || q.Items[0]["hidden"] != nil || len(q.Items[0]) != 5 {
		t.Errorf("INCLUDE index item %v, want pk, sk, g, gs and shown", q.Items)
	}
	_, err = c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String(name), IndexName: aws.String("byGinc"), Select: types.SelectAllAttributes,
		KeyConditionExpression: aws.String("g = :g"), ExpressionAttributeValues: item{":g": s("G")}})
	wantAPIError(t, err, "ValidationException", "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index byGinc because its projection type is not ALL")
	d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	must(t, "DescribeTable", err)
	if p := d.Table.GlobalSecondaryIndexes[0].Projection; p.ProjectionType != types.ProjectionTypeInclude || len(p.NonKeyAttributes) != 1 || p.NonKeyAttributes[0] != "shown" {
		t.Errorf("described projection %+v", p)
	}
}
