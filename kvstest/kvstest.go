// Package kvstest gives tests a fresh kvs database: in memory, private to
// the test, closed when the test ends. It is the Go counterpart of the
// in-memory test runtime: no server, no files, no setup.
//
//	func TestSignup(t *testing.T) {
//		users := kvstest.NewStore(t, kvs.StoreDef{Name: "users", PartitionKey: kvs.KeyAttr{Name: "id"}})
//		...
//	}
package kvstest

import (
	"context"
	"testing"

	"github.com/kvs-project/kvs"
)

// New returns a fresh, empty in-memory database (mem://), closed with
// t.Cleanup. Each call returns a new database: tests never share state.
func New(t testing.TB) *kvs.DB {
	t.Helper()
	db, err := kvs.Open(context.Background(), "mem://", kvs.Options{})
	if err != nil {
		t.Fatalf("kvstest: open mem://: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("kvstest: close: %v", err)
		}
	})
	return db
}

// NewStore returns a store defined by def in a fresh database (New).
func NewStore(t testing.TB, def kvs.StoreDef) *kvs.Store {
	t.Helper()
	s, err := New(t).DefineStore(context.Background(), def)
	if err != nil {
		t.Fatalf("kvstest: define store %s: %v", def.Name, err)
	}
	return s
}

// DefineStore defines another store in db, failing the test on error.
func DefineStore(t testing.TB, db *kvs.DB, def kvs.StoreDef) *kvs.Store {
	t.Helper()
	s, err := db.DefineStore(context.Background(), def)
	if err != nil {
		t.Fatalf("kvstest: define store %s: %v", def.Name, err)
	}
	return s
}
