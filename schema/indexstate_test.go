package schema

import (
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

// withIndex returns provisionedTable with g-b in the given status and
// Backfilling (nil: absent).
func withIndex(status string, backfilling *bool) *TableDescription {
	d := provisionedTable()
	d.GlobalSecondaryIndexes[0].IndexStatus = status
	d.GlobalSecondaryIndexes[0].Backfilling = backfilling
	return d
}

// TestIndexesInFlight: index changes that collide with an index being
// created or deleted are refused before the actions' own checks.
func TestIndexesInFlight(t *testing.T) {
	no, yes := false, true
	const limit = "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"
	tests := []struct {
		name  string
		table *TableDescription
		req   UpdateTableRequest
		code  apierr.Code
		want  string
	}{
		{"create the allocating index again", withIndex(StatusCreating, &no),
			UpdateTableRequest{TableName: "tbl", AttributeDefinitions: defs("b"), GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-b", "b", pt(1, 1))}},
			apierr.ResourceInUse, "Attempt to change a resource which is still in use: Index is being created."},
		// Without AttributeDefinitions or throughput: the state wins.
		{"create another while allocating", withIndex(StatusCreating, &no),
			UpdateTableRequest{TableName: "tbl", GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-c", "c", nil)}},
			apierr.LimitExceeded, limit},
		{"create another while backfilling", withIndex(StatusCreating, &yes),
			UpdateTableRequest{TableName: "tbl", AttributeDefinitions: defs("c"), GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-c", "c", pt(1, 1))}},
			apierr.LimitExceeded, limit},
		{"create another while deleting", withIndex(StatusDeleting, nil),
			UpdateTableRequest{TableName: "tbl", AttributeDefinitions: defs("c"), GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{createG("g-c", "c", pt(1, 1))}},
			apierr.LimitExceeded, limit},
		{"update while allocating", withIndex(StatusCreating, &no),
			UpdateTableRequest{TableName: "tbl", GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{updateG("g-b", pt(3, 3))}},
			apierr.ResourceInUse, "Attempt to change a resource which is still in use: Index is being created but not backfilling."},
		{"update while deleting", withIndex(StatusDeleting, nil),
			UpdateTableRequest{TableName: "tbl", GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{updateG("g-b", pt(3, 3))}},
			apierr.ResourceInUse, "Attempt to change a resource which is still in use: Index is being deleted. Table: tbl Index: g-b"},
		{"delete while allocating", withIndex(StatusCreating, &no),
			UpdateTableRequest{TableName: "tbl", GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{deleteG("g-b")}},
			apierr.ResourceInUse, "Attempt to change a resource which is still in use: Index creation is in resource allocation phase. " +
				"Retry deletion during backfilling phase or when the index is active. Table: tbl Index: g-b"},
		{"delete again while deleting", withIndex(StatusDeleting, nil),
			UpdateTableRequest{TableName: "tbl", GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{deleteG("g-b")}},
			apierr.LimitExceeded, limit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantErr(t, ValidateUpdateTable(tt.table, &tt.req), tt.code, tt.want)
		})
	}
	// A backfilling index may be updated or deleted.
	for _, u := range []GlobalSecondaryIndexUpdate{updateG("g-b", pt(3, 3)), deleteG("g-b")} {
		req := UpdateTableRequest{TableName: "tbl", GlobalSecondaryIndexUpdates: []GlobalSecondaryIndexUpdate{u}}
		if err := ValidateUpdateTable(withIndex(StatusCreating, &yes), &req); err != nil {
			t.Errorf("%+v during backfill: %v", u, err)
		}
	}
}
