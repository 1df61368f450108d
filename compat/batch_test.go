package compat_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestBatchWriteAndGet(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	t1 := keyTable(t, c, "")
	t2 := keyTable(t, c, types.ScalarAttributeTypeN)

	// 25 puts across two tables is the most one call takes.
	var r1, r2 []types.WriteRequest
	for i := range 15 {
		r1 = append(r1, types.WriteRequest{PutRequest: &types.PutRequest{Item: item{"pk": s(fmt.Sprint("k", i)), "v": n(fmt.Sprint(i)), "x": s("extra")}}})
	}
	for i := range 10 {
		r2 = append(r2, types.WriteRequest{PutRequest: &types.PutRequest{Item: item{"pk": s("p"), "sk": n(fmt.Sprint(i))}}})
	}
	out, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{t1: r1, t2: r2}})
	must(t, "BatchWriteItem 25", err)
	if len(out.UnprocessedItems) != 0 {
		t.Errorf("UnprocessedItems %v", out.UnprocessedItems)
	}

	// 26 is refused, and nothing is written.
	r26 := append(slices.Clone(r1), r2...)
	r26 = append(r26[:0:0], r26...)
	extra := types.WriteRequest{PutRequest: &types.PutRequest{Item: item{"pk": s("k-extra")}}}
	_, err = c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{t1: append(slices.Clone(r1), extra), t2: r2}})
	ae := wantAPIError(t, err, "ValidationException", "")
	t.Logf("BatchWriteItem with 26 requests: %s", ae.ErrorMessage())
	if got, _ := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(t1), Key: item{"pk": s("k-extra")}}); got != nil && got.Item != nil {
		t.Error("a refused BatchWriteItem wrote an item")
	}
	// Two requests for one key in one call.
	_, err = c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{t1: {
		{PutRequest: &types.PutRequest{Item: item{"pk": s("dup")}}},
		{DeleteRequest: &types.DeleteRequest{Key: item{"pk": s("dup")}}},
	}}})
	wantAPIError(t, err, "ValidationException", "Provided list of item keys contains duplicates")
	_, err = c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{t1 + "_missing": {
		{PutRequest: &types.PutRequest{Item: item{"pk": s("a")}}},
	}}})
	wantAPIError(t, err, "ResourceNotFoundException", "")

	// Get across both tables, with a projection and a missing key.
	get, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
		t1: {Keys: []item{{"pk": s("k1")}, {"pk": s("k2")}, {"pk": s("absent")}}, ProjectionExpression: aws.String("pk, v")},
		t2: {Keys: []item{{"pk": s("p"), "sk": n("9")}}, ConsistentRead: aws.Bool(true)},
	}})
	must(t, "BatchGetItem", err)
	if len(get.UnprocessedKeys) != 0 {
		t.Errorf("UnprocessedKeys %v", get.UnprocessedKeys)
	}
	if len(get.Responses[t1]) != 2 || len(get.Responses[t2]) != 1 {
		t.Fatalf("BatchGetItem responses %v", get.Responses)
	}
	for _, it := range get.Responses[t1] {
		if len(it) != 2 || it["x"] != nil {
			t.Errorf("projected item %v, want pk and v", it)
		}
	}

	// Deletes through BatchWriteItem.
	_, err = c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{t1: {
		{DeleteRequest: &types.DeleteRequest{Key: item{"pk": s("k1")}}},
	}}})
	must(t, "BatchWriteItem delete", err)
	g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(t1), Key: item{"pk": s("k1")}})
	must(t, "GetItem", err)
	if g.Item != nil {
		t.Errorf("deleted item still there: %v", g.Item)
	}

	// BatchGetItem limits: 100 keys, no duplicates.
	var keys []item
	for i := range 101 {
		keys = append(keys, item{"pk": s(fmt.Sprint("k", i))})
	}
	_, err = c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{t1: {Keys: keys}}})
	ae = wantAPIError(t, err, "ValidationException", "")
	t.Logf("BatchGetItem with 101 keys: %s", ae.ErrorMessage())
	_, err = c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{t1: {Keys: []item{{"pk": s("a")}, {"pk": s("a")}}}}})
	wantAPIError(t, err, "ValidationException", "Provided list of item keys contains duplicates")
	_, err = c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{t1 + "_missing": {Keys: []item{{"pk": s("a")}}}}})
	wantAPIError(t, err, "ResourceNotFoundException", "")
	_, err = c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{t1: {Keys: []item{{"pk": n("1")}}}}})
	wantAPIError(t, err, "ValidationException", "The provided key element does not match the schema")
}

// TestBatchWriteOverTwentyFiveInOneTable: more than 25 requests for one
// table fail DynamoDB's model constraint on requestItems (a Java rendering
// of the map, then the constraint), which applications match on; more than
// 25 spread over tables get "Too many items requested" (TestBatchWriteAndGet).
func TestBatchWriteOverTwentyFiveInOneTable(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	var reqs []types.WriteRequest
	for i := range 26 {
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: item{"pk": s(fmt.Sprint("k", i))}}})
	}
	_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{name: reqs}})
	ae := wantAPIError(t, err, "ValidationException", "")
	const suffix = "' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]"
	if msg := ae.ErrorMessage(); !strings.HasPrefix(msg, "1 validation error detected: Value '{"+name+"=[") || !strings.HasSuffix(msg, suffix) {
		t.Errorf("26 requests for one table: %q, want 1 validation error detected: Value '{%s=[...]}%s", msg, name, suffix)
	}
}
