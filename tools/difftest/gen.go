package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Request is one generated call: the operation and its JSON body.
type Request struct {
	Op   string
	Body map[string]any
	// Unordered marks answers whose Items are compared as a multiset (a
	// Scan, or a Query of an index, whose equal keys have no defined order).
	Unordered bool
	// Partial marks answers where only status and Count are comparable:
	// a limited Scan reads partitions in an order DynamoDB leaves open.
	Partial bool
	// Write reports whether the call may change the tables.
	Write bool
	// StatusOnly marks answers where only the status and an error compare.
	StatusOnly bool
	// Segments > 0 marks a parallel Scan: the runner sends every segment
	// 0..Segments-1 and compares the union of the items.
	Segments int
}

// tableSpec describes one of the test tables.
type tableSpec struct {
	Name       string
	Range      string // "" (hash only), "N", "S" or "B"
	HasIndexes bool
}

// tables are the tables every run creates on both servers.
var tables = []tableSpec{
	{Name: "dth", Range: ""},
	{Name: "dtn", Range: "N"},
	{Name: "dts", Range: "S", HasIndexes: true},
	{Name: "dtb", Range: "B"},
}

// Gen generates random requests from a seeded source, so a seed reproduces
// a run exactly.
type Gen struct {
	r *rand.Rand
	// Invalid is the share of requests deliberately made invalid (0..1).
	Invalid float64
	// pending are requests Next returns before generating new ones (the
	// follow-ups of a multi-step case).
	pending []Request
}

// NewGen returns a generator for seed.
func NewGen(seed uint64) *Gen {
	return &Gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), Invalid: 0.05}
}

func (g *Gen) intn(n int) int        { return g.r.IntN(n) }
func (g *Gen) chance(p float64) bool { return g.r.Float64() < p }
func pick[T any](g *Gen, xs ...T) T  { return xs[g.r.IntN(len(xs))] }

// attrNames are the non-key attribute names items use: few, so that
// expressions often meet attributes that exist.
var attrNames = []string{"a", "b", "c", "n", "l", "m", "s"}

// CreateTableBodies returns the CreateTable requests for the test tables.
func CreateTableBodies() []map[string]any {
	var out []map[string]any
	for _, t := range tables {
		defs := []any{map[string]any{"AttributeName": "pk", "AttributeType": "S"}}
		ks := []any{map[string]any{"AttributeName": "pk", "KeyType": "HASH"}}
		if t.Range != "" {
			defs = append(defs, map[string]any{"AttributeName": "sk", "AttributeType": t.Range})
			ks = append(ks, map[string]any{"AttributeName": "sk", "KeyType": "RANGE"})
		}
		body := map[string]any{
			"TableName": t.Name, "AttributeDefinitions": defs, "KeySchema": ks,
			"BillingMode": "PAY_PER_REQUEST",
		}
		if t.HasIndexes {
			body["AttributeDefinitions"] = append(defs,
				map[string]any{"AttributeName": "gk", "AttributeType": "S"},
				map[string]any{"AttributeName": "ln", "AttributeType": "N"})
			body["GlobalSecondaryIndexes"] = []any{map[string]any{
				"IndexName": "gsi",
				"KeySchema": []any{
					map[string]any{"AttributeName": "gk", "KeyType": "HASH"},
					map[string]any{"AttributeName": "sk", "KeyType": "RANGE"},
				},
				"Projection": map[string]any{"ProjectionType": "ALL"},
			}}
			body["LocalSecondaryIndexes"] = []any{map[string]any{
				"IndexName": "lsi",
				"KeySchema": []any{
					map[string]any{"AttributeName": "pk", "KeyType": "HASH"},
					map[string]any{"AttributeName": "ln", "KeyType": "RANGE"},
				},
				"Projection": map[string]any{"ProjectionType": "KEYS_ONLY"},
			}}
		}
		out = append(out, body)
	}
	return out
}

// ---- values ----

func (g *Gen) number() string {
	if g.chance(0.03) {
		return pick(g, "1E+126", "1E-131", "123456789012345678901234567890123456789", "1e200", "-0", "0.000")
	}
	var b strings.Builder
	if g.chance(0.3) {
		b.WriteByte('-')
	}
	n := 1 + g.intn(6)
	for i := 0; i < n; i++ {
		b.WriteByte(byte('0' + g.intn(10)))
	}
	if g.chance(0.4) {
		b.WriteByte('.')
		for i := 0; i < 1+g.intn(4); i++ {
			b.WriteByte(byte('0' + g.intn(10)))
		}
	}
	if g.chance(0.2) {
		fmt.Fprintf(&b, "%s%d", pick(g, "e", "E", "E+", "e-"), g.intn(20))
	}
	return b.String()
}

func (g *Gen) str() string {
	return pick(g, "", "x", "y", "ab", "abc", "b", "Z", "é", "a b", "10", "2")
}

func (g *Gen) nonEmptyStr() string {
	return pick(g, "x", "y", "ab", "abc", "b", "Z", "é", "10", "2")
}

func (g *Gen) bin() string { return pick(g, "AA==", "AQ==", "AQI=", "/w==", "YWJj") }

// value returns a random attribute value of any type, nesting at most depth.
func (g *Gen) value(depth int) map[string]any {
	k := g.intn(10)
	if depth <= 0 && k >= 8 {
		k = g.intn(8)
	}
	switch k {
	case 0:
		return map[string]any{"S": g.str()}
	case 1:
		return map[string]any{"N": g.number()}
	case 2:
		if g.chance(0.05) {
			return map[string]any{"B": ""}
		}
		return map[string]any{"B": g.bin()}
	case 3:
		return map[string]any{"BOOL": g.chance(0.5)}
	case 4:
		return map[string]any{"NULL": true}
	case 5:
		return map[string]any{"SS": g.set(g.nonEmptyStr)}
	case 6:
		return map[string]any{"NS": g.set(g.number)}
	case 7:
		return map[string]any{"BS": g.set(g.bin)}
	case 8:
		l := []any{}
		for i := 0; i < g.intn(4); i++ {
			l = append(l, g.value(depth-1))
		}
		return map[string]any{"L": l}
	default:
		m := map[string]any{}
		for i := 0; i < g.intn(4); i++ {
			m[pick(g, "x", "y", "z", "a")] = g.value(depth - 1)
		}
		return map[string]any{"M": m}
	}
}

// set returns 1..3 distinct members (duplicates only when invalid).
func (g *Gen) set(f func() string) []any {
	seen := map[string]bool{}
	var out []any
	for i := 0; i < 1+g.intn(3); i++ {
		v := f()
		if seen[v] {
			continue
		}
		seen[v] = true
		out = append(out, v)
	}
	return out
}

// ---- keys and items ----

func (g *Gen) table() tableSpec { return tables[g.intn(len(tables))] }

func (g *Gen) pk() string { return pick(g, "p1", "p2", "p3", "p4") }

func (g *Gen) sk(t tableSpec) map[string]any {
	switch t.Range {
	case "N":
		return map[string]any{"N": pick(g, "1", "2", "3", "-1", "2.5", "10", "100")}
	case "B":
		return map[string]any{"B": pick(g, binKeys...)}
	}
	// "～" (U+FF5E) sorts before "😀" (U+1F600) in UTF-8, after it in UTF-16.
	return map[string]any{"S": pick(g, "a", "b", "ab", "b1", "c", "10", "9", "é", "～", "😀")}
}

func (g *Gen) key(t tableSpec) map[string]any {
	k := map[string]any{"pk": map[string]any{"S": g.pk()}}
	if t.Range != "" {
		k["sk"] = g.sk(t)
	}
	return k
}

func (g *Gen) item(t tableSpec) map[string]any {
	it := g.key(t)
	for _, n := range attrNames {
		if g.chance(0.5) {
			it[n] = g.value(2)
		}
	}
	if t.HasIndexes {
		if g.chance(0.6) {
			it["gk"] = map[string]any{"S": pick(g, "g1", "g2")}
		}
		if g.chance(0.5) {
			it["ln"] = map[string]any{"N": pick(g, "1", "2", "3")}
		}
	}
	return it
}

// ---- expressions ----

// exprCtx collects the names and values an expression refers to.
type exprCtx struct {
	names  map[string]any
	values map[string]any
	n      int
}

func newExprCtx() *exprCtx {
	return &exprCtx{names: map[string]any{}, values: map[string]any{}}
}

func (e *exprCtx) val(v map[string]any) string {
	e.n++
	k := ":v" + strconv.Itoa(e.n)
	e.values[k] = v
	return k
}

func (e *exprCtx) name(n string) string {
	k := "#" + n
	e.names[k] = n
	return k
}

// attach puts the collected names and values into body.
func (e *exprCtx) attach(body map[string]any) {
	if len(e.names) > 0 {
		body["ExpressionAttributeNames"] = e.names
	}
	if len(e.values) > 0 {
		body["ExpressionAttributeValues"] = e.values
	}
}

// path returns a document path rooted at top: top, top.x, top[1], ...
func (g *Gen) path(e *exprCtx, top string) string {
	p := top
	if g.chance(0.3) {
		p = e.name(top)
	}
	for i := 0; i < 2 && g.chance(0.35); i++ {
		if g.chance(0.5) {
			p += "." + pick(g, "x", "y", "z", "a")
		} else {
			p += "[" + strconv.Itoa(g.intn(3)) + "]"
		}
	}
	return p
}

// operand returns a comparable operand: a value or a path.
func (g *Gen) operand(e *exprCtx) string {
	if g.chance(0.7) {
		return e.val(g.value(1))
	}
	return g.path(e, pick(g, attrNames...))
}

// cond returns a random condition of nesting depth at most d.
func (g *Gen) cond(e *exprCtx, d int) string {
	if d > 0 && g.chance(0.3) {
		switch g.intn(3) {
		case 0:
			return g.cond(e, d-1) + " AND " + g.cond(e, d-1)
		case 1:
			return "(" + g.cond(e, d-1) + " OR " + g.cond(e, d-1) + ")"
		default:
			return "NOT " + g.cond(e, d-1)
		}
	}
	p := g.path(e, pick(g, append(attrNames, "pk", "sk", "gk", "ln")...))
	switch g.intn(10) {
	case 0, 1, 2:
		return p + " " + pick(g, "=", "<>", "<", "<=", ">", ">=") + " " + g.operand(e)
	case 3:
		return "attribute_exists(" + p + ")"
	case 4:
		return "attribute_not_exists(" + p + ")"
	case 5:
		t := pick(g, "S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M")
		return "attribute_type(" + p + ", " + e.val(map[string]any{"S": t}) + ")"
	case 6:
		return "begins_with(" + p + ", " + e.val(pick(g, map[string]any{"S": g.str()}, map[string]any{"B": g.bin()})) + ")"
	case 7:
		return "contains(" + p + ", " + g.operand(e) + ")"
	case 8:
		if g.chance(0.5) {
			return "size(" + p + ") " + pick(g, "=", "<", ">=") + " " + e.val(map[string]any{"N": strconv.Itoa(g.intn(4))})
		}
		lo, hi := g.value(0), g.value(0)
		if g.chance(0.7) {
			a, b := g.intn(50), g.intn(50)
			if a > b && g.chance(0.9) {
				a, b = b, a
			}
			lo, hi = map[string]any{"N": strconv.Itoa(a)}, map[string]any{"N": strconv.Itoa(b)}
		}
		return p + " BETWEEN " + e.val(lo) + " AND " + e.val(hi)
	default:
		ops := []string{}
		for i := 0; i < 1+g.intn(3); i++ {
			ops = append(ops, g.operand(e))
		}
		return p + " IN (" + strings.Join(ops, ", ") + ")"
	}
}

// update returns a random update expression over distinct top-level
// attributes (overlapping paths are an error on both servers; they are
// generated only when invalid is set).
func (g *Gen) update(e *exprCtx, invalid bool) string {
	perm := g.r.Perm(len(attrNames))
	used := 0
	next := func() string {
		if invalid && g.chance(0.3) {
			return attrNames[perm[0]]
		}
		n := attrNames[perm[used%len(perm)]]
		used++
		return n
	}
	var sets, removes, adds, deletes []string
	for i := 0; i < 1+g.intn(3); i++ {
		switch g.intn(8) {
		case 0, 1, 2:
			p := g.path(e, next())
			var rhs string
			switch g.intn(6) {
			case 0:
				rhs = g.operand(e) + " " + pick(g, "+", "-") + " " + g.operand(e)
			case 1:
				// Only the chosen operand is declared: an unused value
				// would make the request invalid.
				first := ""
				if g.chance(0.5) {
					first = g.path(e, pick(g, attrNames...))
				} else {
					first = e.val(map[string]any{"L": []any{g.value(0)}})
				}
				rhs = "list_append(" + first + ", " + e.val(map[string]any{"L": []any{g.value(0)}}) + ")"
			case 2:
				rhs = "if_not_exists(" + g.path(e, pick(g, attrNames...)) + ", " + e.val(g.value(1)) + ")"
			case 3:
				rhs = g.path(e, pick(g, attrNames...)) + " + " + e.val(map[string]any{"N": g.number()})
			default:
				rhs = e.val(g.value(2))
			}
			sets = append(sets, p+" = "+rhs)
		case 3, 4:
			removes = append(removes, g.path(e, next()))
		case 5, 6:
			v := pick(g, map[string]any{"N": g.number()}, map[string]any{"SS": g.set(g.nonEmptyStr)}, map[string]any{"NS": g.set(g.number)})
			adds = append(adds, e.name(next())+" "+e.val(v))
		default:
			v := pick(g, map[string]any{"SS": g.set(g.nonEmptyStr)}, map[string]any{"NS": g.set(g.number)})
			deletes = append(deletes, e.name(next())+" "+e.val(v))
		}
	}
	var parts []string
	for _, c := range []struct {
		kw string
		l  []string
	}{{"SET", sets}, {"REMOVE", removes}, {"ADD", adds}, {"DELETE", deletes}} {
		if len(c.l) > 0 {
			parts = append(parts, c.kw+" "+strings.Join(c.l, ", "))
		}
	}
	return strings.Join(parts, " ")
}

func (g *Gen) projection(e *exprCtx) string {
	var ps []string
	for i := 0; i < 1+g.intn(3); i++ {
		ps = append(ps, g.path(e, pick(g, append(attrNames, "pk", "sk", "gk", "ln")...)))
	}
	return strings.Join(ps, ", ")
}

// ---- requests ----

// Next returns the next random request.
func (g *Gen) Next() Request {
	if len(g.pending) > 0 {
		r := g.pending[0]
		g.pending = g.pending[1:]
		return r
	}
	invalid := g.chance(g.Invalid)
	t := g.table()
	switch k := g.intn(168); {
	case k >= 100 && k < 105:
		return g.transactGet(invalid)
	case k >= 105 && k < 109:
		if invalid {
			return g.invalidSegment(t)
		}
		return g.segmentedScan(t)
	case k == 109:
		steps := g.bigItemSteps(t)
		g.pending = steps[1:]
		return steps[0]
	case k >= 118:
		return g.legacy(t)
	case k >= 110:
		return g.moreUpdate(t)
	case k < 22:
		return g.putItem(t, invalid)
	case k < 32:
		return g.getItem(t)
	case k < 54:
		return g.updateItem(t, invalid)
	case k < 60:
		return g.deleteItem(t)
	case k < 75:
		return g.query(t, invalid)
	case k < 83:
		return g.scan(t)
	case k < 88:
		return g.batchWrite()
	case k < 93:
		return g.batchGet()
	default:
		return g.transactWrite(invalid)
	}
}

func (g *Gen) withCondition(body map[string]any, e *exprCtx, p float64) {
	if g.chance(p) {
		body["ConditionExpression"] = g.cond(e, 2)
	}
}

func (g *Gen) putItem(t tableSpec, invalid bool) Request {
	e := newExprCtx()
	item := g.item(t)
	if invalid {
		switch g.intn(3) {
		case 0:
			delete(item, "pk")
		case 1:
			item["s"] = map[string]any{"SS": []any{"x", "x"}}
		default:
			item["pk"] = map[string]any{"N": "1"}
		}
	}
	body := map[string]any{"TableName": t.Name, "Item": item}
	g.withCondition(body, e, 0.4)
	g.withFailureValues(body)
	if g.chance(0.4) {
		body["ReturnValues"] = pick(g, "NONE", "ALL_OLD")
	}
	e.attach(body)
	return Request{Op: "PutItem", Body: body, Write: true}
}

func (g *Gen) getItem(t tableSpec) Request {
	e := newExprCtx()
	body := map[string]any{"TableName": t.Name, "Key": g.key(t)}
	if g.chance(0.5) {
		body["ProjectionExpression"] = g.projection(e)
	}
	if g.chance(0.3) {
		body["ConsistentRead"] = true
	}
	e.attach(body)
	return Request{Op: "GetItem", Body: body}
}

func (g *Gen) updateItem(t tableSpec, invalid bool) Request {
	e := newExprCtx()
	body := map[string]any{"TableName": t.Name, "Key": g.key(t), "UpdateExpression": g.update(e, invalid)}
	g.withCondition(body, e, 0.3)
	g.withFailureValues(body)
	if g.chance(0.6) {
		body["ReturnValues"] = pick(g, "NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW")
	}
	if invalid && g.chance(0.5) {
		body["UpdateExpression"] = "SET pk = " + e.val(map[string]any{"S": "k"})
	}
	e.attach(body)
	return Request{Op: "UpdateItem", Body: body, Write: true}
}

func (g *Gen) deleteItem(t tableSpec) Request {
	e := newExprCtx()
	body := map[string]any{"TableName": t.Name, "Key": g.key(t)}
	g.withCondition(body, e, 0.4)
	g.withFailureValues(body)
	if g.chance(0.5) {
		body["ReturnValues"] = pick(g, "NONE", "ALL_OLD")
	}
	e.attach(body)
	return Request{Op: "DeleteItem", Body: body, Write: true}
}

func (g *Gen) query(t tableSpec, invalid bool) Request {
	e := newExprCtx()
	body := map[string]any{"TableName": t.Name}
	unordered := false
	hashAttr, rangeAttr, rangeType := "pk", "sk", t.Range
	if t.HasIndexes && g.chance(0.4) {
		if g.chance(0.5) {
			body["IndexName"] = "gsi"
			hashAttr = "gk"
			unordered = true
		} else {
			body["IndexName"] = "lsi"
			rangeAttr, rangeType = "ln", "N"
			// Items with equal index keys have no defined order.
			unordered = true
		}
	}
	hv := map[string]any{"S": g.pk()}
	if hashAttr == "gk" {
		hv = map[string]any{"S": pick(g, "g1", "g2")}
	}
	kc := e.name(hashAttr) + " = " + e.val(hv)
	if rangeType != "" && g.chance(0.7) {
		rv := func() map[string]any {
			if rangeType == "N" {
				return map[string]any{"N": pick(g, "0", "1", "2", "2.5", "3", "10")}
			}
			if rangeType == "B" {
				return map[string]any{"B": pick(g, append(binKeys, "AAAA", "gAAA", "/w==")...)}
			}
			return map[string]any{"S": pick(g, "a", "b", "ab", "c", "1")}
		}
		r := e.name(rangeAttr)
		switch g.intn(4) {
		case 0, 1:
			kc += " AND " + r + " " + pick(g, "=", "<", "<=", ">", ">=") + " " + e.val(rv())
		case 2:
			kc += " AND " + r + " BETWEEN " + e.val(rv()) + " AND " + e.val(rv())
		default:
			if rangeType != "N" || invalid {
				kc += " AND begins_with(" + r + ", " + e.val(rv()) + ")"
			}
		}
	}
	if invalid {
		kc = pick(g, kc+" AND a = "+e.val(map[string]any{"S": "x"}), "pk < "+e.val(hv), kc+" OR "+kc)
	}
	body["KeyConditionExpression"] = kc
	g.readOptions(body, e)
	index, _ := body["IndexName"].(string)
	g.moreReadOptions(t, body, e, index, hv)
	e.attach(body)
	// Items with equal index keys have no defined order, so where a made-up
	// start key falls among them is not comparable either.
	statusOnly := unordered && body["ExclusiveStartKey"] != nil
	return Request{Op: "Query", Body: body, Unordered: unordered, Partial: unordered && body["Limit"] != nil, StatusOnly: statusOnly}
}

// readOptions adds the options Query and Scan share.
func (g *Gen) readOptions(body map[string]any, e *exprCtx) {
	if g.chance(0.4) {
		body["FilterExpression"] = g.cond(e, 1)
	}
	if g.chance(0.3) {
		body["ProjectionExpression"] = g.projection(e)
	} else if g.chance(0.15) {
		body["Select"] = "COUNT"
	}
	if g.chance(0.4) {
		body["Limit"] = 1 + g.intn(3)
	}
	if g.chance(0.3) {
		body["ScanIndexForward"] = false
	}
}

func (g *Gen) scan(t tableSpec) Request {
	e := newExprCtx()
	body := map[string]any{"TableName": t.Name}
	g.readOptions(body, e)
	delete(body, "ScanIndexForward")
	index := ""
	if t.HasIndexes && g.chance(0.25) {
		index = pick(g, "gsi", "lsi")
		body["IndexName"] = index
	}
	g.moreReadOptions(t, body, e, index, nil)
	e.attach(body)
	// Where a Scan resumes after a made-up key depends on the hash order:
	// only the status and the error compare.
	_, esk := body["ExclusiveStartKey"]
	return Request{Op: "Scan", Body: body, Unordered: true, Partial: body["Limit"] != nil, StatusOnly: esk}
}

func (g *Gen) batchWrite() Request {
	reqs := map[string]any{}
	seen := map[string]bool{}
	for i := 0; i < 1+g.intn(4); i++ {
		t := g.table()
		var w map[string]any
		var key map[string]any
		if g.chance(0.7) {
			it := g.item(t)
			key = map[string]any{"pk": it["pk"], "sk": it["sk"]}
			w = map[string]any{"PutRequest": map[string]any{"Item": it}}
		} else {
			key = g.key(t)
			w = map[string]any{"DeleteRequest": map[string]any{"Key": key}}
		}
		id := t.Name + fmt.Sprint(key)
		if seen[id] {
			continue
		}
		seen[id] = true
		l, _ := reqs[t.Name].([]any)
		reqs[t.Name] = append(l, w)
	}
	return Request{Op: "BatchWriteItem", Body: map[string]any{"RequestItems": reqs}, Write: true}
}

func (g *Gen) batchGet() Request {
	reqs := map[string]any{}
	seen := map[string]bool{}
	for i := 0; i < 1+g.intn(5); i++ {
		t := g.table()
		k := g.key(t)
		id := t.Name + fmt.Sprint(k)
		if seen[id] {
			continue
		}
		seen[id] = true
		ka, _ := reqs[t.Name].(map[string]any)
		if ka == nil {
			ka = map[string]any{"Keys": []any{}}
			if g.chance(0.3) {
				e := newExprCtx()
				ka["ProjectionExpression"] = g.projection(e)
				if len(e.names) > 0 {
					ka["ExpressionAttributeNames"] = e.names
				}
			}
			reqs[t.Name] = ka
		}
		ka["Keys"] = append(ka["Keys"].([]any), k)
	}
	return Request{Op: "BatchGetItem", Body: map[string]any{"RequestItems": reqs}}
}

func (g *Gen) transactWrite(invalid bool) Request {
	var items []any
	seen := map[string]bool{}
	for i := 0; i < 1+g.intn(3); i++ {
		t := g.table()
		e := newExprCtx()
		var op string
		var m map[string]any
		switch g.intn(4) {
		case 0:
			op, m = "Put", map[string]any{"TableName": t.Name, "Item": g.item(t)}
		case 1:
			op, m = "Update", map[string]any{"TableName": t.Name, "Key": g.key(t), "UpdateExpression": g.update(e, invalid)}
		case 2:
			op, m = "Delete", map[string]any{"TableName": t.Name, "Key": g.key(t)}
		default:
			op, m = "ConditionCheck", map[string]any{"TableName": t.Name, "Key": g.key(t), "ConditionExpression": g.cond(e, 1)}
		}
		if op != "ConditionCheck" {
			g.withCondition(m, e, 0.4)
		}
		if g.chance(0.2) {
			m["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
		}
		key := m["Key"]
		if key == nil {
			it := m["Item"].(map[string]any)
			key = map[string]any{"pk": it["pk"], "sk": it["sk"]}
		}
		id := t.Name + fmt.Sprint(key)
		if seen[id] && !invalid {
			continue
		}
		seen[id] = true
		e.attach(m)
		items = append(items, map[string]any{op: m})
	}
	return Request{Op: "TransactWriteItems", Body: map[string]any{"TransactItems": items}, Write: true}
}
