package kvs_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
)

// BenchmarkGetInto is BenchmarkGet on both engines (mem://, and file://
// unsynced, which reads the same), into a struct and into an attr.Item, and
// GetItem at the DB level: the read paths of the Get target
// (docs/api-bench.md, "Issue targets" (a)).
//
//	go test -run '^$' -bench GetInto -benchtime 2s -count 3 -cpu 2 -benchmem .
func BenchmarkGetInto(b *testing.B) {
	for _, scheme := range []string{"mem", "file"} {
		b.Run(scheme, func(b *testing.B) {
			u := "mem://"
			if scheme == "file" {
				u = "file://" + b.TempDir() + "?sync=false"
			}
			db, st := benchStoreAt(b, u)
			preload(b, st, 100, 100)
			ctx := context.Background()
			b.Run("struct", func(b *testing.B) {
				var it benchItem
				benchGets(b, func(i int) (bool, error) {
					return st.Get(ctx, kvs.PKSK("p"+strconv.Itoa(i%100), (i/100)%100), &it)
				})
			})
			b.Run("item", func(b *testing.B) {
				var it attr.Item
				benchGets(b, func(i int) (bool, error) {
					return st.Get(ctx, kvs.PKSK("p"+strconv.Itoa(i%100), (i/100)%100), &it)
				})
			})
			b.Run("GetItem", func(b *testing.B) {
				benchGets(b, func(i int) (bool, error) {
					out, err := db.GetItem(ctx, &kvs.GetItemInput{TableName: "bench", Key: attr.Item{
						"pk": attr.S("p" + strconv.Itoa(i%100)), "sk": attr.N(strconv.Itoa((i / 100) % 100))}})
					return err == nil && out.Item != nil, err
				})
			})
		})
	}
}

func benchGets(b *testing.B, get func(i int) (bool, error)) {
	b.ReportAllocs()
	defer cpuPerOp(b)()
	for i := 0; b.Loop(); i++ {
		if found, err := get(i); err != nil || !found {
			b.Fatal(found, err)
		}
	}
}
