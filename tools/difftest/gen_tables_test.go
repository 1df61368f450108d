package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// The table round stays on its own tables, is reproducible, and makes
// roughly a third of its requests invalid.
func TestTableGenOwnTablesAndReproducible(t *testing.T) {
	a, b := NewTableGen(3), NewTableGen(3)
	ops := map[string]int{}
	for i := 0; i < 500; i++ {
		ra, rb := a.Next(), b.Next()
		ja, _ := json.Marshal(ra.Body)
		jb, _ := json.Marshal(rb.Body)
		if ra.Op != rb.Op || string(ja) != string(jb) {
			t.Fatalf("step %d: same seed, different requests: %s %s / %s %s", i, ra.Op, ja, rb.Op, jb)
		}
		if !tableOps[ra.Op] {
			t.Fatalf("step %d: %s is not a table operation", i, ra.Op)
		}
		ops[ra.Op]++
		if ra.Op == "CreateTable" { // as if DynamoDB Local created it
			desc := []byte(`{"TableDescription":{"KeySchema":[{"KeyType":"HASH"}]}}`)
			a.Observe(ra, 200, desc)
			b.Observe(rb, 200, desc)
		}
		for _, item := range []string{`"dth"`, `"dtn"`, `"dts"`, `"dtb"`} {
			if ra.Op != "ListTables" && strings.Contains(string(ja), `"TableName":`+item) {
				t.Fatalf("step %d: %s touches item table %s: %s", i, ra.Op, item, ja)
			}
		}
	}
	for op := range tableOps {
		if ops[op] == 0 {
			t.Errorf("no %s in 500 steps", op)
		}
	}
}

// Observe follows DynamoDB Local's answers: a created table is known with
// its GSIs and billing mode, a deleted one is forgotten.
func TestTableGenObserve(t *testing.T) {
	g := NewTableGen(1)
	create := Request{Op: "CreateTable", Body: map[string]any{"TableName": "tbx0"}}
	g.Observe(create, 200, []byte(`{"TableDescription":{"KeySchema":[{"KeyType":"HASH"},{"KeyType":"RANGE"}],
		"ProvisionedThroughput":{"ReadCapacityUnits":3,"WriteCapacityUnits":4},
		"GlobalSecondaryIndexes":[{"IndexName":"gsi0"}],"DeletionProtectionEnabled":true}}`))
	k := g.known["tbx0"]
	if k == nil || !k.hasRange || k.billing != "PROVISIONED" || k.rcu != 3 || len(k.gsis) != 1 || !k.protected {
		t.Fatalf("after CreateTable: %+v", k)
	}
	g.Observe(Request{Op: "DeleteTable", Body: map[string]any{"TableName": "tbx0"}}, 400, nil)
	if g.known["tbx0"] == nil {
		t.Fatal("a refused DeleteTable forgot the table")
	}
	g.Observe(Request{Op: "DeleteTable", Body: map[string]any{"TableName": "tbx0"}}, 200, nil)
	if g.known["tbx0"] != nil {
		t.Fatal("a deleted table is still known")
	}
}

// The accepted rules of the table round pair DynamoDB Local's texts with
// DynamoDB's only for the faults they name.
func TestTableTextsAccepted(t *testing.T) {
	req := Request{Op: "DescribeTable", Body: map[string]any{"TableName": "tbx0"}}
	notFound := `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"%s"}`
	local := Answer{400, []byte(strings.Replace(notFound, "%s", "Cannot do operations on a non-existent table", 1))}
	kv := Answer{400, []byte(strings.Replace(notFound, "%s", "Requested resource not found: Table: tbx0 not found", 1))}
	if got := acceptedAs(req, local, kv); got != "control-plane texts" {
		t.Errorf("missing table: accepted as %q", got)
	}
	kv = Answer{400, []byte(strings.Replace(notFound, "%s", "Requested resource not found", 1))}
	if got := acceptedAs(req, local, kv); got != "" {
		t.Errorf("another text accepted as %q", got)
	}
	// Item operations are not touched by the table rules.
	item := Request{Op: "GetItem", Body: map[string]any{"TableName": "tbx0"}}
	kv = Answer{400, []byte(strings.Replace(notFound, "%s", "Requested resource not found: Table: tbx0 not found", 1))}
	if got := acceptedAs(item, local, kv); got != "" {
		t.Errorf("GetItem accepted as %q", got)
	}
}

// A throughput decrease counts in kvs (NumberOfDecreasesToday,
// LastDecreaseDateTime); DynamoDB Local stays at 0 with a "never" date.
func TestTableDecreaseAccepted(t *testing.T) {
	req := Request{Op: "UpdateTable", Body: map[string]any{"TableName": "tbx2"}}
	l := Answer{200, []byte(`{"TableDescription":{"TableName":"tbx2","ProvisionedThroughput":{"LastDecreaseDateTime":0,"LastIncreaseDateTime":0,"NumberOfDecreasesToday":0,"ReadCapacityUnits":9,"WriteCapacityUnits":4}}}`)}
	k := Answer{200, []byte(`{"TableDescription":{"TableName":"tbx2","ProvisionedThroughput":{"LastDecreaseDateTime":1.7E9,"NumberOfDecreasesToday":1,"ReadCapacityUnits":9,"WriteCapacityUnits":4}}}`)}
	if got := acceptedAs(req, l, k); got != "description members" {
		t.Errorf("accepted as %q", got)
	}
	k = Answer{200, []byte(`{"TableDescription":{"TableName":"tbx2","ProvisionedThroughput":{"NumberOfDecreasesToday":0,"ReadCapacityUnits":8,"WriteCapacityUnits":4}}}`)}
	if got := acceptedAs(req, l, k); got != "" {
		t.Errorf("other units accepted as %q", got)
	}
}
