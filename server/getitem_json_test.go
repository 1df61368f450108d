package server

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/kvs-project/kvs"
)

// plainAPI hides kvs.DB's GetItemJSON, so the server answers GetItem
// through GetItem and appendGetItemOutput.
type plainAPI struct{ kvs.API }

// TestGetItemJSONPath checks that the GetItem fast path (kvs.DB.GetItemJSON)
// answers what the general path answers: found or not, with
// and without ConsumedCapacity and a projection, and the errors.
func TestGetItemJSONPath(t *testing.T) {
	db := openTestDB(t)
	fast := startOn(t, leanTransport, db, Options{})
	plain := startOn(t, leanTransport, plainAPI{db}, Options{})
	if _, ok := any(plainAPI{db}).(itemJSONGetter); ok {
		t.Fatal("plainAPI still has the fast path")
	}
	r := post(t, fast, "CreateTable", `{"TableName":"tab","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],`+
		`"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`)
	if r.status != 200 {
		t.Fatalf("CreateTable: %s", r.body)
	}
	r = post(t, fast, "PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"},"v":{"L":[{"N":"1"},{"SS":["x","y"]},{"M":{"k":{"B":"AAE="}}}]}}}`)
	if r.status != 200 {
		t.Fatalf("PutItem: %s", r.body)
	}
	for _, body := range []string{
		`{"TableName":"tab","Key":{"pk":{"S":"a"}}}`,
		`{"TableName":"tab","Key":{"pk":{"S":"missing"}}}`,
		`{"TableName":"tab","Key":{"pk":{"S":"a"}},"ReturnConsumedCapacity":"TOTAL","ConsistentRead":true}`,
		`{"TableName":"tab","Key":{"pk":{"S":"missing"}},"ReturnConsumedCapacity":"INDEXES"}`,
		`{"TableName":"tab","Key":{"pk":{"S":"a"}},"ProjectionExpression":"v[1]"}`,
		`{"TableName":"tab","Key":{"pk":{"S":"a"}},"ProjectionExpression":"nothing"}`,
		`{"TableName":"tab","Key":{"pk":{"N":"1"}}}`,
		`{"TableName":"nope","Key":{"pk":{"S":"a"}}}`,
	} {
		got, want := post(t, fast, "GetItem", body), post(t, plain, "GetItem", body)
		// The same JSON, member order aside: the general path writes an
		// item's attributes in Go map order, the fast path in stored order.
		var g, w any
		gerr, werr := json.Unmarshal(got.body, &g), json.Unmarshal(want.body, &w)
		if got.status != want.status || gerr != nil || werr != nil || !reflect.DeepEqual(g, w) {
			t.Errorf("GetItem %s\nfast path: %d %s\n  general: %d %s", body, got.status, got.body, want.status, want.body)
		}
	}
}
