package drivertest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// Batches and transactions.

// reasonConditionFailed is the cancellation-reason code of a failed
// condition: DynamoDB drops the "Exception" suffix there.
const reasonConditionFailed = apierr.Code("ConditionalCheckFailed")

func init() {
	register(
		testCase{name: "Batch/WriteAndGet", run: testBatchWriteGet},
		testCase{name: "Batch/Limits", run: testBatchLimits},
		testCase{name: "Transact/AllOrNothing", run: testTransactAllOrNothing},
		testCase{name: "Transact/Validation", run: testTransactValidation},
		testCase{name: "Transact/IdempotencyToken", needs: []Capability{IdempotentTransactions}, run: testTransactIdempotency},
		testCase{name: "Transact/Get", run: testTransactGet},
	)
}

func testBatchWriteGet(t *testing.T, e *env) {
	a := e.createTable("batch-a", keyDef{"pk", "S"}, keyDef{})
	b := e.createTable("batch-b", keyDef{"pk", "N"}, keyDef{})
	e.put(a, attr.Item{"pk": s("gone"), "v": ni(1)})
	var reqs []kvs.WriteRequest
	for i := 0; i < 20; i++ {
		reqs = append(reqs, kvs.WriteRequest{PutRequest: &kvs.PutRequest{Item: attr.Item{"pk": s(fmt.Sprint("a", i)), "v": ni(i)}}})
	}
	reqs = append(reqs, kvs.WriteRequest{DeleteRequest: &kvs.DeleteRequest{Key: attr.Item{"pk": s("gone")}}})
	out, err := e.db.BatchWriteItem(e.ctx, &kvs.BatchWriteItemInput{RequestItems: map[string][]kvs.WriteRequest{
		a: reqs, b: {{PutRequest: &kvs.PutRequest{Item: attr.Item{"pk": ni(7)}}}}}})
	e.noErr("BatchWriteItem", err)
	for len(out.UnprocessedItems) > 0 {
		out, err = e.db.BatchWriteItem(e.ctx, &kvs.BatchWriteItemInput{RequestItems: out.UnprocessedItems})
		e.noErr("BatchWriteItem retry", err)
	}
	keys := []attr.Item{{"pk": s("a3")}, {"pk": s("gone")}, {"pk": s("a19")}, {"pk": s("missing")}}
	got, err := e.db.BatchGetItem(e.ctx, &kvs.BatchGetItemInput{RequestItems: map[string]*kvs.KeysAndAttributes{
		a: {Keys: keys, ProjectionExpression: "v"}, b: {Keys: []attr.Item{{"pk": ni(7)}}}}})
	e.noErr("BatchGetItem", err)
	if len(got.UnprocessedKeys) != 0 {
		t.Fatalf("unprocessed keys in a tiny batch: %v", got.UnprocessedKeys)
	}
	vs := map[string]bool{}
	for _, it := range got.Responses[a] {
		if len(it) != 1 {
			t.Fatalf("projected batch item = %v", it)
		}
		vs[it["v"].Str()] = true
	}
	if len(vs) != 2 || !vs["3"] || !vs["19"] {
		t.Fatalf("BatchGetItem a = %v, want v 3 and 19", got.Responses[a])
	}
	if len(got.Responses[b]) != 1 {
		t.Fatalf("BatchGetItem b = %v", got.Responses[b])
	}
}

func testBatchLimits(t *testing.T, e *env) {
	tbl := e.createTable("limits", keyDef{"pk", "S"}, keyDef{})
	var reqs []kvs.WriteRequest
	for i := 0; i < 26; i++ {
		reqs = append(reqs, kvs.WriteRequest{PutRequest: &kvs.PutRequest{Item: attr.Item{"pk": s(fmt.Sprint(i))}}})
	}
	// 26 writes for one table break Coral's per-table list constraint; DynamoDB
	// echoes the map with each request's Java toString, so only the rule is
	// compared.
	_, err := e.db.BatchWriteItem(e.ctx, &kvs.BatchWriteItemInput{RequestItems: map[string][]kvs.WriteRequest{tbl: reqs}})
	ae := e.wantErr("26 writes to one table", err, apierr.Validation, "")
	if e.exact && !strings.HasSuffix(ae.Message, "at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "+
		"[Member must have length less than or equal to 25, Member must have length greater than or equal to 1]") {
		t.Fatalf("26 writes to one table: message %q", ae.Message)
	}
	// 13 + 13 writes over two tables pass the per-table rule but not the
	// request's total.
	other := e.createTable("limits2", keyDef{"pk", "S"}, keyDef{})
	_, err = e.db.BatchWriteItem(e.ctx, &kvs.BatchWriteItemInput{RequestItems: map[string][]kvs.WriteRequest{tbl: reqs[:13], other: reqs[13:]}})
	e.wantErr("26 writes over two tables", err, apierr.Validation, "Too many items requested for the BatchWriteItem call")
	dup := []kvs.WriteRequest{reqs[0], {DeleteRequest: &kvs.DeleteRequest{Key: attr.Item{"pk": s("0")}}}}
	_, err = e.db.BatchWriteItem(e.ctx, &kvs.BatchWriteItemInput{RequestItems: map[string][]kvs.WriteRequest{tbl: dup}})
	e.wantErr("duplicate write keys", err, apierr.Validation, "Provided list of item keys contains duplicates")
	if got := e.get(tbl, attr.Item{"pk": s("0")}); got != nil {
		t.Fatalf("a rejected batch wrote %v", got)
	}
	var keys []attr.Item
	for i := 0; i < 101; i++ {
		keys = append(keys, attr.Item{"pk": s(fmt.Sprint(i))})
	}
	_, err = e.db.BatchGetItem(e.ctx, &kvs.BatchGetItemInput{RequestItems: map[string]*kvs.KeysAndAttributes{tbl: {Keys: keys}}})
	e.wantErr("101 keys", err, apierr.Validation, "Too many items requested for the BatchGetItem call")
	_, err = e.db.BatchGetItem(e.ctx, &kvs.BatchGetItemInput{RequestItems: map[string]*kvs.KeysAndAttributes{tbl: {Keys: []attr.Item{keys[0], keys[0]}}}})
	e.wantErr("duplicate get keys", err, apierr.Validation, "Provided list of item keys contains duplicates")
	_, err = e.db.BatchWriteItem(e.ctx, &kvs.BatchWriteItemInput{RequestItems: map[string][]kvs.WriteRequest{"missing": reqs[:1]}})
	e.wantErr("batch write to a missing table", err, apierr.ResourceNotFound, "")
}

func testTransactAllOrNothing(t *testing.T, e *env) {
	tbl := e.createTable("bank", keyDef{"id", "S"}, keyDef{})
	e.put(tbl, attr.Item{"id": s("a"), "bal": ni(100)})
	e.put(tbl, attr.Item{"id": s("b"), "bal": ni(0)})
	move := func(amount int) error {
		_, err := e.db.TransactWriteItems(e.ctx, &kvs.TransactWriteItemsInput{TransactItems: []kvs.TransactWriteItem{
			{Update: &kvs.TransactUpdate{TableName: tbl, Key: attr.Item{"id": s("b")}, UpdateExpression: "ADD bal :x",
				ExpressionAttributeValues: kvs.Values{":x": ni(amount)}}},
			{Put: &kvs.TransactPut{TableName: tbl, Item: attr.Item{"id": s("log"), "last": ni(amount)}}},
			{Update: &kvs.TransactUpdate{TableName: tbl, Key: attr.Item{"id": s("a")}, UpdateExpression: "ADD bal :neg",
				ConditionExpression: "bal >= :x", ExpressionAttributeValues: kvs.Values{":x": ni(amount), ":neg": ni(-amount)}}},
		}})
		return err
	}
	e.noErr("first transfer", move(60))
	err := move(60)
	ae := e.wantErr("overdraft", err, apierr.TransactionCanceled,
		"Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed]")
	if len(ae.CancellationReasons) != 3 {
		t.Fatalf("%d cancellation reasons, want 3", len(ae.CancellationReasons))
	}
	for i, want := range []apierr.Code{apierr.None, apierr.None, reasonConditionFailed} {
		if ae.CancellationReasons[i].Code != want {
			t.Fatalf("reason %d = %s, want %s", i, ae.CancellationReasons[i].Code, want)
		}
	}
	if got := e.get(tbl, attr.Item{"id": s("a")}); got["bal"].Str() != "40" {
		t.Fatalf("a = %v after a canceled transaction, want 40", got)
	}
	if got := e.get(tbl, attr.Item{"id": s("b")}); got["bal"].Str() != "60" {
		t.Fatalf("b = %v after a canceled transaction, want 60", got)
	}
	if got := e.get(tbl, attr.Item{"id": s("log")}); got["last"].Str() != "60" {
		t.Fatalf("log = %v after a canceled transaction, want last 60", got)
	}
	// A condition check that fails cancels the writes too, and the reason
	// carries the item when asked.
	_, err = e.db.TransactWriteItems(e.ctx, &kvs.TransactWriteItemsInput{TransactItems: []kvs.TransactWriteItem{
		{ConditionCheck: &kvs.ConditionCheck{TableName: tbl, Key: attr.Item{"id": s("b")}, ConditionExpression: "bal = :z",
			ExpressionAttributeValues: kvs.Values{":z": ni(0)}, ReturnValuesOnConditionCheckFailure: "ALL_OLD"}},
		{Delete: &kvs.TransactDelete{TableName: tbl, Key: attr.Item{"id": s("a")}}},
	}})
	ae = e.wantErr("failed check", err, apierr.TransactionCanceled, "")
	if it, ok := ae.CancellationReasons[0].Item.(attr.Item); !ok || it["bal"].Str() != "60" {
		t.Fatalf("reason item = %v, want b's item", ae.CancellationReasons[0].Item)
	}
	if e.get(tbl, attr.Item{"id": s("a")}) == nil {
		t.Fatal("a deleted by a canceled transaction")
	}
}

func testTransactValidation(t *testing.T, e *env) {
	tbl := e.createTable("txv", keyDef{"id", "S"}, keyDef{})
	_, err := e.db.TransactWriteItems(e.ctx, &kvs.TransactWriteItemsInput{TransactItems: []kvs.TransactWriteItem{
		{Put: &kvs.TransactPut{TableName: tbl, Item: attr.Item{"id": s("a")}}},
		{Delete: &kvs.TransactDelete{TableName: tbl, Key: attr.Item{"id": s("a")}}},
	}})
	e.wantErr("two actions on one item", err, apierr.Validation, "Transaction request cannot include multiple operations on one item")
	var many []kvs.TransactWriteItem
	for i := 0; i < 101; i++ {
		many = append(many, kvs.TransactWriteItem{Put: &kvs.TransactPut{TableName: tbl, Item: attr.Item{"id": s(fmt.Sprint(i))}}})
	}
	_, err = e.db.TransactWriteItems(e.ctx, &kvs.TransactWriteItemsInput{TransactItems: many})
	e.wantErr("101 actions", err, apierr.Validation, "")
	_, err = e.db.TransactWriteItems(e.ctx, &kvs.TransactWriteItemsInput{TransactItems: many[:100]})
	e.noErr("100 actions", err)
	out, err := e.db.Scan(e.ctx, &kvs.ScanInput{TableName: tbl, Select: "COUNT"})
	e.noErr("Scan", err)
	if out.Count != 100 {
		t.Fatalf("%d items after a 100-action transaction", out.Count)
	}
}

func testTransactIdempotency(t *testing.T, e *env) {
	tbl := e.createTable("idem", keyDef{"id", "S"}, keyDef{})
	in := &kvs.TransactWriteItemsInput{ClientRequestToken: "token-1", TransactItems: []kvs.TransactWriteItem{
		{Update: &kvs.TransactUpdate{TableName: tbl, Key: attr.Item{"id": s("c")}, UpdateExpression: "ADD n :one",
			ExpressionAttributeValues: kvs.Values{":one": ni(1)}}}}}
	for i := 0; i < 3; i++ {
		_, err := e.db.TransactWriteItems(e.ctx, in)
		e.noErr("repeated transaction", err)
	}
	if got := e.get(tbl, attr.Item{"id": s("c")}); got["n"].Str() != "1" {
		t.Fatalf("counter = %v after one transaction sent three times with one token, want 1", got)
	}
	other := *in
	other.TransactItems = []kvs.TransactWriteItem{{Update: &kvs.TransactUpdate{TableName: tbl, Key: attr.Item{"id": s("c")},
		UpdateExpression: "ADD n :two", ExpressionAttributeValues: kvs.Values{":two": ni(2)}}}}
	_, err := e.db.TransactWriteItems(e.ctx, &other)
	e.wantErr("another transaction with the token", err, apierr.IdempotentParameterMismatch, "")
	in.ClientRequestToken = "token-2"
	_, err = e.db.TransactWriteItems(e.ctx, in)
	e.noErr("new token", err)
	if got := e.get(tbl, attr.Item{"id": s("c")}); got["n"].Str() != "2" {
		t.Fatalf("counter = %v, want 2", got)
	}
}

func testTransactGet(t *testing.T, e *env) {
	tbl := e.createTable("txget", keyDef{"id", "S"}, keyDef{})
	e.put(tbl, attr.Item{"id": s("a"), "v": ni(1), "w": ni(2)})
	out, err := e.db.TransactGetItems(e.ctx, &kvs.TransactGetItemsInput{TransactItems: []kvs.TransactGetItem{
		{Get: &kvs.TransactGet{TableName: tbl, Key: attr.Item{"id": s("missing")}}},
		{Get: &kvs.TransactGet{TableName: tbl, Key: attr.Item{"id": s("a")}, ProjectionExpression: "w"}},
	}})
	e.noErr("TransactGetItems", err)
	if len(out.Responses) != 2 || out.Responses[0].Item != nil || !attr.ItemsEqual(out.Responses[1].Item, attr.Item{"w": ni(2)}) {
		t.Fatalf("TransactGetItems = %+v", out.Responses)
	}
}
