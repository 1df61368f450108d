package kvstest_test

import (
	"context"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/expr"
	"github.com/kvs-project/kvs/kvstest"
)

type account struct {
	ID      string `dynamodbav:"id"`
	Balance int    `dynamodbav:"balance"`
}

// A test gets its own empty in-memory database; nothing to start or clean.
func TestWithdraw(t *testing.T) {
	ctx := context.Background()
	accounts := kvstest.NewStore(t, kvs.StoreDef{Name: "accounts", PartitionKey: kvs.KeyAttr{Name: "id"}})
	if err := accounts.Upsert(ctx, account{ID: "a", Balance: 10}); err != nil {
		t.Fatal(err)
	}
	var after account
	err := accounts.Update(ctx, kvs.PK("a"), expr.Add("balance", -4), &after,
		kvs.If(expr.Name("balance").GreaterThanEqual(4)))
	if err != nil || after.Balance != 6 {
		t.Fatalf("withdraw: %v, balance %d", err, after.Balance)
	}
	err = accounts.Update(ctx, kvs.PK("a"), expr.Add("balance", -7), nil,
		kvs.If(expr.Name("balance").GreaterThanEqual(7)))
	if err == nil {
		t.Fatal("overdraft allowed")
	}
}
