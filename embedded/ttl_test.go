package embedded

import (
	"strconv"
	"testing"
	"time"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/schema"
)

func TestTTL(t *testing.T) {
	for _, k := range engineKinds {
		t.Run(k.name, func(t *testing.T) {
			clock := &fakeClock{now: time.Unix(2_000_000_000, 0)}
			d := openTest(t, k, t.TempDir(), Options{Clock: clock.Now})
			mustCreate(t, d, testDef("t"))
			if err := d.UpdateTimeToLive(ctx, "t", schema.TimeToLiveSpecification{AttributeName: "exp", Enabled: true}); err != nil {
				t.Fatal(err)
			}
			now := clock.now.Unix()
			sec := func(off int64) attr.Value { return attr.N(strconv.FormatInt(now+off, 10)) }
			items := []struct {
				sk     string
				exp    attr.Value
				expire bool
			}{
				{"1", sec(-1), true},
				{"2", sec(100), false},
				{"3", attr.S("1"), false},               // not a number
				{"4", sec(-6 * 365 * 24 * 3600), false}, // more than five years ago
				{"5", attr.N("1999999999.5"), true},     // fractional, in the past
				{"6", sec(0), false},                    // not yet in the past
				{"7", attr.Value{}, false},              // no TTL attribute
			}
			for _, it := range items {
				item := attr.Item{"pk": S("p"), "sk": N(it.sk), "g": S("G")}
				if !it.exp.IsZero() {
					item["exp"] = it.exp
				}
				mustPut(t, d, "t", item)
			}
			// Expired items stay readable until a sweep.
			if mustGet(t, d, "t", attr.Item{"pk": S("p"), "sk": N("1")}) == nil {
				t.Fatal("expired item vanished before the sweep")
			}
			if err := d.SweepTTL(ctx); err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				got := mustGet(t, d, "t", attr.Item{"pk": S("p"), "sk": N(it.sk)})
				if (got == nil) != it.expire {
					t.Errorf("item %s: present %v, want expired %v", it.sk, got != nil, it.expire)
				}
			}
			p, _ := d.Read(ctx, &driver.Read{Table: "t", Index: "gsi"})
			desc, _ := d.DescribeTable(ctx, "t")
			if len(p.Items) != 5 || desc.ItemCount != 5 || desc.GlobalSecondaryIndexes[0].ItemCount != 5 {
				t.Fatalf("after sweep: %d index entries, ItemCount %d", len(p.Items), desc.ItemCount)
			}
			// Time passes: item 2 expires too.
			clock.now = clock.now.Add(101 * time.Second)
			if err := d.SweepTTL(ctx); err != nil {
				t.Fatal(err)
			}
			if mustGet(t, d, "t", attr.Item{"pk": S("p"), "sk": N("2")}) != nil {
				t.Fatal("item 2 not expired")
			}
		})
	}
}

// TestTTLSweeper lets the background sweeper do the work.
func TestTTLSweeper(t *testing.T) {
	clock := &fakeClock{now: time.Unix(2_000_000_000, 0)}
	d := openTest(t, engineKinds[0], "", Options{Clock: clock.Now, TTLSweepInterval: 5 * time.Millisecond})
	mustCreate(t, d, testDef("t"))
	if err := d.UpdateTimeToLive(ctx, "t", schema.TimeToLiveSpecification{AttributeName: "exp", Enabled: true}); err != nil {
		t.Fatal(err)
	}
	mustPut(t, d, "t", attr.Item{"pk": S("p"), "sk": N("1"), "exp": N("1999999999")})
	deadline := time.Now().Add(5 * time.Second)
	for mustGet(t, d, "t", attr.Item{"pk": S("p"), "sk": N("1")}) != nil {
		if time.Now().After(deadline) {
			t.Fatal("sweeper did not delete the expired item")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
