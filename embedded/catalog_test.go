package embedded

import (
	"slices"
	"strconv"
	"testing"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/schema"
)

func TestCatalogErrors(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		_, err := d.CreateTable(ctx, testDef("t"))
		wantCode(t, err, apierr.ResourceInUse, "Table already exists: t")
		_, err = d.DescribeTable(ctx, "nope")
		wantCode(t, err, apierr.ResourceNotFound, "Requested resource not found: Table: nope not found")
		_, err = d.DeleteTable(ctx, "nope")
		wantCode(t, err, apierr.ResourceNotFound, "Requested resource not found: Table: nope not found")
		_, err = d.Get(ctx, &driver.Get{Table: "nope", Key: attr.Item{"pk": S("a")}})
		wantCode(t, err, apierr.ResourceNotFound, "Requested resource not found")
		_, err = d.Write(ctx, &driver.Write{Table: "nope", Kind: driver.Put, Item: attr.Item{"pk": S("a")}})
		wantCode(t, err, apierr.ResourceNotFound, "Requested resource not found")
		_, err = d.Read(ctx, &driver.Read{Table: "nope"})
		wantCode(t, err, apierr.ResourceNotFound, "Requested resource not found")
		_, err = d.Read(ctx, &driver.Read{Table: "t", Index: "nope"})
		wantCode(t, err, apierr.Validation, "The table does not have the specified index: nope")
	})
}

func TestCatalogLifecycle(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		for _, n := range []string{"b", "a", "c"} {
			def := testDef(n)
			desc := mustCreate(t, d, def)
			if desc.TableStatus != "ACTIVE" || desc.TableName != n || len(desc.GlobalSecondaryIndexes) != 3 || len(desc.LocalSecondaryIndexes) != 1 {
				t.Fatalf("create %s: %+v", n, desc)
			}
		}
		names, _ := d.ListTables(ctx)
		if !slices.Equal(names, []string{"a", "b", "c"}) {
			t.Fatalf("ListTables = %v", names)
		}
		mustPut(t, d, "a", attr.Item{"pk": S("x"), "sk": N("1"), "g": S("g")})
		desc, _ := d.DescribeTable(ctx, "a")
		if desc.ItemCount != 1 || desc.TableSizeBytes == 0 || desc.GlobalSecondaryIndexes[0].ItemCount != 1 || desc.GlobalSecondaryIndexes[2].ItemCount != 0 {
			t.Fatalf("stats: %+v %+v", desc, desc.GlobalSecondaryIndexes)
		}
		del, err := d.DeleteTable(ctx, "a")
		if err != nil || del.TableStatus != "DELETING" {
			t.Fatalf("delete: %v %+v", err, del)
		}
		if _, err := d.DescribeTable(ctx, "a"); !apierr.Is(err, apierr.ResourceNotFound) {
			t.Fatalf("describe after delete: %v", err)
		}
		// A table created again under the same name never sees old items.
		desc = mustCreate(t, d, testDef("a"))
		if desc.ItemCount != 0 || mustGet(t, d, "a", attr.Item{"pk": S("x"), "sk": N("1")}) != nil {
			t.Fatal("old item visible in the recreated table")
		}
		p, _ := d.Read(ctx, &driver.Read{Table: "a", Index: "gsi"})
		if len(p.Items) != 0 {
			t.Fatal("old index entry visible in the recreated table")
		}
	})
}

func TestTagsAndTTLSettings(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		def := testDef("t")
		def.Tags = []schema.Tag{{Key: "a", Value: "1"}}
		mustCreate(t, d, def)
		if err := d.TagResource(ctx, "t", []schema.Tag{{Key: "b", Value: "2"}, {Key: "a", Value: "3"}}); err != nil {
			t.Fatal(err)
		}
		tags, _ := d.ListTags(ctx, "t")
		if !slices.Equal(tags, []schema.Tag{{Key: "a", Value: "3"}, {Key: "b", Value: "2"}}) {
			t.Fatalf("tags = %v", tags)
		}
		if err := d.UntagResource(ctx, "t", []string{"a"}); err != nil {
			t.Fatal(err)
		}
		tags, _ = d.ListTags(ctx, "t")
		if !slices.Equal(tags, []schema.Tag{{Key: "b", Value: "2"}}) {
			t.Fatalf("tags = %v", tags)
		}
		ttl, _ := d.DescribeTimeToLive(ctx, "t")
		if ttl.TimeToLiveStatus != "DISABLED" {
			t.Fatalf("ttl = %+v", ttl)
		}
		err := d.UpdateTimeToLive(ctx, "t", schema.TimeToLiveSpecification{AttributeName: "exp", Enabled: false})
		wantCode(t, err, apierr.Validation, "TimeToLive is already disabled")
		if err := d.UpdateTimeToLive(ctx, "t", schema.TimeToLiveSpecification{AttributeName: "exp", Enabled: true}); err != nil {
			t.Fatal(err)
		}
		err = d.UpdateTimeToLive(ctx, "t", schema.TimeToLiveSpecification{AttributeName: "exp", Enabled: true})
		wantCode(t, err, apierr.Validation, "TimeToLive is already enabled")
		ttl, _ = d.DescribeTimeToLive(ctx, "t")
		if ttl.TimeToLiveStatus != "ENABLED" || ttl.AttributeName != "exp" {
			t.Fatalf("ttl = %+v", ttl)
		}
	})
}

// TestCatalogDurable reopens a disk store, after a clean Close and after a
// crash (engine closed without the driver's Close), and expects the same
// catalog, items and statistics.
func TestCatalogDurable(t *testing.T) {
	k := engineKinds[1]
	dir := t.TempDir()
	eng := k.open(t, dir)
	d, err := Open(ctx, eng, Options{TTLSweepInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	def := testDef("t")
	def.Tags = []schema.Tag{{Key: "k", Value: "v"}}
	mustCreate(t, d, def)
	mustCreate(t, d, testDef("gone"))
	if _, err := d.DeleteTable(ctx, "gone"); err != nil {
		t.Fatal(err)
	}
	if err := d.UpdateTimeToLive(ctx, "t", schema.TimeToLiveSpecification{AttributeName: "exp", Enabled: true}); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		mustPut(t, d, "t", attr.Item{"pk": S("p"), "sk": N(itoa(i)), "g": S("x"), "a": S("payload")})
	}
	want, _ := d.DescribeTable(ctx, "t")
	d.Close()
	eng.Close()

	check := func(d *Driver) {
		t.Helper()
		waitBackground(t, d)
		got, err := d.DescribeTable(ctx, "t")
		if err != nil {
			t.Fatal(err)
		}
		if got.ItemCount != 20 || got.TableSizeBytes != want.TableSizeBytes || got.TableId != want.TableId ||
			got.CreationDateTime != want.CreationDateTime || got.GlobalSecondaryIndexes[0].ItemCount != 20 {
			t.Fatalf("after reopen: %+v, want %+v", got, want)
		}
		names, _ := d.ListTables(ctx)
		if !slices.Equal(names, []string{"t"}) {
			t.Fatalf("tables = %v", names)
		}
		tags, _ := d.ListTags(ctx, "t")
		ttl, _ := d.DescribeTimeToLive(ctx, "t")
		if len(tags) != 1 || ttl.AttributeName != "exp" {
			t.Fatalf("tags %v ttl %+v", tags, ttl)
		}
		if it := mustGet(t, d, "t", attr.Item{"pk": S("p"), "sk": N("7")}); it["a"].Str() != "payload" {
			t.Fatalf("item = %v", it)
		}
	}
	eng = k.open(t, dir)
	d, err = Open(ctx, eng, Options{TTLSweepInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	check(d)
	// Crash: the engine goes away without the driver's Close, so the
	// statistics checkpoint is stale and Open must recount.
	mustPut(t, d, "t", attr.Item{"pk": S("p"), "sk": N("100")})
	d.Write(ctx, &driver.Write{Table: "t", Kind: driver.Delete, Key: attr.Item{"pk": S("p"), "sk": N("100")}})
	d.cancel()
	d.bg.Wait()
	eng.Close()
	eng = k.open(t, dir)
	d, err = Open(ctx, eng, Options{TTLSweepInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	check(d)
	// A new table gets a new id, not the deleted table's.
	desc := mustCreate(t, d, testDef("gone"))
	if d.tables["gone"].id != 3 || desc.ItemCount != 0 {
		t.Fatalf("id reuse: %d vs %d", d.tables["gone"].id, d.tables["t"].id)
	}
	d.Close()
	eng.Close()
}

func itoa(i int) string { return strconv.Itoa(i) }
