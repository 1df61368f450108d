package drivertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// The randomized model-based test: one random operation log (puts,
// conditional updates, deletes, queries, scans, batches, transactions over
// a small key space, so that operations collide) runs against two
// databases step by step, and every answer — items, counts, paging keys,
// error codes and messages, cancellation reasons — must be the same. A
// full scan of both databases is compared every few steps.
//
// A failing log is written to a file whose path the test prints; run it
// again with
//
//	KVS_REPLAY=/path/to/log.json go test -run <the test> .

// ReplayEnv is the environment variable naming a log to replay.
const ReplayEnv = "KVS_REPLAY"

// Op is one step of a log: a DynamoDB-level operation name and its input in
// the wire JSON form.
type Op struct {
	Op string          `json:"op"`
	In json.RawMessage `json:"in"`
}

// CompareConfig configures Compare.
type CompareConfig struct {
	// A and B open the two databases to compare (fresh and empty).
	A, B func(t *testing.T) *kvs.DB
	// Seed and Steps shape the random log (ignored when replaying).
	Seed  uint64
	Steps int
}

const modelTable = "model"

// Compare runs one random log (or the log named by $KVS_REPLAY) against
// cfg.A and cfg.B.
func Compare(t *testing.T, cfg CompareConfig) {
	var log []Op
	if path := os.Getenv(ReplayEnv); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &log); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		t.Logf("replaying %d steps from %s", len(log), path)
	} else {
		g := &gen{r: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))}
		for i := 0; i < cfg.Steps; i++ {
			log = append(log, g.op())
		}
	}
	ctx := context.Background()
	a, b := cfg.A(t), cfg.B(t)
	for _, db := range []*kvs.DB{a, b} {
		if _, err := db.CreateTable(ctx, modelTableDef()); err != nil {
			t.Fatal(err)
		}
	}
	fail := func(step int, format string, args ...any) {
		t.Helper()
		f, err := os.CreateTemp("", "kvs-model-*.json")
		if err == nil {
			data, _ := json.MarshalIndent(log[:step+1], "", " ")
			f.Write(data)
			f.Close()
		}
		t.Fatalf("step %d (%s %s): %s\nlog of %d steps written to %s; replay with %s=%s",
			step, log[step].Op, log[step].In, fmt.Sprintf(format, args...), step+1, f.Name(), ReplayEnv, f.Name())
	}
	for i, op := range log {
		ra, err := apply(ctx, a, op)
		if err != nil {
			fail(i, "A: %v", err)
		}
		rb, err := apply(ctx, b, op)
		if err != nil {
			fail(i, "B: %v", err)
		}
		if ra != rb {
			fail(i, "answers differ:\nA: %s\nB: %s", ra, rb)
		}
		if i%25 == 24 || i == len(log)-1 {
			sa, sb := snapshot(ctx, a), snapshot(ctx, b)
			if sa != sb {
				fail(i, "contents differ:\nA: %s\nB: %s", sa, sb)
			}
		}
	}
}

func modelTableDef() *kvs.TableDefinition {
	return &kvs.TableDefinition{TableName: modelTable, BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: []kvs.AttributeDefinition{{AttributeName: "pk", AttributeType: "S"},
			{AttributeName: "sk", AttributeType: "N"}, {AttributeName: "g", AttributeType: "S"}},
		KeySchema: []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}},
		GlobalSecondaryIndexes: []kvs.GlobalSecondaryIndex{{IndexName: "byG",
			KeySchema:  []kvs.KeySchemaElement{{AttributeName: "g", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}},
			Projection: kvs.Projection{ProjectionType: "ALL"}}},
	}
}

// snapshot renders a table's whole content, sorted.
func snapshot(ctx context.Context, db *kvs.DB) string {
	var items []string
	in := &kvs.ScanInput{TableName: modelTable}
	for {
		out, err := db.Scan(ctx, in)
		if err != nil {
			return "scan error: " + err.Error()
		}
		for _, it := range out.Items {
			items = append(items, it.String())
		}
		if out.LastEvaluatedKey == nil {
			break
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
	slices.Sort(items)
	return strings.Join(items, "\n")
}

// apply runs op on db and renders the answer (or the API error). A
// non-nil error means the op itself could not be decoded or run.
func apply(ctx context.Context, db *kvs.DB, op Op) (string, error) {
	var (
		res string
		err error
	)
	decode := func(v any) error { return json.Unmarshal(op.In, v) }
	switch op.Op {
	case "PutItem":
		var in kvs.PutItemInput
		if err := decode(&in); err != nil {
			return "", err
		}
		var out *kvs.PutItemOutput
		if out, err = db.PutItem(ctx, &in); err == nil {
			res = out.Attributes.String()
		}
	case "UpdateItem":
		var in kvs.UpdateItemInput
		if err := decode(&in); err != nil {
			return "", err
		}
		var out *kvs.UpdateItemOutput
		if out, err = db.UpdateItem(ctx, &in); err == nil {
			res = out.Attributes.String()
		}
	case "DeleteItem":
		var in kvs.DeleteItemInput
		if err := decode(&in); err != nil {
			return "", err
		}
		var out *kvs.DeleteItemOutput
		if out, err = db.DeleteItem(ctx, &in); err == nil {
			res = out.Attributes.String()
		}
	case "GetItem":
		var in kvs.GetItemInput
		if err := decode(&in); err != nil {
			return "", err
		}
		var out *kvs.GetItemOutput
		if out, err = db.GetItem(ctx, &in); err == nil {
			res = out.Item.String()
		}
	case "Query", "Scan":
		var out *kvs.QueryOutput
		if op.Op == "Query" {
			var in kvs.QueryInput
			if err := decode(&in); err != nil {
				return "", err
			}
			out, err = db.Query(ctx, &in)
		} else {
			var in kvs.ScanInput
			if err := decode(&in); err != nil {
				return "", err
			}
			out, err = db.Scan(ctx, &in)
		}
		if err == nil {
			var b strings.Builder
			fmt.Fprintf(&b, "count %d scanned %d last %s items", out.Count, out.ScannedCount, out.LastEvaluatedKey.String())
			for _, it := range out.Items {
				b.WriteString(" " + it.String())
			}
			res = b.String()
		}
	case "BatchWriteItem":
		var in kvs.BatchWriteItemInput
		if err := decode(&in); err != nil {
			return "", err
		}
		var out *kvs.BatchWriteItemOutput
		if out, err = db.BatchWriteItem(ctx, &in); err == nil {
			res = fmt.Sprint("unprocessed ", len(out.UnprocessedItems[modelTable]))
		}
	case "TransactWriteItems":
		var in kvs.TransactWriteItemsInput
		if err := decode(&in); err != nil {
			return "", err
		}
		_, err = db.TransactWriteItems(ctx, &in)
	case "TransactGetItems":
		var in kvs.TransactGetItemsInput
		if err := decode(&in); err != nil {
			return "", err
		}
		var out *kvs.TransactGetItemsOutput
		if out, err = db.TransactGetItems(ctx, &in); err == nil {
			for _, r := range out.Responses {
				res += r.Item.String() + ";"
			}
		}
	default:
		return "", fmt.Errorf("unknown op %q", op.Op)
	}
	if err != nil {
		var ae *apierr.Error
		if !errors.As(err, &ae) {
			return "", err
		}
		res = fmt.Sprintf("error %s: %s", ae.Code, ae.Message)
		for _, r := range ae.CancellationReasons {
			res += fmt.Sprintf(" [%s %s %v]", r.Code, r.Message, r.Item)
		}
		if ae.Item != nil {
			res += fmt.Sprintf(" item %v", ae.Item)
		}
	}
	return res, nil
}

// gen makes random operations over 3 partitions x 5 sort keys.
type gen struct{ r *rand.Rand }

func (g *gen) pk() attr.Value  { return attr.S(string(rune('a' + g.r.IntN(3)))) }
func (g *gen) sk() attr.Value  { return attr.N(fmt.Sprint(g.r.IntN(5))) }
func (g *gen) val() attr.Value { return attr.N(fmt.Sprint(g.r.IntN(4))) }
func (g *gen) key() attr.Item  { return attr.Item{"pk": g.pk(), "sk": g.sk()} }

func (g *gen) item() attr.Item {
	it := g.key()
	it["v"] = g.val()
	if g.r.IntN(3) > 0 { // a third of the items stay out of the index
		it["g"] = attr.S(string(rune('x' + g.r.IntN(2))))
	}
	if g.r.IntN(4) == 0 {
		it["l"] = attr.L(g.val(), attr.S("e"))
	}
	return it
}

// cond returns a random condition (or none) with its values.
func (g *gen) cond() (string, kvs.Values) {
	switch g.r.IntN(6) {
	case 0:
		return "attribute_not_exists(pk)", nil
	case 1:
		return "attribute_exists(pk)", nil
	case 2:
		return "v = :c", kvs.Values{":c": g.val()}
	case 3:
		return "v < :c OR attribute_not_exists(v)", kvs.Values{":c": g.val()}
	}
	return "", nil
}

// update returns a random update expression with its values.
func (g *gen) update() (string, kvs.Values) {
	switch g.r.IntN(5) {
	case 0:
		return "SET v = :u", kvs.Values{":u": g.val()}
	case 1:
		return "ADD n :u", kvs.Values{":u": g.val()}
	case 2:
		return "REMOVE v, g", nil
	case 3:
		return "SET g = :u, v = if_not_exists(v, :w)", kvs.Values{":u": attr.S(string(rune('x' + g.r.IntN(2)))), ":w": g.val()}
	}
	return "SET v = v + :u", kvs.Values{":u": g.val()} // fails when v is missing
}

func merge(a, b kvs.Values) kvs.Values {
	if len(a)+len(b) == 0 {
		return nil
	}
	m := kvs.Values{}
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}

func (g *gen) distinctKeys(n int) []attr.Item {
	seen := map[string]bool{}
	var keys []attr.Item
	for len(keys) < n {
		k := g.key()
		if !seen[k.String()] {
			seen[k.String()] = true
			keys = append(keys, k)
		}
	}
	return keys
}

func mustJSON(v any) json.RawMessage {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return data
}

func (g *gen) op() Op {
	rv := []string{"NONE", "ALL_OLD", "ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"}
	switch g.r.IntN(10) {
	case 0, 1:
		c, vals := g.cond()
		return Op{"PutItem", mustJSON(kvs.PutItemInput{TableName: modelTable, Item: g.item(), ConditionExpression: c,
			ExpressionAttributeValues: vals, ReturnValues: rv[g.r.IntN(2)], ReturnValuesOnConditionCheckFailure: []string{"", "ALL_OLD"}[g.r.IntN(2)]})}
	case 2, 3:
		c, cv := g.cond()
		u, uv := g.update()
		return Op{"UpdateItem", mustJSON(kvs.UpdateItemInput{TableName: modelTable, Key: g.key(), UpdateExpression: u,
			ConditionExpression: c, ExpressionAttributeValues: merge(cv, uv), ReturnValues: rv[g.r.IntN(5)]})}
	case 4:
		c, vals := g.cond()
		return Op{"DeleteItem", mustJSON(kvs.DeleteItemInput{TableName: modelTable, Key: g.key(), ConditionExpression: c,
			ExpressionAttributeValues: vals, ReturnValues: rv[g.r.IntN(2)]})}
	case 5:
		return Op{"GetItem", mustJSON(kvs.GetItemInput{TableName: modelTable, Key: g.key(), ConsistentRead: ptr(true)})}
	case 6:
		in := kvs.QueryInput{TableName: modelTable, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: kvs.Values{":p": g.pk()},
			ScanIndexForward: ptr(g.r.IntN(2) == 0)}
		if g.r.IntN(2) == 0 {
			in.IndexName, in.KeyConditionExpression = "byG", "g = :p"
			in.ExpressionAttributeValues[":p"] = attr.S(string(rune('x' + g.r.IntN(2))))
		}
		if g.r.IntN(2) == 0 {
			in.KeyConditionExpression += " AND sk >= :s"
			in.ExpressionAttributeValues[":s"] = g.sk()
		}
		if g.r.IntN(2) == 0 {
			in.Limit = ptr(int32(1 + g.r.IntN(3)))
		}
		if g.r.IntN(3) == 0 {
			in.FilterExpression = "v <> :f"
			in.ExpressionAttributeValues[":f"] = g.val()
		}
		return Op{"Query", mustJSON(in)}
	case 7:
		in := kvs.ScanInput{TableName: modelTable}
		if g.r.IntN(2) == 0 {
			in.Limit = ptr(int32(1 + g.r.IntN(6)))
		}
		if g.r.IntN(3) == 0 {
			in.FilterExpression, in.ExpressionAttributeValues = "attribute_exists(n)", nil
		}
		return Op{"Scan", mustJSON(in)}
	case 8:
		keys := g.distinctKeys(1 + g.r.IntN(3))
		var items []kvs.TransactWriteItem
		for _, k := range keys {
			c, cv := g.cond()
			switch g.r.IntN(4) {
			case 0:
				it := g.item()
				it["pk"], it["sk"] = k["pk"], k["sk"]
				items = append(items, kvs.TransactWriteItem{Put: &kvs.TransactPut{TableName: modelTable, Item: it, ConditionExpression: c, ExpressionAttributeValues: cv}})
			case 1:
				u, uv := g.update()
				items = append(items, kvs.TransactWriteItem{Update: &kvs.TransactUpdate{TableName: modelTable, Key: k, UpdateExpression: u,
					ConditionExpression: c, ExpressionAttributeValues: merge(cv, uv)}})
			case 2:
				items = append(items, kvs.TransactWriteItem{Delete: &kvs.TransactDelete{TableName: modelTable, Key: k, ConditionExpression: c, ExpressionAttributeValues: cv}})
			default:
				if c == "" {
					c = "attribute_exists(pk)"
				}
				items = append(items, kvs.TransactWriteItem{ConditionCheck: &kvs.ConditionCheck{TableName: modelTable, Key: k, ConditionExpression: c,
					ExpressionAttributeValues: cv, ReturnValuesOnConditionCheckFailure: "ALL_OLD"}})
			}
		}
		return Op{"TransactWriteItems", mustJSON(kvs.TransactWriteItemsInput{TransactItems: items})}
	default:
		if g.r.IntN(2) == 0 {
			var gets []kvs.TransactGetItem
			for _, k := range g.distinctKeys(1 + g.r.IntN(3)) {
				gets = append(gets, kvs.TransactGetItem{Get: &kvs.TransactGet{TableName: modelTable, Key: k}})
			}
			return Op{"TransactGetItems", mustJSON(kvs.TransactGetItemsInput{TransactItems: gets})}
		}
		var reqs []kvs.WriteRequest
		for _, k := range g.distinctKeys(1 + g.r.IntN(4)) {
			if g.r.IntN(3) == 0 {
				reqs = append(reqs, kvs.WriteRequest{DeleteRequest: &kvs.DeleteRequest{Key: k}})
				continue
			}
			it := g.item()
			it["pk"], it["sk"] = k["pk"], k["sk"]
			reqs = append(reqs, kvs.WriteRequest{PutRequest: &kvs.PutRequest{Item: it}})
		}
		return Op{"BatchWriteItem", mustJSON(kvs.BatchWriteItemInput{RequestItems: map[string][]kvs.WriteRequest{modelTable: reqs}})}
	}
}
