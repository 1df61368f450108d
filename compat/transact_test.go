package compat_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestTransactions(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	tbl := aws.String(name)
	for _, k := range []string{"alice", "bob", "carol"} {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s(k), "balance": n("100")}})
		must(t, "PutItem", err)
	}

	// A transfer guarded by a balance check, built with the expression builder.
	cond, err := expression.NewBuilder().
		WithCondition(expression.Name("balance").GreaterThanEqual(expression.Value(30))).
		WithUpdate(expression.Add(expression.Name("balance"), expression.Value(-30))).Build()
	must(t, "expression.Build", err)
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Update: &types.Update{TableName: tbl, Key: item{"pk": s("alice")}, UpdateExpression: cond.Update(), ConditionExpression: cond.Condition(),
			ExpressionAttributeNames: cond.Names(), ExpressionAttributeValues: cond.Values()}},
		{Update: &types.Update{TableName: tbl, Key: item{"pk": s("bob")}, UpdateExpression: aws.String("ADD balance :amt"),
			ExpressionAttributeValues: item{":amt": n("30")}}},
		{ConditionCheck: &types.ConditionCheck{TableName: tbl, Key: item{"pk": s("carol")}, ConditionExpression: aws.String("attribute_exists(pk)")}},
		{Put: &types.Put{TableName: tbl, Item: item{"pk": s("log1"), "what": s("alice->bob 30")}, ConditionExpression: aws.String("attribute_not_exists(pk)")}},
	}})
	must(t, "TransactWriteItems", err)

	get, err := c.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{
		{Get: &types.Get{TableName: tbl, Key: item{"pk": s("alice")}}},
		{Get: &types.Get{TableName: tbl, Key: item{"pk": s("nobody")}}},
		{Get: &types.Get{TableName: tbl, Key: item{"pk": s("bob")}, ProjectionExpression: aws.String("balance")}},
		{Get: &types.Get{TableName: tbl, Key: item{"pk": s("log1")}}},
	}})
	must(t, "TransactGetItems", err)
	if len(get.Responses) != 4 {
		t.Fatalf("TransactGetItems answered %d responses, want 4", len(get.Responses))
	}
	if str(get.Responses[0].Item["balance"]) != "70" || get.Responses[1].Item != nil ||
		str(get.Responses[2].Item["balance"]) != "130" || len(get.Responses[2].Item) != 1 || get.Responses[3].Item == nil {
		t.Errorf("TransactGetItems responses %v %v %v %v", get.Responses[0].Item, get.Responses[1].Item, get.Responses[2].Item, get.Responses[3].Item)
	}

	// A failing condition in the middle cancels everything, with one reason per item in order.
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Update: &types.Update{TableName: tbl, Key: item{"pk": s("bob")}, UpdateExpression: aws.String("SET balance = :z"), ExpressionAttributeValues: item{":z": n("0")}}},
		{Update: &types.Update{TableName: tbl, Key: item{"pk": s("alice")}, UpdateExpression: aws.String("ADD balance :m"),
			ConditionExpression: aws.String("balance >= :need"), ExpressionAttributeValues: item{":m": n("-1000"), ":need": n("1000")},
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}},
		{Delete: &types.Delete{TableName: tbl, Key: item{"pk": s("carol")}}},
	}})
	wantAPIError(t, err, "TransactionCanceledException",
		"Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]")
	var tce *types.TransactionCanceledException
	if !errorsAs(err, &tce) {
		t.Fatalf("%T is not *types.TransactionCanceledException", err)
	}
	if len(tce.CancellationReasons) != 3 {
		t.Fatalf("CancellationReasons %+v, want 3", tce.CancellationReasons)
	}
	for i, want := range []string{"None", "ConditionalCheckFailed", "None"} {
		if got := aws.ToString(tce.CancellationReasons[i].Code); got != want {
			t.Errorf("reason %d: %q, want %q", i, got, want)
		}
	}
	if r := tce.CancellationReasons[1]; aws.ToString(r.Message) != "The conditional request failed" || str(r.Item["balance"]) != "70" {
		t.Errorf("reason 1: message %q item %v, want the old item", aws.ToString(r.Message), r.Item)
	}
	g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: item{"pk": s("bob")}, ConsistentRead: aws.Bool(true)})
	must(t, "GetItem", err)
	if str(g.Item["balance"]) != "130" {
		t.Errorf("a cancelled transaction changed bob to %v", g.Item["balance"])
	}
	g, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: item{"pk": s("carol")}, ConsistentRead: aws.Bool(true)})
	must(t, "GetItem", err)
	if g.Item == nil {
		t.Error("a cancelled transaction deleted carol")
	}

	// Validation errors come before any write.
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: tbl, Item: item{"pk": s("alice")}}},
		{Delete: &types.Delete{TableName: tbl, Key: item{"pk": s("alice")}}},
	}})
	wantAPIError(t, err, "ValidationException", "Transaction request cannot include multiple operations on one item")
	many := make([]types.TransactWriteItem, 101)
	for i := range many {
		many[i] = types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{TableName: tbl, Key: item{"pk": s(string(rune('a'+i%26)) + string(rune('a'+i/26)))}, ConditionExpression: aws.String("attribute_not_exists(pk)")}}
	}
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: many})
	ae := wantAPIError(t, err, "ValidationException", "")
	t.Logf("TransactWriteItems with 101 items: %s", ae.ErrorMessage())
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String(name + "_missing"), Item: item{"pk": s("x")}}},
	}})
	wantAPIError(t, err, "ResourceNotFoundException", "")
	_, err = c.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{
		{Get: &types.Get{TableName: tbl, Key: item{"pk": n("1")}}},
	}})
	wantAPIError(t, err, "ValidationException", "The provided key element does not match the schema")

	// Idempotent retry: the same token and request applies once.
	tok := aws.String("compat-token-1")
	req := &dynamodb.TransactWriteItemsInput{ClientRequestToken: tok, TransactItems: []types.TransactWriteItem{
		{Update: &types.Update{TableName: tbl, Key: item{"pk": s("carol")}, UpdateExpression: aws.String("ADD balance :one"), ExpressionAttributeValues: item{":one": n("1")}}},
	}}
	for range 2 {
		_, err = c.TransactWriteItems(ctx, req)
		must(t, "TransactWriteItems with token", err)
	}
	g, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: item{"pk": s("carol")}, ConsistentRead: aws.Bool(true)})
	must(t, "GetItem", err)
	if str(g.Item["balance"]) != "101" {
		t.Errorf("carol's balance %v after a retried idempotent transaction, want 101", g.Item["balance"])
	}
}
