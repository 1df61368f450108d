package expr_test

import (
	"fmt"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/expr"
)

// A request's expressions are parsed (or fetched from a cache), resolved
// against its names and values with one Resolver, checked for unused
// placeholders, then used.
func Example() {
	cache := expr.NewCache(1000)
	params := expr.Params{
		Names:  map[string]string{"#s": "status"},
		Values: map[string]attr.Value{":open": attr.S("open"), ":one": attr.N("1")},
	}
	r := expr.NewResolver(params)

	cond, err := cache.Condition(expr.KindCondition, "#s = :open AND attribute_exists(pk)")
	if err == nil {
		cond, err = r.Condition(expr.KindCondition, cond)
	}
	upd, err2 := cache.Update("SET visits = if_not_exists(visits, :one) + :one")
	if err2 == nil {
		upd, err2 = r.Update(upd)
	}
	if err != nil || err2 != nil || r.Unused() != nil {
		fmt.Println(err, err2, r.Unused())
		return
	}

	item := attr.Item{"pk": attr.S("k"), "status": attr.S("open")}
	if expr.Eval(cond, item) {
		next, changed, err := upd.Apply(item)
		fmt.Println(next, err)
		fmt.Println("UPDATED_NEW:", expr.Extract(next, changed))
	}
	// Output:
	// {"pk":{"S":"k"},"status":{"S":"open"},"visits":{"N":"2"}} <nil>
	// UPDATED_NEW: {"visits":{"N":"2"}}
}
