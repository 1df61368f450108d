package embedded

import (
	"maps"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/expr"
)

// applyUpdate applies a resolved update to base (never modified). A nil
// update (UpdateItem without an UpdateExpression) leaves the item as it is,
// which creates an item of just its key when there was none.
func applyUpdate(u *expr.Update, base attr.Item) (attr.Item, []expr.Path, error) {
	if u == nil {
		return maps.Clone(base), nil, nil
	}
	return u.Apply(base)
}
