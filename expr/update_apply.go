package expr

import (
	"sort"

	"github.com/kvs-project/kvs/attr"
)

// Apply applies the resolved update to item and returns the new item and
// the paths it changed, in the order of the actions (list indexes as they
// ended up: a SET past the end of a list appends, and the path names the
// element's real position). item is never modified: the new item shares
// every value that did not change (copy-on-write of the maps and lists on
// the updated paths).
//
// As in DynamoDB, every operand on the right of SET is evaluated against
// the item as it was before the update; REMOVE of list elements refers to
// the original positions (elements are removed from the highest index down).
// Errors are ValidationExceptions with DynamoDB's messages.
func (u *Update) Apply(item attr.Item) (attr.Item, []Path, error) {
	vals := make([]attr.Value, len(u.Actions))
	for i, a := range u.Actions {
		if a.Op != UpdateSet {
			continue
		}
		v, err := updateValue(a.Value, item)
		if err != nil {
			return nil, nil, err
		}
		vals[i] = v
	}
	out := make(attr.Item, len(item)+2)
	for k, v := range item {
		out[k] = v
	}
	changed := make([]Path, 0, len(u.Actions))
	var removes []Path
	for i, a := range u.Actions {
		switch a.Op {
		case UpdateSet:
			p := appendPosition(out, a.Path)
			if err := setPath(out, p, vals[i]); err != nil {
				return nil, nil, err
			}
			changed = append(changed, p)
		case UpdateRemove:
			removes = append(removes, a.Path)
		case UpdateAdd:
			add := a.Value.(*ValueRef).Value
			old, err := lookupForUpdate(out, a.Path)
			if err != nil {
				return nil, nil, err
			}
			nv, err := addValues(old, add)
			if err != nil {
				return nil, nil, err
			}
			p := appendPosition(out, a.Path)
			if err := setPath(out, p, nv); err != nil {
				return nil, nil, err
			}
			changed = append(changed, p)
		case UpdateDelete:
			del := a.Value.(*ValueRef).Value
			old, err := lookupForUpdate(out, a.Path)
			if err != nil {
				return nil, nil, err
			}
			if old.IsZero() {
				continue
			}
			if old.Type() != del.Type() {
				return nil, nil, errBadOperandType()
			}
			nv, empty := attr.SetDifference(old, del)
			if empty {
				if _, err := removePath(out, a.Path); err != nil {
					return nil, nil, err
				}
			} else if err := setPath(out, a.Path, nv); err != nil {
				return nil, nil, err
			}
			changed = append(changed, a.Path)
		}
	}
	// Remove deeper paths first, and list elements from the highest index
	// down, so that every REMOVE refers to the item as it was.
	sort.SliceStable(removes, func(i, j int) bool {
		a, b := removes[i], removes[j]
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		x, y := a[len(a)-1], b[len(b)-1]
		return x.Kind == ElemIndex && y.Kind == ElemIndex && x.Index > y.Index
	})
	for _, p := range removes {
		ok, err := removePath(out, p)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			changed = append(changed, p)
		}
	}
	return out, changed, nil
}

// updateValue evaluates the right side of a SET action.
func updateValue(o Operand, item attr.Item) (attr.Value, error) {
	switch o := o.(type) {
	case Path:
		v := Lookup(item, o)
		if v.IsZero() {
			return v, errAttrMissing()
		}
		return v, nil
	case *ValueRef:
		return o.Value, nil
	case *Call:
		switch o.Name {
		case "if_not_exists":
			if p, ok := o.Args[0].(Path); ok {
				if v := Lookup(item, p); !v.IsZero() {
					return v, nil
				}
			}
			return updateValue(o.Args[1], item)
		case "list_append":
			a, err := updateValue(o.Args[0], item)
			if err != nil {
				return a, err
			}
			b, err := updateValue(o.Args[1], item)
			if err != nil {
				return b, err
			}
			if a.Type() != attr.TypeL || b.Type() != attr.TypeL {
				return attr.Value{}, errBadOperandType()
			}
			l := make([]attr.Value, 0, len(a.List())+len(b.List()))
			l = append(append(l, a.List()...), b.List()...)
			return attr.L(l...), nil
		}
	case *Arith:
		a, err := updateValue(o.L, item)
		if err != nil {
			return a, err
		}
		b, err := updateValue(o.R, item)
		if err != nil {
			return b, err
		}
		if a.Type() != attr.TypeN || b.Type() != attr.TypeN {
			return attr.Value{}, errBadOperandType()
		}
		var s string
		if o.Op == '+' {
			s, err = attr.AddNumbers(a.Str(), b.Str())
		} else {
			s, err = attr.SubNumbers(a.Str(), b.Str())
		}
		if err != nil {
			return attr.Value{}, err
		}
		return attr.N(s), nil
	}
	return attr.Value{}, errBadOperandType()
}

// addValues is ADD: number addition or set union; a missing attribute
// takes the added value.
func addValues(old, add attr.Value) (attr.Value, error) {
	switch {
	case old.IsZero():
		return add, nil
	case old.Type() != add.Type():
		return attr.Value{}, errBadOperandType()
	case old.Type() == attr.TypeN:
		s, err := attr.AddNumbers(old.Str(), add.Str())
		if err != nil {
			return attr.Value{}, err
		}
		return attr.N(s), nil
	case old.Type().IsSet():
		return attr.SetUnion(old, add), nil
	}
	return attr.Value{}, errBadOperandType()
}

// lookupForUpdate returns the value at p (zero when only the last step is
// missing) or the invalid-path error when a parent is missing or is not a
// container of the right kind.
func lookupForUpdate(item attr.Item, p Path) (attr.Value, error) {
	if len(p) == 1 {
		return item[p[0].Name], nil
	}
	parent := Lookup(item, p[:len(p)-1])
	last := p[len(p)-1]
	if (last.Kind == ElemIndex && parent.Type() != attr.TypeL) || (last.Kind != ElemIndex && parent.Type() != attr.TypeM) {
		return attr.Value{}, errBadUpdatePath()
	}
	return step(parent, last), nil
}

// appendPosition rewrites a path whose last step indexes past the end of
// an existing list to the position where the element will be appended.
func appendPosition(item attr.Item, p Path) Path {
	last := p[len(p)-1]
	if last.Kind != ElemIndex || len(p) < 2 {
		return p
	}
	parent := Lookup(item, p[:len(p)-1])
	if parent.Type() != attr.TypeL || last.Index < len(parent.List()) {
		return p
	}
	q := make(Path, len(p))
	copy(q, p)
	q[len(q)-1].Index = len(parent.List())
	return q
}

// setPath stores v at p in item (whose top level the caller owns), copying
// the maps and lists along the path.
func setPath(item attr.Item, p Path, v attr.Value) error {
	if len(p) == 1 {
		item[p[0].Name] = v
		return nil
	}
	top, ok := item[p[0].Name]
	if !ok {
		return errBadUpdatePath()
	}
	nv, err := setIn(top, p[1:], v)
	if err != nil {
		return err
	}
	item[p[0].Name] = nv
	return nil
}

func setIn(c attr.Value, rest Path, v attr.Value) (attr.Value, error) {
	e := rest[0]
	if e.Kind == ElemIndex {
		if c.Type() != attr.TypeL {
			return attr.Value{}, errBadUpdatePath()
		}
		old := c.List()
		if len(rest) == 1 {
			if e.Index >= len(old) {
				l := make([]attr.Value, len(old), len(old)+1)
				copy(l, old)
				return attr.L(append(l, v)...), nil
			}
			l := append([]attr.Value(nil), old...)
			l[e.Index] = v
			return attr.L(l...), nil
		}
		if e.Index >= len(old) {
			return attr.Value{}, errBadUpdatePath()
		}
		child, err := setIn(old[e.Index], rest[1:], v)
		if err != nil {
			return attr.Value{}, err
		}
		l := append([]attr.Value(nil), old...)
		l[e.Index] = child
		return attr.L(l...), nil
	}
	if c.Type() != attr.TypeM {
		return attr.Value{}, errBadUpdatePath()
	}
	old := c.Map()
	if len(rest) > 1 {
		child, ok := old[e.Name]
		if !ok {
			return attr.Value{}, errBadUpdatePath()
		}
		var err error
		if v, err = setIn(child, rest[1:], v); err != nil {
			return attr.Value{}, err
		}
	}
	m := make(map[string]attr.Value, len(old)+1)
	for k, x := range old {
		m[k] = x
	}
	m[e.Name] = v
	return attr.M(m), nil
}

// removePath deletes p from item; changed is false when there was nothing
// to remove.
func removePath(item attr.Item, p Path) (changed bool, err error) {
	if len(p) == 1 {
		_, ok := item[p[0].Name]
		delete(item, p[0].Name)
		return ok, nil
	}
	top, ok := item[p[0].Name]
	if !ok {
		return false, errBadUpdatePath()
	}
	nv, changed, err := removeIn(top, p[1:])
	if err != nil || !changed {
		return false, err
	}
	item[p[0].Name] = nv
	return true, nil
}

func removeIn(c attr.Value, rest Path) (attr.Value, bool, error) {
	e := rest[0]
	if e.Kind == ElemIndex {
		if c.Type() != attr.TypeL {
			return c, false, errBadUpdatePath()
		}
		old := c.List()
		if e.Index >= len(old) {
			if len(rest) == 1 {
				return c, false, nil
			}
			return c, false, errBadUpdatePath()
		}
		l := make([]attr.Value, 0, len(old))
		if len(rest) == 1 {
			l = append(append(l, old[:e.Index]...), old[e.Index+1:]...)
			return attr.L(l...), true, nil
		}
		child, changed, err := removeIn(old[e.Index], rest[1:])
		if err != nil || !changed {
			return c, false, err
		}
		l = append(l, old...)
		l[e.Index] = child
		return attr.L(l...), true, nil
	}
	if c.Type() != attr.TypeM {
		return c, false, errBadUpdatePath()
	}
	old := c.Map()
	child, ok := old[e.Name]
	if len(rest) == 1 {
		if !ok {
			return c, false, nil
		}
		m := make(map[string]attr.Value, len(old))
		for k, x := range old {
			if k != e.Name {
				m[k] = x
			}
		}
		return attr.M(m), true, nil
	}
	if !ok {
		return c, false, errBadUpdatePath()
	}
	nc, changed, err := removeIn(child, rest[1:])
	if err != nil || !changed {
		return c, false, err
	}
	m := make(map[string]attr.Value, len(old))
	for k, x := range old {
		m[k] = x
	}
	m[e.Name] = nc
	return attr.M(m), true, nil
}
