package compat_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestConsumedCapacity checks the capacity units DynamoDB reports for the
// on-demand calls applications log: 1 KB write units, 4 KB read units, halved
// for eventually consistent reads, doubled in transactions.
func TestConsumedCapacity(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := tableName(t)
	createActive(t, c, indexedTableInput(name))
	tbl := aws.String(name)

	small := item{"pk": s("a"), "sk": n("1"), "g": s("grp"), "gs": s("x")}
	put, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: small, ReturnConsumedCapacity: types.ReturnConsumedCapacityIndexes})
	must(t, "PutItem", err)
	cc := put.ConsumedCapacity
	if cc == nil {
		t.Fatal("PutItem with ReturnConsumedCapacity INDEXES returned no ConsumedCapacity")
	}
	if aws.ToString(cc.TableName) != name || aws.ToFloat64(cc.CapacityUnits) != 2 || cc.Table == nil || aws.ToFloat64(cc.Table.CapacityUnits) != 1 {
		t.Errorf("PutItem capacity %+v (table %+v), want 2 in all, 1 for the table", cc, cc.Table)
	}
	if gsi := cc.GlobalSecondaryIndexes["byG"]; aws.ToFloat64(gsi.CapacityUnits) != 1 {
		t.Errorf("PutItem capacity on byG %+v, want 1", gsi)
	}

	big := item{"pk": s("a"), "sk": n("2"), "pad": s(strings.Repeat("x", 1500))}
	put, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: big, ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	must(t, "PutItem 1.5 KB", err)
	if got := aws.ToFloat64(put.ConsumedCapacity.CapacityUnits); got != 2 {
		t.Errorf("1.5 KB PutItem consumed %v, want 2", got)
	}

	for _, consistent := range []bool{false, true} {
		g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: item{"pk": s("a"), "sk": n("2")}, ConsistentRead: aws.Bool(consistent), ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
		must(t, "GetItem", err)
		want := 0.5
		if consistent {
			want = 1
		}
		if got := aws.ToFloat64(g.ConsumedCapacity.CapacityUnits); got != want {
			t.Errorf("GetItem consistent=%v consumed %v, want %v", consistent, got, want)
		}
	}

	tw, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{
		TransactItems:          []types.TransactWriteItem{{Put: &types.Put{TableName: tbl, Item: item{"pk": s("b"), "sk": n("1")}}}},
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
	})
	must(t, "TransactWriteItems", err)
	if len(tw.ConsumedCapacity) != 1 || aws.ToFloat64(tw.ConsumedCapacity[0].CapacityUnits) != 2 {
		t.Errorf("transactional put of a small item consumed %+v, want 2", tw.ConsumedCapacity)
	}

	// Without ReturnConsumedCapacity there is none.
	put, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: small})
	must(t, "PutItem", err)
	if put.ConsumedCapacity != nil {
		t.Errorf("PutItem without ReturnConsumedCapacity returned %+v", put.ConsumedCapacity)
	}
}
