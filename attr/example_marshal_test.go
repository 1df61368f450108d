package attr_test

import (
	"fmt"
	"time"

	"github.com/kvs-project/kvs/attr"
)

type Order struct {
	Customer string    `dynamodbav:"pk"`
	ID       int       `dynamodbav:"sk"`
	Items    []string  `dynamodbav:"items,stringset"`
	Total    float64   `dynamodbav:"total"`
	Placed   time.Time `dynamodbav:"placed"`
	Note     string    `dynamodbav:"note,omitempty"`
	Internal string    `dynamodbav:"-"`
}

func ExampleMarshalItem() {
	it, err := attr.MarshalItem(Order{
		Customer: "c#42",
		ID:       7,
		Items:    []string{"tea", "cups"},
		Total:    19.9,
		Placed:   time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC),
		Internal: "not stored",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(it)
	// Output:
	// {"items":{"SS":["cups","tea"]},"pk":{"S":"c#42"},"placed":{"S":"2024-03-01T09:30:00Z"},"sk":{"N":"7"},"total":{"N":"19.9"}}
}

func ExampleUnmarshalItem() {
	it := attr.Item{
		"pk":    attr.S("c#42"),
		"sk":    attr.N("7"),
		"total": attr.N("19.9"),
		"note":  attr.S("leave at door"),
	}
	var o Order
	if err := attr.UnmarshalItem(it, &o); err != nil {
		panic(err)
	}
	fmt.Printf("%s %d %.2f %q\n", o.Customer, o.ID, o.Total, o.Note)

	// Numbers that do not fit the Go type are errors, never silently rounded.
	err := attr.UnmarshalItem(attr.Item{"sk": attr.N("7.5")}, &o)
	fmt.Println(err)
	// Output:
	// c#42 7 19.90 "leave at door"
	// attr: cannot unmarshal number 7.5 into Go struct field sk of type int: invalid syntax
}

func ExampleUnmarshal_any() {
	// Into an interface{}, N values become attr.Number: exact, never float64.
	var v any
	if err := attr.Unmarshal(attr.L(attr.N("12345678901234567890.5"), attr.S("x")), &v); err != nil {
		panic(err)
	}
	fmt.Printf("%#v\n", v)
	// Output:
	// []interface {}{"12345678901234567890.5", "x"}
}
