package compat_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestNumbersAndSets checks exact decimal arithmetic, number normalisation
// and DynamoDB's number and set validation through the wire.
func TestNumbersAndSets(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	tbl := aws.String(name)

	norm := map[string]string{
		"1.50": "1.5", "0.0": "0", "-0": "0", "1E+2": "100", "00012": "12", "-1.000e-2": "-0.01",
		"12345678901234567890123456789012345678":       "12345678901234567890123456789012345678",
		"9.9999999999999999999999999999999999999E+125": strings.Repeat("9", 38) + strings.Repeat("0", 88),
	}
	for in, want := range norm {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("num"), "v": n(in)}})
		must(t, "PutItem "+in, err)
		g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: item{"pk": s("num")}, ConsistentRead: aws.Bool(true)})
		must(t, "GetItem", err)
		if got := str(g.Item["v"]); got != want {
			t.Errorf("number %s came back as %s, want %s", in, got, want)
		}
	}

	// Arithmetic is decimal: 0.1 + 0.2 is 0.3, and big counters stay exact.
	up, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: tbl, Key: item{"pk": s("arith")}, UpdateExpression: aws.String("SET a = :x + :y, b = :big + :one, d = :x - :y"),
		ExpressionAttributeValues: item{":x": n("0.1"), ":y": n("0.2"), ":big": n("99999999999999999999999999999999999999"), ":one": n("1")},
		ReturnValues:              types.ReturnValueAllNew,
	})
	must(t, "UpdateItem arithmetic", err)
	if str(up.Attributes["a"]) != "0.3" || str(up.Attributes["b"]) != "100000000000000000000000000000000000000" || str(up.Attributes["d"]) != "-0.1" {
		t.Errorf("0.1+0.2=%s, 10^38-1+1=%s, 0.1-0.2=%s", str(up.Attributes["a"]), str(up.Attributes["b"]), str(up.Attributes["d"]))
	}

	errs := map[string]string{
		"1e126":  "Number overflow. Attempting to store a number with magnitude larger than supported range",
		"1e-131": "Number underflow. Attempting to store a number with magnitude smaller than supported range",
		"123456789012345678901234567890123456789": "Attempting to store more than 38 significant digits in a Number",
		"abc": "The parameter cannot be converted to a numeric value: abc",
	}
	for in, msg := range errs {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("bad"), "v": n(in)}})
		t.Run("N "+in, func(t *testing.T) { wantAPIError(t, err, "ValidationException", msg) })
	}

	// Sets: duplicates and empty sets are refused; order is not kept but members are.
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("set"), "v": ss("a", "a")}})
	// DynamoDB Local omits the final period that dynalite (modelled on
	// DynamoDB) has; accept both.
	if ae := wantAPIError(t, err, "ValidationException", ""); strings.TrimSuffix(ae.ErrorMessage(), ".") != "One or more parameter values were invalid: Input collection [a, a] contains duplicates" {
		t.Errorf("duplicate SS message %q", ae.ErrorMessage())
	}
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("set"), "v": ss()}})
	wantAPIError(t, err, "ValidationException", "One or more parameter values were invalid: An string set  may not be empty")
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item{"pk": s("set"), "v": ns("3", "1.0", "20")}})
	must(t, "PutItem NS", err)
	g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: item{"pk": s("set")}})
	must(t, "GetItem NS", err)
	got := slices.Clone(g.Item["v"].(*types.AttributeValueMemberNS).Value)
	slices.Sort(got)
	if !slices.Equal(got, []string{"1", "20", "3"}) {
		t.Errorf("NS came back as %v, want 1, 3, 20", got)
	}
	// Deleting every member removes the attribute.
	up, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: tbl, Key: item{"pk": s("set")}, UpdateExpression: aws.String("DELETE v :all"),
		ExpressionAttributeValues: item{":all": ns("1", "3", "20")}, ReturnValues: types.ReturnValueAllNew,
	})
	must(t, "UpdateItem DELETE all", err)
	if _, ok := up.Attributes["v"]; ok {
		t.Errorf("emptied set still present: %v", up.Attributes)
	}
}
