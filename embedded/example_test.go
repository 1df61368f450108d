package embedded_test

import (
	"context"
	"fmt"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/embedded"
	"github.com/kvs-project/kvs/schema"
)

// The driver is normally used through package kvs, which validates requests
// first; this shows the driver contract directly.
func Example() {
	ctx := context.Background()
	d, err := embedded.OpenMemory(embedded.Options{})
	if err != nil {
		panic(err)
	}
	defer d.Close()
	_, err = d.CreateTable(ctx, &schema.TableDefinition{
		TableName:            "users",
		AttributeDefinitions: []schema.AttributeDefinition{{AttributeName: "id", AttributeType: "S"}},
		KeySchema:            []schema.KeySchemaElement{{AttributeName: "id", KeyType: "HASH"}},
		BillingMode:          "PAY_PER_REQUEST",
	})
	if err != nil {
		panic(err)
	}
	item := attr.Item{"id": attr.S("u1"), "name": attr.S("Ada")}
	if _, err := d.Write(ctx, &driver.Write{Table: "users", Kind: driver.Put, Item: item}); err != nil {
		panic(err)
	}
	got, err := d.Get(ctx, &driver.Get{Table: "users", Key: attr.Item{"id": attr.S("u1")}})
	if err != nil {
		panic(err)
	}
	fmt.Println(got)
	// Output: {"id":{"S":"u1"},"name":{"S":"Ada"}}
}
