package compat_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestBackfillWithConcurrentWrites creates a global index while writers
// change, add and delete items: once the index is ACTIVE and the writers
// have stopped, the index holds exactly the table's items with the index
// key, with their current values — no stale and no missing entries.
func TestBackfillWithConcurrentWrites(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	const initial = 1500
	var reqs []types.WriteRequest
	for i := range initial {
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: item{"pk": s(fmt.Sprint("k", i)), "cat": s(fmt.Sprint("c", i%5)), "v": n("0")}}})
		if len(reqs) == 25 {
			batchWriteAll(t, c, name, reqs)
			reqs = nil
		}
	}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 5))
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				k := item{"pk": s(fmt.Sprint("k", r.IntN(initial+300)))}
				var err error
				switch r.IntN(4) {
				case 0, 1: // move to another category (or create)
					_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(name), Key: k,
						UpdateExpression: aws.String("SET cat = :c ADD v :one"), ExpressionAttributeValues: item{":c": s(fmt.Sprint("c", r.IntN(5))), ":one": n("1")}})
				case 2: // leave the index
					_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(name), Key: k, UpdateExpression: aws.String("REMOVE cat")})
				case 3:
					_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(name), Key: k})
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	time.Sleep(100 * time.Millisecond)
	_, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{
		TableName:            aws.String(name),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("cat"), AttributeType: types.ScalarAttributeTypeS}},
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
			IndexName:  aws.String("byCat"),
			KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String("cat"), KeyType: types.KeyTypeHash}, {AttributeName: aws.String("pk"), KeyType: types.KeyTypeRange}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}}},
	})
	if err != nil {
		close(stop)
		wg.Wait()
		must(t, "UpdateTable create GSI", err)
	}
	waitTable(t, c, name, func(d *types.TableDescription) bool {
		return len(d.GlobalSecondaryIndexes) == 1 && d.GlobalSecondaryIndexes[0].IndexStatus == types.IndexStatusActive
	})
	time.Sleep(200 * time.Millisecond) // writes after the backfill, too
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		must(t, "concurrent write", err)
	}

	want := map[string]string{} // pk → cat|v, from the table
	p := dynamodb.NewScanPaginator(c, &dynamodb.ScanInput{TableName: aws.String(name), ConsistentRead: aws.Bool(true)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		must(t, "Scan table", err)
		for _, it := range out.Items {
			if it["cat"] != nil {
				want[str(it["pk"])] = str(it["cat"]) + "|" + str(it["v"])
			}
		}
	}
	got := map[string]string{}
	for cat := range 5 {
		q := dynamodb.NewQueryPaginator(c, &dynamodb.QueryInput{TableName: aws.String(name), IndexName: aws.String("byCat"),
			KeyConditionExpression: aws.String("cat = :c"), ExpressionAttributeValues: item{":c": s(fmt.Sprint("c", cat))}})
		for q.HasMorePages() {
			out, err := q.NextPage(ctx)
			must(t, "Query index", err)
			for _, it := range out.Items {
				k := str(it["pk"])
				if _, dup := got[k]; dup {
					t.Errorf("%s is in the index twice", k)
				}
				got[k] = str(it["cat"]) + "|" + str(it["v"])
			}
		}
	}
	bad := 0
	for k, w := range want {
		if got[k] != w && bad < 5 {
			t.Errorf("item %s: table has %s, index has %q", k, w, got[k])
			bad++
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok && bad < 10 {
			t.Errorf("index holds %s (%s), which the table does not have in the index", k, g)
			bad++
		}
	}
	if len(got) != len(want) {
		t.Errorf("index holds %d items, table %d with the index key", len(got), len(want))
	}
}
