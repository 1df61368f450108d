package kvs

import (
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/expr"
)

// checkKeyPaths rejects a document path that dereferences a primary key
// attribute of the table (pk.a, sk[0]) in a condition, filter or
// projection. Key attributes are scalars, so DynamoDB refuses such a path
// up front with the same text as in a KeyConditionExpression, before it
// reads the item: a ConditionExpression attribute_exists(pk[0]) is a
// ValidationException, never a failed condition (DynamoDB Local's answer,
// found by tools/difftest).
func checkKeyPaths(key expr.KeySchema, rs resolvedSet) error {
	var paths []expr.Path
	for _, c := range []expr.Cond{rs.condition, rs.filter} {
		if c != nil {
			paths = append(paths, expr.CondPaths(c)...)
		}
	}
	if rs.projection != nil {
		paths = append(paths, rs.projection.Paths...)
	}
	for _, p := range paths {
		if len(p) < 2 {
			continue
		}
		if top := p.Top(); top == key.Hash || (key.Range != "" && top == key.Range) {
			return apierr.Validationf("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: %s", top)
		}
	}
	return nil
}
