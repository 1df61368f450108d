package compat_test

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestLegacyParameters drives the pre-expression parameters older
// applications still send: AttributesToGet, Expected, AttributeUpdates,
// KeyConditions, QueryFilter, ScanFilter and ConditionalOperator.
func TestLegacyParameters(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, types.ScalarAttributeTypeN)
	tbl := aws.String(name)
	for i, color := range []string{"red", "blue", "red", "green", "red"} {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("p"), "sk": n(string(rune('0' + i))), "color": s(color), "v": n("1")}})
		must(t, "PutItem", err)
	}

	// Expected: Exists false, then a value comparison.
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("p"), "sk": n("0")},
		Expected: map[string]types.ExpectedAttributeValue{"pk": {Exists: aws.Bool(false)}}})
	wantAPIError(t, err, "ConditionalCheckFailedException", "The conditional request failed")
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("p"), "sk": n("0"), "color": s("red"), "v": n("2")},
		Expected: map[string]types.ExpectedAttributeValue{"v": {ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{n("1")}}}})
	must(t, "PutItem with Expected EQ", err)

	// AttributeUpdates: PUT, ADD, DELETE.
	up, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: item{"pk": s("p"), "sk": n("1")},
		AttributeUpdates: map[string]types.AttributeValueUpdate{
			"v":     {Action: types.AttributeActionAdd, Value: n("10")},
			"tags":  {Action: types.AttributeActionPut, Value: ss("x", "y")},
			"color": {Action: types.AttributeActionDelete},
		},
		ReturnValues: types.ReturnValueAllNew})
	must(t, "UpdateItem with AttributeUpdates", err)
	if str(up.Attributes["v"]) != "11" || up.Attributes["color"] != nil || up.Attributes["tags"] == nil {
		t.Errorf("AttributeUpdates gave %v", up.Attributes)
	}

	// AttributesToGet.
	g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: item{"pk": s("p"), "sk": n("2")}, AttributesToGet: []string{"color"}})
	must(t, "GetItem with AttributesToGet", err)
	if len(g.Item) != 1 || str(g.Item["color"]) != "red" {
		t.Errorf("AttributesToGet gave %v", g.Item)
	}

	// KeyConditions with QueryFilter.
	q, err := c.Query(ctx, &dynamodb.QueryInput{TableName: tbl,
		KeyConditions: map[string]types.Condition{
			"pk": {ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{s("p")}},
			"sk": {ComparisonOperator: types.ComparisonOperatorGe, AttributeValueList: []types.AttributeValue{n("1")}},
		},
		QueryFilter: map[string]types.Condition{"color": {ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{s("red")}}},
	})
	must(t, "Query with KeyConditions", err)
	var sks []string
	for _, it := range q.Items {
		sks = append(sks, str(it["sk"]))
	}
	if !slices.Equal(sks, []string{"2", "4"}) || q.ScannedCount != 4 {
		t.Errorf("legacy query found sk %v (scanned %d), want [2 4] of 4", sks, q.ScannedCount)
	}

	// ScanFilter with ConditionalOperator OR.
	sc, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: tbl, ConditionalOperator: types.ConditionalOperatorOr,
		ScanFilter: map[string]types.Condition{
			"color": {ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{s("green")}},
			"tags":  {ComparisonOperator: types.ComparisonOperatorNotNull},
		}})
	must(t, "Scan with ScanFilter", err)
	if sc.Count != 2 {
		t.Errorf("legacy OR scan counted %d, want 2 (green and the tagged item)", sc.Count)
	}

	// Mixing the two styles is refused.
	_, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: item{"pk": s("p"), "sk": n("2")},
		AttributesToGet: []string{"color"}, ProjectionExpression: aws.String("color")})
	wantAPIError(t, err, "ValidationException",
		"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}")
}
