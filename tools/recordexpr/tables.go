package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// tableDefs are the tables the case files may use, per expr/testdata/README.md.
var tableDefs = map[string]string{
	"t":   `{"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`,
	"q":   `{"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`,
	"q_S": rangeTable("S"),
	"q_N": rangeTable("N"),
	"q_B": rangeTable("B"),
}

func rangeTable(typ string) string {
	return `{"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"` + typ +
		`"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]}`
}

// physical is the table name used on the endpoint: the case files speak of
// tables t, q, q_S..., but DynamoDB requires names of at least 3 characters.
// Table names appear in none of the recorded messages.
func physical(table string) string { return "expr_" + table }

// ensureTable creates table (PAY_PER_REQUEST) the first time it is needed.
// A table left over from an earlier run against the same endpoint is reused.
func (r *recorder) ensureTable(ctx context.Context, table string) error {
	if r.tables[table] {
		return nil
	}
	def, ok := tableDefs[table]
	if !ok {
		return fmt.Errorf("unknown table %q", table)
	}
	var req obj
	if err := json.Unmarshal([]byte(def), &req); err != nil {
		return err
	}
	req["TableName"] = str(physical(table))
	req["BillingMode"] = str("PAY_PER_REQUEST")
	a, err := r.callObj(ctx, "CreateTable", req)
	if err != nil {
		return err
	}
	if a.err != nil && a.err.Code != "ResourceInUseException" {
		return fmt.Errorf("creating table %s: %s", table, a.errLine())
	}
	r.tables[table] = true
	return nil
}

// emptyTable deletes every item of table.
func (r *recorder) emptyTable(ctx context.Context, table string) error {
	if err := r.ensureTable(ctx, table); err != nil {
		return err
	}
	keyAttrs := "pk"
	if strings.HasPrefix(table, "q_") {
		keyAttrs = "pk, sk"
	}
	var start json.RawMessage
	for {
		req := obj{"TableName": str(physical(table)), "ProjectionExpression": str(keyAttrs), "ConsistentRead": json.RawMessage("true")}
		if start != nil {
			req["ExclusiveStartKey"] = start
		}
		body, err := r.mustOK(ctx, "Scan", req)
		if err != nil {
			return err
		}
		var out struct {
			Items            []json.RawMessage
			LastEvaluatedKey json.RawMessage
		}
		if err := json.Unmarshal(body, &out); err != nil {
			return err
		}
		for _, k := range out.Items {
			if _, err := r.mustOK(ctx, "DeleteItem", obj{"TableName": str(physical(table)), "Key": k}); err != nil {
				return err
			}
		}
		if len(out.LastEvaluatedKey) == 0 {
			return nil
		}
		start = out.LastEvaluatedKey
	}
}
