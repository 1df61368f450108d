package embedded

import (
	"strings"
	"testing"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
)

func TestWrites(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		key := attr.Item{"pk": S("a"), "sk": N("1")}
		base := attr.Item{"pk": S("a"), "sk": N("1"), "n": N("5"), "s": S("x")}
		mustPut(t, d, "t", base)
		cases := []struct {
			name    string
			w       driver.Write
			code    apierr.Code // "" = success
			msg     string
			errItem attr.Item // the old item a failed condition reports
			old     attr.Item
			new     attr.Item
			updated string // the update's changed paths, comma separated
		}{
			{name: "put over existing with passing condition",
				w:   driver.Write{Kind: driver.Put, Item: base, Condition: cond(t, "n = :v", vals(":v", N("5")))},
				old: base, new: base},
			{name: "put with failing condition reports the old item",
				w:    driver.Write{Kind: driver.Put, Item: attr.Item{"pk": S("a"), "sk": N("1")}, Condition: cond(t, "attribute_not_exists(pk)", nil)},
				code: apierr.ConditionalCheckFailed, msg: "The conditional request failed", errItem: base},
			{name: "condition on an absent item sees an empty item",
				w:    driver.Write{Kind: driver.Put, Item: attr.Item{"pk": S("b"), "sk": N("1")}, Condition: cond(t, "attribute_exists(pk)", nil)},
				code: apierr.ConditionalCheckFailed, msg: "The conditional request failed"},
			{name: "put new item with attribute_not_exists",
				w:   driver.Write{Kind: driver.Put, Item: attr.Item{"pk": S("b"), "sk": N("1")}, Condition: cond(t, "attribute_not_exists(pk)", nil)},
				new: attr.Item{"pk": S("b"), "sk": N("1")}},
			{name: "update existing",
				w:       driver.Write{Kind: driver.Update, Key: key, Update: upd(t, "SET n = n + :one, z = :z REMOVE s", vals(":one", N("1"), ":z", S("zz")))},
				old:     base,
				new:     attr.Item{"pk": S("a"), "sk": N("1"), "n": N("6"), "z": S("zz")},
				updated: "n,z,s"},
			{name: "update creates an absent item",
				w:       driver.Write{Kind: driver.Update, Key: attr.Item{"pk": S("c"), "sk": N("2")}, Update: upd(t, "SET v = :v", vals(":v", N("1")))},
				new:     attr.Item{"pk": S("c"), "sk": N("2"), "v": N("1")},
				updated: "v"},
			{name: "update of a key attribute",
				w:    driver.Write{Kind: driver.Update, Key: key, Update: upd(t, "SET sk = :v", vals(":v", N("1")))},
				code: apierr.Validation, msg: "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key"},
			{name: "update with failing condition",
				w:    driver.Write{Kind: driver.Update, Key: key, Update: upd(t, "SET v = :v", vals(":v", N("1"))), Condition: cond(t, "n = :v", vals(":v", N("99")))},
				code: apierr.ConditionalCheckFailed, msg: "The conditional request failed",
				errItem: attr.Item{"pk": S("a"), "sk": N("1"), "n": N("6"), "z": S("zz")}},
			{name: "update growing the item past 400 KB",
				w:    driver.Write{Kind: driver.Update, Key: key, Update: upd(t, "SET big = :v", vals(":v", S(strings.Repeat("x", 400*1024))))},
				code: apierr.Validation, msg: "Item size to update has exceeded the maximum allowed size"},
			{name: "put with an index key of the wrong type",
				w:    driver.Write{Kind: driver.Put, Item: attr.Item{"pk": S("a"), "sk": N("1"), "g": N("1")}},
				code: apierr.Validation, msg: "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: gsi"},
			{name: "update setting an index key of the wrong type",
				w:    driver.Write{Kind: driver.Update, Key: key, Update: upd(t, "SET gn = :v", vals(":v", S("x")))},
				code: apierr.Validation, msg: "One or more parameter values were invalid: Type mismatch for Index Key gn Expected: N Actual: S IndexName: ginc"},
			{name: "put with an empty index key",
				w:    driver.Write{Kind: driver.Put, Item: attr.Item{"pk": S("a"), "sk": N("1"), "g": S("")}},
				code: apierr.Validation, msg: "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: gsi, IndexKey: g"},
			{name: "check passing writes nothing",
				w:   driver.Write{Kind: driver.Check, Key: key, Condition: cond(t, "n = :v", vals(":v", N("6")))},
				old: attr.Item{"pk": S("a"), "sk": N("1"), "n": N("6"), "z": S("zz")}},
			{name: "delete with failing condition",
				w:    driver.Write{Kind: driver.Delete, Key: key, Condition: cond(t, "attribute_not_exists(n)", nil)},
				code: apierr.ConditionalCheckFailed, msg: "The conditional request failed",
				errItem: attr.Item{"pk": S("a"), "sk": N("1"), "n": N("6"), "z": S("zz")}},
			{name: "delete",
				w:   driver.Write{Kind: driver.Delete, Key: key, Condition: cond(t, "attribute_exists(n)", nil)},
				old: attr.Item{"pk": S("a"), "sk": N("1"), "n": N("6"), "z": S("zz")}},
			{name: "delete of an absent item",
				w: driver.Write{Kind: driver.Delete, Key: key}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				w := c.w
				w.Table = "t"
				res, err := d.Write(ctx, &w)
				if c.code != "" {
					e := wantCode(t, err, c.code, c.msg)
					got, _ := e.Item.(attr.Item)
					if (c.errItem == nil) != (e.Item == nil) || !attr.ItemsEqual(got, c.errItem) {
						t.Fatalf("error item = %v, want %v", e.Item, c.errItem)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if !attr.ItemsEqual(res.Old, c.old) || (res.Old == nil) != (c.old == nil) {
					t.Errorf("old = %v, want %v", res.Old, c.old)
				}
				if !attr.ItemsEqual(res.New, c.new) || (res.New == nil) != (c.new == nil) {
					t.Errorf("new = %v, want %v", res.New, c.new)
				}
				var paths []string
				for _, p := range res.Updated {
					paths = append(paths, p.String())
				}
				if strings.Join(paths, ",") != c.updated {
					t.Errorf("updated = %v, want %s", paths, c.updated)
				}
				k := w.Key
				if k == nil {
					k = (&table{pk: "pk", sk: "sk"}).keyOf(w.Item)
				}
				stored := mustGet(t, d, "t", k)
				if w.Kind != driver.Check && !attr.ItemsEqual(stored, c.new) {
					t.Errorf("stored = %v, want %v", stored, c.new)
				}
			})
		}
	})
}

// TestIndexMaintenance follows one item through writes that move it in and
// out of sparse indexes and checks every index after each step.
func TestIndexMaintenance(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		key := attr.Item{"pk": S("p"), "sk": N("1")}
		count := func(index string) int {
			p, err := d.Read(ctx, &driver.Read{Table: "t", Index: index})
			if err != nil {
				t.Fatal(err)
			}
			return len(p.Items)
		}
		expect := func(step string, gsi, gkeys, ginc, lsi int) {
			t.Helper()
			got := [4]int{count("gsi"), count("gkeys"), count("ginc"), count("lsi")}
			if got != [4]int{gsi, gkeys, ginc, lsi} {
				t.Fatalf("%s: index counts %v, want %v", step, got, [4]int{gsi, gkeys, ginc, lsi})
			}
			desc, _ := d.DescribeTable(ctx, "t")
			for i, x := range desc.GlobalSecondaryIndexes {
				if int(x.ItemCount) != got[i] {
					t.Fatalf("%s: %s ItemCount %d, want %d", step, x.IndexName, x.ItemCount, got[i])
				}
			}
			if int(desc.LocalSecondaryIndexes[0].ItemCount) != got[3] {
				t.Fatalf("%s: lsi ItemCount %d", step, desc.LocalSecondaryIndexes[0].ItemCount)
			}
		}
		mustPut(t, d, "t", attr.Item{"pk": S("p"), "sk": N("1"), "x": S("1")})
		expect("no index keys", 0, 0, 0, 0)
		write := func(text string, v map[string]attr.Value) {
			t.Helper()
			if _, err := d.Write(ctx, &driver.Write{Table: "t", Kind: driver.Update, Key: key, Update: upd(t, text, v)}); err != nil {
				t.Fatal(err)
			}
		}
		write("SET g = :g", vals(":g", S("G")))
		expect("g set", 1, 1, 0, 0)
		write("SET gn = :n, l = :n, a = :a", vals(":n", N("3"), ":a", S("A")))
		expect("gn and l set", 1, 1, 1, 1)
		p, _ := d.Read(ctx, &driver.Read{Table: "t", Index: "ginc"})
		want := attr.Item{"pk": S("p"), "sk": N("1"), "gn": N("3"), "a": S("A")}
		if !attr.ItemsEqual(p.Items[0], want) {
			t.Fatalf("INCLUDE projection = %v, want %v", p.Items[0], want)
		}
		p, _ = d.Read(ctx, &driver.Read{Table: "t", Index: "gkeys"})
		if want := (attr.Item{"pk": S("p"), "sk": N("1"), "g": S("G")}); !attr.ItemsEqual(p.Items[0], want) {
			t.Fatalf("KEYS_ONLY projection = %v, want %v", p.Items[0], want)
		}
		p, _ = d.Read(ctx, &driver.Read{Table: "t", Index: "lsi", AllAttributes: true})
		if p.Items[0]["x"].Str() != "1" {
			t.Fatalf("LSI read with all attributes = %v", p.Items[0])
		}
		write("SET g = :g", vals(":g", S("H")))
		p, _ = d.Read(ctx, &driver.Read{Table: "t", Index: "gsi"})
		if len(p.Items) != 1 || p.Items[0]["g"].Str() != "H" {
			t.Fatalf("moved GSI entry: %v", p.Items)
		}
		write("REMOVE g, gn", nil)
		expect("g and gn removed", 0, 0, 0, 1)
		if _, err := d.Write(ctx, &driver.Write{Table: "t", Kind: driver.Delete, Key: key}); err != nil {
			t.Fatal(err)
		}
		expect("deleted", 0, 0, 0, 0)
	})
}
