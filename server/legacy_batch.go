package server

import (
	"sort"

	"github.com/kvs-project/kvs/server/legacy"
)

// rewriteBatchGet rewrites the AttributesToGet of BatchGetItem's tables into
// projection expressions. DynamoDB (and DynamoDB Local) checks every table
// for mixed legacy and expression parameters before it looks for a
// duplicate name in any table's AttributesToGet, whose message is
// BatchGetItem's own ("Duplicate value in attribute name: X", as in
// architect/dynalite's validations/batchGetItem.js). Tables are taken in
// name order, so that the error a request gets does not depend on map
// order.
func rewriteBatchGet(items map[string]*keysAndAttributes) error {
	tables := make([]string, 0, len(items))
	for t, ka := range items {
		if ka != nil && len(ka.AttributesToGet) > 0 {
			tables = append(tables, t)
		}
	}
	sort.Strings(tables)
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
