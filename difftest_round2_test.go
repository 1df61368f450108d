package kvs_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
)

// TransactGetItems answers an existing item whose projection matches no
// attribute with an empty Item, and a missing item with no Item at all
// (API reference, TransactGetItems Responses: "If a requested item could
// not be retrieved, the corresponding ItemResponse object is Null, or if the
// requested item has no projected attributes, the corresponding
// ItemResponse object is an empty Map"; DynamoDB Local agrees; found by
// tools/difftest).
func TestTransactGetEmptyProjection(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	createPostsTable(t, db)
	key := attr.Item{"user": attr.S("ann"), "n": attr.N("1")}
	if _, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "posts", Item: key}); err != nil {
		t.Fatal(err)
	}
	other := attr.Item{"user": attr.S("ann"), "n": attr.N("2")}
	if _, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "posts", Item: other}); err != nil {
		t.Fatal(err)
	}
	missing := attr.Item{"user": attr.S("bob"), "n": attr.N("1")}
	out, err := db.TransactGetItems(ctx, &kvs.TransactGetItemsInput{TransactItems: []kvs.TransactGetItem{
		{Get: &kvs.TransactGet{TableName: "posts", Key: key, ProjectionExpression: "nothing"}},
		{Get: &kvs.TransactGet{TableName: "posts", Key: missing, ProjectionExpression: "nothing"}},
		{Get: &kvs.TransactGet{TableName: "posts", Key: other}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(out.Responses)
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{"Item":{}},{},{"Item":{"n":{"N":"2"},"user":{"S":"ann"}}}]`; string(b) != want {
		t.Errorf("Responses = %s, want %s", b, want)
	}
}

// A Scan's Select rules are checked after the table, the expressions and
// the index; a Query's before them (DynamoDB Local for the Scan; the Query's
// Coral prefix for the Query; found by tools/difftest).
func TestScanSelectCheckedLate(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	createPostsTable(t, db)
	vals := kvs.Values{":v": attr.NS("1")}
	const count = "Cannot specify the ProjectionExpression when choosing to get only the Count"
	for _, tc := range []struct {
		in   kvs.ScanInput
		want string
	}{
		{kvs.ScanInput{TableName: "posts", Select: kvs.SelectCount, ProjectionExpression: "a", FilterExpression: "a < :v", ExpressionAttributeValues: vals},
			"Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: <, operand type: NS"},
		{kvs.ScanInput{TableName: "posts", Select: kvs.SelectCount, ProjectionExpression: "a, a.b"},
			"Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"},
		{kvs.ScanInput{TableName: "posts", Select: kvs.SelectCount, ProjectionExpression: "a", IndexName: "nope"},
			"The table does not have the specified index: nope"},
		{kvs.ScanInput{TableName: "posts", Select: kvs.SelectCount, ProjectionExpression: "a"}, count},
		{kvs.ScanInput{TableName: "posts", Select: kvs.SelectAllProjectedAttributes, ProjectionExpression: "a"},
			"Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES"},
	} {
		_, err := db.Scan(ctx, &tc.in)
		if err == nil || err.Error() != "ValidationException: "+tc.want {
			t.Errorf("Scan %+v: err = %v, want %s", tc.in, err, tc.want)
		}
	}
	_, err := db.Query(ctx, &kvs.QueryInput{TableName: "posts", KeyConditionExpression: "#u = :u", Select: kvs.SelectCount,
		ProjectionExpression: "a", FilterExpression: "a < :v", ExpressionAttributeNames: kvs.Names{"#u": "user"},
		ExpressionAttributeValues: kvs.Values{":u": attr.S("ann"), ":v": attr.NS("1")}})
	if err == nil || err.Error() != "ValidationException: 1 validation error detected: "+count {
		t.Errorf("Query: err = %v", err)
	}
}
