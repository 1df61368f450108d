package kvs_test

import (
	"context"
	"errors"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// A path into a key attribute is refused in every expression that reads
// items, before any item is read (found by tools/difftest against DynamoDB
// Local).
func TestKeyPathsMustBeScalar(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	createPostsTable(t, db)
	key := attr.Item{"user": attr.S("ann"), "n": attr.N("1")}
	if _, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "posts", Item: key}); err != nil {
		t.Fatal(err)
	}
	const msg = "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: "
	check := func(what string, err error, keyName string) {
		t.Helper()
		var e *apierr.Error
		if !errors.As(err, &e) || e.Code != apierr.Validation || e.Message != msg+keyName {
			t.Errorf("%s: err = %v, want ValidationException %q", what, err, msg+keyName)
		}
	}
	_, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "posts", Item: key, ConditionExpression: "attribute_exists(n[0])"})
	check("PutItem condition", err, "n")
	_, err = db.DeleteItem(ctx, &kvs.DeleteItemInput{TableName: "posts", Key: key, ConditionExpression: "attribute_not_exists(#u.x)",
		ExpressionAttributeNames: kvs.Names{"#u": "user"}})
	check("DeleteItem condition", err, "user")
	_, err = db.GetItem(ctx, &kvs.GetItemInput{TableName: "posts", Key: key, ProjectionExpression: "a, #u[1]",
		ExpressionAttributeNames: kvs.Names{"#u": "user"}})
	check("GetItem projection", err, "user")
	_, err = db.Query(ctx, &kvs.QueryInput{TableName: "posts", KeyConditionExpression: "#u = :u",
		FilterExpression: "n.a = :u", ExpressionAttributeNames: kvs.Names{"#u": "user"},
		ExpressionAttributeValues: kvs.Values{":u": attr.S("ann")}})
	check("Query filter", err, "n")
	// A whole key attribute stays allowed where it was.
	if _, err := db.GetItem(ctx, &kvs.GetItemInput{TableName: "posts", Key: key, ProjectionExpression: "n, a.b"}); err != nil {
		t.Errorf("GetItem projection of a key attribute: %v", err)
	}
}

// A Query's key condition is resolved after its filter and projection: their
// operand errors come first (DynamoDB Local, found by tools/difftest).
func TestQueryKeyConditionResolvedLast(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	createPostsTable(t, db)
	vals := kvs.Values{":u": attr.S("ann"), ":hi": attr.N("2"), ":lo": attr.N("1"), ":null": attr.NULL()}
	for _, tc := range []struct{ filter, projection, want string }{
		{"a > :null", "", "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: >, operand type: NULL"},
		{"", "a, a.b", "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"},
		{"", "a", "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}"},
	} {
		in := &kvs.QueryInput{TableName: "posts", KeyConditionExpression: "#u = :u AND n BETWEEN :hi AND :lo",
			ExpressionAttributeNames: kvs.Names{"#u": "user"}, ExpressionAttributeValues: vals,
			FilterExpression: tc.filter, ProjectionExpression: tc.projection}
		if tc.filter == "" {
			in.ExpressionAttributeValues = kvs.Values{":u": attr.S("ann"), ":hi": attr.N("2"), ":lo": attr.N("1")}
		}
		_, err := db.Query(ctx, in)
		var e *apierr.Error
		if !errors.As(err, &e) || e.Message != tc.want {
			t.Errorf("filter %q projection %q: err = %v, want %q", tc.filter, tc.projection, err, tc.want)
		}
	}
}

// A Query filter on an index that does not project the attributes it reads
// is refused; a Scan of the index is not (DynamoDB Local, found by
// tools/difftest).
func TestQueryFilterMustBeProjected(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	_, err := db.CreateTable(ctx, &kvs.TableDefinition{
		TableName: "lsit",
		AttributeDefinitions: []kvs.AttributeDefinition{
			{AttributeName: "pk", AttributeType: "S"}, {AttributeName: "sk", AttributeType: "S"}, {AttributeName: "ln", AttributeType: "N"}},
		KeySchema: []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}},
		LocalSecondaryIndexes: []kvs.LocalSecondaryIndex{{IndexName: "lsi",
			KeySchema:  []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "ln", KeyType: "RANGE"}},
			Projection: kvs.Projection{ProjectionType: "KEYS_ONLY"}}},
		BillingMode: "PAY_PER_REQUEST",
	})
	if err != nil {
		t.Fatal(err)
	}
	vals := kvs.Values{":p": attr.S("p"), ":v": attr.S("x")}
	_, err = db.Query(ctx, &kvs.QueryInput{TableName: "lsit", IndexName: "lsi", KeyConditionExpression: "pk = :p",
		FilterExpression: "attribute_exists(b) AND c.d = :v OR b = :v", ExpressionAttributeValues: vals})
	want := "One or more parameter values were invalid: Secondary index lsi does not project one or more filter attributes: [b, c]"
	var e *apierr.Error
	if !errors.As(err, &e) || e.Message != want {
		t.Errorf("Query: err = %v, want %q", err, want)
	}
	if _, err := db.Query(ctx, &kvs.QueryInput{TableName: "lsit", IndexName: "lsi", KeyConditionExpression: "pk = :p",
		FilterExpression: "sk = :v", ExpressionAttributeValues: vals}); err != nil {
		t.Errorf("Query filtering on a projected key: %v", err)
	}
	// A ProjectionExpression on the local index fetches what it does not
	// project from the table (Developer Guide; DynamoDB Local agrees).
	if _, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "lsit", Item: attr.Item{
		"pk": attr.S("p"), "sk": attr.S("a"), "ln": attr.N("1"), "s": attr.N("5")}}); err != nil {
		t.Fatal(err)
	}
	q, err := db.Query(ctx, &kvs.QueryInput{TableName: "lsit", IndexName: "lsi", KeyConditionExpression: "pk = :p",
		ProjectionExpression: "s, sk", ExpressionAttributeValues: kvs.Values{":p": attr.S("p")}})
	if err != nil || len(q.Items) != 1 || q.Items[0]["s"].Str() != "5" || q.Items[0]["sk"].Str() != "a" || len(q.Items[0]) != 2 {
		t.Errorf("Query projecting a non-projected attribute = %v, %v", q, err)
	}
	if _, err := db.Scan(ctx, &kvs.ScanInput{TableName: "lsit", IndexName: "lsi",
		FilterExpression: "b = :v", ExpressionAttributeValues: kvs.Values{":v": attr.S("x")}}); err != nil {
		t.Errorf("Scan: %v", err)
	}
}
