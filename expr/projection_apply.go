package expr

import (
	"sort"

	"github.com/kvs-project/kvs/attr"
)

// projNode is a tree of the projected paths: a whole value, or some
// members of a map, or some elements of a list.
type projNode struct {
	whole  bool
	fields map[string]*projNode
	elems  map[int]*projNode
}

func (n *projNode) add(p Path) {
	for _, e := range p {
		if n.whole {
			return
		}
		var next *projNode
		if e.Kind == ElemIndex {
			if n.elems == nil {
				n.elems = map[int]*projNode{}
			}
			if next = n.elems[e.Index]; next == nil {
				next = &projNode{}
				n.elems[e.Index] = next
			}
		} else {
			if n.fields == nil {
				n.fields = map[string]*projNode{}
			}
			if next = n.fields[e.Name]; next == nil {
				next = &projNode{}
				n.fields[e.Name] = next
			}
		}
		n = next
	}
	n.whole, n.fields, n.elems = true, nil, nil
}

// Extract returns the parts of item at the given resolved paths, nested as
// in item, as DynamoDB's ProjectionExpression and ReturnValues
// UPDATED_OLD/UPDATED_NEW do: a map keeps only the selected members, a list
// only the selected elements, in list order. Paths that do not exist are
// skipped; a map or list with nothing selected is left out. The result
// shares values with item.
func Extract(item attr.Item, paths []Path) attr.Item {
	root := &projNode{}
	for _, p := range paths {
		if len(p) > 0 && p[0].Kind != ElemIndex {
			root.add(p)
		}
	}
	out := attr.Item{}
	for name, n := range root.fields {
		if v, ok := item[name]; ok {
			if pv, ok := project(v, n); ok {
				out[name] = pv
			}
		}
	}
	return out
}

func project(v attr.Value, n *projNode) (attr.Value, bool) {
	if n.whole {
		return v, true
	}
	switch {
	case v.Type() == attr.TypeM && n.fields != nil:
		m := map[string]attr.Value{}
		for name, c := range n.fields {
			if x, ok := v.Map()[name]; ok {
				if px, ok := project(x, c); ok {
					m[name] = px
				}
			}
		}
		return attr.M(m), len(m) > 0
	case v.Type() == attr.TypeL && n.elems != nil:
		idx := make([]int, 0, len(n.elems))
		for i := range n.elems {
			idx = append(idx, i)
		}
		sort.Ints(idx)
		l := v.List()
		var out []attr.Value
		for _, i := range idx {
			if i < len(l) {
				if px, ok := project(l[i], n.elems[i]); ok {
					out = append(out, px)
				}
			}
		}
		return attr.L(out...), len(out) > 0
	}
	return attr.Value{}, false
}

// Apply returns the projection of item (see Extract). p must be resolved.
func (p *Projection) Apply(item attr.Item) attr.Item {
	return Extract(item, p.Paths)
}
