package compat_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// querySortKeys returns the sort keys of partition pk in query order, one
// item per page so that every ExclusiveStartKey round-trips.
func querySortKeys(t *testing.T, c *dynamodb.Client, table string, pk types.AttributeValue, forward bool) []types.AttributeValue {
	t.Helper()
	p := dynamodb.NewQueryPaginator(c, &dynamodb.QueryInput{
		TableName: aws.String(table), KeyConditionExpression: aws.String("pk = :p"),
		ExpressionAttributeValues: item{":p": pk}, ScanIndexForward: aws.Bool(forward), Limit: aws.Int32(1),
	})
	var out []types.AttributeValue
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		must(t, "Query", err)
		for _, it := range page.Items {
			out = append(out, it["sk"])
		}
		if len(out) > 1000 {
			t.Fatal("query never ends")
		}
	}
	return out
}

// TestSortKeyOrder checks DynamoDB's sort orders: numbers by value, strings
// by UTF-8 bytes, binary as unsigned bytes.
func TestSortKeyOrder(t *testing.T) {
	c := shared(t)
	ctx := context.Background()

	t.Run("N", func(t *testing.T) {
		name := keyTable(t, c, types.ScalarAttributeTypeN)
		want := []string{"-1E+100", "-10000000000", "-10", "-2", "-0.5", "-0.0000001", "0", "0.0000001", "0.5", "3", "10", "10.5", "10000000000", "1E+100"}
		for _, i := range []int{5, 0, 13, 2, 7, 11, 1, 9, 3, 12, 6, 10, 4, 8} {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: item{"pk": s("p"), "sk": n(want[i])}})
			must(t, "PutItem "+want[i], err)
		}
		got := querySortKeys(t, c, name, s("p"), true)
		var gs []string
		for _, v := range got {
			gs = append(gs, str(v))
		}
		wantNorm := slices.Clone(want)
		wantNorm[0] = "-10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
		wantNorm[13] = wantNorm[0][1:]
		if !slices.Equal(gs, wantNorm) {
			t.Errorf("number order\n got: %v\nwant: %v", gs, wantNorm)
		}
	})

	t.Run("S", func(t *testing.T) {
		name := keyTable(t, c, types.ScalarAttributeTypeS)
		// UTF-8 byte order: U+FFFF (EF BF BF) sorts before U+1F600 (F0 9F 98 80),
		// the reverse of UTF-16 order.
		want := []string{"A", "B", "Z", "a", "ab", "b", "é", "\uffef", "\uffff", "😀"}
		for _, i := range []int{9, 3, 0, 8, 5, 1, 7, 2, 6, 4} {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: item{"pk": s("p"), "sk": s(want[i])}})
			must(t, "PutItem", err)
		}
		var gs []string
		for _, v := range querySortKeys(t, c, name, s("p"), true) {
			gs = append(gs, str(v))
		}
		if !slices.Equal(gs, want) {
			t.Errorf("string order\n got: %q\nwant: %q", gs, want)
		}
		// begins_with and BETWEEN on string sort keys.
		q, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String(name),
			KeyConditionExpression:    aws.String("pk = :p AND begins_with(sk, :pre)"),
			ExpressionAttributeValues: item{":p": s("p"), ":pre": s("a")}})
		must(t, "Query begins_with", err)
		if q.Count != 2 {
			t.Errorf("begins_with(sk, a) matched %d, want 2", q.Count)
		}
		q, err = c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String(name),
			KeyConditionExpression:    aws.String("pk = :p AND sk BETWEEN :lo AND :hi"),
			ExpressionAttributeValues: item{":p": s("p"), ":lo": s("B"), ":hi": s("ab")}})
		must(t, "Query BETWEEN", err)
		if q.Count != 4 {
			t.Errorf("sk BETWEEN B AND ab matched %d, want 4 (B Z a ab)", q.Count)
		}
	})

	t.Run("B", func(t *testing.T) {
		name := keyTable(t, c, types.ScalarAttributeTypeB)
		want := [][]byte{{0x00}, {0x00, 0x00}, {0x01}, {0x7f}, {0x80}, {0xfe, 0xff}, {0xff}}
		for _, i := range []int{4, 6, 0, 5, 2, 3, 1} {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: item{"pk": s("p"), "sk": b(want[i])}})
			must(t, "PutItem", err)
		}
		got := querySortKeys(t, c, name, s("p"), false)
		if len(got) != len(want) {
			t.Fatalf("%d binary keys back, want %d", len(got), len(want))
		}
		for i, v := range got {
			if w := want[len(want)-1-i]; !bytes.Equal(v.(*types.AttributeValueMemberB).Value, w) {
				t.Errorf("binary key %d (descending) is %x, want %x", i, v.(*types.AttributeValueMemberB).Value, w)
			}
		}
	})
}

// TestIndexPaginationWithEqualKeys pages through a global index where every
// item has the same index key: the page keys must carry the table key too,
// or pages repeat or skip items.
func TestIndexPaginationWithEqualKeys(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := tableName(t)
	createActive(t, c, indexedTableInput(name))
	const count = 50
	var reqs []types.WriteRequest
	for i := range count {
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: item{
			"pk": s(fmt.Sprintf("p%d", i%7)), "sk": n(fmt.Sprint(i)), "g": s("same"), "gs": s("same"),
		}}})
		if len(reqs) == 25 {
			batchWriteAll(t, c, name, reqs)
			reqs = nil
		}
	}
	for _, forward := range []bool{true, false} {
		seen := map[string]bool{}
		p := dynamodb.NewQueryPaginator(c, &dynamodb.QueryInput{
			TableName: aws.String(name), IndexName: aws.String("byG"), ScanIndexForward: aws.Bool(forward),
			KeyConditionExpression: aws.String("g = :g"), ExpressionAttributeValues: item{":g": s("same")}, Limit: aws.Int32(7),
		})
		pages := 0
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			must(t, "Query GSI", err)
			if out.LastEvaluatedKey != nil && len(out.LastEvaluatedKey) != 4 {
				t.Fatalf("GSI LastEvaluatedKey %v, want g, gs, pk and sk", out.LastEvaluatedKey)
			}
			for _, it := range out.Items {
				k := str(it["pk"]) + "/" + str(it["sk"])
				if seen[k] {
					t.Fatalf("forward=%v: %s on two pages", forward, k)
				}
				seen[k] = true
			}
			if pages++; pages > 100 {
				t.Fatal("GSI query never ends")
			}
		}
		if len(seen) != count {
			t.Errorf("forward=%v: paged through %d of %d items", forward, len(seen), count)
		}
	}
	// Parallel scan of the index covers it too.
	total := 0
	for seg := range int32(3) {
		p := dynamodb.NewScanPaginator(c, &dynamodb.ScanInput{TableName: aws.String(name), IndexName: aws.String("byG"),
			Segment: aws.Int32(seg), TotalSegments: aws.Int32(3), Limit: aws.Int32(4)})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			must(t, "Scan GSI segment", err)
			total += len(out.Items)
		}
	}
	if total != count {
		t.Errorf("segmented GSI scan found %d items, want %d", total, count)
	}
}

// TestDocumentPaths updates inside lists and maps.
func TestDocumentPaths(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	tbl := aws.String(name)
	key := item{"pk": s("d")}
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("d"),
		"lst": &types.AttributeValueMemberL{Value: []types.AttributeValue{s("a"), s("b"), s("c")}},
		"m":   &types.AttributeValueMemberM{Value: item{"k": s("v")}},
	}})
	must(t, "PutItem", err)

	up, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: key,
		UpdateExpression:          aws.String("SET lst[10] = :z, m.k2 = :v2 REMOVE lst[0]"),
		ExpressionAttributeValues: item{":z": s("z"), ":v2": s("v2")}, ReturnValues: types.ReturnValueAllNew})
	must(t, "UpdateItem paths", err)
	var l []string
	for _, v := range up.Attributes["lst"].(*types.AttributeValueMemberL).Value {
		l = append(l, str(v))
	}
	if !slices.Equal(l, []string{"b", "c", "z"}) {
		t.Errorf("list after SET lst[10] and REMOVE lst[0]: %v, want [b c z]", l)
	}
	if m := up.Attributes["m"].(*types.AttributeValueMemberM).Value; str(m["k2"]) != "v2" || str(m["k"]) != "v" {
		t.Errorf("map after SET m.k2: %v", m)
	}

	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: key,
		UpdateExpression: aws.String("SET nope.child = :v"), ExpressionAttributeValues: item{":v": s("x")}})
	wantAPIError(t, err, "ValidationException", "The document path provided in the update expression is invalid for update")
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: key,
		UpdateExpression: aws.String("SET m[0] = :v"), ExpressionAttributeValues: item{":v": s("x")}})
	wantAPIError(t, err, "ValidationException", "The document path provided in the update expression is invalid for update")
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: key,
		UpdateExpression: aws.String("SET m.k = :v, m = :w"), ExpressionAttributeValues: item{":v": s("x"), ":w": s("y")}})
	wantAPIError(t, err, "ValidationException", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m, k], path two: [m]")
}
