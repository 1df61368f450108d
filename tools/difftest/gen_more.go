package main

import (
	"strconv"
	"strings"
)

// This file holds the generator's second round of cases: the request
// shapes SDK-level test suites probe that the first round left out
// (TransactGetItems, parallel Scan, Select, ConsistentRead, made-up
// ExclusiveStartKeys, ReturnValuesOnConditionCheckFailure on single-item
// writes, items at the 400 KB limit, binary sort keys, list-index and set
// edge cases of updates).

// maxItemSize is DynamoDB's item size limit in bytes.
const maxItemSize = 400 * 1024

// binKeys are the binary sort key values of table dtb: bytes either side
// of 0x7f/0x80 (an unsigned comparison orders 0x80 after 0x7f, a signed
// one before) and prefixes of one another.
var binKeys = []string{"AA==", "AAA=", "AQ==", "AQI=", "fw==", "f38=", "gA==", "gAE=", "/w==", "YWJj"}

// transactGet returns a TransactGetItems of 1..4 distinct items, some with
// projections; invalid repeats an item.
func (g *Gen) transactGet(invalid bool) Request {
	var items []any
	seen := map[string]bool{}
	for i := 0; i < 1+g.intn(4); i++ {
		t := g.table()
		k := g.key(t)
		id := t.Name + keyString(k)
		if seen[id] && !invalid {
			continue
		}
		seen[id] = true
		m := map[string]any{"TableName": t.Name, "Key": k}
		if g.chance(0.4) {
			e := newExprCtx()
			m["ProjectionExpression"] = g.projection(e)
			if len(e.names) > 0 {
				m["ExpressionAttributeNames"] = e.names
			}
		}
		items = append(items, map[string]any{"Get": m})
	}
	if invalid && len(items) > 0 {
		items = append(items, items[0])
	}
	body := map[string]any{"TransactItems": items}
	if g.chance(0.2) {
		body["ReturnConsumedCapacity"] = pick(g, "TOTAL", "INDEXES", "NONE")
	}
	return Request{Op: "TransactGetItems", Body: body}
}

// keyString identifies a key for duplicate detection.
func keyString(k map[string]any) string {
	var b strings.Builder
	for _, n := range []string{"pk", "sk"} {
		if v, ok := k[n].(map[string]any); ok {
			for t, x := range v {
				b.WriteString(n + t + "=" + toString(x) + ";")
			}
		}
	}
	return b.String()
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return "?"
}

// segmentedScan returns a parallel Scan: the runner sends every segment
// of TotalSegments, pages each to its end and compares the union of the
// items as a multiset (which segment holds an item depends on the hash).
func (g *Gen) segmentedScan(t tableSpec) Request {
	e := newExprCtx()
	n := pick(g, 1, 2, 3, 4, 7)
	body := map[string]any{"TableName": t.Name, "TotalSegments": n, "Segment": 0}
	if t.HasIndexes && g.chance(0.3) {
		body["IndexName"] = pick(g, "gsi", "lsi")
	}
	if g.chance(0.4) {
		body["FilterExpression"] = g.cond(e, 1)
	}
	if g.chance(0.3) {
		body["ProjectionExpression"] = g.projection(e)
	}
	if g.chance(0.3) {
		body["Limit"] = 1 + g.intn(3)
	}
	e.attach(body)
	return Request{Op: "Scan", Body: body, Unordered: true, Segments: n}
}

// invalidSegment returns a Scan whose Segment/TotalSegments pair is wrong.
func (g *Gen) invalidSegment(t tableSpec) Request {
	body := map[string]any{"TableName": t.Name}
	switch g.intn(4) {
	case 0:
		body["Segment"], body["TotalSegments"] = 2, 2
	case 1:
		body["Segment"] = 0
	case 2:
		body["TotalSegments"] = 3
	default:
		body["Segment"], body["TotalSegments"] = 0, 1000001
	}
	return Request{Op: "Scan", Body: body}
}

// moreReadOptions adds the options of the second round to a Query or Scan
// body: Select, ConsistentRead, a made-up ExclusiveStartKey and
// ReturnConsumedCapacity. index is the IndexName ("" for the table).
func (g *Gen) moreReadOptions(t tableSpec, body map[string]any, e *exprCtx, index string, hashValue map[string]any) {
	if g.chance(0.2) {
		_, hasProj := body["ProjectionExpression"]
		switch g.intn(4) {
		case 0:
			if hasProj {
				body["Select"] = "SPECIFIC_ATTRIBUTES"
			} else {
				body["Select"] = "ALL_ATTRIBUTES"
			}
		case 1:
			if !hasProj {
				body["Select"] = "ALL_PROJECTED_ATTRIBUTES"
			}
		case 2:
			if !hasProj {
				body["Select"] = "ALL_ATTRIBUTES"
			}
		default:
			body["Select"] = "COUNT"
		}
	}
	if g.chance(0.15) {
		body["ConsistentRead"] = g.chance(0.8)
	}
	if g.chance(0.1) {
		body["ExclusiveStartKey"] = g.startKey(t, index, hashValue)
	}
	if g.chance(0.1) {
		body["ReturnConsumedCapacity"] = pick(g, "TOTAL", "NONE")
	}
}

// startKey returns an ExclusiveStartKey that no previous page returned:
// the table's key of an item that may not exist, plus the index's key
// attributes when index is set; now and then one attribute is left out or
// the hash value is not the one queried.
func (g *Gen) startKey(t tableSpec, index string, hashValue map[string]any) map[string]any {
	k := g.key(t)
	if hashValue != nil && index == "" && g.chance(0.8) {
		k["pk"] = hashValue
	}
	switch index {
	case "gsi":
		k["gk"] = map[string]any{"S": pick(g, "g1", "g2")}
		if hashValue != nil && g.chance(0.8) {
			k["gk"] = hashValue
		}
	case "lsi":
		k["ln"] = map[string]any{"N": pick(g, "1", "2", "3")}
	}
	if g.chance(0.1) {
		delete(k, pick(g, "pk", "sk", "gk", "ln"))
	}
	return k
}

// bigItemSteps returns a PutItem of an item whose size is within a few
// bytes of 400 KB (either side), then a GetItem and a DeleteItem of it, so
// that the big item does not slow down every later Scan.
func (g *Gen) bigItemSteps(t tableSpec) []Request {
	key := g.key(t)
	key["pk"] = map[string]any{"S": "big"}
	it := map[string]any{}
	size := 0
	for n, v := range key {
		it[n] = v
		size += len(n) + attrSize(v.(map[string]any))
	}
	if g.chance(0.5) {
		it["n"] = map[string]any{"N": g.number()}
		size += 1 + attrSize(it["n"].(map[string]any))
	}
	// "a" is one byte of name; the string fills up to the limit, plus or
	// minus a few bytes.
	fill := maxItemSize - size - 1 + g.intn(7) - 4
	it["a"] = map[string]any{"S": strings.Repeat("x", fill)}
	body := map[string]any{"TableName": t.Name, "Item": it}
	out := []Request{{Op: "PutItem", Body: body, Write: true}}
	if g.chance(0.5) {
		// An update that grows the item by a few bytes.
		e := newExprCtx()
		upd := map[string]any{"TableName": t.Name, "Key": key,
			"UpdateExpression": "SET b = " + e.val(map[string]any{"S": strings.Repeat("y", 1+g.intn(6))})}
		e.attach(upd)
		out = append(out, Request{Op: "UpdateItem", Body: upd, Write: true})
	}
	out = append(out,
		Request{Op: "GetItem", Body: map[string]any{"TableName": t.Name, "Key": key, "ProjectionExpression": "pk, b, n"}},
		Request{Op: "DeleteItem", Body: map[string]any{"TableName": t.Name, "Key": key}, Write: true})
	return out
}

// attrSize is the size DynamoDB counts for a scalar value: the bytes of a
// string or binary (base64-decoded), or of a number's digits.
func attrSize(v map[string]any) int {
	if s, ok := v["S"].(string); ok {
		return len(s)
	}
	if s, ok := v["B"].(string); ok {
		return len(s) * 3 / 4
	}
	if s, ok := v["N"].(string); ok {
		return (len(s)+1)/2 + 1
	}
	return 1
}

// listUpdate returns an update expression on the list attribute l that
// exercises list indexes: past the end (appends), several REMOVEs (which
// shift later elements), SET and REMOVE of elements together.
func (g *Gen) listUpdate(e *exprCtx) string {
	idx := func() string { return strconv.Itoa(pick(g, 0, 1, 2, 3, 5, 10, 100)) }
	switch g.intn(5) {
	case 0:
		return "SET l[" + idx() + "] = " + e.val(g.value(1))
	case 1:
		a, b := idx(), idx()
		if a == b {
			return "REMOVE l[" + a + "]"
		}
		return "REMOVE l[" + a + "], l[" + b + "]"
	case 2:
		return "SET l[" + idx() + "] = " + e.val(g.value(0)) + " REMOVE l[" + idx() + "]"
	case 3:
		return "SET l = list_append(" + e.val(map[string]any{"L": []any{g.value(0)}}) + ", l)"
	default:
		return "SET m.l[" + idx() + "] = " + e.val(g.value(0)) + ", m.x = " + e.val(g.value(0))
	}
}

// setUpdate returns ADD or DELETE of a set of any of the three types, or
// of a number with many digits, on attribute s or n: members present,
// absent, removing every member (the attribute disappears), mixing types.
func (g *Gen) setUpdate(e *exprCtx) string {
	var v map[string]any
	switch g.intn(5) {
	case 0:
		v = map[string]any{"SS": g.set(g.nonEmptyStr)}
	case 1:
		v = map[string]any{"NS": g.set(g.number)}
	case 2:
		v = map[string]any{"BS": g.set(g.nonEmptyBin)}
	case 3:
		v = map[string]any{"N": g.bigNumber()}
		return "ADD " + pick(g, "n", "s", "a") + " " + e.val(v)
	default:
		v = map[string]any{"NS": []any{g.bigNumber()}}
	}
	return pick(g, "ADD ", "DELETE ") + pick(g, "s", "s", "a") + " " + e.val(v)
}

// bigNumber returns a number with many significant digits or an extreme
// exponent, for arithmetic that rounds, overflows or loses digits.
func (g *Gen) bigNumber() string {
	return pick(g,
		"99999999999999999999999999999999999999",  // 38 nines
		"-99999999999999999999999999999999999999", // its negation
		"0.00000000000000000000000000000000000001",
		"12345678901234567890123456789012345678",
		"1E+125", "9.9999999999999999999999999999999999999E+125", "-9.9999999999999999999999999999999999999E+125",
		"1E-130", "-1E-130", "0.1", "1",
		"1234567890123456789012345678.0123456789")
}

func (g *Gen) nonEmptyBin() string { return g.bin() }

// bigArith returns a SET of n from arithmetic on many-digit numbers.
func (g *Gen) bigArith(e *exprCtx) string {
	a := e.val(map[string]any{"N": g.bigNumber()})
	if g.chance(0.5) {
		return "SET n = n " + pick(g, "+", "-") + " " + a
	}
	return "SET n = " + a + " " + pick(g, "+", "-") + " " + e.val(map[string]any{"N": g.bigNumber()})
}

// moreUpdate is an UpdateItem whose expression is one of the second
// round's shapes, with a condition now and then (attribute_not_exists
// creates a missing item) and ReturnValuesOnConditionCheckFailure.
func (g *Gen) moreUpdate(t tableSpec) Request {
	e := newExprCtx()
	var ue string
	switch g.intn(4) {
	case 3:
		// Paths into the index keys of dts (plain attributes elsewhere).
		ue = pick(g, "SET gk.x = "+e.val(g.value(0)), "REMOVE ln[0]", "SET ln = "+e.val(map[string]any{"N": "2"}))
	case 0:
		ue = g.listUpdate(e)
	case 1:
		ue = g.setUpdate(e)
	default:
		ue = g.bigArith(e)
	}
	body := map[string]any{"TableName": t.Name, "Key": g.key(t), "UpdateExpression": ue}
	if g.chance(0.3) {
		body["ConditionExpression"] = pick(g, "attribute_not_exists(pk)", "attribute_exists(pk)", "attribute_not_exists(l)", "size(l) > "+e.val(map[string]any{"N": "1"}))
	}
	if g.chance(0.6) {
		body["ReturnValues"] = pick(g, "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW")
	}
	g.withFailureValues(body)
	e.attach(body)
	return Request{Op: "UpdateItem", Body: body, Write: true}
}

// withFailureValues adds ReturnValuesOnConditionCheckFailure to a
// single-item write that has a condition.
func (g *Gen) withFailureValues(body map[string]any) {
	if body["ConditionExpression"] != nil && g.chance(0.4) {
		body["ReturnValuesOnConditionCheckFailure"] = pick(g, "ALL_OLD", "ALL_OLD", "NONE")
	}
}
