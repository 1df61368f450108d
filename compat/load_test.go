package compat_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestMixedLoad runs a bounded mix of reads, writes, queries and
// transactions from many goroutines over shared keys, then checks each
// key's version counter equals the number of acknowledged increments: no
// lost update, no 5xx, no checksum error.
func TestMixedLoad(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, types.ScalarAttributeTypeN)
	tbl := aws.String(name)
	const workers, ops, keys = 16, 60, 10
	var mu sync.Mutex
	acked := map[int]int{} // sk → acknowledged increments
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	deadline := time.Now().Add(30 * time.Second)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 99))
			for range ops {
				if time.Now().After(deadline) {
					return
				}
				k := r.IntN(keys)
				key := item{"pk": s("load"), "sk": n(strconv.Itoa(k))}
				var err error
				switch r.IntN(5) {
				case 0, 1:
					_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: key,
						UpdateExpression: aws.String("ADD ver :one SET who = :w"), ExpressionAttributeValues: item{":one": n("1"), ":w": s(fmt.Sprint(w))}})
					if err == nil {
						mu.Lock()
						acked[k]++
						mu.Unlock()
					}
				case 2:
					_, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: key, ConsistentRead: aws.Bool(r.IntN(2) == 0)})
				case 3:
					_, err = c.Query(ctx, &dynamodb.QueryInput{TableName: tbl, KeyConditionExpression: aws.String("pk = :p AND sk BETWEEN :a AND :b"),
						ExpressionAttributeValues: item{":p": s("load"), ":a": n("0"), ":b": n(strconv.Itoa(k))}})
				case 4:
					k2 := (k + 1 + r.IntN(keys-1)) % keys
					_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
						{Update: &types.Update{TableName: tbl, Key: key, UpdateExpression: aws.String("ADD ver :one"), ExpressionAttributeValues: item{":one": n("1")}}},
						{Update: &types.Update{TableName: tbl, Key: item{"pk": s("load"), "sk": n(strconv.Itoa(k2))}, UpdateExpression: aws.String("ADD ver :one"), ExpressionAttributeValues: item{":one": n("1")}}},
					}})
					if err == nil {
						mu.Lock()
						acked[k]++
						acked[k2]++
						mu.Unlock()
					}
					var tce *types.TransactionCanceledException
					var tcf *types.TransactionConflictException
					if errorsAs(err, &tce) || errorsAs(err, &tcf) {
						err = nil // a conflict with a concurrent write: allowed, not applied
					}
				}
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
		must(t, "mixed load", err)
	}
	for k := range keys {
		g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: item{"pk": s("load"), "sk": n(strconv.Itoa(k))}, ConsistentRead: aws.Bool(true)})
		must(t, "GetItem", err)
		got := 0
		if g.Item != nil {
			got, _ = strconv.Atoi(str(g.Item["ver"]))
		}
		if got != acked[k] {
			t.Errorf("key %d: ver %d, %d increments acknowledged", k, got, acked[k])
		}
	}
}
