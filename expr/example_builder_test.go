package expr_test

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/expr"
)

func printParams(e expr.Expression) {
	names, values := e.Names(), e.Values()
	for _, k := range slices.Sorted(maps.Keys(names)) {
		fmt.Printf("%s = %s\n", k, names[k])
	}
	for _, k := range slices.Sorted(maps.Keys(values)) {
		fmt.Printf("%s = %s\n", k, values[k])
	}
}

// A conditional update: placeholders are shared by the condition and the
// update, so the request carries one names map and one values map.
func ExampleBuild() {
	cond := expr.Name("status").Equal("active").
		And(expr.Name("total").GreaterThan(1000), expr.Name("tags").NotContains("frozen"))
	update := expr.Set("status", "billed").
		Add("invoices", 1).
		Append("history", []string{"billed"}).
		Remove("draft")

	e, err := expr.Build(expr.WithCondition(cond), expr.WithUpdate(update))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Condition())
	fmt.Println(e.Update())
	printParams(e)
	// Output:
	// #n0 = :v0 AND #n1 > :v1 AND NOT (contains(#n2, :v2))
	// SET #n0 = :v3, #n3 = list_append(#n3, :v4) REMOVE #n4 ADD #n5 :v5
	// #n0 = status
	// #n1 = total
	// #n2 = tags
	// #n3 = history
	// #n4 = draft
	// #n5 = invoices
	// :v0 = {"S":"active"}
	// :v1 = {"N":"1000"}
	// :v2 = {"S":"frozen"}
	// :v3 = {"S":"billed"}
	// :v4 = {"L":[{"S":"billed"}]}
	// :v5 = {"N":"1"}
}

// A query: key condition, filter and projection built together.
func ExampleWithKeyCondition() {
	e, err := expr.Build(
		expr.WithKeyCondition(expr.Key("userId").Equal("u1").And(expr.Key("createdAt").Between("2024-01", "2024-12"))),
		expr.WithFilter(expr.Name("items").Size().GreaterThanEqual(3).Or(expr.Name("priority").TypeOf(attr.TypeN))),
		expr.WithProjection("orderId", "items[0].sku", "createdAt"),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.KeyCondition())
	fmt.Println(e.Filter())
	fmt.Println(e.Projection())
	// Output:
	// #n0 = :v0 AND #n1 BETWEEN :v1 AND :v2
	// size(#n2) >= :v3 OR attribute_type(#n3, :v4)
	// #n4, #n2[0].#n5, #n1
}

// Names are document paths; Quote names an attribute whose name contains
// a dot or a bracket.
func ExampleQuote() {
	e, _ := expr.Build(expr.WithCondition(expr.Name(expr.Quote("user.name") + ".first").Exists()))
	fmt.Println(e.Condition())
	printParams(e)
	// Output:
	// attribute_exists(#n0.#n1)
	// #n0 = user.name
	// #n1 = first
}

// Build reports builder mistakes as plain errors and what DynamoDB would
// reject as its ValidationException.
func ExampleBuild_errors() {
	_, err := expr.Build(expr.WithCondition(expr.Name("a..b").Exists()))
	fmt.Println(err)

	_, err = expr.Build(expr.WithCondition(expr.Name("price").Between(10, 1)))
	var ae *apierr.Error
	fmt.Println(errors.As(err, &ae), ae.Message)

	_, err = expr.Build(expr.WithUpdate(expr.Set("a.b", 1).Remove("a")))
	fmt.Println(errors.As(err, &ae), ae.Message)
	// Output:
	// expr: invalid document path "a..b": empty attribute name
	// true Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:1}
	// true Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]
}

// Builders are immutable: both updates below extend the same base.
func ExampleUpdateBuilder() {
	base := expr.Set("updatedAt", "2024-06-01")
	publish := base.Set("state", "published")
	archive := base.Remove("state").Increment("version", 1)
	for _, u := range []expr.UpdateBuilder{base, publish, archive} {
		e, _ := expr.Build(expr.WithUpdate(u))
		fmt.Println(e.Update())
	}
	// Output:
	// SET #n0 = :v0
	// SET #n0 = :v0, #n1 = :v1
	// SET #n0 = :v0, #n1 = #n1 + :v1 REMOVE #n2
}
