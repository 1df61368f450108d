package expr

import (
	"strings"

	"github.com/kvs-project/kvs/attr"
)

// The AST. Parsing yields a tree whose paths may hold #placeholders and
// whose values are :placeholders without a Value; Resolver turns it into a
// new tree with names substituted and values attached. Neither tree is ever
// modified after it is built, so parsed trees can be cached and shared
// between goroutines.

// Operand is something that yields a value: a Path, a *ValueRef, or a
// *Call (size in conditions; if_not_exists and list_append in updates), or an
// *Arith (a + b, a - b, updates only).
type Operand interface {
	operand()
	String() string
	write(b *strings.Builder)
}

// Cond is a boolean expression: *And, *Or, *Not, *Compare, *Between, *In or
// a *Call of attribute_exists, attribute_not_exists, attribute_type,
// begins_with or contains.
type Cond interface {
	cond()
	String() string
	write(b *strings.Builder)
	prec() int
}

// ValueRef is a ":name" placeholder; Value is set once resolved.
type ValueRef struct {
	Name  string
	Value attr.Value
}

// Call is a function call, used both as an operand (size, if_not_exists,
// list_append) and as a condition (attribute_exists, ...).
type Call struct {
	Name string
	Args []Operand
}

// Arith is "L + R" or "L - R" on the right of a SET action.
type Arith struct {
	Op   byte // '+' or '-'
	L, R Operand
}

// CompareOp is one of the six comparators.
type CompareOp uint8

// Comparators.
const (
	OpEQ CompareOp = iota
	OpNE
	OpLT
	OpLE
	OpGT
	OpGE
)

var compareOpText = [...]string{"=", "<>", "<", "<=", ">", ">="}

func (o CompareOp) String() string { return compareOpText[o] }

// Compare is "L op R".
type Compare struct {
	Op   CompareOp
	L, R Operand
}

// Between is "X BETWEEN Lo AND Hi".
type Between struct{ X, Lo, Hi Operand }

// In is "X IN (List...)".
type In struct {
	X    Operand
	List []Operand
}

// And is a conjunction of two or more conditions (flattened).
type And struct{ Terms []Cond }

// Or is a disjunction of two or more conditions (flattened).
type Or struct{ Terms []Cond }

// Not negates X.
type Not struct{ X Cond }

func (Path) operand()      {}
func (*ValueRef) operand() {}
func (*Call) operand()     {}
func (*Arith) operand()    {}

func (*And) cond()     {}
func (*Or) cond()      {}
func (*Not) cond()     {}
func (*Compare) cond() {}
func (*Between) cond() {}
func (*In) cond()      {}
func (*Call) cond()    {}

// Precedence for printing: higher binds tighter.
func (*Or) prec() int      { return 1 }
func (*And) prec() int     { return 2 }
func (*Not) prec() int     { return 3 }
func (*Compare) prec() int { return 4 }
func (*Between) prec() int { return 4 }
func (*In) prec() int      { return 4 }
func (*Call) prec() int    { return 4 }

func str(w interface{ write(*strings.Builder) }) string {
	var b strings.Builder
	w.write(&b)
	return b.String()
}

func (v *ValueRef) String() string           { return v.Name }
func (v *ValueRef) write(b *strings.Builder) { b.WriteString(v.Name) }
func (c *Call) String() string               { return str(c) }
func (a *Arith) String() string              { return str(a) }
func (c *Compare) String() string            { return str(c) }
func (c *Between) String() string            { return str(c) }
func (c *In) String() string                 { return str(c) }
func (c *And) String() string                { return str(c) }
func (c *Or) String() string                 { return str(c) }
func (c *Not) String() string                { return str(c) }

func (c *Call) write(b *strings.Builder) {
	b.WriteString(c.Name)
	b.WriteByte('(')
	for i, a := range c.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		a.write(b)
	}
	b.WriteByte(')')
}

func (a *Arith) write(b *strings.Builder) {
	a.L.write(b)
	b.WriteByte(' ')
	b.WriteByte(a.Op)
	b.WriteByte(' ')
	a.R.write(b)
}

func (c *Compare) write(b *strings.Builder) {
	c.L.write(b)
	b.WriteByte(' ')
	b.WriteString(c.Op.String())
	b.WriteByte(' ')
	c.R.write(b)
}

func (c *Between) write(b *strings.Builder) {
	c.X.write(b)
	b.WriteString(" BETWEEN ")
	c.Lo.write(b)
	b.WriteString(" AND ")
	c.Hi.write(b)
}

func (c *In) write(b *strings.Builder) {
	c.X.write(b)
	b.WriteString(" IN (")
	for i, a := range c.List {
		if i > 0 {
			b.WriteString(", ")
		}
		a.write(b)
	}
	b.WriteByte(')')
}

// writeTerm prints t, parenthesised when it binds no tighter than the
// enclosing operator, so that printing and parsing back gives the same tree.
func writeTerm(b *strings.Builder, t Cond, parent int) {
	if t.prec() <= parent {
		b.WriteByte('(')
		t.write(b)
		b.WriteByte(')')
		return
	}
	t.write(b)
}

func (c *And) write(b *strings.Builder) {
	for i, t := range c.Terms {
		if i > 0 {
			b.WriteString(" AND ")
		}
		writeTerm(b, t, 2)
	}
}

func (c *Or) write(b *strings.Builder) {
	for i, t := range c.Terms {
		if i > 0 {
			b.WriteString(" OR ")
		}
		writeTerm(b, t, 1)
	}
}

// NOT applies to a parenthesised condition or a single comparison/function;
// it is always printed with parentheses, which DynamoDB accepts.
func (c *Not) write(b *strings.Builder) {
	b.WriteString("NOT (")
	c.X.write(b)
	b.WriteByte(')')
}

// UpdateOp is the clause an update action belongs to.
type UpdateOp uint8

// Update clauses.
const (
	UpdateSet UpdateOp = iota
	UpdateRemove
	UpdateAdd
	UpdateDelete
)

var updateOpText = [...]string{"SET", "REMOVE", "ADD", "DELETE"}

func (o UpdateOp) String() string { return updateOpText[o] }

// UpdateAction is one action: SET Path = Value, REMOVE Path, ADD Path Value,
// DELETE Path Value (Value is a *ValueRef for ADD and DELETE, nil for REMOVE).
type UpdateAction struct {
	Op    UpdateOp
	Path  Path
	Value Operand
}

// Update is a parsed UpdateExpression: its actions in the order written.
// Each clause kind appears at most once, so the actions of one clause are
// contiguous.
type Update struct {
	Actions []UpdateAction
}

// String prints the update expression.
func (u *Update) String() string {
	var b strings.Builder
	for i, a := range u.Actions {
		if i == 0 || u.Actions[i-1].Op != a.Op {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(a.Op.String())
			b.WriteByte(' ')
		} else {
			b.WriteString(", ")
		}
		a.Path.write(&b)
		switch a.Op {
		case UpdateSet:
			b.WriteString(" = ")
			a.Value.write(&b)
		case UpdateAdd, UpdateDelete:
			b.WriteByte(' ')
			a.Value.write(&b)
		}
	}
	return b.String()
}

// Projection is a parsed ProjectionExpression.
type Projection struct {
	Paths []Path
}

// String prints the projection expression.
func (p *Projection) String() string {
	var b strings.Builder
	for i, q := range p.Paths {
		if i > 0 {
			b.WriteString(", ")
		}
		q.write(&b)
	}
	return b.String()
}
