package expr

import (
	"errors"
	"slices"
)

// An UpdateBuilder is an UpdateExpression under construction: a list of
// SET, REMOVE, ADD and DELETE actions. It is immutable: each method returns
// a new builder with one more action. Its zero value is an empty update, so
//
//	var u expr.UpdateBuilder
//	u = u.Set("a", 1)
//
// works as well as expr.Set("a", 1). Paths use the builder's path syntax
// (see Quote); values are operands as for conditions (see OperandBuilder):
// a Name copies another attribute. Build renders the actions grouped by
// clause (SET, REMOVE, ADD, DELETE), each clause in the order written.
type UpdateBuilder struct {
	actions []UpdateAction
	err     error
}

func (u UpdateBuilder) with(op UpdateOp, path string, value func(p Path) (Operand, error)) UpdateBuilder {
	if u.err != nil {
		return u
	}
	p, err := parseBuilderPath(path)
	if err != nil {
		return UpdateBuilder{err: err}
	}
	a := UpdateAction{Op: op, Path: p}
	if value != nil {
		if a.Value, err = value(p); err != nil {
			return UpdateBuilder{err: err}
		}
	}
	// Clip so that two builders extending one shared builder never write
	// into the same backing array.
	return UpdateBuilder{actions: append(slices.Clip(u.actions), a)}
}

// updateOperand converts v with the operand rules and returns its AST node.
func updateOperand(v any) (Operand, error) {
	o := operandOf(v)
	return o.op, o.err
}

func constant(v any) func(Path) (Operand, error) {
	return func(Path) (Operand, error) { return updateOperand(v) }
}

// valueOnly is constant for ADD and DELETE, whose operand must be a value.
func valueOnly(clause string, v any) func(Path) (Operand, error) {
	return func(Path) (Operand, error) {
		o, err := updateOperand(v)
		if _, ok := o.(*ValueRef); err == nil && !ok {
			err = errors.New("expr: " + clause + " needs a value operand")
		}
		return o, err
	}
}

// Set is "SET path = value".
func Set(path string, value any) UpdateBuilder { return UpdateBuilder{}.Set(path, value) }

// Remove is "REMOVE paths...".
func Remove(paths ...string) UpdateBuilder { return UpdateBuilder{}.Remove(paths...) }

// Add is "ADD path value".
func Add(path string, value any) UpdateBuilder { return UpdateBuilder{}.Add(path, value) }

// Delete is "DELETE path value".
func Delete(path string, value any) UpdateBuilder { return UpdateBuilder{}.Delete(path, value) }

// Set adds "SET path = value".
func (u UpdateBuilder) Set(path string, value any) UpdateBuilder {
	return u.with(UpdateSet, path, constant(value))
}

// Remove adds "REMOVE path" for each path.
func (u UpdateBuilder) Remove(paths ...string) UpdateBuilder {
	for _, p := range paths {
		u = u.with(UpdateRemove, p, nil)
	}
	return u
}

// Add adds "ADD path value": add a number to a number, or members to a
// set; a missing attribute starts from 0 or the empty set. Sets are
// attr.Values (attr.SS, attr.NS, attr.BS) or Go values marshalled as sets.
func (u UpdateBuilder) Add(path string, value any) UpdateBuilder {
	return u.with(UpdateAdd, path, valueOnly("Add", value))
}

// Delete adds "DELETE path value": remove the members of set value from
// the set at path.
func (u UpdateBuilder) Delete(path string, value any) UpdateBuilder {
	return u.with(UpdateDelete, path, valueOnly("Delete", value))
}

// Append adds "SET path = list_append(path, list)": list's elements at the
// end of the list at path (which must exist).
func (u UpdateBuilder) Append(path string, list any) UpdateBuilder {
	return u.with(UpdateSet, path, func(p Path) (Operand, error) {
		v, err := updateOperand(list)
		return &Call{Name: "list_append", Args: []Operand{p, v}}, err
	})
}

// Prepend adds "SET path = list_append(list, path)": list's elements at
// the start of the list at path (which must exist).
func (u UpdateBuilder) Prepend(path string, list any) UpdateBuilder {
	return u.with(UpdateSet, path, func(p Path) (Operand, error) {
		v, err := updateOperand(list)
		return &Call{Name: "list_append", Args: []Operand{v, p}}, err
	})
}

// SetIfNotExists adds "SET path = if_not_exists(path, value)": set path to
// value unless it already has a value.
func (u UpdateBuilder) SetIfNotExists(path string, value any) UpdateBuilder {
	return u.with(UpdateSet, path, func(p Path) (Operand, error) {
		v, err := updateOperand(value)
		return &Call{Name: "if_not_exists", Args: []Operand{p, v}}, err
	})
}

func (u UpdateBuilder) arith(op byte, path string, by any) UpdateBuilder {
	return u.with(UpdateSet, path, func(p Path) (Operand, error) {
		v, err := updateOperand(by)
		return &Arith{Op: op, L: p, R: v}, err
	})
}

// Increment adds "SET path = path + by". The attribute must exist and be a
// number; Add is the form that starts a missing attribute from 0.
func (u UpdateBuilder) Increment(path string, by any) UpdateBuilder { return u.arith('+', path, by) }

// Decrement adds "SET path = path - by". The attribute must exist and be a
// number.
func (u UpdateBuilder) Decrement(path string, by any) UpdateBuilder { return u.arith('-', path, by) }

// ast returns the actions as an Update, grouped by clause.
func (u UpdateBuilder) ast() *Update {
	acts := slices.Clone(u.actions)
	slices.SortStableFunc(acts, func(a, b UpdateAction) int { return int(a.Op) - int(b.Op) })
	return &Update{Actions: acts}
}
