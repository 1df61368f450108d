package compat_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestCreateOnlyHasOneWinner races conditional creates of one key: exactly
// one succeeds and every other gets ConditionalCheckFailedException.
func TestCreateOnlyHasOneWinner(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	const racers = 16
	var wins, losses atomic.Int32
	var wg sync.WaitGroup
	errs := make(chan error, racers)
	for i := range racers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{
				TableName: aws.String(name), Item: item{"pk": s("lock"), "owner": n(strconv.Itoa(i))},
				ConditionExpression: aws.String("attribute_not_exists(pk)"),
			})
			var ccf *types.ConditionalCheckFailedException
			switch {
			case err == nil:
				wins.Add(1)
			case errorsAs(err, &ccf):
				losses.Add(1)
			default:
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		must(t, "racing PutItem", err)
	}
	if wins.Load() != 1 || losses.Load() != racers-1 {
		t.Errorf("%d winners and %d losers of %d racers, want 1 and %d", wins.Load(), losses.Load(), racers, racers-1)
	}
}

// TestTransferInvariant moves money between accounts with concurrent
// TransactWriteItems while readers take TransactGetItems snapshots: every
// snapshot and the end state hold the same total, and no balance goes below
// zero. Conflicts surface as DynamoDB does it (TransactionCanceledException
// with TransactionConflict, or TransactionConflictException) and are retried.
func TestTransferInvariant(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	tbl := aws.String(name)
	const accounts, start = 5, 100
	for i := range accounts {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s(fmt.Sprint("acct", i)), "bal": n(strconv.Itoa(start))}})
		must(t, "PutItem", err)
	}
	acct := func(i int) item { return item{"pk": s(fmt.Sprint("acct", i))} }

	var committed, insufficient, conflicts atomic.Int32
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 7))
			for range 40 {
				from, to := r.IntN(accounts), r.IntN(accounts)
				if from == to {
					to = (to + 1) % accounts
				}
				amt := strconv.Itoa(1 + r.IntN(30))
				_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
					{Update: &types.Update{TableName: tbl, Key: acct(from), UpdateExpression: aws.String("SET bal = bal - :a"),
						ConditionExpression: aws.String("bal >= :a"), ExpressionAttributeValues: item{":a": n(amt)}}},
					{Update: &types.Update{TableName: tbl, Key: acct(to), UpdateExpression: aws.String("SET bal = bal + :a"),
						ExpressionAttributeValues: item{":a": n(amt)}}},
				}})
				var tce *types.TransactionCanceledException
				var tcf *types.TransactionConflictException
				switch {
				case err == nil:
					committed.Add(1)
				case errorsAs(err, &tce):
					codes := []string{}
					for _, r := range tce.CancellationReasons {
						codes = append(codes, aws.ToString(r.Code))
					}
					switch {
					case len(codes) == 2 && codes[0] == "ConditionalCheckFailed" && codes[1] == "None":
						insufficient.Add(1)
					case len(codes) == 2 && (codes[0] == "TransactionConflict" || codes[1] == "TransactionConflict"):
						conflicts.Add(1)
					default:
						errs <- fmt.Errorf("cancellation reasons %v", codes)
						return
					}
				case errorsAs(err, &tcf):
					conflicts.Add(1)
				default:
					errs <- err
					return
				}
			}
		}()
	}
	var snapshots atomic.Int32
	stop := make(chan struct{})
	var readers sync.WaitGroup
	readers.Add(1)
	go func() {
		defer readers.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			var gets []types.TransactGetItem
			for i := range accounts {
				gets = append(gets, types.TransactGetItem{Get: &types.Get{TableName: tbl, Key: acct(i)}})
			}
			out, err := c.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: gets})
			var tce *types.TransactionCanceledException
			if errorsAs(err, &tce) {
				continue // a conflicting write; DynamoDB cancels reads too
			}
			if err != nil {
				errs <- err
				return
			}
			total := 0
			for _, r := range out.Responses {
				v, _ := strconv.Atoi(str(r.Item["bal"]))
				if v < 0 {
					errs <- fmt.Errorf("negative balance in snapshot: %v", r.Item)
					return
				}
				total += v
			}
			if total != accounts*start {
				errs <- fmt.Errorf("TransactGetItems snapshot totals %d, want %d", total, accounts*start)
				return
			}
			snapshots.Add(1)
		}
	}()
	wg.Wait()
	close(stop)
	readers.Wait()
	close(errs)
	for err := range errs {
		must(t, "transfer", err)
	}
	total := 0
	for i := range accounts {
		g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: acct(i), ConsistentRead: aws.Bool(true)})
		must(t, "GetItem", err)
		v, _ := strconv.Atoi(str(g.Item["bal"]))
		if v < 0 {
			t.Errorf("account %d ends at %d", i, v)
		}
		total += v
	}
	if total != accounts*start {
		t.Errorf("accounts total %d after transfers, want %d", total, accounts*start)
	}
	if committed.Load() == 0 {
		t.Errorf("no transfer committed: the test exercised nothing")
	}
	t.Logf("%d committed, %d refused for funds, %d conflicts, %d consistent snapshots", committed.Load(), insufficient.Load(), conflicts.Load(), snapshots.Load())
}
