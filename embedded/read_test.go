package embedded

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/expr"
)

// sks returns the sort keys of items as text.
func sks(items []attr.Item) string {
	var b []string
	for _, it := range items {
		b = append(b, it["sk"].Str())
	}
	return strings.Join(b, ",")
}

func TestQuery(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		for _, pk := range []string{"a", "b", "c"} {
			for i := -3; i <= 6; i++ {
				mustPut(t, d, "t", attr.Item{"pk": S(pk), "sk": N(itoa(i)), "odd": attr.BOOL(i%2 != 0)})
			}
		}
		cases := []struct {
			kc      string
			v       map[string]attr.Value
			forward bool
			want    string
		}{
			{"pk = :p", vals(":p", S("b")), true, "-3,-2,-1,0,1,2,3,4,5,6"},
			{"pk = :p", vals(":p", S("b")), false, "6,5,4,3,2,1,0,-1,-2,-3"},
			{"pk = :p AND sk = :s", vals(":p", S("b"), ":s", N("2")), true, "2"},
			{"pk = :p AND sk < :s", vals(":p", S("b"), ":s", N("0")), true, "-3,-2,-1"},
			{"pk = :p AND sk <= :s", vals(":p", S("b"), ":s", N("0")), true, "-3,-2,-1,0"},
			{"pk = :p AND sk > :s", vals(":p", S("b"), ":s", N("4")), true, "5,6"},
			{"pk = :p AND sk >= :s", vals(":p", S("b"), ":s", N("4")), false, "6,5,4"},
			{"pk = :p AND sk BETWEEN :a AND :b", vals(":p", S("b"), ":a", N("-1"), ":b", N("1")), true, "-1,0,1"},
			{"pk = :p AND sk BETWEEN :a AND :b", vals(":p", S("b"), ":a", N("-1.5"), ":b", N("0.5")), false, "0,-1"},
			{"pk = :p AND sk > :s", vals(":p", S("zz"), ":s", N("4")), true, ""},
		}
		for _, c := range cases {
			t.Run(c.kc+fmt.Sprint(c.v, c.forward), func(t *testing.T) {
				r := driver.Read{Table: "t", KeyCondition: keyCond(t, c.kc, c.v, tableKS), Forward: c.forward}
				p, err := d.Read(ctx, &r)
				if err != nil {
					t.Fatal(err)
				}
				if got := sks(p.Items); got != c.want || p.LastKey != nil {
					t.Fatalf("got %q (last %v), want %q", got, p.LastKey, c.want)
				}
				// Paging one item at a time gives the same items.
				r.Limit = 1
				all, pages := readAll(t, d, r)
				if got := sks(all); got != c.want {
					t.Fatalf("paged: got %q, want %q", got, c.want)
				}
				if n := len(all); pages != n+1 {
					t.Fatalf("pages = %d for %d items", pages, n)
				}
			})
		}
		// The filter applies after Limit: Scanned counts what was read.
		r := driver.Read{Table: "t", KeyCondition: keyCond(t, "pk = :p", vals(":p", S("a")), tableKS),
			Forward: true, Limit: 4, Filter: cond(t, "odd = :t", vals(":t", attr.BOOL(true)))}
		p, err := d.Read(ctx, &r)
		if err != nil {
			t.Fatal(err)
		}
		if p.Scanned != 4 || sks(p.Items) != "-3,-1" || !attr.ItemsEqual(p.LastKey, attr.Item{"pk": S("a"), "sk": N("0")}) {
			t.Fatalf("filtered page: scanned %d items %s last %v", p.Scanned, sks(p.Items), p.LastKey)
		}
	})
}

func TestQueryBeginsWith(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		def := testDef("s")
		def.AttributeDefinitions[1].AttributeType = "S"
		def.GlobalSecondaryIndexes, def.LocalSecondaryIndexes = nil, nil
		mustCreate(t, d, def)
		for _, s := range []string{"a", "ab", "abc", "abd", "ac", "b", "a\x00", "ab\x00c"} {
			mustPut(t, d, "s", attr.Item{"pk": S("p"), "sk": S(s)})
		}
		ks := expr.KeySchema{Hash: "pk", HashType: attr.TypeS, Range: "sk", RangeType: attr.TypeS}
		p, err := d.Read(ctx, &driver.Read{Table: "s", Forward: true,
			KeyCondition: keyCond(t, "pk = :p AND begins_with(sk, :b)", vals(":p", S("p"), ":b", S("ab")), ks)})
		if err != nil {
			t.Fatal(err)
		}
		if got := sks(p.Items); got != "ab,ab\x00c,abc,abd" {
			t.Fatalf("begins_with = %q", got)
		}
	})
}

// TestIndexQuery queries a GSI whose keys repeat, paging one item at a time:
// LastKey carries the table key and the index key, and paging sees every
// entry once.
func TestIndexQuery(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		for i := range 10 {
			mustPut(t, d, "t", attr.Item{"pk": S(fmt.Sprint("p", i%3)), "sk": N(itoa(i % 4)), "g": S("same")})
		}
		gks := expr.KeySchema{Hash: "g", HashType: attr.TypeS, Range: "sk", RangeType: attr.TypeN}
		r := driver.Read{Table: "t", Index: "gsi", Forward: true, Limit: 1,
			KeyCondition: keyCond(t, "g = :g", vals(":g", S("same")), gks)}
		p, err := d.Read(ctx, &r)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.LastKey) != 3 || p.LastKey["g"].Str() != "same" || p.LastKey["pk"].IsZero() || p.LastKey["sk"].IsZero() {
			t.Fatalf("index LastKey = %v", p.LastKey)
		}
		all, _ := readAll(t, d, r)
		// 10 puts over 12 distinct keys (p0..p2 × 0..3): i and i+12 never collide.
		if len(all) != 10 {
			t.Fatalf("got %d entries, want 10", len(all))
		}
		seen := map[string]bool{}
		prev := ""
		for _, it := range all {
			k := it["sk"].Str() + "/" + it["pk"].Str()
			if seen[k] || k < prev {
				t.Fatalf("entry %s repeated or out of order", k)
			}
			seen[k] = true
			prev = k
		}
		r.Forward = false
		back, _ := readAll(t, d, r)
		for i := range back {
			if !attr.ItemsEqual(back[i], all[len(all)-1-i]) {
				t.Fatalf("reverse order differs at %d", i)
			}
		}
	})
}

// TestParallelScan checks that the segments of every split are disjoint and
// together hold every item exactly once, on the table and on an index.
func TestParallelScan(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		const n = 500
		for i := range n {
			mustPut(t, d, "t", attr.Item{"pk": S(fmt.Sprint("k", i)), "sk": N("0"), "g": S(fmt.Sprint("g", i%7))})
		}
		for _, index := range []string{"", "gsi"} {
			for _, total := range []int{1, 2, 3, 7, 16} {
				seen := map[string]int{}
				for seg := range total {
					items, _ := readAll(t, d, driver.Read{Table: "t", Index: index, Segment: seg, TotalSegments: total, Limit: 37})
					for _, it := range items {
						seen[it["pk"].Str()]++
					}
				}
				if len(seen) != n {
					t.Fatalf("index %q, %d segments: %d distinct items, want %d", index, total, len(seen), n)
				}
				for k, c := range seen {
					if c != 1 {
						t.Fatalf("index %q, %d segments: %s seen %d times", index, total, k, c)
					}
				}
			}
		}
	})
}

// TestPageSizeLimit: a page stops once 1 MB of items has been read.
func TestPageSizeLimit(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		big := strings.Repeat("x", 100*1024)
		for i := range 25 {
			mustPut(t, d, "t", attr.Item{"pk": S("p"), "sk": N(itoa(i)), "data": S(big)})
		}
		r := driver.Read{Table: "t", Forward: true, KeyCondition: keyCond(t, "pk = :p", vals(":p", S("p")), tableKS)}
		p, err := d.Read(ctx, &r)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != 11 || p.LastKey == nil || p.ReadBytes < MaxPageBytes {
			t.Fatalf("first page: %d items, %d bytes, last %v", len(p.Items), p.ReadBytes, p.LastKey)
		}
		all, pages := readAll(t, d, r)
		if len(all) != 25 || pages != 3 {
			t.Fatalf("%d items in %d pages", len(all), pages)
		}
	})
}

// TestStartKeyChecks: an ExclusiveStartKey must satisfy the key condition,
// and lie in the scanned segment (DynamoDB Local's messages).
func TestStartKeyChecks(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		for i := range 20 {
			mustPut(t, d, "t", attr.Item{"pk": S(fmt.Sprint("p", i)), "sk": N("1")})
		}
		for _, c := range []struct {
			kc    string
			v     map[string]attr.Value
			start attr.Item
		}{
			{"pk = :p", vals(":p", S("p1")), attr.Item{"pk": S("p2"), "sk": N("1")}},
			{"pk = :p AND sk > :s", vals(":p", S("p1"), ":s", N("1")), attr.Item{"pk": S("p1"), "sk": N("1")}},
		} {
			_, err := d.Read(ctx, &driver.Read{Table: "t", KeyCondition: keyCond(t, c.kc, c.v, tableKS), StartKey: c.start})
			wantCode(t, err, apierr.Validation, "The provided starting key does not match the range key predicate")
		}
		p, err := d.Read(ctx, &driver.Read{Table: "t", KeyCondition: keyCond(t, "pk = :p AND sk >= :s", vals(":p", S("p1"), ":s", N("1")), tableKS),
			StartKey: attr.Item{"pk": S("p1"), "sk": N("1")}})
		if err != nil || len(p.Items) != 0 {
			t.Fatalf("start at the last item: %v %v", p, err)
		}
		// Each key lies in exactly one of two segments.
		for i := range 20 {
			k := attr.Item{"pk": S(fmt.Sprint("p", i)), "sk": N("1")}
			fails := 0
			for seg := range 2 {
				_, err := d.Read(ctx, &driver.Read{Table: "t", Segment: seg, TotalSegments: 2, StartKey: k})
				if err != nil {
					wantCode(t, err, apierr.Validation, "Exclusive start key must lie within the segment")
					fails++
				}
			}
			if fails != 1 {
				t.Fatalf("key %v rejected by %d of 2 segments", k, fails)
			}
		}
	})
}
