package kvs_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
)

// TestGetItemJSONMatchesGetItem: GetItemJSON's item parses to GetItem's
// item (multi-attribute, nested, every type) and its other results equal
// GetItem's, for every capacity mode, consistency, projection, a missing
// item and the errors, on both engines.
func TestGetItemJSONMatchesGetItem(t *testing.T) {
	for name, db := range map[string]*kvs.DB{"mem": openMem(t), "file": openFile(t)} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			createPostsTable(t, db)
			item := attr.Item{
				"user": attr.S("ann"), "n": attr.N("1"), "s": attr.S("q\"uote\n😀</>"), "b": attr.B([]byte{0, 255}),
				"t": attr.BOOL(true), "z": attr.NULL(), "ss": attr.SS("x", "y"), "ns": attr.NS("1", "-2.5"),
				"bs": attr.BS([]byte("a"), []byte{1}), "l": attr.L(attr.N("3"), attr.L(), attr.M(nil)),
				"m": attr.M(map[string]attr.Value{"k": attr.S("v"), "k2": attr.M(map[string]attr.Value{"deep": attr.L(attr.S("x"))})}),
			}
			if _, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "posts", Item: item}); err != nil {
				t.Fatal(err)
			}
			yes := true
			for _, in := range []kvs.GetItemInput{
				{TableName: "posts", Key: attr.Item{"user": attr.S("ann"), "n": attr.N("1")}},
				{TableName: "posts", Key: attr.Item{"user": attr.S("ann"), "n": attr.N("1")}, ReturnConsumedCapacity: "INDEXES", ConsistentRead: &yes},
				{TableName: "posts", Key: attr.Item{"user": attr.S("ann"), "n": attr.N("1")}, ReturnConsumedCapacity: "TOTAL"},
				{TableName: "posts", Key: attr.Item{"user": attr.S("ann"), "n": attr.N("1")}, ReturnConsumedCapacity: "NONE"},
				{TableName: "posts", Key: attr.Item{"user": attr.S("bob"), "n": attr.N("1")}, ReturnConsumedCapacity: "TOTAL"},
				{TableName: "posts", Key: attr.Item{"user": attr.S("ann"), "n": attr.N("1")}, ProjectionExpression: "m.k2, l[0]"},
				{TableName: "posts", Key: attr.Item{"user": attr.S("ann")}},
				{TableName: "posts", Key: attr.Item{"user": attr.S("ann"), "n": attr.N("1")}, ReturnConsumedCapacity: "BAD"},
				{TableName: "nope", Key: attr.Item{"user": attr.S("ann"), "n": attr.N("1")}},
			} {
				want, werr := db.GetItem(ctx, &in)
				out, js, found, err := db.GetItemJSON(ctx, &in, []byte("prefix"))
				if (err == nil) != (werr == nil) || (err != nil && err.Error() != werr.Error()) {
					t.Errorf("%+v: GetItemJSON error %v, GetItem error %v", in, err, werr)
					continue
				}
				if err != nil {
					continue
				}
				if string(js[:6]) != "prefix" || found != (want.Item != nil) {
					t.Errorf("%+v: dst %q, found %v; GetItem's item %v", in, js, found, want.Item)
					continue
				}
				if found {
					got, err := attr.ParseItemJSON(js[6:])
					if err != nil || !attr.ItemsEqual(got, want.Item) {
						t.Errorf("%+v: JSON %s parses to %v (%v), GetItem's item %v", in, js[6:], got, err, want.Item)
					}
				} else if len(js) != 6 {
					t.Errorf("%+v: no item, but dst grew to %q", in, js)
				}
				want.Item = nil
				if !reflect.DeepEqual(out, want) {
					t.Errorf("%+v: GetItemJSON output %+v, GetItem's %+v", in, out, want)
				}
			}
		})
	}
}
