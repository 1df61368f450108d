package legacy

import (
	"sort"
	"strings"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// Condition is one entry of KeyConditions, QueryFilter or ScanFilter.
type Condition struct {
	ComparisonOperator string       `json:",omitempty"`
	AttributeValueList []attr.Value `json:",omitempty"`

	pos  int  // position in the request (order.go); 0 when built in Go
	null bool // written as JSON null
}

// ExpectedAttributeValue is one entry of Expected: either the Exists/Value
// form or the ComparisonOperator/AttributeValueList form.
type ExpectedAttributeValue struct {
	Value              *attr.Value  `json:",omitempty"`
	Exists             *bool        `json:",omitempty"`
	ComparisonOperator string       `json:",omitempty"`
	AttributeValueList []attr.Value `json:",omitempty"`

	pos  int  // position in the request (order.go); 0 when built in Go
	null bool // written as JSON null
}

// The comparison operators of legacy conditions.
const (
	OpEQ          = "EQ"
	OpNE          = "NE"
	OpLE          = "LE"
	OpLT          = "LT"
	OpGE          = "GE"
	OpGT          = "GT"
	OpNotNull     = "NOT_NULL"
	OpNull        = "NULL"
	OpContains    = "CONTAINS"
	OpNotContains = "NOT_CONTAINS"
	OpBeginsWith  = "BEGINS_WITH"
	OpIn          = "IN"
	OpBetween     = "BETWEEN"
)

// operator describes one comparison operator: how many arguments it takes
// (max -1: any number >= min) and which argument types it accepts.
type operator struct {
	min, max int
	types    func(attr.Type) bool
}

func anyType(attr.Type) bool { return true }

func scalar(t attr.Type) bool { return t == attr.TypeS || t == attr.TypeN || t == attr.TypeB }

func stringOrBinary(t attr.Type) bool { return t == attr.TypeS || t == attr.TypeB }

// notCollection accepts what CONTAINS and NOT_CONTAINS take: anything but a
// list, map or set.
func notCollection(t attr.Type) bool {
	return t != attr.TypeL && t != attr.TypeM && !t.IsSet()
}

var operators = map[string]operator{
	OpEQ:          {1, 1, anyType},
	OpNE:          {1, 1, anyType},
	OpLE:          {1, 1, scalar},
	OpLT:          {1, 1, scalar},
	OpGE:          {1, 1, scalar},
	OpGT:          {1, 1, scalar},
	OpNotNull:     {0, 0, anyType},
	OpNull:        {0, 0, anyType},
	OpContains:    {1, 1, notCollection},
	OpNotContains: {1, 1, notCollection},
	OpBeginsWith:  {1, 1, stringOrBinary},
	OpIn:          {1, -1, scalar},
	OpBetween:     {2, 2, scalar},
}

const invalidParams = "One or more parameter values were invalid: "

func validationf(format string, args ...any) error { return apierr.Validationf(format, args...) }

// checkArgs validates the arguments of a comparison operator with DynamoDB's
// messages, in DynamoDB's order.
func checkArgs(op string, args []attr.Value) error {
	o, ok := operators[op]
	if !ok {
		return validationf("Comparison type does not exist in DynamoDB")
	}
	if len(args) < o.min || (o.max >= 0 && len(args) > o.max) {
		return validationf(invalidParams+"Invalid number of argument(s) for the %s ComparisonOperator", op)
	}
	// Argument by argument: its type for the operator, then whether it is
	// the first one's (DynamoDB Local: IN [N, SS] is "not valid for SS",
	// IN [N, S, SS] "must be of same type").
	for i, a := range args {
		if !o.types(a.Type()) {
			return validationf(invalidParams+"ComparisonOperator %s is not valid for %s AttributeValue type", op, a.Type())
		}
		if i > 0 && a.Type() != args[0].Type() {
			return validationf(invalidParams + "AttributeValues inside AttributeValueList must be of same type")
		}
	}
	if op == OpBetween {
		if c, ok := attr.Compare(args[0], args[1]); ok && c > 0 {
			return validationf("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound")
		}
	}
	return nil
}

// comparison renders "name op args" as an expression over placeholders.
// The arguments must have passed checkArgs.
func comparison(p *Placeholders, name, op string, args []attr.Value) string {
	n := p.name(name)
	switch op {
	case OpNotNull:
		return "attribute_exists(" + n + ")"
	case OpNull:
		return "attribute_not_exists(" + n + ")"
	case OpContains:
		return "contains(" + n + ", " + p.value(args[0]) + ")"
	case OpNotContains:
		// Unlike NOT contains(...), the legacy operator is false for a
		// missing attribute.
		return "attribute_exists(" + n + ") AND NOT contains(" + n + ", " + p.value(args[0]) + ")"
	case OpBeginsWith:
		return "begins_with(" + n + ", " + p.value(args[0]) + ")"
	case OpIn:
		var b strings.Builder
		b.WriteString(n + " IN (")
		for i, a := range args {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(p.value(a))
		}
		b.WriteString(")")
		return b.String()
	case OpBetween:
		return n + " BETWEEN " + p.value(args[0]) + " AND " + p.value(args[1])
	}
	sym := map[string]string{OpEQ: "=", OpNE: "<>", OpLE: "<=", OpLT: "<", OpGE: ">=", OpGT: ">"}[op]
	return n + " " + sym + " " + p.value(args[0])
}

// checkConditionalOperator validates ConditionalOperator against the number
// of conditions it joins.
func checkConditionalOperator(conditionalOperator string, n int) error {
	if conditionalOperator == "" {
		return nil
	}
	if n == 0 {
		return validationf("ConditionalOperator cannot be used without Filter or Expected")
	}
	if n == 1 {
		return validationf("ConditionalOperator can only be used when Filter or Expected has two or more elements")
	}
	if conditionalOperator != "AND" && conditionalOperator != "OR" {
		return validationf("1 validation error detected: Value '%s' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [AND, OR]", conditionalOperator)
	}
	return nil
}

// CheckConditionalOperator returns DynamoDB's error for a
// ConditionalOperator that joins n conditions: none, one, or a value other
// than AND and OR. Query and Scan report the first two only once the table
// and the key conditions have been checked (DynamoDB Local), so the server
// takes them out of Filter's hands.
func CheckConditionalOperator(conditionalOperator string, n int) error {
	return checkConditionalOperator(conditionalOperator, n)
}

// CheckName returns DynamoDB's error for an empty attribute name in a
// legacy parameter (the rewrite would otherwise report it against its own
// placeholder).
func CheckName(name string) error {
	if name == "" {
		return validationf("Empty attribute name")
	}
	return nil
}

// nullCondition is DynamoDB's error for a KeyConditions, QueryFilter or
// ScanFilter entry written as null (DynamoDB Local).
func nullCondition(name string) error {
	return validationf("The filter condition for an attribute cannot be null: %s", name)
}

// join combines conditions with AND or OR, parenthesised.
func join(parts []string, conditionalOperator string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	sep := " AND "
	if conditionalOperator == "OR" {
		sep = " OR "
	}
	return "(" + strings.Join(parts, ")"+sep+"(") + ")"
}

// Expected rewrites Expected and ConditionalOperator into a condition
// expression; it returns "" when expected is empty.
func Expected(p *Placeholders, expected map[string]ExpectedAttributeValue, conditionalOperator string) (string, error) {
	if len(expected) >= 2 {
		if err := checkConditionalOperator(conditionalOperator, len(expected)); err != nil {
			return "", err
		}
	}
	parts := make([]string, 0, len(expected))
	for _, name := range orderedKeys(expected) {
		e := expected[name]
		part, err := expectedOne(p, name, e)
		if err != nil {
			return "", err
		}
		parts = append(parts, part)
	}
	// A ConditionalOperator joining fewer than two conditions is reported
	// after the conditions' own errors (DynamoDB Local); its enum, a Coral
	// constraint, before them.
	if len(expected) < 2 {
		if err := checkConditionalOperator(conditionalOperator, len(expected)); err != nil {
			return "", err
		}
	}
	if len(parts) == 0 {
		return "", nil
	}
	return join(parts, conditionalOperator), nil
}

// ExpectedShape is what can be checked of an Expected entry without its
// values: which members it has and how many arguments. The server checks
// it on the raw request when a value fails to decode.
type ExpectedShape struct {
	Null               bool // the entry is JSON null
	HasValue           bool
	Exists             *bool
	ComparisonOperator string
	HasList            bool // AttributeValueList is present (maybe empty)
	Args               int  // len(AttributeValueList)
}

// CheckMembers returns the entry's error that depends only on which
// members it has. DynamoDB checks it before the values inside the entry,
// and those before CheckOperator's.
func (s ExpectedShape) CheckMembers(name string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if s.Null {
		return validationf(invalidParams+"ExpectedAttributeValue must not be null for Attribute: %s", name)
	}
	if s.ComparisonOperator != "" {
		if s.Exists != nil {
			return validationf(invalidParams+"Exists and ComparisonOperator cannot be used together for Attribute: %s", name)
		}
		if s.HasValue && s.HasList {
			return validationf(invalidParams+"Value and AttributeValueList cannot be used together for Attribute: %s", name)
		}
		if o, ok := operators[s.ComparisonOperator]; !s.HasValue && !s.HasList && (!ok || o.min > 0) {
			return validationf(invalidParams+"Value or AttributeValueList must be used with ComparisonOperator: %s for Attribute: %s", s.ComparisonOperator, name)
		}
		return nil
	}
	if s.HasList {
		return validationf(invalidParams+"AttributeValueList can only be used with a ComparisonOperator for Attribute: %s", name)
	}
	exists := s.Exists == nil || *s.Exists
	if exists && !s.HasValue {
		state := "null"
		if s.Exists != nil {
			state = "true"
		}
		return validationf(invalidParams+"Value must be provided when Exists is %s for Attribute: %s", state, name)
	}
	if !exists && s.HasValue {
		return validationf(invalidParams+"Value cannot be used when Exists is false for Attribute: %s", name)
	}
	return nil
}

// CheckOperator returns the error of the entry's ComparisonOperator that
// does not depend on the argument values: an unknown operator or a wrong
// number of arguments.
func (s ExpectedShape) CheckOperator() error {
	if s.ComparisonOperator == "" {
		return nil
	}
	o, ok := operators[s.ComparisonOperator]
	if !ok {
		return validationf("Comparison type does not exist in DynamoDB")
	}
	n := s.Args
	if s.HasValue {
		n = 1
	}
	if n < o.min || (o.max >= 0 && n > o.max) {
		return validationf(invalidParams+"Invalid number of argument(s) for the %s ComparisonOperator", s.ComparisonOperator)
	}
	return nil
}

func expectedOne(p *Placeholders, name string, e ExpectedAttributeValue) (string, error) {
	shape := ExpectedShape{Null: e.null, HasValue: e.Value != nil, Exists: e.Exists, ComparisonOperator: e.ComparisonOperator,
		HasList: e.AttributeValueList != nil, Args: len(e.AttributeValueList)}
	if err := shape.CheckMembers(name); err != nil {
		return "", err
	}
	if e.ComparisonOperator != "" {
		args := e.AttributeValueList
		if e.Value != nil {
			args = []attr.Value{*e.Value}
		}
		if err := checkArgs(e.ComparisonOperator, args); err != nil {
			return "", err
		}
		return comparison(p, name, e.ComparisonOperator, args), nil
	}
	if e.Value != nil {
		return comparison(p, name, OpEQ, []attr.Value{*e.Value}), nil
	}
	return comparison(p, name, OpNull, nil), nil
}

// Filter rewrites a QueryFilter or ScanFilter and ConditionalOperator into a
// filter expression; it returns "" when filter is empty.
func Filter(p *Placeholders, filter map[string]Condition, conditionalOperator string) (string, error) {
	if len(filter) >= 2 {
		if err := checkConditionalOperator(conditionalOperator, len(filter)); err != nil {
			return "", err
		}
	}
	parts := make([]string, 0, len(filter))
	for _, name := range orderedKeys(filter) {
		c := filter[name]
		if err := CheckName(name); err != nil {
			return "", err
		}
		if c.null {
			return "", nullCondition(name)
		}
		if err := checkArgs(c.ComparisonOperator, c.AttributeValueList); err != nil {
			return "", err
		}
		parts = append(parts, comparison(p, name, c.ComparisonOperator, c.AttributeValueList))
	}
	// As in Expected: the count after the conditions' errors.
	if len(filter) < 2 {
		if err := checkConditionalOperator(conditionalOperator, len(filter)); err != nil {
			return "", err
		}
	}
	if len(parts) == 0 {
		return "", nil
	}
	return join(parts, conditionalOperator), nil
}

// keyOperators are the operators a key condition may use.
var keyOperators = map[string]bool{
	OpEQ: true, OpLE: true, OpLT: true, OpGE: true, OpGT: true, OpBeginsWith: true, OpBetween: true,
}

// KeyConditions rewrites a Query's KeyConditions into a key condition
// expression. Whether the attributes are the key attributes of the table or
// index is checked by the kvs layer on the rewritten expression.
func KeyConditions(p *Placeholders, conds map[string]Condition) (string, error) {
	if len(conds) == 0 {
		return "", validationf("Conditions must be at least length 1")
	}
	if len(conds) > 2 {
		return "", validationf("Conditions can be of length 1 or 2 only")
	}
	names := orderedKeys(conds)
	hasEQ := false
	for _, name := range names {
		c := conds[name]
		if err := CheckName(name); err != nil {
			return "", err
		}
		if c.null {
			return "", nullCondition(name)
		}
		if err := checkArgs(c.ComparisonOperator, c.AttributeValueList); err != nil {
			return "", err
		}
		hasEQ = hasEQ || c.ComparisonOperator == OpEQ
	}
	for _, name := range names {
		op := conds[name].ComparisonOperator
		if !hasEQ {
			// The partition key needs an equality condition.
			return "", validationf("Query key condition not supported")
		}
		if !keyOperators[op] {
			return "", validationf("Attempted conditional constraint is not an indexable operation")
		}
	}
	// The EQ condition (the partition key) goes first, as users write it.
	sort.SliceStable(names, func(i, j int) bool {
		return conds[names[i]].ComparisonOperator == OpEQ && conds[names[j]].ComparisonOperator != OpEQ
	})
	parts := make([]string, len(names))
	for i, name := range names {
		c := conds[name]
		parts[i] = comparison(p, name, c.ComparisonOperator, c.AttributeValueList)
	}
	return strings.Join(parts, " AND "), nil
}
