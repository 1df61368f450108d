package embedded

import (
	"net/url"
	"testing"
	"time"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/schema"
)

func createIndexReq(name string) *schema.UpdateTableRequest {
	return &schema.UpdateTableRequest{TableName: "t",
		AttributeDefinitions: []schema.AttributeDefinition{{AttributeName: "h", AttributeType: "S"}},
		GlobalSecondaryIndexUpdates: []schema.GlobalSecondaryIndexUpdate{{Create: &schema.GlobalSecondaryIndex{
			IndexName: name, KeySchema: []schema.KeySchemaElement{{AttributeName: "h", KeyType: "HASH"}},
			Projection: schema.Projection{ProjectionType: "ALL"}}}}}
}

func deleteIndexReq(name string) *schema.UpdateTableRequest {
	return &schema.UpdateTableRequest{TableName: "t",
		GlobalSecondaryIndexUpdates: []schema.GlobalSecondaryIndexUpdate{{Delete: &schema.DeleteGlobalSecondaryIndexAction{IndexName: name}}}}
}

func updateIndexReq(name string) *schema.UpdateTableRequest {
	return &schema.UpdateTableRequest{TableName: "t",
		GlobalSecondaryIndexUpdates: []schema.GlobalSecondaryIndexUpdate{{Update: &schema.UpdateGlobalSecondaryIndexAction{
			IndexName: name, OnDemandThroughput: &schema.OnDemandThroughput{MaxReadRequestUnits: ptrTo[int64](5)}}}}}
}

func ptrTo[T any](v T) *T { return &v }

// wantPhase checks a table's status and one GSI's status, Backfilling and
// counters.
func wantPhase(t *testing.T, desc *schema.TableDescription, index, table, status string, backfilling *bool, count int64) {
	t.Helper()
	x := findIndexDesc(desc, index, false)
	if x == nil {
		t.Fatalf("index %s not described: %+v", index, desc.GlobalSecondaryIndexes)
	}
	okBackfill := (backfilling == nil) == (x.Backfilling == nil) && (backfilling == nil || *backfilling == *x.Backfilling)
	if desc.TableStatus != table || x.IndexStatus != status || !okBackfill || x.ItemCount != count {
		t.Fatalf("table %s index %+v; want table %s, index %s, Backfilling %v, ItemCount %d",
			desc.TableStatus, *x, table, status, backfilling, count)
	}
}

// TestIndexResourceAllocation: a GSI added by UpdateTable spends
// IndexCreateDelay in DynamoDB's resource allocation phase — the table
// UPDATING, the index CREATING, not backfilling, counters 0 — during which
// it cannot be read, updated or deleted and no other index can be created.
func TestIndexResourceAllocation(t *testing.T) {
	d := openTest(t, engineKinds[0], "", Options{IndexCreateDelay: time.Hour})
	def := testDef("t")
	def.GlobalSecondaryIndexes = nil
	mustCreate(t, d, def)
	mustPut(t, d, "t", attr.Item{"pk": S("p"), "sk": N("1"), "h": S("x")})
	no := false
	resp, err := d.UpdateTable(ctx, createIndexReq("byh"))
	if err != nil {
		t.Fatal(err)
	}
	wantPhase(t, resp, "byh", "UPDATING", "CREATING", &no, 0)
	desc, _ := d.DescribeTable(ctx, "t")
	wantPhase(t, desc, "byh", "UPDATING", "CREATING", &no, 0)
	if x := findIndexDesc(desc, "byh", false); x.IndexSizeBytes != 0 {
		t.Fatalf("IndexSizeBytes %d during allocation", x.IndexSizeBytes)
	}
	_, err = d.Read(ctx, &driver.Read{Table: "t", Index: "byh"})
	wantCode(t, err, apierr.Validation, "Cannot read from backfilling global secondary index: byh")
	_, err = d.UpdateTable(ctx, createIndexReq("byh"))
	wantCode(t, err, apierr.ResourceInUse, "Attempt to change a resource which is still in use: Index is being created.")
	_, err = d.UpdateTable(ctx, createIndexReq("other"))
	wantCode(t, err, apierr.LimitExceeded, schema.MsgOneIndexAtATime)
	_, err = d.UpdateTable(ctx, updateIndexReq("byh"))
	wantCode(t, err, apierr.ResourceInUse, "Attempt to change a resource which is still in use: Index is being created but not backfilling.")
	_, err = d.UpdateTable(ctx, deleteIndexReq("byh"))
	wantCode(t, err, apierr.ResourceInUse, "Attempt to change a resource which is still in use: Index creation is in resource allocation phase. "+
		"Retry deletion during backfilling phase or when the index is active. Table: t Index: byh")
	// Close ends the phase's wait.
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestIndexPhasesOverTime: with short delays an added index goes through
// allocation and backfill to ACTIVE no sooner than IndexCreateDelay, and a
// deleted one is listed as DELETING (counters 0, table UPDATING) for
// IndexDeleteDelay, during which no other index can be created or deleted.
func TestIndexPhasesOverTime(t *testing.T) {
	const delay = 50 * time.Millisecond
	d := openTest(t, engineKinds[0], "", Options{IndexCreateDelay: delay, IndexDeleteDelay: time.Hour})
	def := testDef("t")
	def.GlobalSecondaryIndexes = nil
	mustCreate(t, d, def)
	for _, pk := range []string{"a", "b", "c"} {
		mustPut(t, d, "t", attr.Item{"pk": S(pk), "sk": N("1"), "h": S("x")})
	}
	start := time.Now()
	if _, err := d.UpdateTable(ctx, createIndexReq("byh")); err != nil {
		t.Fatal(err)
	}
	waitIndexActive(t, d, "t", "byh")
	if el := time.Since(start); el < delay {
		t.Fatalf("index ACTIVE after %v, want at least %v", el, delay)
	}
	desc, _ := d.DescribeTable(ctx, "t")
	wantPhase(t, desc, "byh", "ACTIVE", "ACTIVE", nil, 3)

	resp, err := d.UpdateTable(ctx, deleteIndexReq("byh"))
	if err != nil {
		t.Fatal(err)
	}
	wantPhase(t, resp, "byh", "UPDATING", "DELETING", nil, 0)
	desc, _ = d.DescribeTable(ctx, "t")
	wantPhase(t, desc, "byh", "UPDATING", "DELETING", nil, 0)
	_, err = d.Read(ctx, &driver.Read{Table: "t", Index: "byh"})
	wantCode(t, err, apierr.Validation, "The table does not have the specified index: byh")
	_, err = d.UpdateTable(ctx, deleteIndexReq("byh"))
	wantCode(t, err, apierr.LimitExceeded, schema.MsgOneIndexAtATime)
	_, err = d.UpdateTable(ctx, deleteIndexReq("byg"))
	wantCode(t, err, apierr.ResourceNotFound, "Requested resource not found: Index byg for table t")
	_, err = d.UpdateTable(ctx, createIndexReq("other"))
	wantCode(t, err, apierr.LimitExceeded, schema.MsgOneIndexAtATime)
	_, err = d.UpdateTable(ctx, updateIndexReq("byh"))
	wantCode(t, err, apierr.ResourceInUse, "Attempt to change a resource which is still in use: Index is being deleted. Table: t Index: byh")
}

// TestIndexDeletionPhaseEnds: the DELETING entry disappears after
// IndexDeleteDelay, also when the driver restarted meanwhile.
func TestIndexDeletionPhaseEnds(t *testing.T) {
	k := engineKinds[1]
	dir := t.TempDir()
	d, err := Open(ctx, k.open(t, dir), Options{TTLSweepInterval: -1, IndexCreateDelay: -1, IndexDeleteDelay: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	d.closeEngine = true
	def := testDef("t")
	def.GlobalSecondaryIndexes = nil
	mustCreate(t, d, def)
	if _, err := d.UpdateTable(ctx, createIndexReq("byh")); err != nil {
		t.Fatal(err)
	}
	waitIndexActive(t, d, "t", "byh")
	if _, err := d.UpdateTable(ctx, deleteIndexReq("byh")); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	// The phase survives a restart...
	d, err = Open(ctx, k.open(t, dir), Options{TTLSweepInterval: -1, IndexCreateDelay: -1, IndexDeleteDelay: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	d.closeEngine = true
	desc, _ := d.DescribeTable(ctx, "t")
	wantPhase(t, desc, "byh", "UPDATING", "DELETING", nil, 0)
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	// ...and ends after the delay of the driver that resumes it.
	d = openTest(t, k, dir, Options{IndexDeleteDelay: 10 * time.Millisecond})
	waitIndexGone(t, d, "t", "byh")
	// The name is free again.
	if _, err := d.UpdateTable(ctx, createIndexReq("byh")); err != nil {
		t.Fatal(err)
	}
	waitIndexActive(t, d, "t", "byh")
}

// TestOpenURLIndexDelays: the URL parameters set the index phase delays; 0
// means none.
func TestOpenURLIndexDelays(t *testing.T) {
	for raw, want := range map[string][2]time.Duration{
		"mem://": {DefaultIndexCreateDelay, DefaultIndexDeleteDelay},
		"mem://?index_create_delay=0&index_delete_delay=0":     {0, 0},
		"mem://?index_create_delay=3s&index_delete_delay=20ms": {3 * time.Second, 20 * time.Millisecond},
	} {
		u, _ := url.Parse(raw)
		drv, err := OpenURL(ctx, u)
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		d := drv.(*Driver)
		if got := [2]time.Duration{d.createDelay(), d.deleteDelay()}; got != want {
			t.Errorf("%s: delays %v, want %v", raw, got, want)
		}
		d.Close()
	}
	for _, raw := range []string{"mem://?index_create_delay=x", "mem://?index_delete_delay=-1s"} {
		u, _ := url.Parse(raw)
		if _, err := OpenURL(ctx, u); err == nil {
			t.Errorf("%s: no error", raw)
		}
	}
}
