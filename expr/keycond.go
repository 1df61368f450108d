package expr

import (
	"strings"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// KeySchema names the key attributes of the table or index a Query reads,
// with their scalar types. Range is "" when there is no sort key.
type KeySchema struct {
	Hash      string
	HashType  attr.Type
	Range     string
	RangeType attr.Type
}

// RangeOp is the operator of a sort-key condition.
type RangeOp uint8

// Sort-key operators.
const (
	RangeEQ RangeOp = iota
	RangeLT
	RangeLE
	RangeGT
	RangeGE
	RangeBetween
	RangeBeginsWith
)

var rangeOpNames = [...]string{"EQ", "LT", "LE", "GT", "GE", "BETWEEN", "BEGINS_WITH"}

// String returns DynamoDB's ComparisonOperator name ("EQ", "BEGINS_WITH"...).
func (o RangeOp) String() string { return rangeOpNames[o] }

// RangeCondition is the sort-key part of a key condition. Values has two
// elements for BETWEEN (low, high), one otherwise.
type RangeCondition struct {
	Op     RangeOp
	Values []attr.Value
}

// KeyCondition is a validated KeyConditionExpression: equality on the
// partition key plus at most one sort-key condition.
type KeyCondition struct {
	Schema    KeySchema
	HashValue attr.Value
	Range     *RangeCondition // nil when the sort key is unconstrained
}

// Match reports whether item's sort key satisfies the range condition (the
// partition key is assumed to have been matched by the caller's lookup, but
// is checked too so that Match alone is a complete filter).
func (k *KeyCondition) Match(item attr.Item) bool {
	if !attr.Equal(item[k.Schema.Hash], k.HashValue) {
		return false
	}
	if k.Range == nil {
		return true
	}
	return k.Range.Match(item[k.Schema.Range])
}

// Match reports whether sort-key value v satisfies the condition.
func (r *RangeCondition) Match(v attr.Value) bool {
	if v.IsZero() {
		return false
	}
	if r.Op == RangeBeginsWith {
		return v.Type() == r.Values[0].Type() && strings.HasPrefix(v.Str(), r.Values[0].Str())
	}
	c, ok := attr.Compare(v, r.Values[0])
	if !ok {
		return false
	}
	switch r.Op {
	case RangeEQ:
		return c == 0
	case RangeLT:
		return c < 0
	case RangeLE:
		return c <= 0
	case RangeGT:
		return c > 0
	case RangeGE:
		return c >= 0
	}
	hi, ok := attr.Compare(v, r.Values[1])
	return c >= 0 && ok && hi <= 0
}

// keyTerm is one condition of a key condition, on one attribute.
type keyTerm struct {
	name   string
	op     RangeOp
	values []attr.Value
}

func validationf(format string, args ...any) error {
	return apierr.Validationf(format, args...)
}

// NewKeyCondition checks a resolved KeyConditionExpression against the key
// schema with DynamoDB's rules and messages and returns its key condition.
// Call it after Resolver.Unused, as DynamoDB reports unused names first.
func NewKeyCondition(c Cond, schema KeySchema) (*KeyCondition, error) {
	terms := map[string]*keyTerm{}
	var order []string
	if err := collectKeyTerms(c, schema, terms, &order); err != nil {
		return nil, err
	}
	if len(terms) > 2 {
		return nil, validationf("Conditions can be of length 1 or 2 only")
	}
	kc := &KeyCondition{Schema: schema}
	keys := []string{schema.Hash}
	types := []attr.Type{schema.HashType}
	if schema.Range != "" {
		keys = append(keys, schema.Range)
		types = append(types, schema.RangeType)
	}
	for i, name := range keys {
		isHash := i == 0
		if isHash && len(keys) == 1 && len(terms) > 1 {
			return nil, validationf("Query key condition not supported")
		}
		t := terms[name]
		if t == nil {
			if isHash {
				return nil, validationf("Query condition missed key schema element: %s", name)
			}
			if len(terms) > 1 {
				// DynamoDB Local does not name the sort key here.
				return nil, validationf("Query condition missed key schema element")
			}
			continue
		}
		for _, v := range t.values {
			if v.Type() != types[i] {
				return nil, validationf("One or more parameter values were invalid: Condition parameter type does not match schema type")
			}
			role := attr.KeyRoleHash
			if !isHash {
				role = attr.KeyRoleRange
			}
			if err := attr.ValidateKeyValue(name, v, role); err != nil {
				return nil, err
			}
		}
		if isHash {
			if t.op != RangeEQ {
				return nil, validationf("Query key condition not supported")
			}
			kc.HashValue = t.values[0]
			continue
		}
		kc.Range = &RangeCondition{Op: t.op, Values: t.values}
	}
	return kc, nil
}

func collectKeyTerms(c Cond, schema KeySchema, terms map[string]*keyTerm, order *[]string) error {
	switch c := c.(type) {
	case *And:
		for _, t := range c.Terms {
			if err := collectKeyTerms(t, schema, terms, order); err != nil {
				return err
			}
		}
		return nil
	case *Or:
		return validationf("Invalid operator used in KeyConditionExpression: OR")
	case *Not:
		return validationf("Invalid operator used in KeyConditionExpression: NOT")
	case *In:
		return validationf("Invalid operator used in KeyConditionExpression: IN")
	}
	var args []Operand
	var op RangeOp
	switch c := c.(type) {
	case *Compare:
		if c.Op == OpNE {
			return validationf("Invalid operator used in KeyConditionExpression: <>")
		}
		args = []Operand{c.L, c.R}
		op = [...]RangeOp{OpEQ: RangeEQ, OpLT: RangeLT, OpLE: RangeLE, OpGT: RangeGT, OpGE: RangeGE}[c.Op]
	case *Between:
		if _, ok := c.X.(Path); !ok {
			return validationf("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand")
		}
		args = []Operand{c.X, c.Lo, c.Hi}
		op = RangeBetween
	case *Call:
		switch c.Name {
		case "begins_with":
			if _, ok := c.Args[0].(Path); !ok {
				return validationf("Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand")
			}
			args = c.Args
			op = RangeBeginsWith
		default:
			return validationf("Invalid operator used in KeyConditionExpression: %s", c.Name)
		}
	}
	name, at := "", 0
	var values []attr.Value
	for i, a := range args {
		switch a := a.(type) {
		case Path:
			if name != "" {
				return validationf("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition")
			}
			if len(a) > 1 {
				if top := a[0].Name; top == schema.Hash || (top == schema.Range && top != "") {
					return validationf("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: %s", top)
				}
				return validationf("KeyConditionExpressions cannot have conditions on nested attributes")
			}
			name, at = a[0].Name, i
		case *Call:
			if a.Name == "size" {
				return validationf("KeyConditionExpressions cannot contain nested operations")
			}
			return validationf("Invalid operator used in KeyConditionExpression: %s", a.Name)
		case *ValueRef:
			values = append(values, a.Value)
		}
	}
	if name == "" {
		return validationf("Invalid condition in KeyConditionExpression: No key attribute specified")
	}
	if terms[name] != nil {
		return validationf("KeyConditionExpressions must only contain one condition per key")
	}
	if at != 0 {
		// ":v < sk" is "sk > :v".
		op = [...]RangeOp{RangeEQ: RangeEQ, RangeLT: RangeGT, RangeLE: RangeGE, RangeGT: RangeLT, RangeGE: RangeLE}[op]
	}
	terms[name] = &keyTerm{name: name, op: op, values: values}
	*order = append(*order, name)
	return nil
}
