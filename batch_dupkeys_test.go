package kvs_test

import (
	"context"
	"errors"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// TestBatchWriteDuplicateKeys: BatchWriteItem refuses two requests on one
// key (puts or deletes, whatever the other attributes), and accepts keys
// that differ in either part only.
func TestBatchWriteDuplicateKeys(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	_, err := db.CreateTable(ctx, &kvs.TableDefinition{
		TableName: "dups",
		AttributeDefinitions: []kvs.AttributeDefinition{
			{AttributeName: "pk", AttributeType: "S"}, {AttributeName: "sk", AttributeType: "N"}},
		KeySchema:   []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}},
		BillingMode: "PAY_PER_REQUEST",
	})
	if err != nil {
		t.Fatal(err)
	}
	put := func(pk, sk, x string) kvs.WriteRequest {
		return kvs.WriteRequest{PutRequest: &kvs.PutRequest{Item: attr.Item{"pk": attr.S(pk), "sk": attr.N(sk), "x": attr.S(x)}}}
	}
	del := func(pk, sk string) kvs.WriteRequest {
		return kvs.WriteRequest{DeleteRequest: &kvs.DeleteRequest{Key: attr.Item{"pk": attr.S(pk), "sk": attr.N(sk)}}}
	}
	for _, c := range []struct {
		name string
		reqs []kvs.WriteRequest
		dup  bool
	}{
		{"two puts", []kvs.WriteRequest{put("a", "1", "x"), put("a", "1", "y")}, true},
		{"put and delete", []kvs.WriteRequest{put("a", "1", "x"), del("a", "1")}, true},
		{"two deletes", []kvs.WriteRequest{del("a", "1"), del("a", "1")}, true},
		{"sort keys differ", []kvs.WriteRequest{put("a", "1", "x"), put("a", "2", "x"), del("a", "3")}, false},
		{"partition keys differ", []kvs.WriteRequest{put("a", "1", "x"), put("b", "1", "x")}, false},
		{"parts swapped", []kvs.WriteRequest{put("1", "2", "x"), put("2", "1", "x")}, false},
	} {
		_, err := db.BatchWriteItem(ctx, &kvs.BatchWriteItemInput{RequestItems: map[string][]kvs.WriteRequest{"dups": c.reqs}})
		if c.dup {
			var ae *apierr.Error
			if !errors.As(err, &ae) || ae.Code != apierr.Validation || ae.Message != "Provided list of item keys contains duplicates" {
				t.Errorf("%s: err = %v, want the duplicates ValidationException", c.name, err)
			}
		} else if err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
