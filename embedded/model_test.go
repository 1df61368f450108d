package embedded

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/expr"
)

// TestModel runs random writes (single and transactional, with and without
// conditions) against the driver and a map, compares every result, and then
// compares every query and scan of the table and its indexes with the map.
// The cleanup's consistency check covers index entries and statistics.
func TestModel(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		r := rand.New(rand.NewPCG(1, 2))
		model := map[string]attr.Item{}
		mkey := func(k attr.Item) string { return k["pk"].Str() + "/" + k["sk"].Str() }
		randKey := func() attr.Item {
			return attr.Item{"pk": S(fmt.Sprint("p", r.IntN(4))), "sk": N(itoa(r.IntN(6) - 2))}
		}
		randItem := func() attr.Item {
			it := randKey()
			if r.IntN(3) > 0 {
				it["g"] = S(fmt.Sprint("g", r.IntN(3)))
			}
			if r.IntN(2) == 0 {
				it["gn"] = N(itoa(r.IntN(3)))
			}
			if r.IntN(2) == 0 {
				it["l"] = N(itoa(r.IntN(5)))
			}
			if r.IntN(2) == 0 {
				it["a"] = S(fmt.Sprint("a", r.IntN(9)))
			}
			it["n"] = N(itoa(r.IntN(3)))
			return it
		}
		randCond := func() expr.Cond {
			switch r.IntN(4) {
			case 0:
				return cond(t, "attribute_not_exists(pk)", nil)
			case 1:
				return cond(t, "n = :v", vals(":v", N(itoa(r.IntN(3)))))
			}
			return nil
		}
		randWrite := func() *driver.Write {
			switch r.IntN(4) {
			case 0, 1:
				return &driver.Write{Table: "t", Kind: driver.Put, Item: randItem(), Condition: randCond()}
			case 2:
				var u *expr.Update
				switch r.IntN(3) {
				case 0:
					u = upd(t, "SET g = :g, l = :l", vals(":g", S(fmt.Sprint("g", r.IntN(3))), ":l", N(itoa(r.IntN(5)))))
				case 1:
					u = upd(t, "REMOVE g, gn", nil)
				default:
					u = upd(t, "ADD n :one SET gn = :n", vals(":one", N("1"), ":n", N(itoa(r.IntN(3)))))
				}
				return &driver.Write{Table: "t", Kind: driver.Update, Key: randKey(), Update: u, Condition: randCond()}
			}
			return &driver.Write{Table: "t", Kind: driver.Delete, Key: randKey(), Condition: randCond()}
		}
		// apply computes a write's effect on the model: the new item (nil =
		// absent) or a failed condition.
		apply := func(w *driver.Write) (old, nw attr.Item, ok bool) {
			k := w.Key
			if k == nil {
				k = (&table{pk: "pk", sk: "sk"}).keyOf(w.Item)
			}
			old = model[mkey(k)]
			if w.Condition != nil && !expr.Eval(w.Condition, old) {
				return old, nil, false
			}
			switch w.Kind {
			case driver.Put:
				nw = w.Item
			case driver.Update:
				base := old
				if base == nil {
					base = attr.Item{"pk": k["pk"], "sk": k["sk"]}
				}
				var err error
				if nw, _, err = w.Update.Apply(base); err != nil {
					t.Fatal(err)
				}
			}
			return old, nw, true
		}
		set := func(k attr.Item, it attr.Item) {
			if it == nil {
				delete(model, mkey(k))
			} else {
				model[mkey(k)] = it
			}
		}
		for step := range 400 {
			if r.IntN(5) == 0 {
				n := 2 + r.IntN(3)
				var ws []*driver.Write
				seen := map[string]bool{}
				for len(ws) < n {
					w := randWrite()
					k := w.Key
					if k == nil {
						k = w.Item
					}
					if !seen[mkey(k)] {
						seen[mkey(k)] = true
						ws = append(ws, w)
					}
				}
				allOK := true
				news := make([]attr.Item, len(ws))
				for i, w := range ws {
					_, nw, ok := apply(w)
					allOK = allOK && ok
					news[i] = nw
				}
				err := d.TransactWrite(ctx, &driver.TransactWrite{Writes: ws})
				if allOK != (err == nil) || (!allOK && !apierr.Is(err, apierr.TransactionCanceled)) {
					t.Fatalf("step %d: transaction err %v, model ok %v", step, err, allOK)
				}
				if allOK {
					for i, w := range ws {
						k := w.Key
						if k == nil {
							k = w.Item
						}
						set(k, news[i])
					}
				}
				continue
			}
			w := randWrite()
			old, nw, ok := apply(w)
			res, err := d.Write(ctx, w)
			if !ok {
				e := wantCode(t, err, apierr.ConditionalCheckFailed, "The conditional request failed")
				if got, _ := e.Item.(attr.Item); !attr.ItemsEqual(got, old) {
					t.Fatalf("step %d: failed-condition item %v, want %v", step, got, old)
				}
				continue
			}
			if err != nil {
				t.Fatalf("step %d: %v", step, err)
			}
			if !attr.ItemsEqual(res.Old, old) || !attr.ItemsEqual(res.New, nw) {
				t.Fatalf("step %d: old/new %v %v, want %v %v", step, res.Old, res.New, old, nw)
			}
			k := w.Key
			if k == nil {
				k = w.Item
			}
			set(k, nw)
		}
		// Every key reads back as in the model.
		for p := range 4 {
			for s := -2; s < 4; s++ {
				k := attr.Item{"pk": S(fmt.Sprint("p", p)), "sk": N(itoa(s))}
				if got := mustGet(t, d, "t", k); !attr.ItemsEqual(got, model[mkey(k)]) {
					t.Fatalf("%v = %v, want %v", k, got, model[mkey(k)])
				}
			}
		}
		// Queries of the table and of every index, paged with random limits,
		// in both directions.
		type target struct {
			index string
			ks    expr.KeySchema
		}
		targets := []target{
			{"", tableKS},
			{"gsi", expr.KeySchema{Hash: "g", HashType: attr.TypeS, Range: "sk", RangeType: attr.TypeN}},
			{"gkeys", expr.KeySchema{Hash: "g", HashType: attr.TypeS}},
			{"ginc", expr.KeySchema{Hash: "gn", HashType: attr.TypeN}},
			{"lsi", expr.KeySchema{Hash: "pk", HashType: attr.TypeS, Range: "l", RangeType: attr.TypeN}},
		}
		for _, tg := range targets {
			hashes := map[string]attr.Value{}
			for _, it := range model {
				if v, ok := it[tg.ks.Hash]; ok {
					hashes[v.String()] = v
				}
			}
			for _, hv := range hashes {
				var want []attr.Item
				for _, it := range model {
					if attr.Equal(it[tg.ks.Hash], hv) && (tg.ks.Range == "" || !it[tg.ks.Range].IsZero()) {
						want = append(want, it)
					}
				}
				for _, fwd := range []bool{true, false} {
					got, _ := readAll(t, d, driver.Read{Table: "t", Index: tg.index, Forward: fwd, Limit: 1 + r.IntN(4),
						KeyCondition: keyCond(t, tg.ks.Hash+" = :h", vals(":h", hv), tg.ks)})
					if len(got) != len(want) {
						t.Fatalf("query %q %v: %d items, want %d", tg.index, hv, len(got), len(want))
					}
					if tg.ks.Range != "" {
						ok := sort.SliceIsSorted(got, func(i, j int) bool {
							c, _ := attr.Compare(got[i][tg.ks.Range], got[j][tg.ks.Range])
							if fwd {
								return c < 0
							}
							return c > 0
						})
						if !ok {
							t.Fatalf("query %q %v: out of order", tg.index, hv)
						}
					}
					for _, g := range got {
						full := model[mkey(g)]
						if full == nil {
							t.Fatalf("query %q: item %v not in the model", tg.index, g)
						}
						for name, v := range g {
							if !attr.Equal(full[name], v) {
								t.Fatalf("query %q: item %v differs from %v", tg.index, g, full)
							}
						}
					}
				}
			}
		}
	})
}
