package compat_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestBatchGetSixteenMegabytes reads 50 items of ~390 KB (about 19 MB) in
// one BatchGetItem: DynamoDB answers at most 16 MB and hands the rest back
// as UnprocessedKeys, which the caller resubmits.
func TestBatchGetSixteenMegabytes(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	const count = 50
	pad := strings.Repeat("y", 390*1024)
	var keys []item
	for i := range count {
		k := fmt.Sprint("big", i)
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: item{"pk": s(k), "pad": s(pad)}})
		must(t, "PutItem", err)
		keys = append(keys, item{"pk": s(k)})
	}
	req := map[string]types.KeysAndAttributes{name: {Keys: keys}}
	got := map[string]bool{}
	calls, biggest := 0, 0
	for len(req) > 0 {
		out, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: req})
		must(t, "BatchGetItem", err)
		calls++
		size := 0
		for _, it := range out.Responses[name] {
			size += len(str(it["pk"])) + len(str(it["pad"])) + len("pk") + len("pad")
			k := str(it["pk"])
			if got[k] {
				t.Fatalf("%s returned twice", k)
			}
			got[k] = true
		}
		biggest = max(biggest, size)
		req = out.UnprocessedKeys
		if calls > 10 {
			t.Fatal("UnprocessedKeys never drain")
		}
	}
	if len(got) != count {
		t.Errorf("got %d of %d items", len(got), count)
	}
	if calls < 2 {
		t.Errorf("19 MB of items came back in one BatchGetItem; DynamoDB stops at 16 MB and returns UnprocessedKeys")
	}
	if biggest > 16*1024*1024 {
		t.Errorf("one BatchGetItem answered %d bytes of items, over 16 MB", biggest)
	}
}

// TestTransactionSizeLimit: a transaction's items may total 4 MB at most.
func TestTransactionSizeLimit(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	pad := strings.Repeat("z", 390*1024)
	var items []types.TransactWriteItem
	for i := range 11 { // 11 × 390 KB > 4 MB
		items = append(items, types.TransactWriteItem{Put: &types.Put{TableName: aws.String(name), Item: item{"pk": s(fmt.Sprint("t", i)), "pad": s(pad)}}})
	}
	_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	wantAPIError(t, err, "ValidationException", "Transaction request cannot be larger than 4 MB")
	g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(name), Key: item{"pk": s("t0")}})
	must(t, "GetItem", err)
	if g.Item != nil {
		t.Error("a refused transaction wrote an item")
	}
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items[:10]})
	must(t, "TransactWriteItems of 10 × 390 KB", err)
}
