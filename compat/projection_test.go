package compat_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestProjectionsAndCopies reads nested projections and updates that read
// other attributes of the item.
func TestProjectionsAndCopies(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	tbl := aws.String(name)
	key := item{"pk": s("p")}
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: conditionItem()})
	must(t, "PutItem", err)
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: func() item { it := conditionItem(); it["pk"] = s("p"); return it }()})
	must(t, "PutItem", err)

	g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: key, ProjectionExpression: aws.String("lst[1], lst[2].x, m.child.deep, nums")})
	must(t, "GetItem projection", err)
	var got map[string]any
	must(t, "UnmarshalMap", attributevalue.UnmarshalMap(g.Item, &got))
	want := map[string]any{
		"lst":  []any{"two", map[string]any{"x": 3.0}},
		"m":    map[string]any{"child": map[string]any{"deep": "yes"}},
		"nums": g.Item["nums"] != nil,
	}
	got["nums"] = g.Item["nums"] != nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("nested projection\n got: %#v\nwant: %#v", got, want)
	}
	_, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: key, ProjectionExpression: aws.String("m, m.child")})
	wantAPIError(t, err, "ValidationException", "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m], path two: [m, child]")

	// Updates whose values come from the item itself.
	up, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: key,
		UpdateExpression:          aws.String("SET dup = title, tot = age + m.n, lst = list_append(:front, lst), fresh = if_not_exists(nope, age) REMOVE m.child.deep ADD newset :ns"),
		ExpressionAttributeValues: item{":front": &types.AttributeValueMemberL{Value: []types.AttributeValue{s("first")}}, ":ns": ns("7")},
		ReturnValues:              types.ReturnValueUpdatedNew})
	must(t, "UpdateItem", err)
	a := up.Attributes
	if str(a["dup"]) != "Ada Lovelace" || str(a["tot"]) != "41" || str(a["fresh"]) != "36" {
		t.Errorf("dup=%v tot=%v fresh=%v", a["dup"], a["tot"], a["fresh"])
	}
	if l := a["lst"].(*types.AttributeValueMemberL).Value; len(l) != 4 || str(l[0]) != "first" {
		t.Errorf("prepended list %v", l)
	}
	// UPDATED_NEW projects the updated paths: a removed one is not there.
	if a["m"] != nil {
		t.Errorf("UPDATED_NEW after REMOVE m.child.deep holds m: %v", a["m"])
	}
	g, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: key, ProjectionExpression: aws.String("m")})
	must(t, "GetItem m", err)
	if m, ok := g.Item["m"].(*types.AttributeValueMemberM); !ok || len(m.Value["child"].(*types.AttributeValueMemberM).Value) != 0 || str(m.Value["n"]) != "5" {
		t.Errorf("m after REMOVE m.child.deep: %v", g.Item["m"])
	}
	if v, ok := a["newset"].(*types.AttributeValueMemberNS); !ok || len(v.Value) != 1 || v.Value[0] != "7" {
		t.Errorf("ADD to a missing set: %v", a["newset"])
	}

	// Arithmetic on something that is not a number.
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: key, UpdateExpression: aws.String("SET x = title + :one"),
		ExpressionAttributeValues: item{":one": n("1")}})
	wantAPIError(t, err, "ValidationException", "An operand in the update expression has an incorrect data type")
	// list_append on a missing list.
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: key, UpdateExpression: aws.String("SET x = list_append(nolist, :l)"),
		ExpressionAttributeValues: item{":l": &types.AttributeValueMemberL{Value: []types.AttributeValue{s("a")}}}})
	wantAPIError(t, err, "ValidationException", "The provided expression refers to an attribute that does not exist in the item")
}
