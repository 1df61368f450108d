package main

import (
	"encoding/json"
	"testing"
)

// The legacy round produces every form the brief lists: each Expected form,
// every comparison operator (in Expected and in filters), every
// AttributeUpdates action, KeyConditions on the table and both indexes,
// AttributesToGet on every read, ConditionalOperator, and its deliberate
// faults (mixing, duplicates); and no request mixes legacy and expression
// parameters unless it is one of the invalid ones.
func TestGenLegacyShapes(t *testing.T) {
	g := NewGen(21)
	seen := map[string]bool{}
	mixed := 0
	n := 4000
	for i := 0; i < n; i++ {
		r := g.legacy(g.table())
		b := r.Body
		if exp, ok := b["Expected"].(map[string]any); ok {
			for _, e := range exp {
				m := e.(map[string]any)
				switch {
				case m["ComparisonOperator"] != nil:
					seen["expected "+m["ComparisonOperator"].(string)] = true
				case m["Exists"] == false:
					seen["exists false"] = true
				case m["Exists"] == true && m["Value"] != nil:
					seen["exists true value"] = true
				case m["Value"] != nil:
					seen["value"] = true
				}
			}
		}
		for _, f := range []string{"QueryFilter", "ScanFilter"} {
			if fl, ok := b[f].(map[string]any); ok {
				for _, c := range fl {
					seen[f+" "+c.(map[string]any)["ComparisonOperator"].(string)] = true
				}
			}
		}
		if ups, ok := b["AttributeUpdates"].(map[string]any); ok {
			for _, u := range ups {
				m := u.(map[string]any)
				a, _ := m["Action"].(string)
				if a == "" {
					a = "default"
				}
				if m["Value"] == nil {
					a += " without value"
				}
				seen["update "+a] = true
			}
		}
		if kc, ok := b["KeyConditions"].(map[string]any); ok {
			idx, _ := b["IndexName"].(string)
			seen["key conditions "+idx] = true
			for name, c := range kc {
				if name == "sk" || name == "ln" {
					seen["range "+c.(map[string]any)["ComparisonOperator"].(string)] = true
				}
			}
		}
		if b["AttributesToGet"] != nil {
			seen["attributes "+r.Op] = true
		}
		if r.Op == "BatchGetItem" {
			enc, _ := json.Marshal(b)
			if containsWord(string(enc), "AttributesToGet") {
				seen["attributes BatchGetItem"] = true
			}
		}
		if op, ok := b["ConditionalOperator"].(string); ok {
			seen["conditional "+op] = true
			if exp, _ := b["Expected"].(map[string]any); len(exp) == 1 {
				seen["invalid: ConditionalOperator with one condition"] = true
			}
		}
		if exp, ok := b["Expected"].(map[string]any); ok {
			for _, e := range exp {
				m := e.(map[string]any)
				if m["Exists"] == true && m["Value"] == nil {
					seen["invalid: Exists true without Value"] = true
				}
				if op, ok := m["ComparisonOperator"].(string); ok && !inList(legacyOps, op) {
					seen["invalid: unknown operator"] = true
				}
			}
		}
		if atg, ok := b["AttributesToGet"].([]any); ok && len(atg) > 1 && atg[0] == atg[len(atg)-1] {
			seen["invalid: duplicate AttributesToGet"] = true
		}
		if b["KeyConditions"] != nil && b["KeyConditionExpression"] != nil {
			seen["invalid: KeyConditions with KeyConditionExpression"] = true
		}
		if b["Expected"] != nil && b["ConditionExpression"] != nil {
			seen["invalid: Expected with ConditionExpression"] = true
		}
		if b["AttributesToGet"] != nil && b["ProjectionExpression"] != nil {
			seen["invalid: AttributesToGet with ProjectionExpression"] = true
		}
		for _, e := range []string{"ConditionExpression", "ProjectionExpression", "FilterExpression", "UpdateExpression", "KeyConditionExpression", "ExpressionAttributeValues"} {
			if b[e] != nil {
				mixed++
				break
			}
		}
	}
	var want []string
	for _, op := range legacyOps {
		want = append(want, "expected "+op, "ScanFilter "+op, "QueryFilter "+op)
	}
	for _, op := range legacyKeyOps {
		want = append(want, "range "+op)
	}
	want = append(want, "exists false", "exists true value", "value",
		"update PUT", "update default", "update ADD", "update DELETE", "update DELETE without value",
		"key conditions ", "key conditions gsi", "key conditions lsi",
		"attributes GetItem", "attributes BatchGetItem", "attributes Query", "attributes Scan",
		"conditional AND", "conditional OR",
		"invalid: ConditionalOperator with one condition", "invalid: Exists true without Value", "invalid: unknown operator",
		"invalid: duplicate AttributesToGet", "invalid: KeyConditions with KeyConditionExpression",
		"invalid: Expected with ConditionExpression", "invalid: AttributesToGet with ProjectionExpression")
	for _, k := range want {
		if !seen[k] {
			t.Errorf("%d legacy requests generated no %q", n, k)
		}
	}
	// Mixing is one of the invalid shapes (about 10% of requests are
	// invalid at the default -invalid 0.05).
	if share := float64(mixed) / float64(n); share == 0 || share > 0.08 {
		t.Errorf("%.3f of legacy requests mix in expression parameters, want a few percent", share)
	}
}

// Next mixes the legacy round into the random stream.
func TestGenLegacyInStream(t *testing.T) {
	g := NewGen(4)
	legacy := 0
	for i := 0; i < 2000; i++ {
		r := g.Next()
		for _, k := range []string{"Expected", "AttributeUpdates", "AttributesToGet", "KeyConditions", "ScanFilter"} {
			if r.Body[k] != nil {
				legacy++
				break
			}
		}
	}
	if legacy < 200 {
		t.Errorf("2000 steps had %d legacy requests, want a sizeable share", legacy)
	}
}

func inList(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
