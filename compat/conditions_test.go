package compat_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// conditionItem is the item every condition case is evaluated against.
func conditionItem() item {
	return item{
		"pk":    s("c"),
		"title": s("Ada Lovelace"),
		"age":   n("36"),
		"tags":  ss("a", "b"),
		"nums":  ns("1", "2", "3"),
		"lst":   &types.AttributeValueMemberL{Value: []types.AttributeValue{n("1"), s("two"), &types.AttributeValueMemberM{Value: item{"x": n("3")}}}},
		"m":     &types.AttributeValueMemberM{Value: item{"child": &types.AttributeValueMemberM{Value: item{"deep": s("yes")}}, "n": n("5")}},
		"bin":   b([]byte{1, 2}),
		"flag":  bl(true),
		"nul":   &types.AttributeValueMemberNULL{Value: true},
		"blank": s(""),
	}
}

// TestConditionExpressions evaluates DynamoDB's comparison operators and
// functions on every type through conditional PutItems of the same item.
func TestConditionExpressions(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: conditionItem()})
	must(t, "PutItem", err)

	cases := []struct {
		cond   string
		values item
		want   bool
	}{
		{"age = :v", item{":v": n("36")}, true},
		{"age = :v", item{":v": n("36.0")}, true},
		{"age = :v", item{":v": s("36")}, false},
		{"age <> :v", item{":v": n("36")}, false},
		{"age < :v", item{":v": n("100")}, true},
		{"age <= :v", item{":v": n("36")}, true},
		{"age > :v", item{":v": n("-1")}, true},
		{"age >= :v", item{":v": n("37")}, false},
		{"age BETWEEN :a AND :b", item{":a": n("30"), ":b": n("40")}, true},
		{"age BETWEEN :a AND :b", item{":a": n("37"), ":b": n("40")}, false},
		{"age IN (:a, :b, :c)", item{":a": n("1"), ":b": n("36"), ":c": s("x")}, true},
		{"age IN (:a)", item{":a": n("1")}, false},
		{"title < :v", item{":v": s("B")}, true},
		{"title > :v", item{":v": s("Ada")}, true},
		{"bin = :v", item{":v": b([]byte{1, 2})}, true},
		{"bin < :v", item{":v": b([]byte{1, 3})}, true},
		{"flag = :v", item{":v": bl(true)}, true},
		{"blank = :v", item{":v": s("")}, true},
		{"tags = :v", item{":v": ss("b", "a")}, true},
		{"begins_with(title, :p)", item{":p": s("Ada")}, true},
		{"begins_with(title, :p)", item{":p": s("ada")}, false},
		{"begins_with(bin, :p)", item{":p": b([]byte{1})}, true},
		{"contains(title, :p)", item{":p": s("Love")}, true},
		{"contains(tags, :p)", item{":p": s("a")}, true},
		{"contains(tags, :p)", item{":p": s("z")}, false},
		{"contains(nums, :p)", item{":p": n("2")}, true},
		{"contains(lst, :p)", item{":p": s("two")}, true},
		{"NOT contains(lst, :p)", item{":p": s("three")}, true},
		{"size(title) = :v", item{":v": n("12")}, true},
		{"size(tags) = :v", item{":v": n("2")}, true},
		{"size(lst) = :v", item{":v": n("3")}, true},
		{"size(m) = :v", item{":v": n("2")}, true},
		{"size(bin) = :v", item{":v": n("2")}, true},
		{"size(ghost) = :v", item{":v": n("0")}, false},
		{"attribute_type(age, :t)", item{":t": s("N")}, true},
		{"attribute_type(tags, :t)", item{":t": s("SS")}, true},
		{"attribute_type(nul, :t)", item{":t": s("NULL")}, true},
		{"attribute_type(m, :t)", item{":t": s("L")}, false},
		{"attribute_exists(m.child.deep)", nil, true},
		{"attribute_not_exists(m.child.nope)", nil, true},
		{"attribute_exists(lst[2].x)", nil, true},
		{"attribute_exists(lst[3])", nil, false},
		{"lst[2].x = :v", item{":v": n("3")}, true},
		{"lst[1] = :v", item{":v": s("two")}, true},
		{"m.child.deep = :v", item{":v": s("yes")}, true},
		{"NOT (age > :v)", item{":v": n("30")}, false},
		{"age > :a AND (flag = :f OR age < :b)", item{":a": n("1"), ":f": bl(false), ":b": n("100")}, true},
		{"age > :a AND flag = :f OR age < :b", item{":a": n("1"), ":f": bl(false), ":b": n("0")}, false},
		{"ghost = :v", item{":v": s("x")}, false},
		{"ghost <> :v", item{":v": s("x")}, true},
		{"#a.#b.#c = :v", item{":v": s("yes")}, true},
	}
	for _, tc := range cases {
		in := &dynamodb.PutItemInput{TableName: aws.String(name), Item: conditionItem(), ConditionExpression: aws.String(tc.cond)}
		if len(tc.values) > 0 {
			in.ExpressionAttributeValues = tc.values
		}
		if tc.cond == "#a.#b.#c = :v" {
			in.ExpressionAttributeNames = map[string]string{"#a": "m", "#b": "child", "#c": "deep"}
		}
		_, err := c.PutItem(ctx, in)
		switch {
		case tc.want && err != nil:
			noChecksumError(t, err)
			t.Errorf("%s with %v: %v, want it to hold", tc.cond, tc.values, err)
		case !tc.want && err == nil:
			t.Errorf("%s with %v held, want ConditionalCheckFailedException", tc.cond, tc.values)
		case !tc.want:
			var ccf *types.ConditionalCheckFailedException
			if !errorsAs(err, &ccf) {
				t.Errorf("%s: %v, want ConditionalCheckFailedException", tc.cond, err)
			}
		}
	}

	// Expression errors, with DynamoDB's texts.
	errCases := []struct {
		cond   string
		names  map[string]string
		values item
		msg    string
	}{
		{"name = :v", nil, item{":v": s("x")}, "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name"},
		{"age = :zz", nil, item{":v": s("x")}, "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :zz"},
		{"age = :v", map[string]string{"#x": "x"}, item{":v": n("1")}, "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}"},
		{"begins_with(age, :v)", nil, item{":v": n("3")}, "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"},
		{"age = :v AND", nil, item{":v": n("1")}, ""},
		{"age BETWEEN :b AND :a", nil, item{":a": n("1"), ":b": n("2")}, "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}"},
		{"attribute_type(age, :t)", nil, item{":t": s("X")}, ""},
		{"size(title)", nil, nil, ""},
	}
	for _, tc := range errCases {
		in := &dynamodb.PutItemInput{TableName: aws.String(name), Item: conditionItem(), ConditionExpression: aws.String(tc.cond),
			ExpressionAttributeNames: tc.names}
		if len(tc.values) > 0 {
			in.ExpressionAttributeValues = tc.values
		}
		_, err := c.PutItem(ctx, in)
		t.Run(tc.cond, func(t *testing.T) { wantAPIError(t, err, "ValidationException", tc.msg) })
	}
}

// TestUnusualAttributeNames: attribute names with dots, spaces, unicode and
// reserved words, reached through ExpressionAttributeNames, and nested list
// indexes.
func TestUnusualAttributeNames(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	tbl := aws.String(name)
	it := item{
		"pk":         s("u"),
		"a.b":        s("dotted"),
		"a":          &types.AttributeValueMemberM{Value: item{"b": s("nested")}},
		"with space": s("spaced"),
		"名前":         s("unicode"),
		"size":       n("3"),
		"grid": &types.AttributeValueMemberL{Value: []types.AttributeValue{
			&types.AttributeValueMemberL{Value: []types.AttributeValue{n("1"), n("2")}},
			&types.AttributeValueMemberL{Value: []types.AttributeValue{n("3"), n("4")}},
		}},
	}
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: it})
	must(t, "PutItem", err)
	check := func(cond string, names map[string]string, values item) {
		t.Helper()
		in := &dynamodb.PutItemInput{TableName: tbl, Item: it, ConditionExpression: aws.String(cond), ExpressionAttributeNames: names}
		if len(values) > 0 {
			in.ExpressionAttributeValues = values
		}
		_, err := c.PutItem(ctx, in)
		if err != nil {
			noChecksumError(t, err)
			t.Errorf("%s %v: %v", cond, names, err)
		}
	}
	check("#ab = :v", map[string]string{"#ab": "a.b"}, item{":v": s("dotted")})
	check("a.b = :v", nil, item{":v": s("nested")})
	check("#a.#b = :v", map[string]string{"#a": "a", "#b": "b"}, item{":v": s("nested")})
	check("#s = :v", map[string]string{"#s": "with space"}, item{":v": s("spaced")})
	check("#u = :v", map[string]string{"#u": "名前"}, item{":v": s("unicode")})
	check("#sz = :v AND size(grid) = :two", map[string]string{"#sz": "size"}, item{":v": n("3"), ":two": n("2")})
	check("grid[1][0] = :v AND size(grid[0]) = :two", nil, item{":v": n("3"), ":two": n("2")})

	g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: item{"pk": s("u")},
		ProjectionExpression: aws.String("#ab, grid[1][1], #u"), ExpressionAttributeNames: map[string]string{"#ab": "a.b", "#u": "名前"}})
	must(t, "GetItem", err)
	if str(g.Item["a.b"]) != "dotted" || str(g.Item["名前"]) != "unicode" || g.Item["a"] != nil {
		t.Errorf("projection of dotted and unicode names: %v", g.Item)
	}
	if l, ok := g.Item["grid"].(*types.AttributeValueMemberL); !ok || len(l.Value) != 1 || len(l.Value[0].(*types.AttributeValueMemberL).Value) != 1 ||
		str(l.Value[0].(*types.AttributeValueMemberL).Value[0]) != "4" {
		t.Errorf("projection grid[1][1]: %v", g.Item["grid"])
	}
	up, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: item{"pk": s("u")},
		UpdateExpression: aws.String("SET #ab = :x, grid[0][1] = :y REMOVE #s"), ExpressionAttributeNames: map[string]string{"#ab": "a.b", "#s": "with space"},
		ExpressionAttributeValues: item{":x": s("changed"), ":y": n("20")}, ReturnValues: types.ReturnValueAllNew})
	must(t, "UpdateItem", err)
	if str(up.Attributes["a.b"]) != "changed" || up.Attributes["with space"] != nil || str(up.Attributes["a"].(*types.AttributeValueMemberM).Value["b"]) != "nested" {
		t.Errorf("update through names: %v", up.Attributes)
	}
	if v := up.Attributes["grid"].(*types.AttributeValueMemberL).Value[0].(*types.AttributeValueMemberL).Value[1]; str(v) != "20" {
		t.Errorf("grid[0][1] = %v, want 20", v)
	}
}
