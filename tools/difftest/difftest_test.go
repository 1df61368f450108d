package main

import (
	"encoding/json"
	"reflect"
	"testing"
)

// A seed reproduces the same request sequence, and every body is JSON.
func TestGenDeterministic(t *testing.T) {
	a, b := NewGen(7), NewGen(7)
	ops := map[string]int{}
	for i := 0; i < 1000; i++ {
		ra, rb := a.Next(), b.Next()
		ja, err := json.Marshal(ra.Body)
		if err != nil {
			t.Fatal(err)
		}
		jb, _ := json.Marshal(rb.Body)
		if ra.Op != rb.Op || string(ja) != string(jb) {
			t.Fatalf("step %d: same seed, different requests:\n%s %s\n%s %s", i, ra.Op, ja, rb.Op, jb)
		}
		ops[ra.Op]++
	}
	for _, op := range []string{"PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchWriteItem", "BatchGetItem", "TransactWriteItems", "TransactGetItems"} {
		if ops[op] == 0 {
			t.Errorf("1000 steps generated no %s", op)
		}
	}
}

// Every name and value an expression refers to is declared, and nothing
// else: a valid request must not fail on unused names or values.
func TestGenExprCtxRefsDeclared(t *testing.T) {
	g := NewGen(3)
	for i := 0; i < 200; i++ {
		e := newExprCtx()
		text := g.cond(e, 2) + " " + g.update(e, false) + " " + g.projection(e)
		for k := range e.names {
			if !containsWord(text, k) {
				t.Fatalf("name %s declared but unused in %q", k, text)
			}
		}
		for k := range e.values {
			if !containsWord(text, k) {
				t.Fatalf("value %s declared but unused in %q", k, text)
			}
		}
	}
}

func containsWord(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i:i+len(w)] == w && (i+len(w) == len(s) || !isWordByte(s[i+len(w)])) {
			return true
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func TestCompareUnordered(t *testing.T) {
	req := Request{Op: "Scan", Unordered: true}
	l := Answer{200, []byte(`{"Count":2,"Items":[{"pk":{"S":"a"}},{"pk":{"S":"b"}}],"ScannedCount":2}`)}
	k := Answer{200, []byte(`{"Count":2,"Items":[{"pk":{"S":"b"}},{"pk":{"S":"a"}}],"ScannedCount":2}`)}
	if d := compare(1, req, l, k); d != nil {
		t.Fatalf("scan order counted as a difference:\n%s\n%s", d.Local, d.KVS)
	}
	req.Unordered = false
	req.Op = "Query"
	if d := compare(1, req, l, k); d == nil || d.Accepted != "" {
		t.Fatalf("query order difference not reported: %+v", d)
	}
}

func TestComparePartial(t *testing.T) {
	req := Request{Op: "Scan", Unordered: true, Partial: true}
	l := Answer{200, []byte(`{"Count":1,"Items":[{"pk":{"S":"a"}}],"ScannedCount":1,"LastEvaluatedKey":{"pk":{"S":"a"}}}`)}
	k := Answer{200, []byte(`{"Count":0,"Items":[],"ScannedCount":1,"LastEvaluatedKey":{"pk":{"S":"b"}}}`)}
	if d := compare(1, req, l, k); d != nil {
		t.Fatalf("limited scan compared item by item:\n%s\n%s", d.Local, d.KVS)
	}
	k.Body = []byte(`{"Count":0,"Items":[],"ScannedCount":1}`)
	if d := compare(1, req, l, k); d == nil {
		t.Fatal("missing LastEvaluatedKey not reported")
	}
}

func TestAcceptedRules(t *testing.T) {
	for _, tc := range []struct {
		name, local, kvs, want string
		req                    Request
	}{
		{"numbers", `{"Item":{"a":{"L":[{"N":"059.78E+18"}]},"s":{"NS":["9.601E+7","4"]}}}`,
			`{"Item":{"a":{"L":[{"N":"59780000000000000000"}]},"s":{"NS":["4","96010000"]}}}`, "number spelling", Request{Op: "GetItem"}},
		{"capacity", `{"ConsumedCapacity":{"CapacityUnits":1.0,"TableName":"t"}}`, `{}`, "unrequested ConsumedCapacity",
			Request{Op: "DeleteItem", Body: map[string]any{}}},
		{"query select prefix", `{"__type":"com.amazon.coral.validate#ValidationException","message":"Invalid FilterExpression: Syntax error"}`,
			`{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected: Cannot specify the ProjectionExpression when choosing to get only the Count"}`,
			"Query select prefix", Request{Op: "Query"}},
		{"scan select no prefix", `{"__type":"com.amazon.coral.validate#ValidationException","message":"Invalid FilterExpression: Syntax error"}`,
			`{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected: Cannot specify the ProjectionExpression when choosing to get only the Count"}`,
			"", Request{Op: "Scan"}},
		{"starting key", `{"__type":"com.amazon.coral.validate#ValidationException","message":"The provided starting key is invalid"}`,
			`{"__type":"com.amazon.coral.validate#ValidationException","message":"The provided starting key is invalid: The provided key element does not match the schema"}`,
			"starting key reason", Request{Op: "Scan"}},
		{"segment", `{"__type":"com.amazon.coral.validate#ValidationException","message":"If segment is specified, total segment must also be specified"}`,
			`{"__type":"com.amazon.coral.validate#ValidationException","message":"The TotalSegments parameter is required but was not present in the request when Segment parameter is present"}`,
			"segment texts", Request{Op: "Scan"}},
		{"index after expressions", `{"__type":"com.amazon.coral.validate#ValidationException","message":"The table does not have the specified index: nope"}`,
			`{"__type":"com.amazon.coral.validate#ValidationException","message":"Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"<\""}`,
			"expressions before index checks", Request{Op: "Scan"}},
		{"updated nested", `{"Attributes":{"s":{"L":[{"M":{}},{"M":{"a":{"N":"1"}}}]}}}`, `{"Attributes":{"s":{"L":[{"M":{}}]}}}`,
			"UPDATED_* of nested paths", Request{Op: "UpdateItem", Body: map[string]any{"ReturnValues": "UPDATED_OLD", "UpdateExpression": "SET s[0] = :v1 DELETE #a :v2"}}},
		{"updated top-level", `{"Attributes":{"s":{"N":"1"}}}`, `{"Attributes":{"s":{"N":"2"}}}`,
			"", Request{Op: "UpdateItem", Body: map[string]any{"ReturnValues": "UPDATED_OLD", "UpdateExpression": "SET s = :v1, t.x = :v2"}}},
		{"key after expressions", `{"__type":"com.amazon.coral.validate#ValidationException","message":"One of the required keys was not given a value"}`,
			`{"__type":"com.amazon.coral.validate#ValidationException","message":"Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BS"}`,
			"expressions before key checks", Request{Op: "PutItem"}},
		{"real difference", `{"Item":{"a":{"N":"1"}}}`, `{"Item":{"a":{"N":"2"}}}`, "", Request{Op: "GetItem"}},
		{"requested capacity", `{"ConsumedCapacity":{"CapacityUnits":1.0,"TableName":"t"}}`, `{}`, "",
			Request{Op: "DeleteItem", Body: map[string]any{"ReturnConsumedCapacity": "TOTAL"}}},
	} {
		d := compare(1, tc.req, Answer{200, []byte(tc.local)}, Answer{200, []byte(tc.kvs)})
		if d == nil {
			t.Errorf("%s: no difference found", tc.name)
			continue
		}
		if d.Accepted != tc.want {
			t.Errorf("%s: accepted as %q, want %q", tc.name, d.Accepted, tc.want)
		}
	}
}

func TestAcceptedStartKeyAtRangeEnd(t *testing.T) {
	req := Request{Op: "Query", Body: map[string]any{"ExclusiveStartKey": map[string]any{}}}
	l := Answer{400, []byte(`{"__type":"com.amazon.coral.validate#ValidationException","message":"The provided starting key does not match the range key predicate"}`)}
	k := Answer{200, []byte(`{"Count":0,"Items":[],"ScannedCount":0}`)}
	if d := compare(1, req, l, k); d == nil || d.Accepted != "start key at the range's end" {
		t.Errorf("diff = %+v", d)
	}
	k.Body = []byte(`{"Count":1,"Items":[{}],"ScannedCount":1}`)
	if d := compare(1, req, l, k); d == nil || d.Accepted != "" {
		t.Errorf("a page with items accepted: %+v", d)
	}
}

func TestCanonNumbersSortsSets(t *testing.T) {
	v := map[string]any{"NS": []any{"1E+1", "02"}}
	canonNumbers(v)
	if want := []any{"10", "2"}; !reflect.DeepEqual(v["NS"], want) {
		t.Errorf("NS = %v, want %v", v["NS"], want)
	}
}
