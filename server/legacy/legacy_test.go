package legacy

import (
	"encoding/json"
	"errors"
	"maps"
	"testing"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

func n(s string) attr.Value       { return attr.N(s) }
func s(x string) attr.Value       { return attr.S(x) }
func vp(v attr.Value) *attr.Value { return &v }
func bp(b bool) *bool             { return &b }
func vals(vs ...attr.Value) []attr.Value {
	if vs == nil {
		return []attr.Value{}
	}
	return vs
}

// wantValidation asserts err is a ValidationException with exactly msg.
func wantValidation(t *testing.T, err error, msg string) {
	t.Helper()
	var e *apierr.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want ValidationException %q", err, msg)
	}
	if e.Code != apierr.Validation || e.Message != msg {
		t.Fatalf("err = %s: %q\nwant ValidationException: %q", e.Code, e.Message, msg)
	}
}

const inv = "One or more parameter values were invalid: "

func TestExpected(t *testing.T) {
	tests := []struct {
		name     string
		expected map[string]ExpectedAttributeValue
		op       string
		want     string
		names    map[string]string
		values   map[string]attr.Value
		err      string
	}{
		{name: "empty", expected: map[string]ExpectedAttributeValue{}, want: ""},
		{name: "value implies exists and equal",
			expected: map[string]ExpectedAttributeValue{"a": {Value: vp(n("1"))}},
			want:     "#legacy0 = :legacy0", names: map[string]string{"#legacy0": "a"},
			values: map[string]attr.Value{":legacy0": n("1")}},
		{name: "exists true with value",
			expected: map[string]ExpectedAttributeValue{"a": {Value: vp(s("x")), Exists: bp(true)}},
			want:     "#legacy0 = :legacy0"},
		{name: "exists false",
			expected: map[string]ExpectedAttributeValue{"a.b": {Exists: bp(false)}},
			want:     "attribute_not_exists(#legacy0)", names: map[string]string{"#legacy0": "a.b"}},
		{name: "two joined by AND by default",
			expected: map[string]ExpectedAttributeValue{"b": {Exists: bp(false)}, "a": {Value: vp(n("1"))}},
			want:     "(#legacy0 = :legacy0) AND (attribute_not_exists(#legacy1))"},
		{name: "OR",
			expected: map[string]ExpectedAttributeValue{"b": {Exists: bp(false)}, "a": {Value: vp(n("1"))}}, op: "OR",
			want: "(#legacy0 = :legacy0) OR (attribute_not_exists(#legacy1))"},
		{name: "EQ with Value", expected: map[string]ExpectedAttributeValue{"a": {ComparisonOperator: "EQ", Value: vp(n("1"))}},
			want: "#legacy0 = :legacy0"},
		{name: "NE", expected: map[string]ExpectedAttributeValue{"a": {ComparisonOperator: "NE", AttributeValueList: vals(attr.L())}},
			want: "#legacy0 <> :legacy0"},
		{name: "LE", expected: map[string]ExpectedAttributeValue{"a": {ComparisonOperator: "LE", AttributeValueList: vals(n("1"))}},
			want: "#legacy0 <= :legacy0"},
		{name: "LT", expected: map[string]ExpectedAttributeValue{"a": {ComparisonOperator: "LT", AttributeValueList: vals(s("a"))}},
			want: "#legacy0 < :legacy0"},
		{name: "GE", expected: map[string]ExpectedAttributeValue{"a": {ComparisonOperator: "GE", AttributeValueList: vals(attr.B([]byte{1}))}},
			want: "#legacy0 >= :legacy0"},
		{name: "GT", expected: map[string]ExpectedAttributeValue{"a": {ComparisonOperator: "GT", AttributeValueList: vals(n("1"))}},
			want: "#legacy0 > :legacy0"},
		{name: "NOT_NULL", expected: map[string]ExpectedAttributeValue{"a": {ComparisonOperator: "NOT_NULL"}},
			want: "attribute_exists(#legacy0)"},
		{name: "NULL with empty list", expected: map[string]ExpectedAttributeValue{"a": {ComparisonOperator: "NULL", AttributeValueList: vals()}},
			want: "attribute_not_exists(#legacy0)"},
		{name: "CONTAINS", expected: map[string]ExpectedAttributeValue{"a": {ComparisonOperator: "CONTAINS", AttributeValueList: vals(s("x"))}},
			want: "contains(#legacy0, :legacy0)"},
		{name: "CONTAINS BOOL is allowed", expected: map[string]ExpectedAttributeValue{"a": {ComparisonOperator: "CONTAINS", AttributeValueList: vals(attr.BOOL(true))}},
			want: "contains(#legacy0, :legacy0)"},
		{name: "NOT_CONTAINS is false for a missing attribute",
			expected: map[string]ExpectedAttributeValue{"a": {ComparisonOperator: "NOT_CONTAINS", AttributeValueList: vals(n("1"))}},
			want:     "attribute_exists(#legacy0) AND NOT contains(#legacy0, :legacy0)"},
		{name: "BEGINS_WITH", expected: map[string]ExpectedAttributeValue{"a": {ComparisonOperator: "BEGINS_WITH", AttributeValueList: vals(s("x"))}},
			want: "begins_with(#legacy0, :legacy0)"},
		{name: "IN", expected: map[string]ExpectedAttributeValue{"a": {ComparisonOperator: "IN", AttributeValueList: vals(n("1"), n("2"), n("1"))}},
			want: "#legacy0 IN (:legacy0, :legacy1, :legacy2)"},
		{name: "BETWEEN", expected: map[string]ExpectedAttributeValue{"a": {ComparisonOperator: "BETWEEN", AttributeValueList: vals(n("1"), n("2"))}},
			want:   "#legacy0 BETWEEN :legacy0 AND :legacy1",
			values: map[string]attr.Value{":legacy0": n("1"), ":legacy1": n("2")}},

		// Errors, texts from DynamoDB Local.
		{name: "exists true without value", expected: map[string]ExpectedAttributeValue{"n": {Exists: bp(true)}},
			err: inv + "Value must be provided when Exists is true for Attribute: n"},
		{name: "empty entry", expected: map[string]ExpectedAttributeValue{"n": {}},
			err: inv + "Value must be provided when Exists is null for Attribute: n"},
		{name: "exists false with value", expected: map[string]ExpectedAttributeValue{"n": {Exists: bp(false), Value: vp(n("1"))}},
			err: inv + "Value cannot be used when Exists is false for Attribute: n"},
		{name: "operator without args", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "EQ"}},
			err: inv + "Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: n"},
		{name: "IN without args", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "IN"}},
			err: inv + "Value or AttributeValueList must be used with ComparisonOperator: IN for Attribute: n"},
		{name: "unknown operator without args", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "FOO"}},
			err: inv + "Value or AttributeValueList must be used with ComparisonOperator: FOO for Attribute: n"},
		{name: "unknown operator", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "eq", AttributeValueList: vals(n("1"))}},
			err: "Comparison type does not exist in DynamoDB"},
		{name: "EQ two args", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "EQ", AttributeValueList: vals(n("1"), n("2"))}},
			err: inv + "Invalid number of argument(s) for the EQ ComparisonOperator"},
		{name: "NULL one arg", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "NULL", AttributeValueList: vals(n("1"))}},
			err: inv + "Invalid number of argument(s) for the NULL ComparisonOperator"},
		{name: "NOT_NULL with Value", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "NOT_NULL", Value: vp(n("1"))}},
			err: inv + "Invalid number of argument(s) for the NOT_NULL ComparisonOperator"},
		{name: "BETWEEN one arg", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "BETWEEN", AttributeValueList: vals(n("1"))}},
			err: inv + "Invalid number of argument(s) for the BETWEEN ComparisonOperator"},
		{name: "IN empty list", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "IN", AttributeValueList: vals()}},
			err: inv + "Invalid number of argument(s) for the IN ComparisonOperator"},
		{name: "value and list", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "EQ", Value: vp(n("1")), AttributeValueList: vals(n("1"))}},
			err: inv + "Value and AttributeValueList cannot be used together for Attribute: n"},
		{name: "exists and operator", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "EQ", Exists: bp(true), Value: vp(n("1"))}},
			err: inv + "Exists and ComparisonOperator cannot be used together for Attribute: n"},
		{name: "list without operator", expected: map[string]ExpectedAttributeValue{"n": {AttributeValueList: vals(n("1"))}},
			err: inv + "AttributeValueList can only be used with a ComparisonOperator for Attribute: n"},
		{name: "LT BOOL", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "LT", AttributeValueList: vals(attr.BOOL(true))}},
			err: inv + "ComparisonOperator LT is not valid for BOOL AttributeValue type"},
		{name: "GT NS", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "GT", AttributeValueList: vals(attr.NS("1"))}},
			err: inv + "ComparisonOperator GT is not valid for NS AttributeValue type"},
		{name: "CONTAINS L", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "CONTAINS", AttributeValueList: vals(attr.L())}},
			err: inv + "ComparisonOperator CONTAINS is not valid for L AttributeValue type"},
		{name: "CONTAINS SS", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "CONTAINS", AttributeValueList: vals(attr.SS("a"))}},
			err: inv + "ComparisonOperator CONTAINS is not valid for SS AttributeValue type"},
		{name: "CONTAINS M", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "CONTAINS", AttributeValueList: vals(attr.M(nil))}},
			err: inv + "ComparisonOperator CONTAINS is not valid for M AttributeValue type"},
		{name: "NOT_CONTAINS L", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "NOT_CONTAINS", AttributeValueList: vals(attr.L())}},
			err: inv + "ComparisonOperator NOT_CONTAINS is not valid for L AttributeValue type"},
		{name: "BEGINS_WITH N", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "BEGINS_WITH", AttributeValueList: vals(n("1"))}},
			err: inv + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"},
		{name: "BEGINS_WITH SS", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "BEGINS_WITH", AttributeValueList: vals(attr.SS("a"))}},
			err: inv + "ComparisonOperator BEGINS_WITH is not valid for SS AttributeValue type"},
		{name: "IN mixed types", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "IN", AttributeValueList: vals(n("1"), s("a"))}},
			err: inv + "AttributeValues inside AttributeValueList must be of same type"},
		{name: "IN L", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "IN", AttributeValueList: vals(attr.L())}},
			err: inv + "ComparisonOperator IN is not valid for L AttributeValue type"},
		{name: "IN BOOL", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "IN", AttributeValueList: vals(attr.BOOL(true))}},
			err: inv + "ComparisonOperator IN is not valid for BOOL AttributeValue type"},
		{name: "BETWEEN mixed types", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "BETWEEN", AttributeValueList: vals(n("1"), s("a"))}},
			err: inv + "AttributeValues inside AttributeValueList must be of same type"},
		{name: "BETWEEN BOOL", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "BETWEEN", AttributeValueList: vals(attr.BOOL(true), attr.BOOL(true))}},
			err: inv + "ComparisonOperator BETWEEN is not valid for BOOL AttributeValue type"},
		{name: "BETWEEN reversed", expected: map[string]ExpectedAttributeValue{"n": {ComparisonOperator: "BETWEEN", AttributeValueList: vals(n("3"), n("1"))}},
			err: "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"},
		{name: "conditional operator with one", expected: map[string]ExpectedAttributeValue{"n": {Value: vp(n("1"))}}, op: "OR",
			err: "ConditionalOperator can only be used when Filter or Expected has two or more elements"},
		{name: "conditional operator alone", op: "OR",
			err: "ConditionalOperator cannot be used without Filter or Expected"},
		{name: "conditional operator enum",
			expected: map[string]ExpectedAttributeValue{"n": {Value: vp(n("1"))}, "m": {Value: vp(n("1"))}}, op: "XOR",
			err: "1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [AND, OR]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Placeholders
			got, err := Expected(&p, tt.expected, tt.op)
			if tt.err != "" {
				wantValidation(t, err, tt.err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("expression = %q, want %q", got, tt.want)
			}
			if tt.names != nil && !maps.Equal(p.Names, tt.names) {
				t.Errorf("names = %v, want %v", p.Names, tt.names)
			}
			if tt.values != nil && !maps.EqualFunc(p.Values, tt.values, attr.Equal) {
				t.Errorf("values = %v, want %v", p.Values, tt.values)
			}
		})
	}
}

func TestPlaceholdersAvoidUserNames(t *testing.T) {
	p := Placeholders{
		Names:  map[string]string{"#legacy0": "taken", "#x": "y"},
		Values: map[string]attr.Value{":legacy0": s("taken")},
	}
	got, err := Filter(&p, map[string]Condition{"a": {ComparisonOperator: "EQ", AttributeValueList: vals(n("1"))}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "#legacy1 = :legacy1"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if p.Names["#legacy0"] != "taken" || p.Names["#legacy1"] != "a" || p.Names["#x"] != "y" {
		t.Fatalf("names = %v", p.Names)
	}
	if !attr.Equal(p.Values[":legacy0"], s("taken")) || !attr.Equal(p.Values[":legacy1"], n("1")) {
		t.Fatalf("values = %v", p.Values)
	}
}

func TestPlaceholdersReuseNames(t *testing.T) {
	var p Placeholders
	got, err := AttributeUpdates(&p, map[string]AttributeValueUpdate{
		"l": {Action: "ADD", Value: vp(attr.L(s("x")))},
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "SET #legacy0 = list_append(if_not_exists(#legacy0, :legacy0), :legacy1)"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if len(p.Names) != 1 {
		t.Fatalf("names = %v, want one", p.Names)
	}
	if e := p.Values[":legacy0"]; e.Type() != attr.TypeL || len(e.List()) != 0 {
		t.Fatalf(":legacy0 = %v, want an empty list", e)
	}
}

func TestFilter(t *testing.T) {
	tests := []struct {
		name   string
		filter map[string]Condition
		op     string
		want   string
		err    string
	}{
		{name: "empty", filter: map[string]Condition{}, want: ""},
		{name: "one", filter: map[string]Condition{"a": {ComparisonOperator: "NULL"}}, want: "attribute_not_exists(#legacy0)"},
		{name: "two OR", op: "OR",
			filter: map[string]Condition{"a": {ComparisonOperator: "NULL"}, "b": {ComparisonOperator: "BEGINS_WITH", AttributeValueList: vals(s("p"))}},
			want:   "(attribute_not_exists(#legacy0)) OR (begins_with(#legacy1, :legacy0))"},
		{name: "missing operator", filter: map[string]Condition{"n": {}}, err: "Comparison type does not exist in DynamoDB"},
		{name: "unknown operator", filter: map[string]Condition{"n": {ComparisonOperator: "FOO"}}, err: "Comparison type does not exist in DynamoDB"},
		{name: "EQ without args", filter: map[string]Condition{"n": {ComparisonOperator: "EQ"}},
			err: inv + "Invalid number of argument(s) for the EQ ComparisonOperator"},
		{name: "IN BOOL then N", filter: map[string]Condition{"n": {ComparisonOperator: "IN", AttributeValueList: vals(attr.BOOL(true), n("1"))}},
			err: inv + "ComparisonOperator IN is not valid for BOOL AttributeValue type"},
		{name: "IN N then BOOL", filter: map[string]Condition{"n": {ComparisonOperator: "IN", AttributeValueList: vals(n("1"), attr.BOOL(true))}},
			err: inv + "ComparisonOperator IN is not valid for BOOL AttributeValue type"},
		{name: "IN N then S then SS", filter: map[string]Condition{"n": {ComparisonOperator: "IN", AttributeValueList: vals(n("1"), s("x"), attr.SS("x"))}},
			err: inv + "AttributeValues inside AttributeValueList must be of same type"},
		{name: "BETWEEN N then SS", filter: map[string]Condition{"n": {ComparisonOperator: "BETWEEN", AttributeValueList: vals(n("1"), attr.SS("x"))}},
			err: inv + "ComparisonOperator BETWEEN is not valid for SS AttributeValue type"},
		{name: "XOR with one", op: "XOR", filter: map[string]Condition{"n": {ComparisonOperator: "NULL"}},
			err: "ConditionalOperator can only be used when Filter or Expected has two or more elements"},
		{name: "operator without filter", op: "OR", filter: map[string]Condition{},
			err: "ConditionalOperator cannot be used without Filter or Expected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Placeholders
			got, err := Filter(&p, tt.filter, tt.op)
			if tt.err != "" {
				wantValidation(t, err, tt.err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestKeyConditions(t *testing.T) {
	eq := Condition{ComparisonOperator: "EQ", AttributeValueList: vals(s("a"))}
	tests := []struct {
		name  string
		conds map[string]Condition
		want  string
		err   string
	}{
		{name: "hash only", conds: map[string]Condition{"pk": eq}, want: "#legacy0 = :legacy0"},
		{name: "EQ goes first", conds: map[string]Condition{
			"a": {ComparisonOperator: "BETWEEN", AttributeValueList: vals(n("1"), n("2"))}, "pk": eq},
			want: "#legacy0 = :legacy0 AND #legacy1 BETWEEN :legacy1 AND :legacy2"},
		{name: "begins_with", conds: map[string]Condition{"pk": eq, "sk": {ComparisonOperator: "BEGINS_WITH", AttributeValueList: vals(s("x"))}},
			want: "#legacy0 = :legacy0 AND begins_with(#legacy1, :legacy1)"},
		{name: "none", conds: map[string]Condition{}, err: "Conditions must be at least length 1"},
		{name: "three", conds: map[string]Condition{"a": eq, "b": eq, "c": eq}, err: "Conditions can be of length 1 or 2 only"},
		{name: "NE alone", conds: map[string]Condition{"pk": {ComparisonOperator: "NE", AttributeValueList: vals(s("a"))}},
			err: "Query key condition not supported"},
		{name: "GT alone", conds: map[string]Condition{"pk": {ComparisonOperator: "GT", AttributeValueList: vals(s("a"))}},
			err: "Query key condition not supported"},
		{name: "IN on sort key", conds: map[string]Condition{"pk": eq, "sk": {ComparisonOperator: "IN", AttributeValueList: vals(n("1"))}},
			err: "Attempted conditional constraint is not an indexable operation"},
		{name: "CONTAINS on sort key", conds: map[string]Condition{"pk": eq, "sk": {ComparisonOperator: "CONTAINS", AttributeValueList: vals(n("1"))}},
			err: "Attempted conditional constraint is not an indexable operation"},
		{name: "EQ without args", conds: map[string]Condition{"pk": {ComparisonOperator: "EQ"}},
			err: inv + "Invalid number of argument(s) for the EQ ComparisonOperator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Placeholders
			got, err := KeyConditions(&p, tt.conds)
			if tt.err != "" {
				wantValidation(t, err, tt.err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAttributeUpdates(t *testing.T) {
	tests := []struct {
		name    string
		updates map[string]AttributeValueUpdate
		want    string
		err     string
	}{
		{name: "empty", updates: map[string]AttributeValueUpdate{}, want: ""},
		{name: "put is the default", updates: map[string]AttributeValueUpdate{"a": {Value: vp(n("1"))}}, want: "SET #legacy0 = :legacy0"},
		{name: "all actions", updates: map[string]AttributeValueUpdate{
			"a": {Action: "PUT", Value: vp(s("x"))},
			"b": {Action: "DELETE"},
			"c": {Action: "ADD", Value: vp(n("2"))},
			"d": {Action: "ADD", Value: vp(attr.SS("x"))},
			"e": {Action: "DELETE", Value: vp(attr.NS("1"))},
		}, want: "SET #legacy0 = :legacy0 REMOVE #legacy1 ADD #legacy2 :legacy1, #legacy3 :legacy2 DELETE #legacy4 :legacy3"},
		{name: "put without value", updates: map[string]AttributeValueUpdate{"n": {Action: "PUT"}},
			err: inv + "Only DELETE action is allowed when no attribute value is specified"},
		{name: "no action no value", updates: map[string]AttributeValueUpdate{"n": {}},
			err: inv + "Only DELETE action is allowed when no attribute value is specified"},
		{name: "add without value", updates: map[string]AttributeValueUpdate{"n": {Action: "ADD"}},
			err: inv + "Only DELETE action is allowed when no attribute value is specified"},
		{name: "delete number", updates: map[string]AttributeValueUpdate{"n": {Action: "DELETE", Value: vp(n("1"))}},
			err: inv + "DELETE action with value is not supported for the type NUMBER"},
		{name: "add string", updates: map[string]AttributeValueUpdate{"n": {Action: "ADD", Value: vp(s("x"))}},
			err: inv + "ADD action is not supported for the type STRING"},
		{name: "bad action", updates: map[string]AttributeValueUpdate{"n": {Action: "FOO", Value: vp(n("1"))}},
			err: "1 validation error detected: Value 'FOO' at 'attributeUpdates.n.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, DELETE, PUT]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Placeholders
			got, err := AttributeUpdates(&p, tt.updates)
			if tt.err != "" {
				wantValidation(t, err, tt.err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAttributesToGet(t *testing.T) {
	var p Placeholders
	got, err := AttributesToGet(&p, []string{"a", "b.c", "#d"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "#legacy0, #legacy1, #legacy2"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if p.Names["#legacy1"] != "b.c" || p.Names["#legacy2"] != "#d" {
		t.Fatalf("names = %v", p.Names)
	}
	_, err = AttributesToGet(&Placeholders{}, []string{"n", "n"})
	wantValidation(t, err, "Cannot have two attributes with the same name")
}

func TestCheckMixed(t *testing.T) {
	if err := CheckMixed(nil, []string{"ProjectionExpression"}); err != nil {
		t.Fatal(err)
	}
	if err := CheckMixed([]string{"AttributesToGet"}, nil); err != nil {
		t.Fatal(err)
	}
	wantValidation(t, CheckMixed([]string{"AttributesToGet"}, []string{"ProjectionExpression"}),
		"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}")
	wantValidation(t, CheckMixed([]string{"AttributeUpdates", "Expected"}, []string{"UpdateExpression", "ConditionExpression"}),
		"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates, Expected} Expression parameters: {UpdateExpression, ConditionExpression}")
}

func TestCheckNoExpressionMaps(t *testing.T) {
	if err := CheckNoExpressionMaps(false, false, []string{"ConditionExpression"}); err != nil {
		t.Fatal(err)
	}
	wantValidation(t, CheckNoExpressionMaps(true, true, []string{"ConditionExpression"}),
		"ExpressionAttributeNames can only be specified when using expressions")
	wantValidation(t, CheckNoExpressionMaps(false, true, []string{"ConditionExpression"}),
		"ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null")
	wantValidation(t, CheckNoExpressionMaps(false, true, []string{"UpdateExpression", "ConditionExpression"}),
		"ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null")
}

// A ConditionalOperator joining fewer than two conditions is reported after
// the conditions' own errors; with two or more, its enum comes first.
func TestConditionalOperatorAfterConditions(t *testing.T) {
	var p Placeholders
	_, err := Expected(&p, map[string]ExpectedAttributeValue{"s": {ComparisonOperator: "eq", AttributeValueList: vals(s("y"))}}, "AND")
	wantValidation(t, err, "Comparison type does not exist in DynamoDB")
	_, err = Expected(&p, map[string]ExpectedAttributeValue{"s": {Exists: bp(true)}}, "OR")
	wantValidation(t, err, inv+"Value must be provided when Exists is true for Attribute: s")
	_, err = Expected(&p, map[string]ExpectedAttributeValue{"s": {Exists: bp(false)}}, "OR")
	wantValidation(t, err, "ConditionalOperator can only be used when Filter or Expected has two or more elements")
	_, err = Expected(&p, map[string]ExpectedAttributeValue{"s": {Exists: bp(true)}, "t": {Exists: bp(false)}}, "XOR")
	wantValidation(t, err, "1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [AND, OR]")
	_, err = Filter(&p, map[string]Condition{"s": {ComparisonOperator: "EQ"}}, "OR")
	wantValidation(t, err, inv+"Invalid number of argument(s) for the EQ ComparisonOperator")
	_, err = Filter(&p, map[string]Condition{"s": {ComparisonOperator: "LT", AttributeValueList: vals(attr.SS("y"))}}, "OR")
	wantValidation(t, err, inv+"ComparisonOperator LT is not valid for SS AttributeValue type")
	_, err = Filter(&p, map[string]Condition{"s": {ComparisonOperator: "NULL"}}, "OR")
	wantValidation(t, err, "ConditionalOperator can only be used when Filter or Expected has two or more elements")
}

func TestCheckBatchDuplicates(t *testing.T) {
	if err := CheckBatchDuplicates([]string{"a", "b"}); err != nil {
		t.Fatal(err)
	}
	wantValidation(t, CheckBatchDuplicates([]string{"a", "b", "c", "b", "a"}), inv+"Duplicate value in attribute name: b")
}

// Entries decoded from JSON are checked in request order; maps built in
// Go in name order.
func TestRequestOrder(t *testing.T) {
	var e ExpectedMap
	if err := json.Unmarshal([]byte(`{"b":{"Exists":true},"a":{"ComparisonOperator":"XX","AttributeValueList":[{"S":"x"}]}}`), &e); err != nil {
		t.Fatal(err)
	}
	var p Placeholders
	_, err := Expected(&p, e, "")
	wantValidation(t, err, inv+"Value must be provided when Exists is true for Attribute: b")
	_, err = Expected(&p, map[string]ExpectedAttributeValue{"b": {Exists: bp(true)}, "a": {ComparisonOperator: "XX", AttributeValueList: vals(s("x"))}}, "")
	wantValidation(t, err, "Comparison type does not exist in DynamoDB")

	var f Conditions
	if err := json.Unmarshal([]byte(`{"b":{"ComparisonOperator":"EQ"},"a":{"ComparisonOperator":"XX","AttributeValueList":[{"S":"x"}]}}`), &f); err != nil {
		t.Fatal(err)
	}
	_, err = Filter(&p, f, "")
	wantValidation(t, err, inv+"Invalid number of argument(s) for the EQ ComparisonOperator")
	if err := json.Unmarshal([]byte(`{"sk":{"ComparisonOperator":"EQ"},"pk":{"ComparisonOperator":"XX","AttributeValueList":[{"S":"a"}]}}`), &f); err != nil {
		t.Fatal(err)
	}
	_, err = KeyConditions(&p, f)
	wantValidation(t, err, inv+"Invalid number of argument(s) for the EQ ComparisonOperator")

	var u AttributeUpdatesMap
	if err := json.Unmarshal([]byte(`{"b":{"Action":"ADD","Value":{"S":"x"}},"a":{"Action":"DELETE","Value":{"S":"x"}}}`), &u); err != nil {
		t.Fatal(err)
	}
	_, err = AttributeUpdates(&p, u)
	wantValidation(t, err, inv+"ADD action is not supported for the type STRING")

	if err := json.Unmarshal([]byte(`null`), &u); err != nil || u != nil {
		t.Fatalf("null: %v %v", u, err)
	}
	if got := ObjectKeys([]byte(` {"z":1,"a":{"x":[1,{"y":2}]},"m":null} `)); len(got) != 3 || got[0] != "z" || got[1] != "a" || got[2] != "m" {
		t.Fatalf("ObjectKeys = %v", got)
	}
}

// An entry written as null has its own error, in its place in request
// order.
func TestNullEntries(t *testing.T) {
	var p Placeholders
	var e ExpectedMap
	if err := json.Unmarshal([]byte(`{"a":null,"b":{"Exists":true}}`), &e); err != nil {
		t.Fatal(err)
	}
	_, err := Expected(&p, e, "")
	wantValidation(t, err, inv+"ExpectedAttributeValue must not be null for Attribute: a")
	if err := json.Unmarshal([]byte(`{"b":{"Exists":true},"a":null}`), &e); err != nil {
		t.Fatal(err)
	}
	_, err = Expected(&p, e, "")
	wantValidation(t, err, inv+"Value must be provided when Exists is true for Attribute: b")
	var f Conditions
	if err := json.Unmarshal([]byte(`{"a":null}`), &f); err != nil {
		t.Fatal(err)
	}
	_, err = Filter(&p, f, "")
	wantValidation(t, err, "The filter condition for an attribute cannot be null: a")
	if err := json.Unmarshal([]byte(`{"pk":null}`), &f); err != nil {
		t.Fatal(err)
	}
	_, err = KeyConditions(&p, f)
	wantValidation(t, err, "The filter condition for an attribute cannot be null: pk")
}

// An empty attribute name is DynamoDB's "Empty attribute name", not an
// error about a generated placeholder.
func TestEmptyNames(t *testing.T) {
	var p Placeholders
	_, err := Expected(&p, map[string]ExpectedAttributeValue{"": {Exists: bp(false)}}, "")
	wantValidation(t, err, "Empty attribute name")
	_, err = Filter(&p, map[string]Condition{"": {ComparisonOperator: "NULL"}}, "")
	wantValidation(t, err, "Empty attribute name")
	_, err = KeyConditions(&p, map[string]Condition{"": {ComparisonOperator: "EQ", AttributeValueList: vals(s("a"))}})
	wantValidation(t, err, "Empty attribute name")
	_, err = AttributeUpdates(&p, map[string]AttributeValueUpdate{"": {Action: "PUT", Value: vp(s("x"))}})
	wantValidation(t, err, "Empty attribute name")
	_, err = AttributesToGet(&p, []string{"a", ""})
	wantValidation(t, err, "Empty attribute name")
}
