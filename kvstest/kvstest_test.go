package kvstest_test

import (
	"context"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/kvstest"
)

type user struct {
	ID   string `dynamodbav:"id"`
	Name string `dynamodbav:"name"`
}

func TestFreshDatabasePerTest(t *testing.T) {
	ctx := context.Background()
	def := kvs.StoreDef{Name: "users", PartitionKey: kvs.KeyAttr{Name: "id"}}
	a := kvstest.NewStore(t, def)
	b := kvstest.NewStore(t, def)
	if err := a.Upsert(ctx, user{ID: "1", Name: "ann"}); err != nil {
		t.Fatal(err)
	}
	var u user
	if found, err := a.Get(ctx, kvs.PK("1"), &u); err != nil || !found || u.Name != "ann" {
		t.Fatalf("Get from a = %v %v %+v", found, err, u)
	}
	if found, err := b.Get(ctx, kvs.PK("1"), &u); err != nil || found {
		t.Fatalf("Get from b = %v %v: databases are shared", found, err)
	}
}
