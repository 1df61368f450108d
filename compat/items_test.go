package compat_test

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// allTypes carries one attribute of each of DynamoDB's ten types.
type allTypes struct {
	PK   string                `dynamodbav:"pk"`
	Str  string                `dynamodbav:"str"`
	Int  int64                 `dynamodbav:"int"`
	Dec  attributevalue.Number `dynamodbav:"dec"`
	Bin  []byte                `dynamodbav:"bin"`
	Bool bool                  `dynamodbav:"bool"`
	Null *string               `dynamodbav:"null"`
	List []any                 `dynamodbav:"list"`
	Map  map[string]any        `dynamodbav:"map"`
	SS   []string              `dynamodbav:"ss,stringset"`
	NS   []int                 `dynamodbav:"ns,numberset"`
	BS   [][]byte              `dynamodbav:"bs,binaryset"`
}

func TestAllTypesRoundTrip(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	in := allTypes{
		PK:   "types",
		Str:  "héllo \"wörld\"\n\t",
		Int:  -9007199254740993, // not representable as a float64
		Dec:  "12345678901234567890.123456789012345678",
		Bin:  []byte{0, 1, 2, 0xff},
		Bool: true,
		List: []any{"a", 1.0, true, nil, []any{"nested"}},
		Map:  map[string]any{"inner": map[string]any{"deep": "yes"}, "n": 2.0},
		SS:   []string{"a", "b", "c"},
		NS:   []int{1, 2, 3},
		BS:   [][]byte{{1}, {2, 3}},
	}
	av, err := attributevalue.MarshalMap(in)
	must(t, "MarshalMap", err)
	if _, ok := av["null"].(*types.AttributeValueMemberNULL); !ok {
		t.Fatalf("nil pointer marshalled to %T, want NULL", av["null"])
	}
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: av})
	must(t, "PutItem", err)
	got, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(name), Key: item{"pk": s("types")}, ConsistentRead: aws.Bool(true)})
	must(t, "GetItem", err)
	var out allTypes
	must(t, "UnmarshalMap", attributevalue.UnmarshalMap(got.Item, &out))
	slices.Sort(out.SS)
	slices.Sort(out.NS)
	slices.SortFunc(out.BS, bytes.Compare)
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip\n got: %#v\nwant: %#v", out, in)
	}
	// Each attribute comes back with its own type.
	wantTypes := map[string]string{
		"str": "S", "int": "N", "dec": "N", "bin": "B", "bool": "BOOL", "null": "NULL",
		"list": "L", "map": "M", "ss": "SS", "ns": "NS", "bs": "BS",
	}
	for k, want := range wantTypes {
		if got := typeOf(got.Item[k]); got != want {
			t.Errorf("attribute %s came back as %s, want %s", k, got, want)
		}
	}
	if v := got.Item["int"].(*types.AttributeValueMemberN).Value; v != "-9007199254740993" {
		t.Errorf("int came back as %s", v)
	}
	if v := got.Item["dec"].(*types.AttributeValueMemberN).Value; v != "12345678901234567890.123456789012345678" {
		t.Errorf("38-digit number came back as %s", v)
	}
}

func typeOf(av types.AttributeValue) string {
	switch av.(type) {
	case *types.AttributeValueMemberS:
		return "S"
	case *types.AttributeValueMemberN:
		return "N"
	case *types.AttributeValueMemberB:
		return "B"
	case *types.AttributeValueMemberBOOL:
		return "BOOL"
	case *types.AttributeValueMemberNULL:
		return "NULL"
	case *types.AttributeValueMemberL:
		return "L"
	case *types.AttributeValueMemberM:
		return "M"
	case *types.AttributeValueMemberSS:
		return "SS"
	case *types.AttributeValueMemberNS:
		return "NS"
	case *types.AttributeValueMemberBS:
		return "BS"
	case nil:
		return "missing"
	}
	return fmt.Sprintf("%T", av)
}

func TestPutGetDeleteConditions(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, types.ScalarAttributeTypeS)
	tbl := aws.String(name)
	key := item{"pk": s("u1"), "sk": s("profile")}
	v1 := item{"pk": s("u1"), "sk": s("profile"), "name": s("Ada"), "v": n("1")}

	// Create-only put.
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: v1, ConditionExpression: aws.String("attribute_not_exists(pk)")})
	must(t, "PutItem if absent", err)
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: tbl, Item: v1, ConditionExpression: aws.String("attribute_not_exists(pk)"),
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
	})
	wantAPIError(t, err, "ConditionalCheckFailedException", "The conditional request failed")
	var ccf *types.ConditionalCheckFailedException
	if !errorsAs(err, &ccf) {
		t.Fatalf("%T is not *types.ConditionalCheckFailedException", err)
	}
	if str(ccf.Item["name"]) != "Ada" {
		t.Errorf("ConditionalCheckFailedException.Item %v, want the old item", ccf.Item)
	}

	// Optimistic locking with ReturnValues ALL_OLD.
	v2 := item{"pk": s("u1"), "sk": s("profile"), "name": s("Grace"), "v": n("2")}
	put, err := c.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: tbl, Item: v2, ConditionExpression: aws.String("v = :old"),
		ExpressionAttributeValues: item{":old": n("1")}, ReturnValues: types.ReturnValueAllOld,
	})
	must(t, "PutItem v=1", err)
	if str(put.Attributes["name"]) != "Ada" || str(put.Attributes["v"]) != "1" {
		t.Errorf("PutItem ALL_OLD %v", put.Attributes)
	}
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: tbl, Item: v1, ConditionExpression: aws.String("v = :old"), ExpressionAttributeValues: item{":old": n("1")},
	})
	wantAPIError(t, err, "ConditionalCheckFailedException", "The conditional request failed")

	// Projection and consistent read.
	g, err := c.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: tbl, Key: key, ConsistentRead: aws.Bool(true),
		ProjectionExpression: aws.String("#n"), ExpressionAttributeNames: map[string]string{"#n": "name"},
	})
	must(t, "GetItem", err)
	if len(g.Item) != 1 || str(g.Item["name"]) != "Grace" {
		t.Errorf("projected GetItem %v, want just name=Grace", g.Item)
	}
	g, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: item{"pk": s("u1"), "sk": s("nope")}})
	must(t, "GetItem missing", err)
	if g.Item != nil {
		t.Errorf("missing item came back as %v", g.Item)
	}

	// Conditional delete.
	_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{
		TableName: tbl, Key: key, ConditionExpression: aws.String("#n = :n"),
		ExpressionAttributeNames: map[string]string{"#n": "name"}, ExpressionAttributeValues: item{":n": s("Ada")},
	})
	wantAPIError(t, err, "ConditionalCheckFailedException", "The conditional request failed")
	del, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: tbl, Key: key, ReturnValues: types.ReturnValueAllOld})
	must(t, "DeleteItem", err)
	if str(del.Attributes["name"]) != "Grace" {
		t.Errorf("DeleteItem ALL_OLD %v", del.Attributes)
	}
	del, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: tbl, Key: key, ReturnValues: types.ReturnValueAllOld})
	must(t, "DeleteItem again", err)
	if len(del.Attributes) != 0 {
		t.Errorf("deleting a missing item returned %v", del.Attributes)
	}
}

func TestItemErrors(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	tbl := aws.String(name)

	_, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(name + "_missing"), Key: item{"pk": s("a")}})
	// DynamoDB answers data-plane calls on a missing table with "Requested
	// resource not found" (some regions add ": Table: <name> not found").
	if ae := wantAPIError(t, err, "ResourceNotFoundException", ""); !strings.HasPrefix(ae.ErrorMessage(), "Requested resource not found") {
		t.Errorf("ResourceNotFoundException message %q", ae.ErrorMessage())
	}
	var nf *types.ResourceNotFoundException
	if !errorsAs(err, &nf) {
		t.Errorf("%T is not *types.ResourceNotFoundException", err)
	}
	_, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: item{"pk": n("1")}})
	wantAPIError(t, err, "ValidationException", "The provided key element does not match the schema")
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"other": s("x")}})
	wantAPIError(t, err, "ValidationException", "One or more parameter values were invalid: Missing the key pk in the item")
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: tbl, Key: item{"pk": s("a")}, UpdateExpression: aws.String("SET pk = :v"), ExpressionAttributeValues: item{":v": s("b")},
	})
	wantAPIError(t, err, "ValidationException", "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key")
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: tbl, Item: item{"pk": s("a")}, ConditionExpression: aws.String("attribute_exists(pk)"),
		ExpressionAttributeValues: item{":unused": s("x")},
	})
	wantAPIError(t, err, "ValidationException", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}")
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: tbl, Item: item{"pk": s("a")}, ConditionExpression: aws.String("attribute_exists(#missing)"),
	})
	wantAPIError(t, err, "ValidationException", "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #missing")
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("big"), "blob": s(strings.Repeat("x", 400*1024))}})
	wantAPIError(t, err, "ValidationException", "Item size has exceeded the maximum allowed size")
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("")}})
	wantAPIError(t, err, "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk")
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: tbl, Key: item{"pk": s("a")}, UpdateExpression: aws.String("SET a = :v REMOVE a"), ExpressionAttributeValues: item{":v": s("b")},
	})
	wantAPIError(t, err, "ValidationException", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]")
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: tbl, Key: item{"pk": s("a")}, UpdateExpression: aws.String("SET a = "),
	})
	wantAPIError(t, err, "ValidationException", "")
}

func TestUpdateExpressions(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	tbl := aws.String(name)
	key := item{"pk": s("doc")}
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{
		"pk": s("doc"), "gone": s("x"), "tags": ss("a", "b", "c"), "list": &types.AttributeValueMemberL{Value: []types.AttributeValue{n("1")}},
		"nested": &types.AttributeValueMemberM{Value: item{"cnt": n("5")}},
	}})
	must(t, "PutItem", err)

	up, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: tbl, Key: key,
		UpdateExpression: aws.String("SET #l = list_append(#l, :more), created = if_not_exists(created, :now), nested.cnt = nested.cnt + :one " +
			"REMOVE gone ADD visits :one, tags :newtag"),
		ExpressionAttributeNames:  map[string]string{"#l": "list"},
		ExpressionAttributeValues: item{":more": &types.AttributeValueMemberL{Value: []types.AttributeValue{n("2"), n("3")}}, ":now": s("t0"), ":one": n("1"), ":newtag": ss("d")},
		ReturnValues:              types.ReturnValueAllNew,
	})
	must(t, "UpdateItem", err)
	a := up.Attributes
	if l := a["list"].(*types.AttributeValueMemberL).Value; len(l) != 3 || str(l[2]) != "3" {
		t.Errorf("list_append gave %v", l)
	}
	if str(a["created"]) != "t0" || str(a["visits"]) != "1" || a["gone"] != nil {
		t.Errorf("created=%v visits=%v gone=%v", a["created"], a["visits"], a["gone"])
	}
	if inner := a["nested"].(*types.AttributeValueMemberM).Value["cnt"]; str(inner) != "6" {
		t.Errorf("nested.cnt = %v, want 6", inner)
	}
	tags := a["tags"].(*types.AttributeValueMemberSS).Value
	slices.Sort(tags)
	if !slices.Equal(tags, []string{"a", "b", "c", "d"}) {
		t.Errorf("tags %v, want [a b c d]", tags)
	}
	up, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: tbl, Key: key, UpdateExpression: aws.String("DELETE tags :oldtag"),
		ExpressionAttributeValues: item{":oldtag": ss("a", "zz")}, ReturnValues: types.ReturnValueUpdatedNew,
	})
	must(t, "UpdateItem DELETE", err)
	tags = up.Attributes["tags"].(*types.AttributeValueMemberSS).Value
	slices.Sort(tags)
	if !slices.Equal(tags, []string{"b", "c", "d"}) {
		t.Errorf("tags %v after DELETE, want [b c d]", tags)
	}
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: tbl, Key: key, UpdateExpression: aws.String("ADD tags :x DELETE tags :y"),
		ExpressionAttributeValues: item{":x": ss("x"), ":y": ss("y")},
	})
	wantAPIError(t, err, "ValidationException", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [tags], path two: [tags]")

	// if_not_exists keeps the existing value; UPDATED_OLD / UPDATED_NEW
	// return only the updated attributes.
	up, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: tbl, Key: key, UpdateExpression: aws.String("SET created = if_not_exists(created, :later), visits = visits + :one"),
		ExpressionAttributeValues: item{":later": s("t1"), ":one": n("1")}, ReturnValues: types.ReturnValueUpdatedOld,
	})
	must(t, "UpdateItem UPDATED_OLD", err)
	if len(up.Attributes) != 2 || str(up.Attributes["created"]) != "t0" || str(up.Attributes["visits"]) != "1" {
		t.Errorf("UPDATED_OLD %v, want created=t0 visits=1", up.Attributes)
	}
	up, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: tbl, Key: key, UpdateExpression: aws.String("SET visits = visits + :one"),
		ExpressionAttributeValues: item{":one": n("1")}, ReturnValues: types.ReturnValueUpdatedNew,
	})
	must(t, "UpdateItem UPDATED_NEW", err)
	if len(up.Attributes) != 1 || str(up.Attributes["visits"]) != "3" {
		t.Errorf("UPDATED_NEW %v, want visits=3", up.Attributes)
	}
	up, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: tbl, Key: key, UpdateExpression: aws.String("REMOVE visits"), ReturnValues: types.ReturnValueAllOld,
	})
	must(t, "UpdateItem ALL_OLD", err)
	if str(up.Attributes["visits"]) != "3" || str(up.Attributes["created"]) != "t0" {
		t.Errorf("ALL_OLD %v", up.Attributes)
	}

	// Conditions on update; the expression builder, as Go users write them.
	cond := expression.AttributeExists(expression.Name("pk")).And(expression.Name("created").Equal(expression.Value("t0")))
	upd := expression.Set(expression.Name("status"), expression.Value("active")).
		Add(expression.Name("score"), expression.Value(10))
	ex, err := expression.NewBuilder().WithCondition(cond).WithUpdate(upd).Build()
	must(t, "expression.Build", err)
	up, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: tbl, Key: key, ConditionExpression: ex.Condition(), UpdateExpression: ex.Update(),
		ExpressionAttributeNames: ex.Names(), ExpressionAttributeValues: ex.Values(), ReturnValues: types.ReturnValueAllNew,
	})
	must(t, "UpdateItem with builder", err)
	if str(up.Attributes["status"]) != "active" || str(up.Attributes["score"]) != "10" {
		t.Errorf("builder update gave %v", up.Attributes)
	}
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: tbl, Key: item{"pk": s("absent")}, ConditionExpression: ex.Condition(), UpdateExpression: ex.Update(),
		ExpressionAttributeNames: ex.Names(), ExpressionAttributeValues: ex.Values(),
	})
	wantAPIError(t, err, "ConditionalCheckFailedException", "The conditional request failed")
	g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: item{"pk": s("absent")}})
	must(t, "GetItem", err)
	if g.Item != nil {
		t.Errorf("failed conditional update created %v", g.Item)
	}

	// Type errors in updates.
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: tbl, Key: key, UpdateExpression: aws.String("ADD #s :one"),
		ExpressionAttributeNames: map[string]string{"#s": "status"}, ExpressionAttributeValues: item{":one": n("1")},
	})
	wantAPIError(t, err, "ValidationException", "An operand in the update expression has an incorrect data type")
}

func TestAtomicCounter(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
					TableName: aws.String(name), Key: item{"pk": s("page-views")},
					UpdateExpression: aws.String("ADD #c :inc"), ExpressionAttributeNames: map[string]string{"#c": "count"},
					ExpressionAttributeValues: item{":inc": n("1")},
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		must(t, "UpdateItem ADD", err)
	}
	g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(name), Key: item{"pk": s("page-views")}, ConsistentRead: aws.Bool(true)})
	must(t, "GetItem", err)
	if got := str(g.Item["count"]); got != fmt.Sprint(workers*each) {
		t.Errorf("counter %s after %d concurrent increments", got, workers*each)
	}
}
