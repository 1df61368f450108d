package attr_test

import (
	"fmt"

	"github.com/kvs-project/kvs/attr"
)

func ExampleParseItemJSON() {
	it, err := attr.ParseItemJSON([]byte(`{"pk":{"S":"k"},"n":{"N":"01.50E1"},"tags":{"SS":["b","a"]}}`))
	if err != nil {
		panic(err)
	}
	fmt.Println(it)
	fmt.Println(it.Size())
	// Output:
	// {"n":{"N":"15"},"pk":{"S":"k"},"tags":{"SS":["a","b"]}}
	// 12
}

func ExampleParseItemJSON_invalid() {
	_, err := attr.ParseItemJSON([]byte(`{"pk":{"S":"k"},"s":{"SS":["a","a"]}}`))
	fmt.Println(err)
	_, err = attr.ParseItemJSON([]byte(`{"pk":{"S":1}}`))
	fmt.Println(err)
	// Output:
	// ValidationException: One or more parameter values were invalid: Input collection [a, a] contains duplicates
	// SerializationException: class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String
}

func ExampleCanonicalNumber() {
	for _, s := range []string{"01", "1.0", "1E2", "-0", "1E-3", "1E126"} {
		c, err := attr.CanonicalNumber(s)
		fmt.Println(c, err)
	}
	// Output:
	// 1 <nil>
	// 1 <nil>
	// 100 <nil>
	// 0 <nil>
	// 0.001 <nil>
	//  ValidationException: Number overflow. Attempting to store a number with magnitude larger than supported range
}

func ExampleCompareNumbers() {
	fmt.Println(attr.CompareNumbers("9", "10"), attr.CompareNumbers("-0.5", "-0.25"), attr.CompareNumbers("1.5", "1.5"))
	// Output: -1 -1 0
}
