package main

import "testing"

func TestAcceptedLegacyRules(t *testing.T) {
	const v = `{"__type":"com.amazon.coral.validate#ValidationException","message":`
	ccf := `{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}`
	upd := func(ups map[string]any) Request {
		return Request{Op: "UpdateItem", Body: map[string]any{"AttributeUpdates": ups}}
	}
	for _, tc := range []struct {
		name, local, kvs, want string
		req                    Request
	}{
		{"default action", `{"Attributes":{"pk":{"S":"p"}}}`, `{"Attributes":{"a":{"S":"x"},"pk":{"S":"p"}}}`,
			"AttributeUpdates default Action", upd(map[string]any{"a": map[string]any{"Value": map[string]any{"S": "x"}}})},
		{"explicit PUT", `{"Attributes":{"pk":{"S":"p"}}}`, `{"Attributes":{"a":{"S":"x"},"pk":{"S":"p"}}}`,
			"", upd(map[string]any{"a": map[string]any{"Action": "PUT", "Value": map[string]any{"S": "x"}}})},
		{"action enum", v + `"Member must satisfy enum value set: [ADD, DELETE, PUT]"}`,
			v + `"1 validation error detected: Value 'REPLACE' at 'attributeUpdates.a.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, DELETE, PUT]"}`,
			"AttributeUpdates Action enum", upd(map[string]any{})},
		{"value check before condition", ccf, v + `"One or more parameter values were invalid: ADD action is not supported for the type BOOLEAN"}`,
			"AttributeUpdates checked with the request", upd(map[string]any{})},
		{"two entries' faults go by request order", v + `"One or more parameter values were invalid: ADD action is not supported for the type BINARY"}`,
			v + `"Number overflow. Attempting to store a number with magnitude larger than supported range"}`, "", upd(map[string]any{})},
		{"enum before another entry's value", v + `"Number overflow. Attempting to store a number with magnitude larger than supported range"}`,
			v + `"1 validation error detected: Value 'REPLACE' at 'attributeUpdates.a.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, DELETE, PUT]"}`,
			"AttributeUpdates checked with the request", upd(map[string]any{})},
		{"value check before type mismatch", v + `"Type mismatch for attribute to update"}`,
			v + `"One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified"}`,
			"AttributeUpdates checked with the request", upd(map[string]any{})},
		{"action enum before condition", ccf,
			v + `"1 validation error detected: Value 'REPLACE' at 'attributeUpdates.a.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, DELETE, PUT]"}`,
			"AttributeUpdates checked with the request", upd(map[string]any{})},
		{"value before condition", ccf, v + `"Number overflow. Attempting to store a number with magnitude larger than supported range"}`,
			"AttributeUpdates checked with the request", upd(map[string]any{})},
		{"value before condition, expression", ccf, v + `"Number overflow. Attempting to store a number with magnitude larger than supported range"}`,
			"", Request{Op: "UpdateItem", Body: map[string]any{"UpdateExpression": "SET a = :v"}}},
		{"other error not accepted", v + `"Type mismatch for attribute to update"}`,
			v + `"An operand in the update expression has an incorrect data type"}`, "", upd(map[string]any{})},
	} {
		status := 200
		if tc.local[2] == '_' {
			status = 400
		}
		d := compare(1, tc.req, Answer{status, []byte(tc.local)}, Answer{status, []byte(tc.kvs)})
		if d == nil {
			t.Errorf("%s: no difference found", tc.name)
			continue
		}
		if d.Accepted != tc.want {
			t.Errorf("%s: accepted as %q, want %q", tc.name, d.Accepted, tc.want)
		}
	}
}

// The Query Select rule covers the AttributesToGet wording of its texts.
func TestAcceptedQuerySelectAttributesToGet(t *testing.T) {
	l := Answer{400, []byte(`{"__type":"com.amazon.coral.validate#ValidationException","message":"Cannot specify the AttributesToGet when choosing to get only the Count"}`)}
	k := Answer{400, []byte(`{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected: Cannot specify the AttributesToGet when choosing to get only the Count"}`)}
	if d := compare(1, Request{Op: "Query"}, l, k); d == nil || d.Accepted != "Query select prefix" {
		t.Errorf("diff = %+v", d)
	}
}

func TestAcceptedEmptyQueryCapacity(t *testing.T) {
	l := Answer{200, []byte(`{"ConsumedCapacity":{"CapacityUnits":0.0,"Table":{"CapacityUnits":0.0},"TableName":"t"},"Count":0,"Items":[],"ScannedCount":0}`)}
	k := Answer{200, []byte(`{"ConsumedCapacity":{"CapacityUnits":0.5,"Table":{"CapacityUnits":0.5},"TableName":"t"},"Count":0,"Items":[],"ScannedCount":0}`)}
	if d := compare(1, Request{Op: "Query", Body: map[string]any{"ReturnConsumedCapacity": "INDEXES"}}, l, k); d == nil || d.Accepted != "empty Query capacity" {
		t.Errorf("diff = %+v", d)
	}
	k.Body = []byte(`{"ConsumedCapacity":{"CapacityUnits":0.5,"TableName":"t"},"Count":1,"Items":[{}],"ScannedCount":1}`)
	l.Body = []byte(`{"ConsumedCapacity":{"CapacityUnits":0.0,"TableName":"t"},"Count":1,"Items":[{}],"ScannedCount":1}`)
	if d := compare(1, Request{Op: "Query", Body: map[string]any{"ReturnConsumedCapacity": "TOTAL"}}, l, k); d == nil || d.Accepted != "" {
		t.Errorf("a read of one item accepted: %+v", d)
	}
}
