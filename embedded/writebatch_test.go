package embedded

import (
	"fmt"
	"sync"
	"testing"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/schema"
)

// plainDef is a table without indexes: pk S, sk N.
func plainDef(name string) *schema.TableDefinition {
	return &schema.TableDefinition{
		TableName: name,
		AttributeDefinitions: []schema.AttributeDefinition{
			{AttributeName: "pk", AttributeType: "S"}, {AttributeName: "sk", AttributeType: "N"},
		},
		KeySchema:   []schema.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}},
		BillingMode: "PAY_PER_REQUEST",
	}
}

// TestWriteBatch writes puts and deletes over two tables, one with indexes,
// and checks results, items, index counts and statistics (checkConsistency
// at cleanup compares the statistics and index entries with the data).
func TestWriteBatch(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		mustCreate(t, d, plainDef("p"))
		old := attr.Item{"pk": S("a"), "sk": N("1"), "g": S("G"), "x": S("old value")}
		mustPut(t, d, "t", old)
		mustPut(t, d, "p", attr.Item{"pk": S("a"), "sk": N("1"), "x": S("old value")})
		mustPut(t, d, "p", attr.Item{"pk": S("a"), "sk": N("2")})
		newT := attr.Item{"pk": S("a"), "sk": N("1"), "gn": N("7"), "l": N("3")}
		newP := attr.Item{"pk": S("a"), "sk": N("1"), "y": S("new")}
		ws := []*driver.Write{
			{Table: "t", Kind: driver.Put, Key: attr.Item{"pk": S("a"), "sk": N("1")}, Item: newT},
			{Table: "t", Kind: driver.Put, Key: attr.Item{"pk": S("b"), "sk": N("1")}, Item: attr.Item{"pk": S("b"), "sk": N("1"), "g": S("H")}},
			{Table: "p", Kind: driver.Put, Key: attr.Item{"pk": S("a"), "sk": N("1")}, Item: newP},
			{Table: "p", Kind: driver.Delete, Key: attr.Item{"pk": S("a"), "sk": N("2")}},
			{Table: "p", Kind: driver.Delete, Key: attr.Item{"pk": S("none"), "sk": N("2")}},
			{Table: "p", Kind: driver.Put, Key: attr.Item{"pk": S("c"), "sk": N("1")}, Item: attr.Item{"pk": S("c"), "sk": N("1")}, NeedOld: true},
		}
		res, err := d.WriteBatch(ctx, ws)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != len(ws) {
			t.Fatalf("%d results for %d writes", len(res), len(ws))
		}
		// The indexed table decodes the old item; the plain one reports
		// only its size.
		if !attr.ItemsEqual(res[0].Old, old) || res[0].OldSize != old.Size() || !attr.ItemsEqual(res[0].New, newT) {
			t.Fatalf("result 0: %+v", res[0])
		}
		if res[1].Old != nil || res[1].OldSize != 0 {
			t.Fatalf("result 1: %+v", res[1])
		}
		wantSize := attr.Item{"pk": S("a"), "sk": N("1"), "x": S("old value")}.Size()
		if res[2].Old != nil || res[2].OldSize != wantSize || !attr.ItemsEqual(res[2].New, newP) {
			t.Fatalf("result 2: %+v (old size want %d)", res[2], wantSize)
		}
		if res[3].OldSize != (attr.Item{"pk": S("a"), "sk": N("2")}).Size() || res[3].New != nil {
			t.Fatalf("result 3: %+v", res[3])
		}
		if res[4].OldSize != 0 || res[4].Old != nil {
			t.Fatalf("result 4: %+v", res[4])
		}
		if res[5].OldSize != 0 || res[5].Old != nil {
			t.Fatalf("result 5: %+v", res[5])
		}
		if got := mustGet(t, d, "t", attr.Item{"pk": S("a"), "sk": N("1")}); !attr.ItemsEqual(got, newT) {
			t.Fatalf("t a/1 = %v", got)
		}
		if got := mustGet(t, d, "p", attr.Item{"pk": S("a"), "sk": N("2")}); got != nil {
			t.Fatalf("p a/2 not deleted: %v", got)
		}
		for table, want := range map[string]int64{"t": 2, "p": 2} {
			desc, err := d.DescribeTable(ctx, table)
			if err != nil {
				t.Fatal(err)
			}
			if desc.ItemCount != want {
				t.Fatalf("%s ItemCount %d, want %d", table, desc.ItemCount, want)
			}
		}
		desc, _ := d.DescribeTable(ctx, "t")
		for _, x := range desc.GlobalSecondaryIndexes {
			want := map[string]int64{"gsi": 1, "gkeys": 1, "ginc": 1}[x.IndexName]
			if x.ItemCount != want {
				t.Fatalf("%s ItemCount %d, want %d", x.IndexName, x.ItemCount, want)
			}
		}
	})
}

// TestWriteBatchErrors: a missing table or an invalid index key fails the
// call before anything commits.
func TestWriteBatchErrors(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		ok := &driver.Write{Table: "t", Kind: driver.Put, Key: attr.Item{"pk": S("a"), "sk": N("1")}, Item: attr.Item{"pk": S("a"), "sk": N("1")}}
		_, err := d.WriteBatch(ctx, []*driver.Write{ok, {Table: "missing", Kind: driver.Delete, Key: attr.Item{"pk": S("a")}}})
		wantCode(t, err, apierr.ResourceNotFound, msgNotFound)
		bad := &driver.Write{Table: "t", Kind: driver.Put, Key: attr.Item{"pk": S("b"), "sk": N("1")}, Item: attr.Item{"pk": S("b"), "sk": N("1"), "g": N("1")}}
		if _, err := d.WriteBatch(ctx, []*driver.Write{ok, bad}); err == nil {
			t.Fatal("index key of the wrong type accepted")
		}
		if got := mustGet(t, d, "t", attr.Item{"pk": S("a"), "sk": N("1")}); got != nil {
			t.Fatalf("failed batch committed %v", got)
		}
	})
}

// TestWriteBatchContended runs overlapping batches and single writes on the
// same items from many goroutines: every call succeeds (conflicts are
// retried, then written one by one) and the statistics stay exact.
func TestWriteBatchContended(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for round := range 20 {
					var ws []*driver.Write
					for i := range 10 {
						k := attr.Item{"pk": S(fmt.Sprint("k", (i+g+round)%12)), "sk": N("1")}
						if (i+round)%4 == 0 {
							ws = append(ws, &driver.Write{Table: "t", Kind: driver.Delete, Key: k})
							continue
						}
						it := attr.Item{"pk": k["pk"], "sk": k["sk"], "g": S(fmt.Sprint(g)), "gn": N(fmt.Sprint(round))}
						ws = append(ws, &driver.Write{Table: "t", Kind: driver.Put, Key: k, Item: it})
					}
					if _, err := d.WriteBatch(ctx, ws); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
	})
}

// TestBlindPutSkipsDecode: a plain Put on a table without indexes reports
// the old size without the old item, unless NeedOld asks for it, and keeps
// the statistics right.
func TestBlindPutSkipsDecode(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, plainDef("p"))
		it := attr.Item{"pk": S("a"), "sk": N("1"), "x": S("some data")}
		mustPut(t, d, "p", it)
		res, err := d.Write(ctx, &driver.Write{Table: "p", Kind: driver.Put, Item: attr.Item{"pk": S("a"), "sk": N("1")}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Old != nil || res.OldSize != it.Size() {
			t.Fatalf("blind put: Old %v OldSize %d, want nil and %d", res.Old, res.OldSize, it.Size())
		}
		res, err = d.Write(ctx, &driver.Write{Table: "p", Kind: driver.Put, Item: it, NeedOld: true})
		if err != nil {
			t.Fatal(err)
		}
		if !attr.ItemsEqual(res.Old, attr.Item{"pk": S("a"), "sk": N("1")}) {
			t.Fatalf("NeedOld put: Old %v", res.Old)
		}
		res, err = d.Write(ctx, &driver.Write{Table: "p", Kind: driver.Delete, Key: attr.Item{"pk": S("a"), "sk": N("1")}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Old != nil || res.OldSize != it.Size() {
			t.Fatalf("blind delete: Old %v OldSize %d", res.Old, res.OldSize)
		}
		desc, _ := d.DescribeTable(ctx, "p")
		if desc.ItemCount != 0 || desc.TableSizeBytes != 0 {
			t.Fatalf("after delete: ItemCount %d TableSizeBytes %d", desc.ItemCount, desc.TableSizeBytes)
		}
	})
}
