package kvs_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
)

// TestBatchWriteCapacityMatchesSingleWrites: BatchWriteItem, which the
// driver commits as one batch and which reports only the old item's size
// for plain tables, charges exactly what the same PutItem and DeleteItem
// calls charge one by one, on a table with a GSI and LSI and on one
// without indexes.
func TestBatchWriteCapacityMatchesSingleWrites(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	big := func(n int) attr.Value { return attr.S(strings.Repeat("x", n)) }
	for _, indexed := range []bool{false, true} {
		create := func(name string) {
			def := &kvs.TableDefinition{
				TableName: name,
				AttributeDefinitions: []kvs.AttributeDefinition{
					{AttributeName: "pk", AttributeType: "S"}, {AttributeName: "sk", AttributeType: "N"},
					{AttributeName: "g", AttributeType: "S"}, {AttributeName: "l", AttributeType: "N"}},
				KeySchema:   []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}},
				BillingMode: "PAY_PER_REQUEST",
			}
			if indexed {
				def.GlobalSecondaryIndexes = []kvs.GlobalSecondaryIndex{{IndexName: "gsi",
					KeySchema:  []kvs.KeySchemaElement{{AttributeName: "g", KeyType: "HASH"}},
					Projection: kvs.Projection{ProjectionType: "ALL"}}}
				def.LocalSecondaryIndexes = []kvs.LocalSecondaryIndex{{IndexName: "lsi",
					KeySchema:  []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "l", KeyType: "RANGE"}},
					Projection: kvs.Projection{ProjectionType: "KEYS_ONLY"}}}
			} else {
				def.AttributeDefinitions = def.AttributeDefinitions[:2]
			}
			if _, err := db.CreateTable(ctx, def); err != nil {
				t.Fatal(err)
			}
		}
		single, batch := "single", "batch"
		if indexed {
			single, batch = "single_ix", "batch_ix"
		}
		create(single)
		create(batch)
		before := []attr.Item{
			{"pk": attr.S("a"), "sk": attr.N("1"), "g": attr.S("G1"), "l": attr.N("1"), "d": big(2500)},
			{"pk": attr.S("c"), "sk": attr.N("1"), "d": big(1500)},
		}
		puts := []attr.Item{
			{"pk": attr.S("a"), "sk": attr.N("1"), "g": attr.S("G2"), "d": big(900)},
			{"pk": attr.S("b"), "sk": attr.N("1"), "l": attr.N("4"), "d": big(3000)},
		}
		deletes := []attr.Item{{"pk": attr.S("c"), "sk": attr.N("1")}, {"pk": attr.S("none"), "sk": attr.N("1")}}
		if !indexed {
			for _, it := range append(before, puts...) {
				delete(it, "g")
				delete(it, "l")
			}
		}
		for _, table := range []string{single, batch} {
			for _, it := range before {
				if _, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: table, Item: it}); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, mode := range []string{kvs.CapacityTotal, kvs.CapacityIndexes} {
			want := kvs.ConsumedCapacity{TableName: single}
			var reqs []kvs.WriteRequest
			add := func(c *kvs.ConsumedCapacity) {
				want.CapacityUnits += c.CapacityUnits
				if mode != kvs.CapacityIndexes {
					return
				}
				if want.Table == nil {
					want.Table = &kvs.Capacity{}
				}
				want.Table.CapacityUnits += c.Table.CapacityUnits
				for name, ic := range c.GlobalSecondaryIndexes {
					if want.GlobalSecondaryIndexes == nil {
						want.GlobalSecondaryIndexes = map[string]*kvs.Capacity{}
					}
					if want.GlobalSecondaryIndexes[name] == nil {
						want.GlobalSecondaryIndexes[name] = &kvs.Capacity{}
					}
					want.GlobalSecondaryIndexes[name].CapacityUnits += ic.CapacityUnits
				}
				for name, ic := range c.LocalSecondaryIndexes {
					if want.LocalSecondaryIndexes == nil {
						want.LocalSecondaryIndexes = map[string]*kvs.Capacity{}
					}
					if want.LocalSecondaryIndexes[name] == nil {
						want.LocalSecondaryIndexes[name] = &kvs.Capacity{}
					}
					want.LocalSecondaryIndexes[name].CapacityUnits += ic.CapacityUnits
				}
			}
			// Each mode runs on the state the previous one left, the same
			// in both tables.
			for _, it := range puts {
				out, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: single, Item: it, ReturnConsumedCapacity: mode})
				if err != nil {
					t.Fatal(err)
				}
				add(out.ConsumedCapacity)
				reqs = append(reqs, kvs.WriteRequest{PutRequest: &kvs.PutRequest{Item: it}})
			}
			for _, k := range deletes {
				out, err := db.DeleteItem(ctx, &kvs.DeleteItemInput{TableName: single, Key: k, ReturnConsumedCapacity: mode})
				if err != nil {
					t.Fatal(err)
				}
				add(out.ConsumedCapacity)
				reqs = append(reqs, kvs.WriteRequest{DeleteRequest: &kvs.DeleteRequest{Key: k}})
			}
			out, err := db.BatchWriteItem(ctx, &kvs.BatchWriteItemInput{
				RequestItems: map[string][]kvs.WriteRequest{batch: reqs}, ReturnConsumedCapacity: mode})
			if err != nil {
				t.Fatal(err)
			}
			if len(out.ConsumedCapacity) != 1 {
				t.Fatalf("%s %s: ConsumedCapacity %+v", batch, mode, out.ConsumedCapacity)
			}
			// Overwriting the 2.5 KB item costs 3 units, the new 3 KB one 3,
			// deleting the 1.5 KB one 2 and the missing one 1.
			if !indexed && mode == kvs.CapacityTotal && want.CapacityUnits != 9 {
				t.Fatalf("single writes charged %v units, want 9", want.CapacityUnits)
			}
			got := out.ConsumedCapacity[0]
			got.TableName = single
			if want.CapacityUnits < 5 || !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %s: batch charged %+v, single writes %+v", batch, mode, got, want)
			}
			for _, table := range []string{single, batch} {
				desc, err := db.DescribeTable(ctx, &kvs.DescribeTableInput{TableName: table})
				if err != nil {
					t.Fatal(err)
				}
				if desc.Table.ItemCount != 2 {
					t.Fatalf("%s: ItemCount %d", table, desc.Table.ItemCount)
				}
			}
		}
	}
}
