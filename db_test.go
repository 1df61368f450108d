package kvs_test

import (
	"context"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

func openMem(t *testing.T) *kvs.DB {
	t.Helper()
	db, err := kvs.Open(context.Background(), "mem://", kvs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func createPostsTable(t *testing.T, db *kvs.DB) {
	t.Helper()
	_, err := db.CreateTable(context.Background(), &kvs.TableDefinition{
		TableName: "posts",
		AttributeDefinitions: []kvs.AttributeDefinition{
			{AttributeName: "user", AttributeType: "S"}, {AttributeName: "n", AttributeType: "N"}},
		KeySchema:   []kvs.KeySchemaElement{{AttributeName: "user", KeyType: "HASH"}, {AttributeName: "n", KeyType: "RANGE"}},
		BillingMode: "PAY_PER_REQUEST",
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestItemLifecycleThroughDBAPI(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	createPostsTable(t, db)
	for i, n := range []string{"3", "1", "2", "10"} {
		_, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "posts", Item: attr.Item{
			"user": attr.S("ann"), "n": attr.N(n), "likes": attr.N("0"), "i": attr.N([]string{"0", "1", "2", "3"}[i])}})
		if err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.GetItem(ctx, &kvs.GetItemInput{TableName: "posts", Key: attr.Item{"user": attr.S("ann"), "n": attr.N("2")}})
	if err != nil || got.Item == nil || got.Item["i"].Str() != "2" {
		t.Fatalf("GetItem = %v, %v", got, err)
	}
	up, err := db.UpdateItem(ctx, &kvs.UpdateItemInput{TableName: "posts",
		Key:                       attr.Item{"user": attr.S("ann"), "n": attr.N("2")},
		UpdateExpression:          "ADD likes :one",
		ConditionExpression:       "attribute_exists(likes)",
		ExpressionAttributeValues: kvs.Values{":one": attr.N("1")},
		ReturnValues:              kvs.ReturnUpdatedNew})
	if err != nil || up.Attributes["likes"].Str() != "1" || len(up.Attributes) != 1 {
		t.Fatalf("UpdateItem = %v, %v", up, err)
	}
	q, err := db.Query(ctx, &kvs.QueryInput{TableName: "posts", KeyConditionExpression: "#u = :u AND n > :lo",
		ExpressionAttributeNames:  kvs.Names{"#u": "user"},
		ExpressionAttributeValues: kvs.Values{":u": attr.S("ann"), ":lo": attr.N("1")}})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, it := range q.Items {
		order = append(order, it["n"].Str())
	}
	if len(order) != 3 || order[0] != "2" || order[1] != "3" || order[2] != "10" {
		t.Fatalf("Query order = %v, want [2 3 10] (numeric sort-key order)", order)
	}
	_, err = db.DeleteItem(ctx, &kvs.DeleteItemInput{TableName: "posts",
		Key: attr.Item{"user": attr.S("ann"), "n": attr.N("2")}, ConditionExpression: "likes = :z",
		ExpressionAttributeValues: kvs.Values{":z": attr.N("0")}})
	if !apierr.Is(err, apierr.ConditionalCheckFailed) {
		t.Fatalf("conditional delete: err = %v, want ConditionalCheckFailedException", err)
	}
}

func TestValidationBeforeIO(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	createPostsTable(t, db)
	cases := []struct {
		name string
		run  func() error
		want string
	}{
		{"missing key attribute", func() error {
			_, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "posts", Item: attr.Item{"user": attr.S("a")}})
			return err
		}, "One or more parameter values were invalid: Missing the key n in the item"},
		{"key type mismatch", func() error {
			_, err := db.GetItem(ctx, &kvs.GetItemInput{TableName: "posts", Key: attr.Item{"user": attr.S("a"), "n": attr.S("1")}})
			return err
		}, "The provided key element does not match the schema"},
		{"unused value", func() error {
			_, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "posts", Item: attr.Item{"user": attr.S("a"), "n": attr.N("1")},
				ConditionExpression: "attribute_not_exists(#u)", ExpressionAttributeNames: kvs.Names{"#u": "user"},
				ExpressionAttributeValues: kvs.Values{":x": attr.N("1")}})
			return err
		}, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}"},
		{"bad return values", func() error {
			_, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "posts", Item: attr.Item{"user": attr.S("a"), "n": attr.N("1")}, ReturnValues: "ALL_NEW"})
			return err
		}, "ReturnValues can only be ALL_OLD or NONE"},
		{"update of a key attribute", func() error {
			_, err := db.UpdateItem(ctx, &kvs.UpdateItemInput{TableName: "posts", Key: attr.Item{"user": attr.S("a"), "n": attr.N("1")},
				UpdateExpression: "SET #u = :v", ExpressionAttributeNames: kvs.Names{"#u": "user"}, ExpressionAttributeValues: kvs.Values{":v": attr.S("b")}})
			return err
		}, "One or more parameter values were invalid: Cannot update attribute user. This attribute is part of the key"},
	}
	for _, c := range cases {
		err := c.run()
		var e *apierr.Error
		if !apierrAs(err, &e) || e.Code != apierr.Validation || e.Message != c.want {
			t.Errorf("%s: err = %v, want ValidationException: %s", c.name, err, c.want)
		}
	}
	if _, err := db.GetItem(ctx, &kvs.GetItemInput{TableName: "nope", Key: attr.Item{"k": attr.S("a")}}); !apierr.Is(err, apierr.ResourceNotFound) {
		t.Errorf("GetItem on a missing table: err = %v, want ResourceNotFoundException", err)
	}
}
