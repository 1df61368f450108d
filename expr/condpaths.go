package expr

// CondPaths returns every document path a resolved condition reads, in
// order of appearance (duplicates kept). Query uses it to reject filters on
// key attributes.
func CondPaths(c Cond) []Path {
	var out []Path
	var operand func(o Operand)
	operand = func(o Operand) {
		switch o := o.(type) {
		case Path:
			out = append(out, o)
		case *Call:
			for _, a := range o.Args {
				operand(a)
			}
		case *Arith:
			operand(o.L)
			operand(o.R)
		}
	}
	var cond func(c Cond)
	cond = func(c Cond) {
		switch c := c.(type) {
		case *And:
			for _, t := range c.Terms {
				cond(t)
			}
		case *Or:
			for _, t := range c.Terms {
				cond(t)
			}
		case *Not:
			cond(c.X)
		case *Compare:
			operand(c.L)
			operand(c.R)
		case *Between:
			operand(c.X)
			operand(c.Lo)
			operand(c.Hi)
		case *In:
			operand(c.X)
			for _, o := range c.List {
				operand(o)
			}
		case *Call:
			operand(c)
		}
	}
	cond(c)
	return out
}
