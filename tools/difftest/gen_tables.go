package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// This file holds the table-operations round (-tables): CreateTable with
// random key schemas, attribute definitions, billing modes, indexes,
// encryption, streams, class, tags and deletion protection; DescribeTable,
// UpdateTable, the TTL and tagging operations, ListTables and DeleteTable.
// It works on tables of its own (tableNames), never on the item tables of
// gen.go, and about a third of its requests are invalid on purpose.

// tableNames are the tables this round creates, describes, updates and
// deletes; few, so that requests often meet a table that exists.
var tableNames = []string{"tbx0", "tbx1", "tbx2", "tbx3"}

// localARN is the ARN prefix DynamoDB Local gives its tables; the runner
// rewrites it to kvs's own prefix in the requests it sends kvs.
const localARN = "arn:aws:dynamodb:ddblocal:000000000000:"

// tableOps are the operations of this round; the accepted rules of
// gen_tables_accepted.go apply only to them.
var tableOps = map[string]bool{
	"CreateTable": true, "DescribeTable": true, "UpdateTable": true, "DeleteTable": true,
	"ListTables": true, "UpdateTimeToLive": true, "DescribeTimeToLive": true,
	"TagResource": true, "UntagResource": true, "ListTagsOfResource": true,
}

// knownTable is what the round knows of one of its tables, from DynamoDB
// Local's answers (Observe), so that it can aim at indexes that exist.
type knownTable struct {
	hasRange   bool
	billing    string // PAY_PER_REQUEST or PROVISIONED
	rcu, wcu   int64
	gsis       []string
	protected  bool
	streamOn   bool
	ttlEnabled string // the attribute, "" when disabled
}

// TableGen generates the table-operations round. Unlike Gen it learns from
// DynamoDB Local's answers (Observe), which are deterministic, so a seed
// still reproduces a run.
type TableGen struct {
	*Gen
	known map[string]*knownTable
}

// NewTableGen returns the table round's generator for seed.
func NewTableGen(seed uint64) *TableGen {
	g := NewGen(seed)
	g.Invalid = 0.33
	return &TableGen{Gen: g, known: map[string]*knownTable{}}
}

// Next returns the next random table-operation request.
func (g *TableGen) Next() Request {
	invalid := g.chance(g.Invalid)
	name := pick(g.Gen, tableNames...)
	t := g.known[name]
	switch k := g.intn(100); {
	case k < 26 || t == nil && k < 50:
		return g.createTable(name, invalid)
	case k < 36:
		return g.describeTable(name, invalid)
	case k < 58:
		return g.updateTable(name, t, invalid)
	case k < 66:
		return g.timeToLive(name, t, invalid)
	case k < 76:
		return g.tagging(name, invalid)
	case k < 86:
		return g.listTables(invalid)
	default:
		return g.deleteTable(name, t, invalid)
	}
}

// Observe records what DynamoDB Local answered to req.
func (g *TableGen) Observe(req Request, status int, body []byte) {
	name, _ := req.Body["TableName"].(string)
	if status != 200 {
		if strings.Contains(string(body), "ResourceNotFoundException") && req.Op == "DescribeTable" {
			delete(g.known, name)
		}
		return
	}
	switch req.Op {
	case "DeleteTable":
		delete(g.known, name)
		return
	case "UpdateTimeToLive":
		if t := g.known[name]; t != nil {
			spec, _ := req.Body["TimeToLiveSpecification"].(map[string]any)
			if on, _ := spec["Enabled"].(bool); on {
				t.ttlEnabled, _ = spec["AttributeName"].(string)
			} else {
				t.ttlEnabled = ""
			}
		}
		return
	case "CreateTable", "DescribeTable", "UpdateTable":
	default:
		return
	}
	var resp struct {
		TableDescription, Table *struct {
			KeySchema             []struct{ KeyType string }
			BillingModeSummary    *struct{ BillingMode string }
			ProvisionedThroughput *struct {
				ReadCapacityUnits, WriteCapacityUnits int64
			}
			GlobalSecondaryIndexes    []struct{ IndexName string }
			DeletionProtectionEnabled bool
			StreamSpecification       *struct{ StreamEnabled bool }
		}
	}
	if json.Unmarshal(body, &resp) != nil {
		return
	}
	d := resp.TableDescription
	if d == nil {
		d = resp.Table
	}
	if d == nil {
		return
	}
	t := g.known[name]
	if t == nil || req.Op == "CreateTable" {
		t = &knownTable{}
		g.known[name] = t
	}
	t.hasRange = len(d.KeySchema) == 2
	t.billing = "PROVISIONED"
	if d.BillingModeSummary != nil && d.BillingModeSummary.BillingMode != "" {
		t.billing = d.BillingModeSummary.BillingMode
	}
	if d.ProvisionedThroughput != nil {
		t.rcu, t.wcu = d.ProvisionedThroughput.ReadCapacityUnits, d.ProvisionedThroughput.WriteCapacityUnits
	}
	t.gsis = t.gsis[:0]
	for _, x := range d.GlobalSecondaryIndexes {
		t.gsis = append(t.gsis, x.IndexName)
	}
	t.protected = d.DeletionProtectionEnabled
	t.streamOn = d.StreamSpecification != nil && d.StreamSpecification.StreamEnabled
}

// ---- CreateTable ----

// keyAttr is one key attribute: its name and scalar type.
type keyAttr struct{ name, typ string }

func (g *TableGen) scalarType() string { return pick(g.Gen, "S", "N", "B") }

func ksElem(name, kt string) map[string]any {
	return map[string]any{"AttributeName": name, "KeyType": kt}
}

func attrDef(name, typ string) map[string]any {
	return map[string]any{"AttributeName": name, "AttributeType": typ}
}

// throughput returns a ProvisionedThroughput; bad makes it invalid (zero,
// negative, huge, a member missing).
func (g *TableGen) throughput(bad bool) map[string]any {
	if !bad {
		return map[string]any{"ReadCapacityUnits": 1 + g.intn(10), "WriteCapacityUnits": 1 + g.intn(10)}
	}
	switch g.intn(5) {
	case 0:
		return map[string]any{"ReadCapacityUnits": 0, "WriteCapacityUnits": 1}
	case 1:
		return map[string]any{"ReadCapacityUnits": 1, "WriteCapacityUnits": -1}
	case 2:
		return map[string]any{"ReadCapacityUnits": 100000000000, "WriteCapacityUnits": 1}
	case 3:
		return map[string]any{"ReadCapacityUnits": 5}
	default:
		return map[string]any{}
	}
}

// indexName returns a valid index name, or (bad) one of a bad length or
// with bad characters.
func (g *TableGen) indexName(i int, bad bool) string {
	if bad {
		return pick(g.Gen, "ix", "", "bad name", "idx!", strings.Repeat("i", 256))
	}
	return fmt.Sprintf("%s%d", pick(g.Gen, "gsi", "idx", "ix.", "i_x"), i)
}

// projection returns an index projection; bad makes it invalid.
func (g *TableGen) projection(bad bool) map[string]any {
	if bad {
		switch g.intn(4) {
		case 0:
			return map[string]any{"ProjectionType": "INCLUDE"}
		case 1:
			return map[string]any{"ProjectionType": "KEYS_ONLY", "NonKeyAttributes": []any{"a"}}
		case 2:
			nka := make([]any, 101)
			for i := range nka {
				nka[i] = fmt.Sprintf("n%d", i)
			}
			return map[string]any{"ProjectionType": "INCLUDE", "NonKeyAttributes": nka}
		default:
			return map[string]any{"ProjectionType": pick(g.Gen, "NONE", "all", "")}
		}
	}
	switch g.intn(3) {
	case 0:
		return map[string]any{"ProjectionType": "ALL"}
	case 1:
		return map[string]any{"ProjectionType": "KEYS_ONLY"}
	default:
		nka := []any{"a"}
		if g.chance(0.5) {
			nka = append(nka, "b", "c")
		}
		if g.chance(0.2) { // 20 in all: the most one index may project
			for i := 0; i < 17; i++ {
				nka = append(nka, fmt.Sprintf("p%d", i))
			}
		}
		return map[string]any{"ProjectionType": "INCLUDE", "NonKeyAttributes": nka}
	}
}

// indexKeyNames are the attributes index keys use.
var indexKeyNames = []string{"g1", "g2", "g3"}

func (g *TableGen) createTable(name string, invalid bool) Request {
	// fault chooses the one thing an invalid request gets wrong.
	fault := -1
	if invalid {
		fault = g.intn(16)
	}
	hash := keyAttr{"pk", g.scalarType()}
	keys := []keyAttr{hash}
	ks := []any{ksElem("pk", "HASH")}
	hasRange := g.chance(0.6)
	if hasRange {
		keys = append(keys, keyAttr{"sk", g.scalarType()})
		ks = append(ks, ksElem("sk", "RANGE"))
	}
	defs := map[string]string{}
	for _, k := range keys {
		defs[k.name] = k.typ
	}
	provisioned := g.chance(0.4)
	body := map[string]any{"TableName": name, "KeySchema": ks}

	var gsis, lsis []any
	nGSI := 0
	if g.chance(0.4) {
		nGSI = 1 + g.intn(3)
	}
	for i := 0; i < nGSI; i++ {
		a := pick(g.Gen, indexKeyNames...)
		if _, ok := defs[a]; !ok {
			defs[a] = g.scalarType()
		}
		iks := []any{ksElem(a, "HASH")}
		if r := pick(g.Gen, "pk", "sk", "g2"); r != a && g.chance(0.5) {
			iks = append(iks, ksElem(r, "RANGE"))
			if defs[r] == "" {
				defs[r] = g.scalarType()
			}
		}
		x := map[string]any{"IndexName": g.indexName(i, false), "KeySchema": iks, "Projection": g.projection(false)}
		if provisioned {
			x["ProvisionedThroughput"] = g.throughput(false)
		}
		gsis = append(gsis, x)
	}
	if hasRange && g.chance(0.3) {
		for i := 0; i < 1+g.intn(2); i++ {
			a := pick(g.Gen, "l1", "l2")
			if defs[a] == "" {
				defs[a] = g.scalarType()
			}
			lsis = append(lsis, map[string]any{"IndexName": "lsi" + fmt.Sprint(i),
				"KeySchema": []any{ksElem("pk", "HASH"), ksElem(a, "RANGE")}, "Projection": g.projection(false)})
		}
	}

	switch fault {
	case 0: // a key attribute without a definition
		delete(defs, pick(g.Gen, keys...).name)
	case 1: // an extra, unused definition
		defs["extra"] = "S"
	case 2: // a wrong type name
		defs["pk"] = pick(g.Gen, "X", "BOOL", "s", "SS")
	case 3: // six GSIs, or two with one name
		if g.chance(0.5) {
			for len(gsis) < 6 {
				x := map[string]any{"IndexName": g.indexName(len(gsis), false), "KeySchema": []any{ksElem("pk", "HASH")}, "Projection": g.projection(false)}
				if provisioned {
					x["ProvisionedThroughput"] = g.throughput(false)
				}
				gsis = append(gsis, x)
			}
			// names may repeat: indexName draws the prefix at random
		} else {
			x := map[string]any{"IndexName": "dup", "KeySchema": []any{ksElem("pk", "HASH")}, "Projection": g.projection(false)}
			if provisioned {
				x["ProvisionedThroughput"] = g.throughput(false)
			}
			gsis = append(gsis, x, x)
		}
	case 4: // a bad projection
		x := map[string]any{"IndexName": "gbad", "KeySchema": []any{ksElem("pk", "HASH")}, "Projection": g.projection(true)}
		if provisioned {
			x["ProvisionedThroughput"] = g.throughput(false)
		}
		gsis = append(gsis, x)
	case 5: // an LSI with another hash key, or on a table without a range key
		defs["l1"] = "S"
		h := "pk"
		if hasRange {
			h = "l1"
		}
		lsis = append(lsis, map[string]any{"IndexName": "lbad",
			"KeySchema": []any{ksElem(h, "HASH"), ksElem("l1", "RANGE")}, "Projection": g.projection(false)})
	case 6: // a bad index name
		x := map[string]any{"IndexName": g.indexName(0, true), "KeySchema": []any{ksElem("pk", "HASH")}, "Projection": g.projection(false)}
		if provisioned {
			x["ProvisionedThroughput"] = g.throughput(false)
		}
		gsis = append(gsis, x)
	case 7: // six LSIs
		defs["l1"] = "S"
		for len(lsis) < 6 {
			lsis = append(lsis, map[string]any{"IndexName": fmt.Sprintf("lsx%d", len(lsis)),
				"KeySchema": []any{ksElem("pk", "HASH"), ksElem("l1", "RANGE")}, "Projection": map[string]any{"ProjectionType": "KEYS_ONLY"}})
		}
		if !hasRange {
			ks = append(ks, ksElem("sk", "RANGE"))
			defs["sk"] = "S"
			body["KeySchema"] = ks
		}
	case 8: // a bad key schema: RANGE first, two HASH, a repeated name
		switch g.intn(3) {
		case 0:
			body["KeySchema"] = []any{ksElem("pk", "RANGE")}
		case 1:
			defs["sk"] = "S"
			body["KeySchema"] = []any{ksElem("pk", "HASH"), ksElem("sk", "HASH")}
		default:
			body["KeySchema"] = []any{ksElem("pk", "HASH"), ksElem("pk", "RANGE")}
		}
	}

	var ads []any
	for _, n := range sortedKeys(defs) {
		ads = append(ads, attrDef(n, defs[n]))
	}
	if fault == 9 { // a duplicated definition
		ads = append(ads, attrDef("pk", "S"))
	}
	if fault != 10 || g.chance(0.5) {
		body["AttributeDefinitions"] = ads
	}
	if len(gsis) > 0 {
		body["GlobalSecondaryIndexes"] = gsis
	}
	if len(lsis) > 0 {
		body["LocalSecondaryIndexes"] = lsis
	}

	// Billing.
	switch {
	case fault == 11: // throughput that does not fit the mode
		if provisioned {
			body["BillingMode"] = pick(g.Gen, "PROVISIONED", "")
			if g.chance(0.5) {
				body["ProvisionedThroughput"] = g.throughput(true)
			}
			if body["BillingMode"] == "" {
				delete(body, "BillingMode")
			}
		} else {
			body["BillingMode"] = "PAY_PER_REQUEST"
			body["ProvisionedThroughput"] = g.throughput(false)
		}
	case fault == 12:
		body["BillingMode"] = pick(g.Gen, "FREE", "pay_per_request")
	case provisioned:
		if g.chance(0.7) {
			body["BillingMode"] = "PROVISIONED"
		}
		body["ProvisionedThroughput"] = g.throughput(false)
	default:
		body["BillingMode"] = "PAY_PER_REQUEST"
	}

	// Options, each now and then; fault 13-15 makes one of them bad.
	if g.chance(0.2) || fault == 13 {
		body["SSESpecification"] = g.sse(fault == 13)
	}
	if g.chance(0.25) || fault == 14 {
		body["StreamSpecification"] = g.stream(fault == 14)
	}
	if g.chance(0.15) {
		body["TableClass"] = pick(g.Gen, "STANDARD", "STANDARD_INFREQUENT_ACCESS")
	}
	if g.chance(0.2) || fault == 15 {
		body["Tags"] = g.tags(fault == 15)
	}
	if g.chance(0.1) {
		body["DeletionProtectionEnabled"] = g.chance(0.5)
	}
	if !provisioned && g.chance(0.1) {
		body["OnDemandThroughput"] = map[string]any{"MaxReadRequestUnits": pick(g.Gen, 1, 10, -1), "MaxWriteRequestUnits": pick(g.Gen, 2, -1)}
	}
	return Request{Op: "CreateTable", Body: body, Write: true}
}

func (g *TableGen) sse(bad bool) map[string]any {
	if bad {
		return pick(g.Gen, map[string]any{"Enabled": true, "SSEType": "DES"},
			map[string]any{"Enabled": false, "SSEType": "KMS"},
			map[string]any{"KMSMasterKeyId": "alias/nope"})
	}
	return pick(g.Gen, map[string]any{"Enabled": true}, map[string]any{"Enabled": false},
		map[string]any{"Enabled": true, "SSEType": "KMS"}, map[string]any{})
}

func (g *TableGen) stream(bad bool) map[string]any {
	if bad {
		return pick(g.Gen, map[string]any{"StreamEnabled": true}, map[string]any{"StreamEnabled": true, "StreamViewType": "ALL"},
			map[string]any{"StreamEnabled": false, "StreamViewType": "KEYS_ONLY"}, map[string]any{})
	}
	if g.chance(0.2) {
		return map[string]any{"StreamEnabled": false}
	}
	return map[string]any{"StreamEnabled": true,
		"StreamViewType": pick(g.Gen, "KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES")}
}

// tags returns 1..3 tags; bad makes them invalid (an empty or reserved
// key, a repeated key, 51 tags, a long value).
func (g *TableGen) tags(bad bool) []any {
	var out []any
	for i := 0; i < 1+g.intn(3); i++ {
		out = append(out, map[string]any{"Key": fmt.Sprintf("k%d", i), "Value": pick(g.Gen, "v", "", "x y")})
	}
	if !bad {
		return out
	}
	switch g.intn(5) {
	case 0:
		return append(out, map[string]any{"Key": "", "Value": "v"})
	case 1:
		return append(out, map[string]any{"Key": "aws:x", "Value": "v"})
	case 2:
		return append(out, out[0])
	case 3:
		for i := len(out); i < 51; i++ {
			out = append(out, map[string]any{"Key": fmt.Sprintf("k%d", i), "Value": "v"})
		}
		return out
	default:
		return append(out, map[string]any{"Key": "long", "Value": strings.Repeat("v", 257)})
	}
}

// sortedKeys returns m's keys sorted, so that a seed gives one body.
func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
