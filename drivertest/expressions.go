package drivertest

import (
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// Expression semantics every backend must reproduce: update actions on
// nested paths, lists and sets, and condition functions.

func init() {
	register(
		testCase{name: "Items/UpdateExpressions", run: testUpdateExpressions},
		testCase{name: "Items/ConditionFunctions", run: testConditionFunctions},
	)
}

func testUpdateExpressions(t *testing.T, e *env) {
	tbl := e.createTable("updates", keyDef{"pk", "S"}, keyDef{})
	key := attr.Item{"pk": s("u")}
	e.put(tbl, attr.Item{"pk": s("u"), "l": attr.L(ni(1), ni(2), ni(3)), "m": attr.M(map[string]attr.Value{"a": ni(1)}),
		"ss": attr.SS("x", "y"), "n": ni(10)})
	cases := []struct {
		update string
		vals   kvs.Values
		names  kvs.Names
		check  func(it attr.Item) bool
	}{
		{"SET l = list_append(l, :t)", kvs.Values{":t": attr.L(ni(4))},
			nil, func(it attr.Item) bool { return len(it["l"].List()) == 4 && it["l"].List()[3].Str() == "4" }},
		{"SET l = list_append(:h, l)", kvs.Values{":h": attr.L(ni(0))},
			nil, func(it attr.Item) bool { return it["l"].List()[0].Str() == "0" && len(it["l"].List()) == 5 }},
		{"REMOVE l[1], l[3]", nil,
			nil, func(it attr.Item) bool { // [0 1 2 3 4] minus indexes 1 and 3
				l := it["l"].List()
				return len(l) == 3 && l[0].Str() == "0" && l[1].Str() == "2" && l[2].Str() == "4"
			}},
		{"SET l[1] = :v", kvs.Values{":v": s("two")},
			nil, func(it attr.Item) bool { return it["l"].List()[1].Str() == "two" }},
		{"SET l[10] = :v", kvs.Values{":v": s("end")}, // past the end: appended
			nil, func(it attr.Item) bool { return len(it["l"].List()) == 4 && it["l"].List()[3].Str() == "end" }},
		{"SET m.b.c = :v", nil, nil, nil}, // parent b missing: error, checked below
		{"SET m.b = :v, #n = #n - :one", kvs.Values{":v": attr.M(map[string]attr.Value{"c": ni(1)}), ":one": ni(1)},
			kvs.Names{"#n": "n"}, func(it attr.Item) bool { return it["m"].Map()["b"].Map()["c"].Str() == "1" && it["n"].Str() == "9" }},
		{"SET m.a = if_not_exists(m.a, :z), m.z = if_not_exists(m.z, :z)", kvs.Values{":z": ni(0)},
			nil, func(it attr.Item) bool { return it["m"].Map()["a"].Str() == "1" && it["m"].Map()["z"].Str() == "0" }},
		{"ADD ss :more DELETE ss :less", nil, nil, nil}, // ADD and DELETE on one path: overlap error
		{"ADD ss :more", kvs.Values{":more": attr.SS("y", "z")},
			nil, func(it attr.Item) bool { return len(it["ss"].Set()) == 3 }},
		{"DELETE ss :less", kvs.Values{":less": attr.SS("x", "y", "z")}, // the set emptied: attribute removed
			nil, func(it attr.Item) bool { _, ok := it["ss"]; return !ok }},
		{"ADD newset :s, newnum :n", kvs.Values{":s": attr.NS("1", "2"), ":n": n("-2.5")},
			nil, func(it attr.Item) bool { return len(it["newset"].Set()) == 2 && it["newnum"].Str() == "-2.5" }},
		{"REMOVE m.a, nothing", nil,
			nil, func(it attr.Item) bool { _, ok := it["m"].Map()["a"]; return !ok }},
	}
	for _, c := range cases {
		in := &kvs.UpdateItemInput{TableName: tbl, Key: key, UpdateExpression: c.update, ExpressionAttributeValues: c.vals,
			ExpressionAttributeNames: c.names, ReturnValues: "ALL_NEW"}
		switch c.update {
		case "SET m.b.c = :v":
			in.ExpressionAttributeValues = kvs.Values{":v": ni(1)}
			_, err := e.db.UpdateItem(e.ctx, in)
			e.wantErr(c.update, err, apierr.Validation, "The document path provided in the update expression is invalid for update")
			continue
		case "ADD ss :more DELETE ss :less":
			in.ExpressionAttributeValues = kvs.Values{":more": attr.SS("a"), ":less": attr.SS("b")}
			_, err := e.db.UpdateItem(e.ctx, in)
			e.wantErr(c.update, err, apierr.Validation, "")
			continue
		}
		out, err := e.db.UpdateItem(e.ctx, in)
		e.noErr(c.update, err)
		if !c.check(out.Attributes) {
			t.Fatalf("%s: item %v", c.update, out.Attributes)
		}
	}
	_, err := e.db.UpdateItem(e.ctx, &kvs.UpdateItemInput{TableName: tbl, Key: key, UpdateExpression: "SET n = n + :s",
		ExpressionAttributeValues: kvs.Values{":s": s("x")}})
	e.wantErr("number plus a string value", err, apierr.Validation,
		"Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S")
	e.put(tbl, attr.Item{"pk": s("u"), "str": s("x")})
	_, err = e.db.UpdateItem(e.ctx, &kvs.UpdateItemInput{TableName: tbl, Key: key, UpdateExpression: "SET n = str + :one",
		ExpressionAttributeValues: kvs.Values{":one": ni(1)}})
	e.wantErr("string attribute plus a number", err, apierr.Validation, "An operand in the update expression has an incorrect data type")
}

func testConditionFunctions(t *testing.T, e *env) {
	tbl := e.createTable("condfuncs", keyDef{"pk", "S"}, keyDef{})
	e.put(tbl, attr.Item{"pk": s("c"), "name": s("hello world"), "tags": attr.SS("a", "b"), "l": attr.L(s("x"), ni(2)),
		"m": attr.M(map[string]attr.Value{"deep": attr.M(map[string]attr.Value{"v": ni(5)})}), "n": ni(7), "b": attr.B([]byte("bin"))})
	check := func(cond string, vals kvs.Values, want bool) {
		t.Helper()
		// A harmless update guarded by cond: it applies exactly when cond holds.
		v := kvs.Values{":probe": attr.BOOL(true)}
		for k, x := range vals {
			v[k] = x
		}
		_, err := e.db.UpdateItem(e.ctx, &kvs.UpdateItemInput{TableName: tbl, Key: attr.Item{"pk": s("c")},
			UpdateExpression: "SET probe = :probe", ConditionExpression: cond, ExpressionAttributeValues: v,
			ExpressionAttributeNames: names(cond)})
		if err != nil && !apierr.Is(err, apierr.ConditionalCheckFailed) {
			t.Fatalf("%s: %v", cond, err)
		}
		if holds := err == nil; holds != want {
			t.Fatalf("%s: holds = %v, want %v", cond, holds, want)
		}
	}
	check("begins_with(#nm, :p)", kvs.Values{":p": s("hello")}, true)
	check("contains(#nm, :p)", kvs.Values{":p": s("o w")}, true)
	check("contains(tags, :p)", kvs.Values{":p": s("b")}, true)
	check("contains(l, :p)", kvs.Values{":p": ni(2)}, true)
	check("contains(l, :p)", kvs.Values{":p": s("2")}, false)
	check("size(#nm) = :n", kvs.Values{":n": ni(11)}, true)
	check("size(tags) = :n AND size(l) = :n AND size(b) > :n", kvs.Values{":n": ni(2)}, true)
	check("attribute_type(m, :t)", kvs.Values{":t": s("M")}, true)
	check("attribute_type(n, :t)", kvs.Values{":t": s("S")}, false)
	check("m.deep.v BETWEEN :lo AND :hi", kvs.Values{":lo": ni(5), ":hi": ni(6)}, true)
	check("n IN (:a, :b, :c)", kvs.Values{":a": ni(1), ":b": s("7"), ":c": ni(7)}, true)
	check("n IN (:a, :b)", kvs.Values{":a": ni(1), ":b": s("7")}, false)
	check("l[0] = :x AND attribute_not_exists(l[5])", kvs.Values{":x": s("x")}, true)
	check("n > :s", kvs.Values{":s": s("1")}, false) // different types never compare
	check("n <> :s", kvs.Values{":s": s("1")}, true)
	check("absentattr < :n OR n >= :n", kvs.Values{":n": ni(7)}, true)
	check("b = :b", kvs.Values{":b": attr.B([]byte("bin"))}, true)
}

// names supplies #nm ("name" is a reserved word) when cond uses it.
func names(cond string) kvs.Names {
	for i := 0; i+3 <= len(cond); i++ {
		if cond[i:i+3] == "#nm" {
			return kvs.Names{"#nm": "name"}
		}
	}
	return nil
}
