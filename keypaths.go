package kvs

import (
	"context"
	"sort"
	"strings"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/expr"
	"github.com/kvs-project/kvs/schema"
)

// readPaths returns the paths the request reads, one group per
// expression: the condition or filter's, then the projection's.
func (rs resolvedSet) readPaths() [][]expr.Path {
	var groups [][]expr.Path
	for _, c := range []expr.Cond{rs.condition, rs.filter} {
		if c != nil {
			groups = append(groups, expr.CondPaths(c))
		}
	}
	if rs.projection != nil {
		groups = append(groups, rs.projection.Paths)
	}
	return groups
}

// checkKeyPaths rejects a document path that dereferences a primary key
// attribute of the table (pk.a, sk[0]) in a condition, filter or
// projection. Key attributes are scalars, so DynamoDB refuses such a path
// up front with the same text as in a KeyConditionExpression, before it
// reads the item: a ConditionExpression attribute_exists(pk[0]) is a
// ValidationException, never a failed condition (DynamoDB Local's answer,
// found by tools/difftest).
//
// Each expression is checked on its own (condition or filter, then
// projection), for the hash key before the range key: "sk[1], pk.a" names
// pk (DynamoDB Local; found by tools/difftest).
func checkKeyPaths(key expr.KeySchema, rs resolvedSet) error {
	groups := rs.readPaths()
	for _, paths := range groups {
		for _, name := range []string{key.Hash, key.Range} {
			if name == "" {
				continue
			}
			for _, p := range paths {
				if len(p) >= 2 && p.Top() == name {
					return apierr.Validationf("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: %s", name)
				}
			}
		}
	}
	return nil
}

// checkIndexKeyPaths refuses a path that reaches into a secondary index's
// key attribute (one that is not the table's): in a condition, filter or
// projection, and as an update's target, "Key attributes must be scalars;
// ...: IndexKey: gk", before the item is read (DynamoDB Local; found by
// tools/difftest).
func checkIndexKeyPaths(ti *tableInfo, rs resolvedSet) error {
	if len(ti.indexes) == 0 {
		return nil
	}
	// The local indexes' keys are checked before the global ones' ("gk.z,
	// ln[1]" names ln; DynamoDB Local).
	var names []string
	for _, ix := range ti.indexes {
		names = append(names, ix.name)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := ti.indexes[names[i]], ti.indexes[names[j]]
		if a.global != b.global {
			return !a.global
		}
		return a.name < b.name
	})
	seen := map[string]bool{ti.key.Hash: true, ti.key.Range: true, "": true}
	var indexKeys []string
	for _, n := range names {
		for _, k := range []string{ti.indexes[n].key.Hash, ti.indexes[n].key.Range} {
			if !seen[k] {
				seen[k] = true
				indexKeys = append(indexKeys, k)
			}
		}
	}
	groups := rs.readPaths()
	if rs.update != nil {
		var targets []expr.Path
		for _, a := range rs.update.Actions {
			targets = append(targets, a.Path)
		}
		groups = append(groups, targets)
	}
	for _, paths := range groups {
		for _, k := range indexKeys {
			for _, p := range paths {
				if len(p) >= 2 && p.Top() == k {
					return apierr.Validationf("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: %s", k)
				}
			}
		}
	}
	return nil
}

// checkFilterProjected rejects a filter on an index that reads attributes
// the index does not project: DynamoDB evaluates the filter on the index
// entry, so such a filter could never see them (DynamoDB Local's answer,
// found by tools/difftest; DynamoDB Local answers the same for local
// indexes, whose other reads fetch from the table).
func checkFilterProjected(filter expr.Cond, tableKey expr.KeySchema, ix *indexInfo) error {
	missing := unprojectedFilterAttrs(filter, tableKey, ix)
	if len(missing) == 0 {
		return nil
	}
	// DynamoDB names them sorted (DynamoDB Local; found by tools/difftest).
	sort.Strings(missing)
	return apierr.Validationf("One or more parameter values were invalid: Secondary index %s does not project one or more filter attributes: [%s]",
		ix.name, strings.Join(missing, ", "))
}

// projectedAttrs is the set of top-level attributes index ix holds, or nil
// when it projects ALL.
func projectedAttrs(tableKey expr.KeySchema, ix *indexInfo) map[string]bool {
	if ix == nil || ix.projection.ProjectionType == schema.ProjectAll {
		return nil
	}
	projected := map[string]bool{tableKey.Hash: true, tableKey.Range: true, ix.key.Hash: true, ix.key.Range: true}
	for _, a := range ix.projection.NonKeyAttributes {
		projected[a] = true
	}
	return projected
}

// unprojectedFilterAttrs lists, in order of appearance, the top-level
// attributes filter reads that index ix does not project.
func unprojectedFilterAttrs(filter expr.Cond, tableKey expr.KeySchema, ix *indexInfo) []string {
	projected := projectedAttrs(tableKey, ix)
	if filter == nil || projected == nil {
		return nil
	}
	var missing []string
	seen := map[string]bool{}
	for _, p := range expr.CondPaths(filter) {
		if top := p.Top(); !projected[top] && !seen[top] {
			seen[top] = true
			missing = append(missing, top)
		}
	}
	return missing
}

// resolveOn resolves a request's expressions, looks up its table and checks
// that no path reaches into a key attribute: the sequence every item
// operation runs, in DynamoDB's order (expression errors before a missing
// table).
func (db *DB) resolveOn(ctx context.Context, table string, es exprSet) (resolvedSet, *tableInfo, error) {
	rs, ti, err := db.resolveTable(ctx, table, es)
	if err != nil {
		return rs, ti, err
	}
	return rs, ti, checkAllKeyPaths(ti, rs)
}

// resolveTable resolves a request's expressions and looks up its table.
// PutItem, UpdateItem and DeleteItem use it and check their key before the
// paths into key attributes (DynamoDB Local; found by tools/difftest).
func (db *DB) resolveTable(ctx context.Context, table string, es exprSet) (resolvedSet, *tableInfo, error) {
	rs, err := db.resolve(es)
	if err != nil {
		return rs, nil, err
	}
	ti, err := db.table(ctx, table)
	return rs, ti, err
}

// checkAllKeyPaths refuses paths into the table's and the indexes' keys.
func checkAllKeyPaths(ti *tableInfo, rs resolvedSet) error {
	if err := checkKeyPaths(ti.key, rs); err != nil {
		return err
	}
	return checkIndexKeyPaths(ti, rs)
}
