package kvs_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/expr"
)

type Order struct {
	ID      string `dynamodbav:"orderId"`
	User    string `dynamodbav:"userId"`
	Created int64  `dynamodbav:"createdAt"`
	Total   int    `dynamodbav:"total"`
	Status  string `dynamodbav:"status"`
	Version int    `dynamodbav:"version"`
}

func openOrders(ctx context.Context) (*kvs.DB, *kvs.Store) {
	db, err := kvs.Open(ctx, "mem://", kvs.Options{})
	if err != nil {
		panic(err)
	}
	orders, err := db.DefineStore(ctx, kvs.StoreDef{
		Name:         "orders",
		PartitionKey: kvs.KeyAttr{Name: "orderId"},
		Indexes: []kvs.IndexDef{{
			Name:         "byUser",
			PartitionKey: kvs.KeyAttr{Name: "userId"},
			SortKey:      kvs.KeyAttr{Name: "createdAt", Type: kvs.Number},
		}},
		TTLAttribute: "expiresAt",
	})
	if err != nil {
		panic(err)
	}
	return db, orders
}

func ExampleDB_DefineStore() {
	ctx := context.Background()
	db, orders := openOrders(ctx)
	defer db.Close()

	if err := orders.Upsert(ctx, Order{ID: "o1", User: "ann", Created: 1700000000, Total: 25}); err != nil {
		panic(err)
	}
	var o Order
	found, err := orders.Get(ctx, kvs.PK("o1"), &o)
	fmt.Println(found, err, o.User, o.Total)
	found, err = orders.Get(ctx, kvs.PK("o2"), &o)
	fmt.Println(found, err)
	// Output:
	// true <nil> ann 25
	// false <nil>
}

func ExampleStore_Update() {
	ctx := context.Background()
	db, orders := openOrders(ctx)
	defer db.Close()
	orders.Upsert(ctx, Order{ID: "o1", User: "ann", Total: 25})

	// Optimistic locking: the update applies only if nobody changed the
	// order since we read version 0.
	var updated Order
	err := orders.Update(ctx, kvs.PK("o1"),
		expr.Set("status", "paid").Increment("version", 1), &updated,
		kvs.If(expr.Name("version").Equal(expr.Value(0))))
	fmt.Println(err, updated.Status, updated.Version)

	err = orders.Update(ctx, kvs.PK("o1"), expr.Set("status", "refunded").Increment("version", 1), nil,
		kvs.If(expr.Name("version").Equal(expr.Value(0))))
	var e *apierr.Error
	fmt.Println(errors.As(err, &e) && e.Code == apierr.ConditionalCheckFailed)
	// Output:
	// <nil> paid 1
	// true
}

func ExampleStore_QueryAll() {
	ctx := context.Background()
	db, orders := openOrders(ctx)
	defer db.Close()
	var batch []Order
	for i := 1; i <= 5; i++ {
		batch = append(batch, Order{ID: fmt.Sprint("o", i), User: "ann", Created: int64(100 * i), Total: i})
	}
	if err := orders.UpsertMany(ctx, batch); err != nil {
		panic(err)
	}
	// Every order of ann since 200, newest first, read two at a time.
	q := kvs.Query{Index: "byUser", Partition: "ann", Sort: kvs.SortGreaterThanEqual(200), Descending: true, Limit: 2}
	for o, err := range kvs.Items[Order](orders.QueryAll(ctx, q)) {
		if err != nil {
			panic(err)
		}
		fmt.Println(o.ID, o.Created)
	}
	// Output:
	// o5 500
	// o4 400
	// o3 300
	// o2 200
}

func ExampleStore_Query() {
	ctx := context.Background()
	db, orders := openOrders(ctx)
	defer db.Close()
	for i := 1; i <= 5; i++ {
		orders.Upsert(ctx, Order{ID: fmt.Sprint("o", i), User: "bob", Created: int64(i), Total: 10 * i})
	}
	// Page by page, with a filter and an opaque token to resume from.
	q := kvs.Query{Index: "byUser", Partition: "bob", Filter: expr.Name("total").GreaterThan(10), Limit: 3}
	for {
		var page []Order
		next, err := orders.Query(ctx, q, &page)
		if err != nil {
			panic(err)
		}
		fmt.Println(len(page), "orders, more:", next != "")
		if next == "" {
			break
		}
		q.PageToken = next
	}
	// Output:
	// 2 orders, more: true
	// 2 orders, more: false
}

func ExampleDB_Transact() {
	ctx := context.Background()
	db, orders := openOrders(ctx)
	defer db.Close()
	orders.Upsert(ctx, Order{ID: "o1", User: "ann", Status: "new"})

	// Ship o1 and record the shipment, or neither.
	err := db.Transact(ctx,
		kvs.TxUpdate(orders, kvs.PK("o1"), expr.Set("status", "shipped"), kvs.If(expr.Name("status").Equal("new"))),
		kvs.TxPut(orders, Order{ID: "ship-o1", User: "ann"}, kvs.IfNotExists()),
	)
	fmt.Println(err)
	err = db.Transact(ctx,
		kvs.TxUpdate(orders, kvs.PK("o1"), expr.Set("status", "shipped"), kvs.If(expr.Name("status").Equal("new"))),
		kvs.TxPut(orders, Order{ID: "ship-o1-again", User: "ann"}),
	)
	var e *apierr.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code, e.CancellationReasons[0].Code, e.CancellationReasons[1].Code)
	}
	found, _ := orders.Get(ctx, kvs.PK("ship-o1-again"), nil)
	fmt.Println(found)
	// Output:
	// <nil>
	// TransactionCanceledException ConditionalCheckFailed None
	// false
}
