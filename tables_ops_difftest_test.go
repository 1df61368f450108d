package kvs

import (
	"context"
	"errors"
	"testing"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/schema"
)

// UpdateTable's account quota comes before the rules that need the table,
// such as the GSIs' throughput of a switch to PROVISIONED (DynamoDB Local's
// order; kvs used to answer "ProvisionedThroughput must be specified for
// index" first). Found by tools/difftest -tables.
func TestUpdateTableQuotaBeforeTableRules(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "mem://", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	def := &TableDefinition{TableName: "tbl", BillingMode: schema.BillingPayPerRequest,
		AttributeDefinitions: []schema.AttributeDefinition{{AttributeName: "pk", AttributeType: "S"}, {AttributeName: "g", AttributeType: "S"}},
		KeySchema:            []schema.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}},
		GlobalSecondaryIndexes: []schema.GlobalSecondaryIndex{{IndexName: "gix",
			KeySchema: []schema.KeySchemaElement{{AttributeName: "g", KeyType: "HASH"}}, Projection: schema.Projection{ProjectionType: "ALL"}}}}
	if _, err := db.CreateTable(ctx, def); err != nil {
		t.Fatal(err)
	}
	_, err = db.UpdateTable(ctx, &UpdateTableInput{TableName: "tbl", BillingMode: schema.BillingProvisioned,
		ProvisionedThroughput: &schema.ProvisionedThroughput{ReadCapacityUnits: 100000000000, WriteCapacityUnits: 1}})
	var ae *apierr.Error
	if !errors.As(err, &ae) || ae.Code != apierr.LimitExceeded {
		t.Fatalf("got %v, want LimitExceededException", err)
	}
}
