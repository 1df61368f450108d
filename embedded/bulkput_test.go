package embedded

import (
	"fmt"
	"testing"
	"time"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

func bulkItems(from, to int, v string) []attr.Item {
	var out []attr.Item
	for i := from; i < to; i++ {
		out = append(out, attr.Item{"pk": S(fmt.Sprint("p", i%7)), "sk": N(fmt.Sprint(i)), "v": S(v), "g": S("x"), "gn": N("1")})
	}
	return out
}

// waitStatsSettled waits until no lazy recount is pending or running.
func waitStatsSettled(t *testing.T, d *Driver) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		d.lazy.mu.Lock()
		busy := d.lazy.running || len(d.lazy.stale) > 0
		d.lazy.mu.Unlock()
		if !busy {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("statistics recount did not finish")
		}
		time.Sleep(time.Millisecond)
	}
}

func wantStats(t *testing.T, d *Driver, table string, items []attr.Item) {
	t.Helper()
	desc, err := d.DescribeTable(ctx, table)
	if err != nil {
		t.Fatal(err)
	}
	var size int64
	for _, it := range items {
		size += int64(it.Size())
	}
	if desc.ItemCount != int64(len(items)) || desc.TableSizeBytes != size {
		t.Fatalf("%s: ItemCount %d TableSizeBytes %d, want %d and %d", table, desc.ItemCount, desc.TableSizeBytes, len(items), size)
	}
}

// TestPutManyBlindStats: blind writes count overwrites as new items until
// the recount, which makes the counters exact even with other writes in
// between.
func TestPutManyBlindStats(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		d.lazy.delay = time.Hour // recounted by hand below
		mustCreate(t, d, plainDef("t"))
		if err := d.PutMany(ctx, "t", bulkItems(0, 100, "a")); err != nil {
			t.Fatal(err)
		}
		// 50 overwrites and 50 new items, each one larger.
		if err := d.PutMany(ctx, "t", bulkItems(50, 150, "bb")); err != nil {
			t.Fatal(err)
		}
		desc, _ := d.DescribeTable(ctx, "t")
		if desc.ItemCount != 200 || !d.statsStale() {
			t.Fatalf("before the recount: ItemCount %d (stale %v), want the upper bound 200", desc.ItemCount, d.statsStale())
		}
		mustPut(t, d, "t", attr.Item{"pk": S("z"), "sk": N("1")})
		if err := d.recountOneStale(ctx); err != nil {
			t.Fatal(err)
		}
		if d.statsStale() {
			t.Fatal("still stale after the recount")
		}
		want := append(bulkItems(0, 50, "a"), bulkItems(50, 150, "bb")...)
		want = append(want, attr.Item{"pk": S("z"), "sk": N("1")})
		wantStats(t, d, "t", want)
		for _, it := range []attr.Item{want[0], want[120]} {
			if got := mustGet(t, d, "t", attr.Item{"pk": it["pk"], "sk": it["sk"]}); !attr.ItemsEqual(got, it) {
				t.Fatalf("got %v, want %v", got, it)
			}
		}
	})
}

// TestPutManyBackgroundRecount: the recount runs by itself once blind
// writes pause.
func TestPutManyBackgroundRecount(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		d.lazy.delay = 10 * time.Millisecond
		mustCreate(t, d, plainDef("t"))
		for i := range 5 {
			if err := d.PutMany(ctx, "t", bulkItems(i*100, i*100+blindMinItems+50, "a")); err != nil {
				t.Fatal(err)
			}
		}
		waitStatsSettled(t, d)
		wantStats(t, d, "t", bulkItems(0, 400+blindMinItems+50, "a"))
	})
}

// TestPutManyIndexed: on a table with indexes PutMany reads the old items
// and keeps indexes and statistics exact at once (checkConsistency at
// cleanup checks the index entries).
func TestPutManyIndexed(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		if err := d.PutMany(ctx, "t", bulkItems(0, 60, "a")); err != nil {
			t.Fatal(err)
		}
		if err := d.PutMany(ctx, "t", bulkItems(30, 90, "bb")); err != nil {
			t.Fatal(err)
		}
		if d.statsStale() {
			t.Fatal("indexed table marked stale")
		}
		wantStats(t, d, "t", append(bulkItems(0, 30, "a"), bulkItems(30, 90, "bb")...))
		desc, _ := d.DescribeTable(ctx, "t")
		for _, x := range desc.GlobalSecondaryIndexes {
			if x.IndexName == "gsi" && x.ItemCount != 90 {
				t.Fatalf("gsi ItemCount %d, want 90", x.ItemCount)
			}
		}
	})
}

// TestPutManyErrors: a missing table is ResourceNotFoundException.
func TestPutManyErrors(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		err := d.PutMany(ctx, "nope", bulkItems(0, 1, "a"))
		wantCode(t, err, apierr.ResourceNotFound, msgNotFound)
	})
}

// TestPutManyStaleAtClose: a driver closed before its recount leaves the
// store dirty, so the next Open recounts and reports exact statistics.
func TestPutManyStaleAtClose(t *testing.T) {
	dir := t.TempDir()
	d, err := OpenDir(dir, Options{TTLSweepInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	d.lazy.delay = time.Hour
	mustCreate(t, d, plainDef("t"))
	for range 2 {
		if err := d.PutMany(ctx, "t", bulkItems(0, blindMinItems, "a")); err != nil {
			t.Fatal(err)
		}
	}
	if !d.statsStale() {
		t.Fatal("not stale after blind writes")
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	d, err = OpenDir(dir, Options{TTLSweepInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	waitBackground(t, d)
	wantStats(t, d, "t", bulkItems(0, blindMinItems, "a"))
}

// TestPutManySmall: fewer than blindMinItems items are written exactly.
func TestPutManySmall(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, plainDef("t"))
		for range 2 {
			if err := d.PutMany(ctx, "t", bulkItems(0, blindMinItems-1, "a")); err != nil {
				t.Fatal(err)
			}
		}
		if d.statsStale() {
			t.Fatal("stale after a small PutMany")
		}
		wantStats(t, d, "t", bulkItems(0, blindMinItems-1, "a"))
	})
}
