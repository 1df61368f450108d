package server

import (
	"context"
	"testing"

	"github.com/kvs-project/kvs"
)

// openTestDB returns a fresh in-memory kvs DB for end-to-end tests.
func openTestDB(t testing.TB) *kvs.DB {
	t.Helper()
	db, err := kvs.Open(context.Background(), "mem://", kvs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
