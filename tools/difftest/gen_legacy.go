package main

import (
	"strconv"
)

// This file holds the generator's third round: DynamoDB's legacy
// (pre-expression) parameters, which many existing programs and test suites
// still send. PutItem and DeleteItem with Expected (the Exists/Value form
// and the ComparisonOperator form, every operator) and ConditionalOperator;
// UpdateItem with AttributeUpdates (PUT, ADD, DELETE) with and without
// Expected; GetItem, BatchGetItem, Query and Scan with AttributesToGet;
// Query with KeyConditions and QueryFilter; Scan with ScanFilter. About
// twice the -invalid share is made invalid on purpose: legacy mixed with
// expressions, wrong argument counts or types, unknown operators, Exists
// true without a Value, a ConditionalOperator joining one condition,
// duplicate AttributesToGet entries.

// legacyOps are the legacy comparison operators.
var legacyOps = []string{"EQ", "NE", "LE", "LT", "GE", "GT", "NOT_NULL", "NULL", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH", "IN", "BETWEEN"}

// legacyKeyOps are the operators a KeyConditions range key condition may use.
var legacyKeyOps = []string{"EQ", "LE", "LT", "GE", "GT", "BEGINS_WITH", "BETWEEN"}

// legacy returns a request that uses legacy parameters.
func (g *Gen) legacy(t tableSpec) Request {
	invalid := g.chance(2 * g.Invalid)
	switch g.intn(12) {
	case 0, 1, 2:
		return g.legacyPut(t, invalid)
	case 3:
		return g.legacyDelete(t, invalid)
	case 4, 5, 6:
		return g.legacyUpdate(t, invalid)
	case 7:
		return g.legacyGet(t, invalid)
	case 8:
		return g.legacyBatchGet(invalid)
	case 9, 10:
		return g.legacyQuery(t, invalid)
	default:
		return g.legacyScan(t, invalid)
	}
}

// scalarOf returns a scalar value of type typ ("S", "N" or "B"); numbers
// are small so that comparisons with the items' numbers sometimes hold.
func (g *Gen) scalarOf(typ string) map[string]any {
	switch typ {
	case "N":
		if g.chance(0.7) {
			return map[string]any{"N": strconv.Itoa(g.intn(50) - 10)}
		}
		return map[string]any{"N": g.number()}
	case "B":
		return map[string]any{"B": g.bin()}
	}
	return map[string]any{"S": g.nonEmptyStr()}
}

// legacyArgs returns a valid AttributeValueList for op.
func (g *Gen) legacyArgs(op string) []any {
	switch op {
	case "NOT_NULL", "NULL":
		return nil
	case "EQ", "NE":
		if g.chance(0.6) {
			return []any{g.scalarOf(pick(g, "S", "N", "B"))}
		}
		return []any{g.value(1)}
	case "BEGINS_WITH":
		return []any{g.scalarOf(pick(g, "S", "S", "B"))}
	case "CONTAINS", "NOT_CONTAINS":
		return []any{g.scalarOf(pick(g, "S", "N", "B"))}
	case "IN":
		typ := pick(g, "S", "N", "B")
		var out []any
		for i := 0; i < 1+g.intn(3); i++ {
			out = append(out, g.scalarOf(typ))
		}
		return out
	case "BETWEEN":
		typ := pick(g, "S", "N", "N", "B")
		if typ == "N" {
			a, b := g.intn(50)-10, g.intn(50)-10
			if a > b {
				a, b = b, a
			}
			return []any{map[string]any{"N": strconv.Itoa(a)}, map[string]any{"N": strconv.Itoa(b)}}
		}
		if typ == "S" {
			a, b := g.nonEmptyStr(), g.nonEmptyStr()
			if a > b {
				a, b = b, a
			}
			return []any{map[string]any{"S": a}, map[string]any{"S": b}}
		}
		return []any{map[string]any{"B": "AA=="}, map[string]any{"B": pick(g, "AQ==", "/w==", "YWJj")}}
	}
	return []any{g.scalarOf(pick(g, "S", "N", "B"))}
}

// badArgs returns an invalid AttributeValueList for op: a wrong number of
// entries, a set where a scalar is needed, or mixed types.
func (g *Gen) badArgs(op string) []any {
	args := g.legacyArgs(op)
	switch g.intn(3) {
	case 0:
		return append(args, g.scalarOf("N"))
	case 1:
		if len(args) > 0 {
			args[0] = map[string]any{"SS": []any{"x"}}
			return args
		}
		return []any{map[string]any{"S": "x"}}
	default:
		if len(args) > 1 {
			args[1] = map[string]any{"BOOL": true}
			return args
		}
		return nil
	}
}

// legacyCondition returns one Condition (of QueryFilter, ScanFilter or the
// operator form of Expected); invalid spoils it.
func (g *Gen) legacyCondition(invalid bool) map[string]any {
	op := pick(g, legacyOps...)
	var args []any
	if invalid {
		switch g.intn(3) {
		case 0:
			op = pick(g, "XX", "eq", "NOT_EQ")
			args = []any{g.scalarOf("S")}
		default:
			args = g.badArgs(op)
		}
	} else {
		args = g.legacyArgs(op)
	}
	c := map[string]any{"ComparisonOperator": op}
	if args != nil {
		c["AttributeValueList"] = args
	}
	return c
}

// legacyExpected returns an Expected map over 1..3 attributes (keys among
// them) and maybe a ConditionalOperator.
func (g *Gen) legacyExpected(body map[string]any, invalid bool) {
	exp := map[string]any{}
	names := append(append([]string{}, attrNames...), "pk", "sk")
	perm := g.r.Perm(len(names))
	n := 1 + g.intn(3)
	bad := -1
	if invalid {
		bad = g.intn(n)
	}
	for i := 0; i < n; i++ {
		name := names[perm[i]]
		if i == bad {
			exp[name] = g.badExpected()
			continue
		}
		switch g.intn(5) {
		case 0:
			exp[name] = map[string]any{"Exists": false}
		case 1:
			exp[name] = map[string]any{"Value": g.value(1)}
		case 2:
			exp[name] = map[string]any{"Exists": true, "Value": g.value(1)}
		default:
			c := g.legacyCondition(false)
			if l, ok := c["AttributeValueList"].([]any); ok && len(l) == 1 && g.chance(0.2) {
				// The operator form also takes a single Value.
				delete(c, "AttributeValueList")
				c["Value"] = l[0]
			}
			exp[name] = c
		}
	}
	body["Expected"] = exp
	if len(exp) > 1 && g.chance(0.6) {
		body["ConditionalOperator"] = pick(g, "AND", "OR")
	} else if invalid && len(exp) == 1 && g.chance(0.3) {
		body["ConditionalOperator"] = pick(g, "AND", "OR")
	}
}

// badExpected returns an invalid Expected entry.
func (g *Gen) badExpected() map[string]any {
	switch g.intn(6) {
	case 0:
		return map[string]any{"Exists": true}
	case 1:
		return map[string]any{"Exists": false, "Value": g.scalarOf("S")}
	case 2:
		return map[string]any{"ComparisonOperator": "EQ", "Exists": true, "Value": g.scalarOf("S")}
	case 3:
		return map[string]any{"AttributeValueList": []any{g.scalarOf("N")}}
	case 4:
		return map[string]any{"ComparisonOperator": "EQ", "Value": g.scalarOf("S"), "AttributeValueList": []any{g.scalarOf("S")}}
	default:
		return g.legacyCondition(true)
	}
}

// mixExpression adds an expression parameter to a legacy request (an
// invalid mix); e collects its names and values.
func (g *Gen) mixExpression(body map[string]any, params ...string) {
	e := newExprCtx()
	switch pick(g, params...) {
	case "ConditionExpression":
		body["ConditionExpression"] = "attribute_exists(" + e.name("a") + ")"
	case "ProjectionExpression":
		body["ProjectionExpression"] = "a, b"
	case "FilterExpression":
		body["FilterExpression"] = "a = " + e.val(map[string]any{"S": "x"})
	case "UpdateExpression":
		body["UpdateExpression"] = "SET a = " + e.val(map[string]any{"S": "x"})
	case "KeyConditionExpression":
		body["KeyConditionExpression"] = "pk = " + e.val(map[string]any{"S": g.pk()})
	case "ExpressionAttributeValues":
		body["ExpressionAttributeValues"] = map[string]any{":x": map[string]any{"S": "x"}}
		return
	}
	e.attach(body)
}

func (g *Gen) legacyPut(t tableSpec, invalid bool) Request {
	body := map[string]any{"TableName": t.Name, "Item": g.item(t)}
	spoil := invalid && g.chance(0.5)
	g.legacyExpected(body, invalid && !spoil)
	if spoil {
		g.mixExpression(body, "ConditionExpression", "ExpressionAttributeValues")
	}
	if g.chance(0.4) {
		body["ReturnValues"] = pick(g, "NONE", "ALL_OLD")
	}
	return Request{Op: "PutItem", Body: body, Write: true}
}

func (g *Gen) legacyDelete(t tableSpec, invalid bool) Request {
	body := map[string]any{"TableName": t.Name, "Key": g.key(t)}
	spoil := invalid && g.chance(0.5)
	g.legacyExpected(body, invalid && !spoil)
	if spoil {
		g.mixExpression(body, "ConditionExpression")
	}
	if g.chance(0.5) {
		body["ReturnValues"] = pick(g, "NONE", "ALL_OLD")
	}
	return Request{Op: "DeleteItem", Body: body, Write: true}
}

// attributeUpdates returns 1..3 AttributeUpdates entries over distinct
// attributes: PUT of any value, ADD of a number or a set (creating the
// attribute when it is missing), DELETE of set members or of the whole
// attribute.
func (g *Gen) attributeUpdates(invalid bool) map[string]any {
	ups := map[string]any{}
	perm := g.r.Perm(len(attrNames))
	for i := 0; i < 1+g.intn(3); i++ {
		name := attrNames[perm[i]]
		var u map[string]any
		switch g.intn(7) {
		case 0, 1:
			u = map[string]any{"Action": "PUT", "Value": g.value(2)}
		case 2:
			u = map[string]any{"Action": "ADD", "Value": map[string]any{"N": g.scalarOf("N")["N"]}}
		case 3:
			v := pick(g, map[string]any{"SS": g.set(g.nonEmptyStr)}, map[string]any{"NS": g.set(g.number)}, map[string]any{"BS": g.set(g.bin)})
			u = map[string]any{"Action": "ADD", "Value": v}
		case 4:
			v := pick(g, map[string]any{"SS": g.set(g.nonEmptyStr)}, map[string]any{"NS": g.set(g.number)}, map[string]any{"BS": g.set(g.bin)})
			u = map[string]any{"Action": "DELETE", "Value": v}
		case 5:
			u = map[string]any{"Action": "DELETE"}
		default:
			// ADD of a list appends; of other types it is refused.
			u = map[string]any{"Action": "ADD", "Value": pick(g, map[string]any{"L": []any{g.value(0)}}, g.value(1))}
		}
		ups[name] = u
	}
	if invalid && g.chance(0.5) {
		switch g.intn(4) {
		case 0:
			ups["pk"] = map[string]any{"Action": "PUT", "Value": map[string]any{"S": "k"}}
		case 1:
			ups["a"] = map[string]any{"Action": "PUT"}
		case 2:
			ups["a"] = map[string]any{"Action": "DELETE", "Value": map[string]any{"S": "x"}}
		default:
			ups["a"] = map[string]any{"Action": "REPLACE", "Value": map[string]any{"S": "x"}}
		}
	}
	return ups
}

func (g *Gen) legacyUpdate(t tableSpec, invalid bool) Request {
	body := map[string]any{"TableName": t.Name, "Key": g.key(t)}
	if !invalid && g.chance(0.05) {
		// PUT is the default Action. DynamoDB Local ignores such entries
		// (an accepted difference), so they come alone, without a
		// condition, and with the new item returned to show the difference.
		body["AttributeUpdates"] = map[string]any{pick(g, attrNames...): map[string]any{"Value": g.value(1)}}
		body["ReturnValues"] = "ALL_NEW"
		return Request{Op: "UpdateItem", Body: body, Write: true}
	}
	spoil := invalid && g.chance(0.4)
	body["AttributeUpdates"] = g.attributeUpdates(invalid && !spoil)
	if g.chance(0.4) {
		g.legacyExpected(body, false)
	}
	if spoil {
		g.mixExpression(body, "UpdateExpression", "ConditionExpression", "ExpressionAttributeValues")
	}
	if g.chance(0.6) {
		body["ReturnValues"] = pick(g, "NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW")
	}
	return Request{Op: "UpdateItem", Body: body, Write: true}
}

// attributesToGet returns 1..4 distinct attribute names, keys included;
// invalid repeats one.
func (g *Gen) attributesToGet(invalid bool) []any {
	names := append(append([]string{}, attrNames...), "pk", "sk", "gk", "ln")
	perm := g.r.Perm(len(names))
	var out []any
	for i := 0; i < 1+g.intn(4); i++ {
		out = append(out, names[perm[i]])
	}
	if invalid {
		out = append(out, out[0])
	}
	return out
}

func (g *Gen) legacyGet(t tableSpec, invalid bool) Request {
	body := map[string]any{"TableName": t.Name, "Key": g.key(t)}
	mix := invalid && g.chance(0.5)
	body["AttributesToGet"] = g.attributesToGet(invalid && !mix)
	if mix {
		g.mixExpression(body, "ProjectionExpression")
	}
	if g.chance(0.3) {
		body["ConsistentRead"] = true
	}
	return Request{Op: "GetItem", Body: body}
}

func (g *Gen) legacyBatchGet(invalid bool) Request {
	reqs := map[string]any{}
	seen := map[string]bool{}
	for i := 0; i < 1+g.intn(5); i++ {
		t := g.table()
		k := g.key(t)
		id := t.Name + keyString(k)
		if seen[id] {
			continue
		}
		seen[id] = true
		ka, _ := reqs[t.Name].(map[string]any)
		if ka == nil {
			ka = map[string]any{"Keys": []any{}}
			if g.chance(0.7) {
				ka["AttributesToGet"] = g.attributesToGet(invalid)
				if invalid && g.chance(0.5) {
					ka["AttributesToGet"] = g.attributesToGet(false)
					ka["ProjectionExpression"] = "a"
				}
			}
			reqs[t.Name] = ka
		}
		ka["Keys"] = append(ka["Keys"].([]any), k)
	}
	return Request{Op: "BatchGetItem", Body: map[string]any{"RequestItems": reqs}}
}

// legacyFilter returns a QueryFilter or ScanFilter over 1..3 attributes
// (keys now and then: a QueryFilter on a key is refused, a ScanFilter's is
// not) and maybe a ConditionalOperator.
func (g *Gen) legacyFilter(body map[string]any, param string, invalid bool) {
	f := map[string]any{}
	n := 1 + g.intn(3)
	bad := -1
	if invalid && g.chance(0.6) {
		bad = g.intn(n)
	}
	perm := g.r.Perm(len(attrNames))
	for i := 0; i < n; i++ {
		name := attrNames[perm[i]]
		if g.chance(0.08) {
			name = pick(g, "pk", "sk", "gk", "ln")
		}
		f[name] = g.legacyCondition(i == bad)
	}
	body[param] = f
	if len(f) > 1 && g.chance(0.6) {
		body["ConditionalOperator"] = pick(g, "AND", "OR")
	} else if invalid && bad < 0 {
		body["ConditionalOperator"] = pick(g, "AND", "OR")
	}
}

// keyValue returns a value for a key condition on a key of type typ.
func (g *Gen) keyValue(typ string) map[string]any {
	switch typ {
	case "N":
		return map[string]any{"N": pick(g, "0", "1", "2", "2.5", "3", "10")}
	case "B":
		return map[string]any{"B": pick(g, append(binKeys, "AAAA", "gAAA")...)}
	}
	return map[string]any{"S": pick(g, "a", "b", "ab", "c", "1", "é")}
}

// keyConditions returns KeyConditions: EQ on the hash key and, often, one
// of the range key operators.
func (g *Gen) keyConditions(hashAttr string, hv map[string]any, rangeAttr, rangeType string, invalid bool) map[string]any {
	kc := map[string]any{hashAttr: map[string]any{"ComparisonOperator": "EQ", "AttributeValueList": []any{hv}}}
	if rangeType != "" && g.chance(0.75) {
		op := pick(g, legacyKeyOps...)
		if op == "BEGINS_WITH" && rangeType == "N" {
			op = "GE"
		}
		var args []any
		switch op {
		case "BETWEEN":
			a, b := g.keyValue(rangeType), g.keyValue(rangeType)
			if rangeType == "N" {
				x, _ := strconv.ParseFloat(a["N"].(string), 64)
				y, _ := strconv.ParseFloat(b["N"].(string), 64)
				if x > y {
					a, b = b, a
				}
			} else if rangeType == "S" && a["S"].(string) > b["S"].(string) {
				a, b = b, a
			}
			args = []any{a, b}
		default:
			args = []any{g.keyValue(rangeType)}
		}
		kc[rangeAttr] = map[string]any{"ComparisonOperator": op, "AttributeValueList": args}
	}
	if invalid {
		switch g.intn(5) {
		case 0:
			kc[hashAttr] = map[string]any{"ComparisonOperator": pick(g, "GT", "BEGINS_WITH", "NE"), "AttributeValueList": []any{hv}}
		case 1:
			kc["a"] = map[string]any{"ComparisonOperator": "EQ", "AttributeValueList": []any{map[string]any{"S": "x"}}}
		case 2:
			kc[hashAttr] = map[string]any{"ComparisonOperator": "EQ", "AttributeValueList": []any{hv, hv}}
		case 3:
			kc[hashAttr] = map[string]any{"ComparisonOperator": "EQ", "AttributeValueList": []any{map[string]any{"N": "1"}}}
		default:
			if rangeType != "" {
				kc[rangeAttr] = map[string]any{"ComparisonOperator": pick(g, "IN", "CONTAINS", "NOT_NULL"), "AttributeValueList": []any{g.keyValue(rangeType)}}
			} else {
				delete(kc, hashAttr)
			}
		}
	}
	return kc
}

func (g *Gen) legacyQuery(t tableSpec, invalid bool) Request {
	body := map[string]any{"TableName": t.Name}
	unordered := false
	hashAttr, rangeAttr, rangeType := "pk", "sk", t.Range
	if t.HasIndexes && g.chance(0.4) {
		if g.chance(0.5) {
			body["IndexName"] = "gsi"
			hashAttr = "gk"
		} else {
			body["IndexName"] = "lsi"
			rangeAttr, rangeType = "ln", "N"
		}
		unordered = true
	}
	hv := map[string]any{"S": g.pk()}
	if hashAttr == "gk" {
		hv = map[string]any{"S": pick(g, "g1", "g2")}
	}
	kind := -1 // which part is spoiled
	if invalid {
		kind = g.intn(4)
	}
	body["KeyConditions"] = g.keyConditions(hashAttr, hv, rangeAttr, rangeType, kind == 0)
	if g.chance(0.4) || kind == 1 {
		g.legacyFilter(body, "QueryFilter", kind == 1)
	}
	if g.chance(0.3) || kind == 2 {
		body["AttributesToGet"] = g.attributesToGet(kind == 2 && g.chance(0.5))
	} else if g.chance(0.1) {
		body["Select"] = "COUNT"
	}
	g.legacyReadOptions(body, invalid)
	if kind == 3 || kind == 2 && body["AttributesToGet"] != nil && g.chance(0.5) {
		g.mixExpression(body, "KeyConditionExpression", "FilterExpression", "ProjectionExpression")
	}
	if g.chance(0.4) {
		body["Limit"] = 1 + g.intn(3)
	}
	if g.chance(0.3) {
		body["ScanIndexForward"] = false
	}
	return Request{Op: "Query", Body: body, Unordered: unordered, Partial: unordered && body["Limit"] != nil}
}

func (g *Gen) legacyScan(t tableSpec, invalid bool) Request {
	body := map[string]any{"TableName": t.Name}
	kind := -1
	if invalid {
		kind = g.intn(3)
	}
	if g.chance(0.7) || kind == 0 {
		g.legacyFilter(body, "ScanFilter", kind == 0)
	}
	if g.chance(0.35) || kind == 1 {
		body["AttributesToGet"] = g.attributesToGet(kind == 1)
	}
	if kind == 2 {
		g.mixExpression(body, "FilterExpression", "ProjectionExpression")
		if body["ScanFilter"] == nil && body["AttributesToGet"] == nil {
			body["ScanFilter"] = map[string]any{"a": map[string]any{"ComparisonOperator": "NOT_NULL"}}
		}
	}
	if t.HasIndexes && g.chance(0.25) {
		body["IndexName"] = pick(g, "gsi", "lsi")
	}
	if g.chance(0.3) {
		body["Limit"] = 1 + g.intn(3)
	}
	g.legacyReadOptions(body, invalid)
	return Request{Op: "Scan", Body: body, Unordered: true, Partial: body["Limit"] != nil}
}

// legacyReadOptions adds Select (with or without AttributesToGet),
// ConsistentRead, ReturnConsumedCapacity and, when invalid, an empty
// AttributesToGet or a ConditionalOperator without a filter.
func (g *Gen) legacyReadOptions(body map[string]any, invalid bool) {
	_, hasATG := body["AttributesToGet"]
	if g.chance(0.15) {
		if hasATG {
			body["Select"] = pick(g, "SPECIFIC_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "ALL_ATTRIBUTES", "COUNT")
		} else if body["IndexName"] != nil {
			body["Select"] = pick(g, "ALL_PROJECTED_ATTRIBUTES", "ALL_ATTRIBUTES")
		} else {
			body["Select"] = pick(g, "ALL_ATTRIBUTES", "COUNT")
		}
	}
	if g.chance(0.1) {
		body["ConsistentRead"] = true
	}
	if g.chance(0.1) {
		body["ReturnConsumedCapacity"] = pick(g, "TOTAL", "INDEXES")
	}
	if invalid && g.chance(0.2) {
		if hasATG {
			body["AttributesToGet"] = []any{}
		} else if body["QueryFilter"] == nil && body["ScanFilter"] == nil {
			body["ConditionalOperator"] = "AND"
		}
	}
}
