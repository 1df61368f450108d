package server

import (
	"encoding/json"
	"sort"

	"github.com/kvs-project/kvs/server/legacy"
)

// rewriteBatchGet rewrites the AttributesToGet of BatchGetItem's tables into
// projection expressions. DynamoDB (and DynamoDB Local) checks every table
// for mixed legacy and expression parameters before it looks for a
// duplicate name in any table's AttributesToGet, whose message is
// BatchGetItem's own ("Duplicate value in attribute name: X", as in
// architect/dynalite's validations/batchGetItem.js). Tables are taken in
// the order the request lists them, as DynamoDB Local and dynalite do.
func rewriteBatchGet(body []byte, items map[string]*keysAndAttributes) error {
	n := 0
	for _, ka := range items {
		if ka != nil && len(ka.AttributesToGet) > 0 {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	var top struct{ RequestItems json.RawMessage }
	_ = json.Unmarshal(body, &top)
	tables := make([]string, 0, n)
	seen := make(map[string]bool, n)
	for _, t := range append(legacy.ObjectKeys(top.RequestItems), sortedTables(items)...) {
		if ka := items[t]; ka != nil && len(ka.AttributesToGet) > 0 && !seen[t] {
			seen[t] = true
			tables = append(tables, t)
		}
	}
	for _, t := range tables {
		ka := items[t]
		if err := legacy.CheckMixed([]string{"AttributesToGet"},
			present(ka.ProjectionExpression != "", "ProjectionExpression")); err != nil {
			return err
		}
		if err := legacy.CheckNoExpressionMaps(ka.ExpressionAttributeNames != nil, false, nil); err != nil {
			return err
		}
	}
	for _, t := range tables {
		if err := legacy.CheckBatchDuplicates(items[t].AttributesToGet); err != nil {
			return err
		}
	}
	for _, t := range tables {
		ka := items[t]
		var p legacy.Placeholders
		pe, err := legacy.AttributesToGet(&p, ka.AttributesToGet)
		if err != nil {
			return err
		}
		ka.ProjectionExpression, ka.ExpressionAttributeNames = pe, p.Names
	}
	return nil
}

// sortedTables returns the table names in name order (a fallback should
// the body not list them).
func sortedTables(items map[string]*keysAndAttributes) []string {
	out := make([]string, 0, len(items))
	for t := range items {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
