package expr

import (
	"github.com/kvs-project/kvs/attr"
)

// Eval reports whether the resolved condition c holds for item, with
// DynamoDB's semantics: comparing values of different types is false, not
// an error; a missing attribute makes every comparison false except <>,
// which is true. Eval never fails and never modifies item. A nil or empty
// item is an item without attributes.
func Eval(c Cond, item attr.Item) bool {
	switch c := c.(type) {
	case *And:
		for _, t := range c.Terms {
			if !Eval(t, item) {
				return false
			}
		}
		return true
	case *Or:
		for _, t := range c.Terms {
			if Eval(t, item) {
				return true
			}
		}
		return false
	case *Not:
		return !Eval(c.X, item)
	case *Compare:
		return compare(c.Op, operandValue(c.L, item), operandValue(c.R, item))
	case *Between:
		x := operandValue(c.X, item)
		lo, ok1 := attr.Compare(x, operandValue(c.Lo, item))
		hi, ok2 := attr.Compare(x, operandValue(c.Hi, item))
		return ok1 && ok2 && lo >= 0 && hi <= 0
	case *In:
		x := operandValue(c.X, item)
		if x.IsZero() {
			return false
		}
		for _, o := range c.List {
			if attr.Equal(x, operandValue(o, item)) {
				return true
			}
		}
		return false
	case *Call:
		return evalFunction(c, item)
	}
	return false
}

func compare(op CompareOp, a, b attr.Value) bool {
	switch op {
	case OpEQ:
		return !a.IsZero() && !b.IsZero() && attr.Equal(a, b)
	case OpNE:
		return a.IsZero() || b.IsZero() || !attr.Equal(a, b)
	}
	c, ok := attr.Compare(a, b)
	if !ok {
		return false
	}
	switch op {
	case OpLT:
		return c < 0
	case OpLE:
		return c <= 0
	case OpGT:
		return c > 0
	default:
		return c >= 0
	}
}

// operandValue evaluates an operand of a condition: the zero Value when
// a path is missing or size() does not apply.
func operandValue(o Operand, item attr.Item) attr.Value {
	switch o := o.(type) {
	case Path:
		return Lookup(item, o)
	case *ValueRef:
		return o.Value
	case *Call:
		if o.Name == "size" && len(o.Args) == 1 {
			return sizeOf(operandValue(o.Args[0], item))
		}
	}
	return attr.Value{}
}
