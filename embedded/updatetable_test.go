package embedded

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/schema"
)

// waitIndexActive waits for a GSI's backfill to finish.
func waitIndexActive(t *testing.T, d *Driver, table, index string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		desc, err := d.DescribeTable(ctx, table)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range desc.GlobalSecondaryIndexes {
			if x.IndexName == index && x.IndexStatus == "ACTIVE" {
				if desc.TableStatus != "ACTIVE" {
					t.Fatalf("table status %s with all indexes active", desc.TableStatus)
				}
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("index %s not active", index)
		}
		time.Sleep(time.Millisecond)
	}
}

// waitIndexGone waits until a deleted GSI is no longer described and
// returns the table's description.
func waitIndexGone(t *testing.T, d *Driver, table, index string) *schema.TableDescription {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		desc, err := d.DescribeTable(ctx, table)
		if err != nil {
			t.Fatal(err)
		}
		if findIndexDesc(desc, index, false) == nil {
			if desc.TableStatus != "ACTIVE" {
				t.Fatalf("table status %s once index %s is gone", desc.TableStatus, index)
			}
			return desc
		}
		if time.Now().After(deadline) {
			t.Fatalf("index %s still described", index)
		}
		time.Sleep(time.Millisecond)
	}
}

// waitBackfilling waits until a new GSI has left its resource allocation
// phase.
func waitBackfilling(t *testing.T, d *Driver, table, index string) *schema.TableDescription {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		desc, err := d.DescribeTable(ctx, table)
		if err != nil {
			t.Fatal(err)
		}
		if x := findIndexDesc(desc, index, false); x != nil && x.Backfilling != nil && *x.Backfilling {
			return desc
		}
		if time.Now().After(deadline) {
			t.Fatalf("index %s not backfilling", index)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestUpdateTableIndexes(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		def := testDef("t")
		def.GlobalSecondaryIndexes, def.LocalSecondaryIndexes = nil, nil
		def.BillingMode = "PROVISIONED"
		def.ProvisionedThroughput = &schema.ProvisionedThroughput{ReadCapacityUnits: 5, WriteCapacityUnits: 5}
		mustCreate(t, d, def)
		const n = 700 // more than one backfill chunk
		for i := range n {
			item := attr.Item{"pk": S(fmt.Sprint("p", i)), "sk": N("0")}
			if i%2 == 0 {
				item["h"] = N(itoa(i % 10))
			}
			mustPut(t, d, "t", item)
		}
		desc, err := d.UpdateTable(ctx, &schema.UpdateTableRequest{
			TableName:            "t",
			AttributeDefinitions: []schema.AttributeDefinition{{AttributeName: "h", AttributeType: "N"}},
			GlobalSecondaryIndexUpdates: []schema.GlobalSecondaryIndexUpdate{{Create: &schema.GlobalSecondaryIndex{
				IndexName: "byh", KeySchema: []schema.KeySchemaElement{{AttributeName: "h", KeyType: "HASH"}},
				Projection:            schema.Projection{ProjectionType: "KEYS_ONLY"},
				ProvisionedThroughput: &schema.ProvisionedThroughput{ReadCapacityUnits: 1, WriteCapacityUnits: 1}}}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(desc.GlobalSecondaryIndexes) != 1 || desc.GlobalSecondaryIndexes[0].IndexStatus == "" {
			t.Fatalf("UpdateTable answered %+v", desc.GlobalSecondaryIndexes)
		}
		// Writes during the backfill keep the index right.
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < n; i += 7 {
				k := attr.Item{"pk": S(fmt.Sprint("p", i)), "sk": N("0")}
				if _, err := d.Write(ctx, &driver.Write{Table: "t", Kind: driver.Update, Key: k, Update: upd(t, "REMOVE h", nil)}); err != nil {
					t.Error(err)
				}
			}
		}()
		wg.Wait()
		waitIndexActive(t, d, "t", "byh")
		want := 0
		for i := 0; i < n; i += 2 {
			if i%7 != 0 {
				want++
			}
		}
		items, _ := readAll(t, d, driver.Read{Table: "t", Index: "byh", Limit: 100})
		desc, _ = d.DescribeTable(ctx, "t")
		if len(items) != want || desc.GlobalSecondaryIndexes[0].ItemCount != int64(want) {
			t.Fatalf("index has %d entries (ItemCount %d), want %d", len(items), desc.GlobalSecondaryIndexes[0].ItemCount, want)
		}

		// Throughput and billing changes.
		desc, err = d.UpdateTable(ctx, &schema.UpdateTableRequest{TableName: "t",
			ProvisionedThroughput: &schema.ProvisionedThroughput{ReadCapacityUnits: 10, WriteCapacityUnits: 3}})
		if err != nil {
			t.Fatal(err)
		}
		pt := desc.ProvisionedThroughput
		if pt.ReadCapacityUnits != 10 || pt.WriteCapacityUnits != 3 || pt.LastIncreaseDateTime == nil || pt.LastDecreaseDateTime == nil || pt.NumberOfDecreasesToday != 1 {
			t.Fatalf("throughput = %+v", pt)
		}
		desc, err = d.UpdateTable(ctx, &schema.UpdateTableRequest{TableName: "t", BillingMode: "PAY_PER_REQUEST"})
		if err != nil {
			t.Fatal(err)
		}
		if desc.BillingModeSummary == nil || desc.BillingModeSummary.BillingMode != "PAY_PER_REQUEST" || desc.ProvisionedThroughput.ReadCapacityUnits != 0 {
			t.Fatalf("billing = %+v %+v", desc.BillingModeSummary, desc.ProvisionedThroughput)
		}

		// Deleting the index stops its use at once; it is listed as
		// DELETING for a while (lifecycle.go).
		desc, err = d.UpdateTable(ctx, &schema.UpdateTableRequest{TableName: "t",
			GlobalSecondaryIndexUpdates: []schema.GlobalSecondaryIndexUpdate{{Delete: &schema.DeleteGlobalSecondaryIndexAction{IndexName: "byh"}}}})
		if err != nil || len(desc.GlobalSecondaryIndexes) != 1 || desc.GlobalSecondaryIndexes[0].IndexStatus != "DELETING" {
			t.Fatalf("delete index: %v %+v", err, desc)
		}
		_, err = d.Read(ctx, &driver.Read{Table: "t", Index: "byh"})
		wantCode(t, err, apierr.Validation, "The table does not have the specified index: byh")
		desc = waitIndexGone(t, d, "t", "byh")
		// The deleted index's key attribute is no longer defined; the
		// table's keys still are.
		var names []string
		for _, ad := range desc.AttributeDefinitions {
			names = append(names, ad.AttributeName)
		}
		if !slices.Equal(names, []string{"pk", "sk"}) {
			t.Fatalf("AttributeDefinitions after deleting the index: %v, want [pk sk]", names)
		}
	})
}

// TestIndexChangesDuringBackfill: DynamoDB refuses index changes that
// collide with an index being created (messages from DynamoDB Local), and
// the index cannot be read until it is ACTIVE. (lifecycle_test.go covers the
// resource allocation phase before the backfill.)
func TestIndexChangesDuringBackfill(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		gate := make(chan struct{})
		d.backfillGate = gate
		def := testDef("t")
		mustCreate(t, d, def)
		mustPut(t, d, "t", attr.Item{"pk": S("p"), "sk": N("1"), "h": S("x")})
		create := func(name string) error {
			_, err := d.UpdateTable(ctx, &schema.UpdateTableRequest{TableName: "t",
				AttributeDefinitions: []schema.AttributeDefinition{{AttributeName: "h", AttributeType: "S"}},
				GlobalSecondaryIndexUpdates: []schema.GlobalSecondaryIndexUpdate{{Create: &schema.GlobalSecondaryIndex{
					IndexName: name, KeySchema: []schema.KeySchemaElement{{AttributeName: "h", KeyType: "HASH"}},
					Projection: schema.Projection{ProjectionType: "ALL"}}}}})
			return err
		}
		// DynamoDB's phases: UpdateTable answers during resource
		// allocation (table UPDATING, not backfilling), DescribeTable then
		// shows the backfill (table ACTIVE, Backfilling true).
		resp, err := d.UpdateTable(ctx, &schema.UpdateTableRequest{TableName: "t",
			AttributeDefinitions: []schema.AttributeDefinition{{AttributeName: "h", AttributeType: "S"}},
			GlobalSecondaryIndexUpdates: []schema.GlobalSecondaryIndexUpdate{{Create: &schema.GlobalSecondaryIndex{
				IndexName: "byh", KeySchema: []schema.KeySchemaElement{{AttributeName: "h", KeyType: "HASH"}},
				Projection: schema.Projection{ProjectionType: "ALL"}}}}})
		if err != nil {
			t.Fatal(err)
		}
		if x := findIndexDesc(resp, "byh", false); resp.TableStatus != "UPDATING" || x == nil || x.IndexStatus != "CREATING" ||
			x.Backfilling == nil || *x.Backfilling {
			t.Fatalf("UpdateTable answer: table %s, index %+v", resp.TableStatus, x)
		}
		desc := waitBackfilling(t, d, "t", "byh")
		x := desc.GlobalSecondaryIndexes[3]
		if desc.TableStatus != "ACTIVE" || x.IndexName != "byh" || x.IndexStatus != "CREATING" || x.Backfilling == nil || !*x.Backfilling {
			t.Fatalf("during backfill: table %s, index %+v", desc.TableStatus, x)
		}
		_, err = d.Read(ctx, &driver.Read{Table: "t", Index: "byh"})
		wantCode(t, err, apierr.Validation, "Cannot read from backfilling global secondary index: byh")
		wantCode(t, create("byh"), apierr.ResourceInUse, "Attempt to change a resource which is still in use: Index is being created.")
		wantCode(t, create("other"), apierr.LimitExceeded, "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table")
		_, err = d.UpdateTable(ctx, &schema.UpdateTableRequest{TableName: "t",
			GlobalSecondaryIndexUpdates: []schema.GlobalSecondaryIndexUpdate{{Update: &schema.UpdateGlobalSecondaryIndexAction{IndexName: "nope"}}}})
		wantCode(t, err, apierr.Validation, "Invalid global secondary index name")
		// Writes during the backfill maintain the new index.
		mustPut(t, d, "t", attr.Item{"pk": S("q"), "sk": N("1"), "h": S("y")})
		close(gate)
		waitIndexActive(t, d, "t", "byh")
		p, err := d.Read(ctx, &driver.Read{Table: "t", Index: "byh"})
		if err != nil || len(p.Items) != 2 {
			t.Fatalf("index after backfill: %v %v", p, err)
		}
		wantCode(t, create("byh"), apierr.Validation, "One or more parameter values were invalid: Index with name: byh already exists")
	})
}

// TestBackfillResumesAfterReopen: an index still CREATING when the driver
// closes is backfilled by the next Open.
func TestBackfillResumesAfterReopen(t *testing.T) {
	k := engineKinds[1]
	dir := t.TempDir()
	eng := k.open(t, dir)
	d, err := Open(ctx, eng, Options{TTLSweepInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	d.backfillGate = make(chan struct{}) // never opened: the backfill waits
	def := testDef("t")
	def.GlobalSecondaryIndexes, def.LocalSecondaryIndexes = nil, nil
	mustCreate(t, d, def)
	for i := range 300 {
		mustPut(t, d, "t", attr.Item{"pk": S(fmt.Sprint("p", i)), "sk": N("1"), "h": S(fmt.Sprint("h", i%3))})
	}
	if _, err := d.UpdateTable(ctx, &schema.UpdateTableRequest{TableName: "t",
		AttributeDefinitions: []schema.AttributeDefinition{{AttributeName: "h", AttributeType: "S"}},
		GlobalSecondaryIndexUpdates: []schema.GlobalSecondaryIndexUpdate{{Create: &schema.GlobalSecondaryIndex{
			IndexName: "byh", KeySchema: []schema.KeySchemaElement{{AttributeName: "h", KeyType: "HASH"}},
			Projection: schema.Projection{ProjectionType: "KEYS_ONLY"}}}}}); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	eng.Close()
	d = openTest(t, k, dir, Options{})
	waitIndexActive(t, d, "t", "byh")
	items, _ := readAll(t, d, driver.Read{Table: "t", Index: "byh", Limit: 50})
	if len(items) != 300 {
		t.Fatalf("index has %d entries after the resumed backfill, want 300", len(items))
	}
}

// TestDisabledStreamStaysLatest checks that a disabled stream is still
// described as the table's latest stream, without a StreamSpecification,
// whether CreateTable or UpdateTable enabled it.
func TestDisabledStreamStaysLatest(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		update := func(table string, s schema.StreamSpecification) *schema.TableDescription {
			t.Helper()
			desc, err := d.UpdateTable(ctx, &schema.UpdateTableRequest{TableName: table, StreamSpecification: &s})
			if err != nil {
				t.Fatal(err)
			}
			return desc
		}
		check := func(desc *schema.TableDescription, arn, label string) {
			t.Helper()
			if desc.StreamSpecification != nil || desc.LatestStreamArn != arn || desc.LatestStreamLabel != label {
				t.Fatalf("got StreamSpecification %+v, LatestStreamArn %q, LatestStreamLabel %q; want none, %q, %q",
					desc.StreamSpecification, desc.LatestStreamArn, desc.LatestStreamLabel, arn, label)
			}
		}
		on := schema.StreamSpecification{StreamEnabled: true, StreamViewType: "NEW_IMAGE"}
		def := testDef("created")
		def.StreamSpecification = &on
		created := mustCreate(t, d, def)
		if created.LatestStreamArn == "" || created.LatestStreamLabel == "" {
			t.Fatalf("CreateTable with a stream: %+v", created)
		}
		check(update("created", schema.StreamSpecification{}), created.LatestStreamArn, created.LatestStreamLabel)
		desc, err := d.DescribeTable(ctx, "created")
		if err != nil {
			t.Fatal(err)
		}
		check(desc, created.LatestStreamArn, created.LatestStreamLabel)

		plain := mustCreate(t, d, testDef("plain"))
		if plain.LatestStreamArn != "" {
			t.Fatalf("CreateTable without a stream: LatestStreamArn %q", plain.LatestStreamArn)
		}
		enabled := update("plain", on)
		if enabled.StreamSpecification == nil || enabled.LatestStreamArn == "" ||
			enabled.LatestStreamArn != schema.StreamARN(d.opts.Region, d.opts.Account, "plain", enabled.LatestStreamLabel) {
			t.Fatalf("UpdateTable enabling a stream: %+v", enabled)
		}
		check(update("plain", schema.StreamSpecification{}), enabled.LatestStreamArn, enabled.LatestStreamLabel)
	})
}
