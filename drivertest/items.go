package drivertest

import (
	"strings"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// Items: single-item reads and writes, conditions, ReturnValues, types,
// numbers and sizes.

func init() {
	register(
		testCase{name: "Items/CRUD", run: testItemCRUD},
		testCase{name: "Items/Conditions", run: testConditions},
		testCase{name: "Items/ReturnValues", run: testReturnValues},
		testCase{name: "Items/AllTypesRoundTrip", run: testAllTypes},
		testCase{name: "Items/NumberPrecision", run: testNumberPrecision},
		testCase{name: "Items/SizeLimit", run: testSizeLimit},
		testCase{name: "Items/KeyValidation", run: testKeyValidation},
	)
}

func testItemCRUD(t *testing.T, e *env) {
	tbl := e.createTable("crud", keyDef{"pk", "S"}, keyDef{"sk", "N"})
	key := attr.Item{"pk": s("a"), "sk": n("1")}
	if got := e.get(tbl, key); got != nil {
		t.Fatalf("GetItem before put = %v, want nil", got)
	}
	e.put(tbl, attr.Item{"pk": s("a"), "sk": n("1"), "v": s("one")})
	if got := e.get(tbl, key); got["v"].Str() != "one" || len(got) != 3 {
		t.Fatalf("GetItem = %v", got)
	}
	// Put replaces the whole item.
	e.put(tbl, attr.Item{"pk": s("a"), "sk": n("1"), "w": s("two")})
	if got := e.get(tbl, key); len(got) != 3 || got["w"].Str() != "two" {
		t.Fatalf("GetItem after replace = %v", got)
	}
	// Update edits in place and creates missing items.
	_, err := e.db.UpdateItem(e.ctx, &kvs.UpdateItemInput{TableName: tbl, Key: key,
		UpdateExpression: "SET v = :v REMOVE w ADD c :one", ExpressionAttributeValues: kvs.Values{":v": s("x"), ":one": n("1")}})
	e.noErr("UpdateItem", err)
	want := attr.Item{"pk": s("a"), "sk": n("1"), "v": s("x"), "c": n("1")}
	if got := e.get(tbl, key); !attr.ItemsEqual(got, want) {
		t.Fatalf("after update = %v, want %v", got, want)
	}
	key2 := attr.Item{"pk": s("b"), "sk": n("2")}
	_, err = e.db.UpdateItem(e.ctx, &kvs.UpdateItemInput{TableName: tbl, Key: key2,
		UpdateExpression: "SET v = :v", ExpressionAttributeValues: kvs.Values{":v": s("new")}})
	e.noErr("UpdateItem creating", err)
	if got := e.get(tbl, key2); got["v"].Str() != "new" {
		t.Fatalf("upserted item = %v", got)
	}
	// Projection.
	out, err := e.db.GetItem(e.ctx, &kvs.GetItemInput{TableName: tbl, Key: key, ProjectionExpression: "v, #c",
		ExpressionAttributeNames: kvs.Names{"#c": "c"}})
	e.noErr("GetItem projected", err)
	if !attr.ItemsEqual(out.Item, attr.Item{"v": s("x"), "c": n("1")}) {
		t.Fatalf("projected = %v", out.Item)
	}
	_, err = e.db.DeleteItem(e.ctx, &kvs.DeleteItemInput{TableName: tbl, Key: key})
	e.noErr("DeleteItem", err)
	if got := e.get(tbl, key); got != nil {
		t.Fatalf("after delete = %v", got)
	}
	// Deleting a missing item succeeds.
	_, err = e.db.DeleteItem(e.ctx, &kvs.DeleteItemInput{TableName: tbl, Key: key})
	e.noErr("DeleteItem of a missing item", err)
}

func testConditions(t *testing.T, e *env) {
	tbl := e.createTable("cond", keyDef{"pk", "S"}, keyDef{})
	key := attr.Item{"pk": s("a")}
	put := func(cond string, vals kvs.Values) error {
		_, err := e.db.PutItem(e.ctx, &kvs.PutItemInput{TableName: tbl, Item: attr.Item{"pk": s("a"), "v": ni(1)},
			ConditionExpression: cond, ExpressionAttributeValues: vals})
		return err
	}
	e.noErr("put if not exists (absent)", put("attribute_not_exists(pk)", nil))
	err := put("attribute_not_exists(pk)", nil)
	ae := e.wantErr("put if not exists (present)", err, apierr.ConditionalCheckFailed, "The conditional request failed")
	if ae.Item != nil {
		t.Fatalf("condition failure carries the item without ReturnValuesOnConditionCheckFailure: %v", ae.Item)
	}
	_, err = e.db.UpdateItem(e.ctx, &kvs.UpdateItemInput{TableName: tbl, Key: key, UpdateExpression: "SET v = v + :one",
		ConditionExpression: "v = :old", ExpressionAttributeValues: kvs.Values{":one": ni(1), ":old": ni(7)},
		ReturnValuesOnConditionCheckFailure: "ALL_OLD"})
	ae = e.wantErr("update with a false condition", err, apierr.ConditionalCheckFailed, "The conditional request failed")
	if old, ok := ae.Item.(attr.Item); !ok || !attr.ItemsEqual(old, attr.Item{"pk": s("a"), "v": ni(1)}) {
		t.Fatalf("ALL_OLD on condition failure: Item = %v", ae.Item)
	}
	_, err = e.db.UpdateItem(e.ctx, &kvs.UpdateItemInput{TableName: tbl, Key: key, UpdateExpression: "SET v = v + :one",
		ConditionExpression: "v = :old", ExpressionAttributeValues: kvs.Values{":one": ni(1), ":old": ni(1)}})
	e.noErr("update with a true condition", err)
	_, err = e.db.DeleteItem(e.ctx, &kvs.DeleteItemInput{TableName: tbl, Key: key, ConditionExpression: "v > :x AND begins_with(pk, :p)",
		ExpressionAttributeValues: kvs.Values{":x": ni(5), ":p": s("a")}})
	e.wantErr("delete with a false condition", err, apierr.ConditionalCheckFailed, "")
	if got := e.get(tbl, key); got["v"].Str() != "2" {
		t.Fatalf("item after failed delete = %v", got)
	}
	// A condition on a missing item sees an empty item.
	_, err = e.db.DeleteItem(e.ctx, &kvs.DeleteItemInput{TableName: tbl, Key: attr.Item{"pk": s("zz")}, ConditionExpression: "attribute_exists(pk)"})
	e.wantErr("delete of a missing item if it exists", err, apierr.ConditionalCheckFailed, "")
}

func testReturnValues(t *testing.T, e *env) {
	tbl := e.createTable("retvals", keyDef{"pk", "S"}, keyDef{})
	key := attr.Item{"pk": s("a")}
	p, err := e.db.PutItem(e.ctx, &kvs.PutItemInput{TableName: tbl, Item: attr.Item{"pk": s("a"), "a": ni(1), "b": ni(2)}, ReturnValues: "ALL_OLD"})
	e.noErr("put ALL_OLD", err)
	if p.Attributes != nil {
		t.Fatalf("ALL_OLD of a new item = %v, want nil", p.Attributes)
	}
	p, err = e.db.PutItem(e.ctx, &kvs.PutItemInput{TableName: tbl, Item: attr.Item{"pk": s("a"), "a": ni(10), "b": ni(2)}, ReturnValues: "ALL_OLD"})
	e.noErr("put ALL_OLD", err)
	if !attr.ItemsEqual(p.Attributes, attr.Item{"pk": s("a"), "a": ni(1), "b": ni(2)}) {
		t.Fatalf("ALL_OLD = %v", p.Attributes)
	}
	upd := func(rv string) attr.Item {
		t.Helper()
		u, err := e.db.UpdateItem(e.ctx, &kvs.UpdateItemInput{TableName: tbl, Key: key, UpdateExpression: "ADD a :one",
			ExpressionAttributeValues: kvs.Values{":one": ni(1)}, ReturnValues: rv})
		e.noErr("update "+rv, err)
		return u.Attributes
	}
	cases := []struct {
		rv   string
		want attr.Item
	}{
		{"NONE", nil},
		{"UPDATED_OLD", attr.Item{"a": ni(11)}},
		{"UPDATED_NEW", attr.Item{"a": ni(13)}},
		{"ALL_OLD", attr.Item{"pk": s("a"), "a": ni(13), "b": ni(2)}},
		{"ALL_NEW", attr.Item{"pk": s("a"), "a": ni(15), "b": ni(2)}},
	}
	for _, c := range cases {
		if got := upd(c.rv); !attr.ItemsEqual(got, c.want) {
			t.Fatalf("ReturnValues %s = %v, want %v", c.rv, got, c.want)
		}
	}
	d, err := e.db.DeleteItem(e.ctx, &kvs.DeleteItemInput{TableName: tbl, Key: key, ReturnValues: "ALL_OLD"})
	e.noErr("delete ALL_OLD", err)
	if d.Attributes["a"].Str() != "15" {
		t.Fatalf("delete ALL_OLD = %v", d.Attributes)
	}
	_, err = e.db.PutItem(e.ctx, &kvs.PutItemInput{TableName: tbl, Item: key, ReturnValues: "ALL_NEW"})
	e.wantErr("put ALL_NEW", err, apierr.Validation, "ReturnValues can only be ALL_OLD or NONE")
}

func testAllTypes(t *testing.T, e *env) {
	tbl := e.createTable("types", keyDef{"pk", "S"}, keyDef{})
	it := attr.Item{
		"pk":   s("all"),
		"s":    s("héllo, 世界"),
		"n":    n("-12.5"),
		"b":    attr.B([]byte{0, 1, 2, 255}),
		"bool": attr.BOOL(true),
		"null": attr.NULL(),
		"l":    attr.L(s("x"), n("1"), attr.L(attr.BOOL(false)), attr.M(map[string]attr.Value{"k": s("v")})),
		"m":    attr.M(map[string]attr.Value{"inner": attr.M(map[string]attr.Value{"deep": n("3")}), "e": attr.L()}),
		"ss":   attr.SS("a", "b", "c"),
		"ns":   attr.NS("1", "2.5", "-3"),
		"bs":   attr.BS([]byte("x"), []byte{0}),
		"es":   s(""),
	}
	e.put(tbl, it)
	if got := e.get(tbl, attr.Item{"pk": s("all")}); !attr.ItemsEqual(got, it) {
		t.Fatalf("round trip:\n got %v\nwant %v", got, it)
	}
	// Each type survives a Query and a Scan too.
	out, err := e.db.Scan(e.ctx, &kvs.ScanInput{TableName: tbl})
	e.noErr("Scan", err)
	e.sameItems("Scan", out.Items, []attr.Item{it})
}

func testNumberPrecision(t *testing.T, e *env) {
	tbl := e.createTable("numbers", keyDef{"pk", "N"}, keyDef{})
	big := "12345678901234567890123456789012345678" // 38 digits
	e.put(tbl, attr.Item{"pk": n(big), "v": n("0.1234567890123456789012345678901234567"), "tiny": n("1E-130"), "huge": n("9.9999999999999999999999999999999999999E+125")})
	got := e.get(tbl, attr.Item{"pk": n(big)})
	if got == nil || got["v"].Str() != "0.1234567890123456789012345678901234567" || got["pk"].Str() != big {
		t.Fatalf("38-digit numbers = %v", got)
	}
	if c, _ := attr.Compare(got["huge"], n("9.9999999999999999999999999999999999999E+125")); c != 0 {
		t.Fatalf("largest number = %v", got["huge"])
	}
	// Exact decimal arithmetic: 0.1 + 0.2 is 0.3, never 0.30000000000000004.
	u, err := e.db.UpdateItem(e.ctx, &kvs.UpdateItemInput{TableName: tbl, Key: attr.Item{"pk": n("1")},
		UpdateExpression: "SET x = :a + :b ADD y :big", ExpressionAttributeValues: kvs.Values{":a": n("0.1"), ":b": n("0.2"), ":big": n(big)},
		ReturnValues: "ALL_NEW"})
	e.noErr("update", err)
	if u.Attributes["x"].Str() != "0.3" || u.Attributes["y"].Str() != big {
		t.Fatalf("arithmetic = %v", u.Attributes)
	}
	_, err = e.db.PutItem(e.ctx, &kvs.PutItemInput{TableName: tbl, Item: attr.Item{"pk": n("2"), "v": n("123456789012345678901234567890123456789")}})
	e.wantErr("39 significant digits", err, apierr.Validation, "")
	_, err = e.db.PutItem(e.ctx, &kvs.PutItemInput{TableName: tbl, Item: attr.Item{"pk": n("2"), "v": n("1E+126")}})
	e.wantErr("number too large", err, apierr.Validation, "")
	// Number sort keys order numerically, not lexically.
	q, err := e.db.Scan(e.ctx, &kvs.ScanInput{TableName: tbl})
	e.noErr("Scan", err)
	if q.Count != 2 {
		t.Fatalf("Scan count %d, want 2", q.Count)
	}
}

func testSizeLimit(t *testing.T, e *env) {
	tbl := e.createTable("sizes", keyDef{"pk", "S"}, keyDef{})
	// Size = attribute name lengths + value lengths: "pk"+"a" + "big"+payload.
	fits := attr.MaxItemSize - len("pk") - 1 - len("big")
	e.put(tbl, attr.Item{"pk": s("a"), "big": s(strings.Repeat("x", fits))})
	if got := e.get(tbl, attr.Item{"pk": s("a")}); len(got["big"].Str()) != fits {
		t.Fatalf("400 KB item not stored whole")
	}
	_, err := e.db.PutItem(e.ctx, &kvs.PutItemInput{TableName: tbl, Item: attr.Item{"pk": s("b"), "big": s(strings.Repeat("x", fits+1))}})
	e.wantErr("item over 400 KB", err, apierr.Validation, "Item size has exceeded the maximum allowed size")
	_, err = e.db.UpdateItem(e.ctx, &kvs.UpdateItemInput{TableName: tbl, Key: attr.Item{"pk": s("a")}, UpdateExpression: "SET more = :x",
		ExpressionAttributeValues: kvs.Values{":x": s("xx")}})
	e.wantErr("update past 400 KB", err, apierr.Validation, "Item size to update has exceeded the maximum allowed size")
}

func testKeyValidation(t *testing.T, e *env) {
	tbl := e.createTable("keys", keyDef{"pk", "S"}, keyDef{"sk", "N"})
	_, err := e.db.GetItem(e.ctx, &kvs.GetItemInput{TableName: tbl, Key: attr.Item{"pk": s("a")}})
	e.wantErr("key without its sort key", err, apierr.Validation, "The provided key element does not match the schema")
	_, err = e.db.PutItem(e.ctx, &kvs.PutItemInput{TableName: tbl, Item: attr.Item{"pk": s("a"), "sk": s("1")}})
	e.wantErr("key of the wrong type", err, apierr.Validation, "One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S")
	_, err = e.db.PutItem(e.ctx, &kvs.PutItemInput{TableName: tbl, Item: attr.Item{"pk": s(""), "sk": n("1")}})
	e.wantErr("empty string key", err, apierr.Validation, "")
}
