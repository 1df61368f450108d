package memengine_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/memengine"
)

// A conditional update: read, decide, write, commit; retry on conflict.
func Example() {
	ctx := context.Background()
	db := memengine.New()
	defer db.Close()

	var b engine.Batch
	b.Set([]byte("user/1"), []byte("alice"))
	b.Set([]byte("user/2"), []byte("bob"))
	if _, err := db.Apply(ctx, &b); err != nil {
		panic(err)
	}

	for {
		tx, err := db.Begin(ctx)
		if err != nil {
			panic(err)
		}
		if _, err := tx.Get(ctx, []byte("user/3")); !errors.Is(err, engine.ErrNotFound) {
			tx.Discard()
			fmt.Println("user/3 exists")
			break
		}
		tx.Set([]byte("user/3"), []byte("carol"))
		if _, err = tx.Commit(ctx); errors.Is(err, engine.ErrConflict) {
			continue // someone interfered: run the transaction again
		} else if err != nil {
			panic(err)
		}
		break
	}

	snap, _ := db.NewSnapshot(ctx)
	defer snap.Close()
	it, _ := snap.NewIter(ctx, engine.IterOptions{Lower: []byte("user/"), Upper: []byte("user0"), Reverse: true})
	defer it.Close()
	for it.Next() {
		fmt.Printf("%s=%s\n", it.Key(), it.Value())
	}
	// Output:
	// user/3=carol
	// user/2=bob
	// user/1=alice
}
