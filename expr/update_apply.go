package expr

import (
	"sort"

	"github.com/cockroachdb/apd/v3"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// Apply applies the resolved update to item and returns the new item and
// the paths it changed, as written in the actions. A SET or ADD past the end
// of a list appends; its path still names the index written, which DynamoDB's
// UPDATED_OLD/UPDATED_NEW then do not find (they come back empty). item is never modified: the new item shares
// every value that did not change (copy-on-write of the maps and lists on
// the updated paths).
//
// As in DynamoDB, every operand on the right of SET is evaluated against
// the item as it was before the update; REMOVE of list elements refers to
// the original positions (elements are removed from the highest index down).
// Errors are ValidationExceptions with DynamoDB's messages.
func (u *Update) Apply(item attr.Item) (attr.Item, []Path, error) {
	for _, a := range u.Actions {
		// Trees built by hand rather than parsed could break these rules.
		if len(a.Path) == 0 || a.Path[0].Kind == ElemIndex {
			return nil, nil, errBadUpdatePath()
		}
		if a.Op == UpdateAdd || a.Op == UpdateDelete {
			if v, ok := a.Value.(*ValueRef); !ok || v.Value.IsZero() {
				return nil, nil, errBadOperandType()
			}
		}
		if targetState(item, a.Path) == targetBroken {
			return nil, nil, errBadUpdatePath()
		}
	}
	if err := u.checkActionsInOrder(item); err != nil {
		return nil, nil, err
	}
	// The phases below are what the ordered check above leaves: kvs
	// earlier modelled DynamoDB Local's error order as phases; they find
	// nothing the ordered check did not.
	// DynamoDB Local reports the errors of an update in phases, and kvs
	// follows it (pinned by tools/difftest; docs/difftest.md): first paths
	// that break inside a container that exists (above), then ADD and
	// DELETE operands of the wrong type for the value they meet, then SET
	// targets under a scalar, then, action by action from the last SET to
	// the first, a target under a missing attribute and the operands.
	for _, a := range u.Actions {
		if a.Op != UpdateAdd && a.Op != UpdateDelete {
			continue
		}
		old := Lookup(item, a.Path)
		if old.IsZero() {
			continue
		}
		v := a.Value.(*ValueRef).Value
		if a.Op == UpdateDelete && old.Type() != v.Type() {
			return nil, nil, errBadOperandType()
		}
		if a.Op == UpdateAdd {
			if _, err := addValues(old, v); err != nil {
				return nil, nil, err
			}
		}
	}
	for _, a := range u.Actions {
		if a.Op == UpdateSet && targetState(item, a.Path) == targetUnderScalar {
			return nil, nil, errBadUpdatePath()
		}
	}
	vals := make([]attr.Value, len(u.Actions))
	for i := len(u.Actions) - 1; i >= 0; i-- {
		a := u.Actions[i]
		if a.Op != UpdateSet {
			continue
		}
		if targetState(item, a.Path) == targetUnderMissing {
			return nil, nil, errBadUpdatePath()
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
	// Actions on elements of one list apply in index order, so that several
	// appends past the end land in index order, as in DynamoDB.
	// Paths never overlap, so reordering is otherwise harmless: other
	// actions first in written order, then list elements by list and index.
	type key struct {
		list string
		pos  int
	}
	order := make([]int, len(u.Actions))
	keys := make([]key, len(u.Actions))
	for i, a := range u.Actions {
		order[i] = i
		keys[i] = key{pos: i}
		if last := a.Path[len(a.Path)-1]; last.Kind == ElemIndex {
			keys[i] = key{list: "\x01" + pathList(a.Path[:len(a.Path)-1]), pos: last.Index}
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := keys[order[i]], keys[order[j]]
		if a.list != b.list {
			return a.list < b.list
		}
		return a.pos < b.pos
	})
	for _, i := range order {
		a := u.Actions[i]
		switch a.Op {
		case UpdateSet:
			if err := setPath(out, a.Path, vals[i]); err != nil {
				return nil, nil, err
			}
			changed = append(changed, a.Path)
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
			if err := setPath(out, a.Path, nv); err != nil {
				return nil, nil, err
			}
			changed = append(changed, a.Path)
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

// targetState classifies where an update path can be written in item.
type pathTarget uint8

const (
	targetOK           pathTarget = iota
	targetBroken                  // meets a container of the other kind, or misses an element inside one
	targetUnderScalar             // meets a value that is not a container
	targetUnderMissing            // its top-level attribute does not exist
)

// targetState walks p's containers (all but its last element) in item.
// Paths never overlap, so the item before the update is the one every
// action sees.
func targetState(item attr.Item, p Path) pathTarget {
	if len(p) == 1 {
		return targetOK
	}
	v, ok := item[p[0].Name]
	if !ok {
		return targetUnderMissing
	}
	for i := 1; ; i++ {
		want := attr.TypeM
		if p[i].Kind == ElemIndex {
			want = attr.TypeL
		}
		switch t := v.Type(); {
		case t == want:
		case t == attr.TypeM || t == attr.TypeL:
			return targetBroken
		default:
			return targetUnderScalar
		}
		if i == len(p)-1 {
			return targetOK
		}
		if v = step(v, p[i]); v.IsZero() {
			return targetBroken
		}
	}
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
		if len(o.Args) != 2 {
			break
		}
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
		return numberArith(a.Str(), b.Str(), o.Op == '-')
	}
	return attr.Value{}, errBadOperandType()
}

// numberArith adds or subtracts exactly. A result that needs more than 38
// significant digits is refused with the message DynamoDB gives for
// arithmetic in update expressions, which differs from the one for number
// literals.
func numberArith(a, b string, sub bool) (attr.Value, error) {
	var s string
	var err error
	if sub {
		s, err = attr.SubNumbers(a, b)
	} else {
		s, err = attr.AddNumbers(a, b)
	}
	if err != nil {
		if exactDigits(a, b, sub) > 38 {
			return attr.Value{}, apierr.New(apierr.Validation, "DynamoDB only supports precision up to 38 digits")
		}
		return attr.Value{}, err
	}
	return attr.N(s), nil
}

// exactDigits returns the number of significant digits of the exact a+b
// (or a-b). DynamoDB refuses a result with more than 38 before checking
// its magnitude, so "1E125 + 9.99...9E125" is a precision error, not an
// overflow.
func exactDigits(a, b string, sub bool) int64 {
	x, _, err1 := apd.NewFromString(a)
	y, _, err2 := apd.NewFromString(b)
	if err1 != nil || err2 != nil {
		return 0
	}
	ctx := apd.BaseContext.WithPrecision(400)
	var z apd.Decimal
	var err error
	if sub {
		_, err = ctx.Sub(&z, x, y)
	} else {
		_, err = ctx.Add(&z, x, y)
	}
	if err != nil {
		return 0
	}
	z.Reduce(&z)
	return z.NumDigits()
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
		return numberArith(old.Str(), add.Str(), false)
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
