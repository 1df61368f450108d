package drivertest

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// Concurrency: transactions from many goroutines keep an invariant, and
// transactional reads never see half of a transaction.

func init() {
	register(testCase{name: "Transact/BankInvariant", run: testBankInvariant})
}

func testBankInvariant(t *testing.T, e *env) {
	const accounts, start, workers, transfers = 5, 100, 6, 40
	tbl := e.createTable("accounts", keyDef{"id", "S"}, keyDef{})
	key := func(i int) attr.Item { return attr.Item{"id": s(fmt.Sprint("acct", i))} }
	for i := 0; i < accounts; i++ {
		e.put(tbl, attr.Item{"id": key(i)["id"], "bal": ni(start)})
	}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		failures []error
		applied  int
	)
	report := func(err error) {
		mu.Lock()
		failures = append(failures, err)
		mu.Unlock()
	}
	// Retryable outcomes: a failed condition (not enough money) or a
	// conflict with a concurrent transaction.
	retryable := func(err error) bool {
		var ae *apierr.Error
		return errors.As(err, &ae) && (ae.Code == apierr.TransactionCanceled || ae.Code == apierr.TransactionConflict ||
			ae.Code == apierr.TransactionInProgress)
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, 7))
			for i := 0; i < transfers; i++ {
				from, to := r.IntN(accounts), r.IntN(accounts-1)
				if to >= from {
					to++
				}
				amount := ni(1 + r.IntN(30))
				_, err := e.db.TransactWriteItems(e.ctx, &kvs.TransactWriteItemsInput{TransactItems: []kvs.TransactWriteItem{
					{Update: &kvs.TransactUpdate{TableName: tbl, Key: key(from), UpdateExpression: "SET bal = bal - :a",
						ConditionExpression: "bal >= :a", ExpressionAttributeValues: kvs.Values{":a": amount}}},
					{Update: &kvs.TransactUpdate{TableName: tbl, Key: key(to), UpdateExpression: "SET bal = bal + :a",
						ExpressionAttributeValues: kvs.Values{":a": amount}}},
				}})
				switch {
				case err == nil:
					mu.Lock()
					applied++
					mu.Unlock()
				case !retryable(err):
					report(err)
					return
				}
			}
		}(uint64(w))
	}
	// A reader checks the invariant on consistent snapshots meanwhile.
	stop := make(chan struct{})
	var readers sync.WaitGroup
	readers.Add(1)
	go func() {
		defer readers.Done()
		var gets []kvs.TransactGetItem
		for i := 0; i < accounts; i++ {
			gets = append(gets, kvs.TransactGetItem{Get: &kvs.TransactGet{TableName: tbl, Key: key(i)}})
		}
		for {
			select {
			case <-stop:
				return
			default:
			}
			out, err := e.db.TransactGetItems(e.ctx, &kvs.TransactGetItemsInput{TransactItems: gets})
			if err != nil {
				if !retryable(err) {
					report(err)
					return
				}
				continue
			}
			if sum := sumBalances(t, out.Responses); sum != accounts*start {
				report(fmt.Errorf("TransactGetItems saw a total of %d, want %d", sum, accounts*start))
				return
			}
		}
	}()
	wg.Wait()
	close(stop)
	readers.Wait()
	if len(failures) > 0 {
		t.Fatal(failures[0])
	}
	var final []kvs.ItemResponse
	for i := 0; i < accounts; i++ {
		final = append(final, kvs.ItemResponse{Item: e.get(tbl, key(i))})
	}
	if sum := sumBalances(t, final); sum != accounts*start {
		t.Fatalf("final total %d, want %d", sum, accounts*start)
	}
	if applied == 0 {
		t.Fatal("no transfer succeeded")
	}
	t.Logf("%d of %d transfers applied", applied, workers*transfers)
}

func sumBalances(t *testing.T, rs []kvs.ItemResponse) int {
	t.Helper()
	sum := 0
	for _, r := range rs {
		var b int
		if err := attr.Unmarshal(r.Item["bal"], &b); err != nil {
			t.Errorf("balance %v: %v", r.Item, err)
		}
		if b < 0 {
			t.Errorf("negative balance %v", r.Item)
		}
		sum += b
	}
	return sum
}
