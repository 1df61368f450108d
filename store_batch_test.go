package kvs_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/kvstest"
)

// TestUpsertManyBulk: on the embedded driver UpsertMany writes in large
// chunks without reading: repeated keys keep the last item, an invalid item
// fails the call before anything is written, and ItemCount becomes exact
// after the background recount.
func TestUpsertManyBulk(t *testing.T) {
	ctx := context.Background()
	for _, u := range []string{"mem://", "file://" + t.TempDir() + "?sync=false"} {
		db, err := kvs.Open(ctx, u, kvs.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		st := kvstest.DefineStore(t, db, kvs.StoreDef{Name: "bulk", PartitionKey: kvs.KeyAttr{Name: "id", Type: kvs.Number}})
		var items []attr.Item
		for i := range 2500 {
			items = append(items, attr.Item{"id": attr.N(strconv.Itoa(i % 2000)), "v": attr.N(strconv.Itoa(i))})
		}
		if err := st.UpsertMany(ctx, items); err != nil {
			t.Fatal(err)
		}
		// 500 overwrites, counted as new until the recount.
		if err := st.UpsertMany(ctx, items[2000:]); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int{0, 499, 500, 1999} {
			var got attr.Item
			if found, err := st.Get(ctx, kvs.PK(id), &got); err != nil || !found {
				t.Fatalf("%s: Get %d: %v %v", u, id, found, err)
			}
			want := id
			if id < 500 {
				want = id + 2000 // the later of the two items wins
			}
			if got["v"].String() != attr.N(strconv.Itoa(want)).String() {
				t.Fatalf("%s: item %d = %v, want v %d", u, id, got, want)
			}
		}
		bad := []attr.Item{{"id": attr.N("5000")}, {"id": attr.S("not a number")}}
		err = st.UpsertMany(ctx, bad)
		if !apierr.Is(err, apierr.Validation) {
			t.Fatalf("%s: UpsertMany of a wrongly typed key: %v", u, err)
		}
		var got attr.Item
		if found, _ := st.Get(ctx, kvs.PK(5000), &got); found {
			t.Fatalf("%s: an item of a failed UpsertMany was written", u)
		}
		big := []attr.Item{{"id": attr.N("1"), "b": attr.S(strings.Repeat("x", 400*1024))}}
		if err := st.UpsertMany(ctx, big); !apierr.Is(err, apierr.Validation) {
			t.Fatalf("%s: UpsertMany of a 400 KB item: %v", u, err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			desc, err := db.DescribeTable(ctx, &kvs.DescribeTableInput{TableName: "bulk"})
			if err != nil {
				t.Fatal(err)
			}
			if desc.Table.ItemCount == 2000 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: ItemCount %d after the recount, want 2000", u, desc.Table.ItemCount)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// TestUpsertManyWindows: a call larger than UpsertMany's marshalling window
// keeps the last item of keys repeated across windows.
func TestUpsertManyWindows(t *testing.T) {
	ctx := context.Background()
	st := kvstest.NewStore(t, kvs.StoreDef{Name: "win", PartitionKey: kvs.KeyAttr{Name: "id", Type: kvs.Number}})
	items := make([]attr.Item, 40000)
	for i := range items {
		items[i] = attr.Item{"id": attr.N(strconv.Itoa(i % 20000)), "v": attr.N(strconv.Itoa(i))}
	}
	if err := st.UpsertMany(ctx, items); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int{0, 15000, 16383, 16384, 19999} {
		var got attr.Item
		if found, err := st.Get(ctx, kvs.PK(id), &got); err != nil || !found {
			t.Fatalf("Get %d: %v %v", id, found, err)
		}
		if got["v"].String() != attr.N(strconv.Itoa(id+20000)).String() {
			t.Fatalf("item %d = %v, want v %d", id, got, id+20000)
		}
	}
}

// panicky panics when marshalled with a negative N.
type panicky struct{ N int }

func (p panicky) MarshalAttr() (attr.Value, error) {
	if p.N < 0 {
		panic("panicky: negative")
	}
	return attr.N(strconv.Itoa(p.N)), nil
}

// TestUpsertManyMarshalPanic: a panic in a MarshalAttr method run by one of
// UpsertMany's marshalling goroutines reaches the caller's goroutine (it
// would otherwise end the process), and nothing of the window is written.
func TestUpsertManyMarshalPanic(t *testing.T) {
	ctx := context.Background()
	db := kvstest.New(t)
	st := kvstest.DefineStore(t, db, kvs.StoreDef{Name: "bulkp", PartitionKey: kvs.KeyAttr{Name: "id", Type: kvs.Number}})
	type row struct {
		ID int     `dynamodbav:"id"`
		P  panicky `dynamodbav:"p"`
	}
	rows := make([]row, 5000)
	for i := range rows {
		rows[i] = row{ID: i, P: panicky{N: i}}
	}
	rows[4321].P.N = -1
	func() {
		defer func() {
			if p := recover(); p != "panicky: negative" {
				t.Fatalf("recovered %v, want the MarshalAttr panic", p)
			}
		}()
		st.UpsertMany(ctx, rows)
		t.Fatal("UpsertMany returned")
	}()
	var out row
	if found, err := st.Get(ctx, kvs.PK(0), &out); err != nil || found {
		t.Fatalf("item 0 found=%v err=%v: nothing of the window should be written", found, err)
	}
}
