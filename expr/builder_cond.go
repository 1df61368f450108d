package expr

import (
	"errors"
	"slices"

	"github.com/kvs-project/kvs/attr"
)

// Condition and key-condition builders. Builders are immutable values:
// every method returns a new builder and never changes its receiver or its
// arguments, so partial conditions can be shared and reused. A builder
// holds a tree of resolved AST nodes (real attribute names and values);
// Build replaces them by placeholders. Mistakes (a bad path, a value that
// does not marshal) are carried along and returned by Build.

// An OperandBuilder is one side of a comparison or an argument of a
// function: a document path (Name), a value (Value) or the size of a path
// (Size). Its zero value is invalid.
//
// Wherever a builder method takes an operand as "any", an OperandBuilder is
// used as it is and anything else is a value: an attr.Value, or a Go value
// converted with attr.Marshal (so 42 is N, "x" is S, []int{1} is L).
// An untyped nil is an error; use Value(nil) or attr.NULL() for NULL.
type OperandBuilder struct {
	op  Operand // Path, *ValueRef with Value set, or *Call of size
	err error
}

// Name is the document path path, in the builder's path syntax ("a.b[2].c",
// see Quote for names containing "." or "[").
func Name(path string) OperandBuilder {
	p, err := parseBuilderPath(path)
	if err != nil {
		return OperandBuilder{err: err}
	}
	return OperandBuilder{op: p}
}

// Value is the value v: an attr.Value, or a Go value converted with
// attr.Marshal (nil is NULL).
func Value(v any) OperandBuilder {
	if av, ok := v.(attr.Value); ok {
		if av.IsZero() {
			return OperandBuilder{err: errNilOperand}
		}
		return OperandBuilder{op: &ValueRef{Value: av}}
	}
	av, err := attr.Marshal(v)
	if err != nil {
		return OperandBuilder{err: errors.New("expr: value: " + err.Error())}
	}
	return OperandBuilder{op: &ValueRef{Value: av}}
}

var errNilOperand = errors.New("expr: nil operand")

// operandOf converts an "any" operand argument.
func operandOf(v any) OperandBuilder {
	switch v := v.(type) {
	case OperandBuilder:
		if v.op == nil && v.err == nil {
			return OperandBuilder{err: errNilOperand}
		}
		return v
	case nil:
		return OperandBuilder{err: errNilOperand}
	}
	return Value(v)
}

// Size is size(path) as an operand: Name(path).Size().
func Size(path string) OperandBuilder { return Name(path).Size() }

// Size is size(o), the size of the attribute at path o, as an operand. It
// is valid on a Name only.
func (o OperandBuilder) Size() OperandBuilder {
	if o.err != nil {
		return o
	}
	p, ok := o.op.(Path)
	if !ok {
		return OperandBuilder{err: errors.New("expr: Size applies to a document path")}
	}
	return OperandBuilder{op: &Call{Name: "size", Args: []Operand{p}}}
}

// A ConditionBuilder is a condition, filter or key condition under
// construction. Its zero value is invalid; build one from an
// OperandBuilder's methods.
type ConditionBuilder struct {
	c   Cond
	err error
}

// firstErr returns the first error among the operands.
func firstErr(ops []OperandBuilder) error {
	for _, o := range ops {
		if o.err != nil {
			return o.err
		}
	}
	return nil
}

func operands(o OperandBuilder, args []any) ([]OperandBuilder, error) {
	ops := make([]OperandBuilder, 0, len(args)+1)
	ops = append(ops, operandOf(o))
	for _, a := range args {
		ops = append(ops, operandOf(a))
	}
	return ops, firstErr(ops)
}

func (o OperandBuilder) compare(op CompareOp, r any) ConditionBuilder {
	ops, err := operands(o, []any{r})
	if err != nil {
		return ConditionBuilder{err: err}
	}
	return ConditionBuilder{c: &Compare{Op: op, L: ops[0].op, R: ops[1].op}}
}

// Equal is "o = r".
func (o OperandBuilder) Equal(r any) ConditionBuilder { return o.compare(OpEQ, r) }

// NotEqual is "o <> r".
func (o OperandBuilder) NotEqual(r any) ConditionBuilder { return o.compare(OpNE, r) }

// LessThan is "o < r".
func (o OperandBuilder) LessThan(r any) ConditionBuilder { return o.compare(OpLT, r) }

// LessThanEqual is "o <= r".
func (o OperandBuilder) LessThanEqual(r any) ConditionBuilder { return o.compare(OpLE, r) }

// GreaterThan is "o > r".
func (o OperandBuilder) GreaterThan(r any) ConditionBuilder { return o.compare(OpGT, r) }

// GreaterThanEqual is "o >= r".
func (o OperandBuilder) GreaterThanEqual(r any) ConditionBuilder { return o.compare(OpGE, r) }

// Between is "o BETWEEN lo AND hi" (inclusive). DynamoDB requires lo and hi
// of one type with lo <= hi; Build reports its error otherwise.
func (o OperandBuilder) Between(lo, hi any) ConditionBuilder {
	ops, err := operands(o, []any{lo, hi})
	if err != nil {
		return ConditionBuilder{err: err}
	}
	return ConditionBuilder{c: &Between{X: ops[0].op, Lo: ops[1].op, Hi: ops[2].op}}
}

// In is "o IN (list...)": o equals one of the operands. DynamoDB accepts 1
// to 100 of them.
func (o OperandBuilder) In(list ...any) ConditionBuilder {
	if len(list) == 0 {
		return ConditionBuilder{err: errors.New("expr: In needs at least one operand")}
	}
	ops, err := operands(o, list)
	if err != nil {
		return ConditionBuilder{err: err}
	}
	in := &In{X: ops[0].op, List: make([]Operand, len(list))}
	for i, a := range ops[1:] {
		in.List[i] = a.op
	}
	return ConditionBuilder{c: in}
}

func (o OperandBuilder) call(name string, args ...any) ConditionBuilder {
	ops, err := operands(o, args)
	if err != nil {
		return ConditionBuilder{err: err}
	}
	c := &Call{Name: name, Args: make([]Operand, len(ops))}
	for i, a := range ops {
		c.Args[i] = a.op
	}
	return ConditionBuilder{c: c}
}

// BeginsWith is begins_with(o, prefix), for S and B values.
func (o OperandBuilder) BeginsWith(prefix any) ConditionBuilder {
	return o.call("begins_with", prefix)
}

// Contains is contains(o, v): v is a substring of an S or B, a member of a
// set or an element of a list.
func (o OperandBuilder) Contains(v any) ConditionBuilder { return o.call("contains", v) }

// NotContains is "NOT contains(o, v)".
func (o OperandBuilder) NotContains(v any) ConditionBuilder { return o.Contains(v).Not() }

// Exists is attribute_exists(o); o must be a Name.
func (o OperandBuilder) Exists() ConditionBuilder { return o.call("attribute_exists") }

// NotExists is attribute_not_exists(o); o must be a Name.
func (o OperandBuilder) NotExists() ConditionBuilder { return o.call("attribute_not_exists") }

// TypeOf is attribute_type(o, :t) where :t is the type's name ("S", "N",
// "L"...): the attribute at o exists and has type t.
func (o OperandBuilder) TypeOf(t attr.Type) ConditionBuilder {
	return o.call("attribute_type", attr.S(t.String()))
}

// join combines c with others into one *And or *Or, flattening nested
// ones as the parser does so that the built tree is the parsed one.
func (c ConditionBuilder) join(or bool, others []ConditionBuilder) ConditionBuilder {
	all := append([]ConditionBuilder{c}, others...)
	var terms []Cond
	for _, t := range all {
		if t.err != nil {
			return ConditionBuilder{err: t.err}
		}
		if t.c == nil {
			return ConditionBuilder{err: errEmptyCondition}
		}
		terms = appendFlat(terms, t.c, or)
	}
	if len(terms) == 1 {
		return c
	}
	terms = slices.Clip(terms)
	if or {
		return ConditionBuilder{c: &Or{Terms: terms}}
	}
	return ConditionBuilder{c: &And{Terms: terms}}
}

var errEmptyCondition = errors.New("expr: empty condition")

// And is "c AND others[0] AND ...".
func (c ConditionBuilder) And(others ...ConditionBuilder) ConditionBuilder {
	return c.join(false, others)
}

// Or is "c OR others[0] OR ...".
func (c ConditionBuilder) Or(others ...ConditionBuilder) ConditionBuilder {
	return c.join(true, others)
}

// Not is "NOT c".
func (c ConditionBuilder) Not() ConditionBuilder {
	if c.err != nil {
		return c
	}
	if c.c == nil {
		return ConditionBuilder{err: errEmptyCondition}
	}
	return ConditionBuilder{c: &Not{X: c.c}}
}

// A KeyBuilder is a key attribute in a key condition.
type KeyBuilder struct{ name string }

// Key is the key attribute named name. Key attributes are top-level, so
// name is taken literally: "a.b" is the attribute named "a.b".
func Key(name string) KeyBuilder { return KeyBuilder{name: name} }

// A KeyConditionBuilder is a KeyConditionExpression under construction:
// equality on the partition key, optionally AND one sort-key condition.
// Whether the attributes are the table's keys is checked by the Query that
// uses it, which knows the key schema.
type KeyConditionBuilder struct {
	c   Cond
	err error
}

func (k KeyBuilder) cond(c ConditionBuilder) KeyConditionBuilder {
	return KeyConditionBuilder{c: c.c, err: c.err}
}

func (k KeyBuilder) operand() OperandBuilder {
	if k.name == "" {
		return OperandBuilder{err: errors.New("expr: empty key attribute name")}
	}
	return OperandBuilder{op: NamePath(k.name)}
}

// Equal is "k = v".
func (k KeyBuilder) Equal(v any) KeyConditionBuilder { return k.cond(k.operand().Equal(v)) }

// LessThan is "k < v".
func (k KeyBuilder) LessThan(v any) KeyConditionBuilder { return k.cond(k.operand().LessThan(v)) }

// LessThanEqual is "k <= v".
func (k KeyBuilder) LessThanEqual(v any) KeyConditionBuilder {
	return k.cond(k.operand().LessThanEqual(v))
}

// GreaterThan is "k > v".
func (k KeyBuilder) GreaterThan(v any) KeyConditionBuilder {
	return k.cond(k.operand().GreaterThan(v))
}

// GreaterThanEqual is "k >= v".
func (k KeyBuilder) GreaterThanEqual(v any) KeyConditionBuilder {
	return k.cond(k.operand().GreaterThanEqual(v))
}

// Between is "k BETWEEN lo AND hi".
func (k KeyBuilder) Between(lo, hi any) KeyConditionBuilder {
	return k.cond(k.operand().Between(lo, hi))
}

// BeginsWith is begins_with(k, prefix).
func (k KeyBuilder) BeginsWith(prefix any) KeyConditionBuilder {
	return k.cond(k.operand().BeginsWith(prefix))
}

// And is "k AND other": the partition-key and sort-key conditions.
func (k KeyConditionBuilder) And(other KeyConditionBuilder) KeyConditionBuilder {
	c := ConditionBuilder(k).And(ConditionBuilder(other))
	return KeyConditionBuilder(c)
}
