package expr

import (
	"strings"

	"github.com/kvs-project/kvs/attr"
)

// ElemKind says what one step of a document path is.
type ElemKind uint8

// Path element kinds. Placeholders exist only in parsed, unresolved
// expressions; resolution replaces them by ElemName.
const (
	ElemName        ElemKind = iota // a map member or top-level attribute
	ElemPlaceholder                 // "#x": an ExpressionAttributeNames key
	ElemIndex                       // "[3]": a list element
)

// PathElem is one step of a document path.
type PathElem struct {
	Kind  ElemKind
	Name  string // attribute name, or the "#x" placeholder text
	Index int    // list index when Kind == ElemIndex
}

// Path is a document path such as a.b[3].c. Paths are values: never modify
// one that is part of an AST.
type Path []PathElem

// Top returns the top-level attribute name of a resolved path.
func (p Path) Top() string { return p[0].Name }

// String prints the path in expression syntax. Names that are not valid
// bare identifiers (only possible after resolution) are printed as they are.
func (p Path) String() string {
	var b strings.Builder
	p.write(&b)
	return b.String()
}

func (p Path) write(b *strings.Builder) {
	for i, e := range p {
		switch e.Kind {
		case ElemIndex:
			b.WriteByte('[')
			b.WriteString(itoa(e.Index))
			b.WriteByte(']')
		default:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(e.Name)
		}
	}
}

// Equal reports whether two paths are the same steps.
func (p Path) Equal(q Path) bool {
	if len(p) != len(q) {
		return false
	}
	for i := range p {
		if p[i] != q[i] {
			return false
		}
	}
	return true
}

// NamePath builds a resolved path of plain attribute names, for callers
// such as the query planner that construct paths without parsing.
func NamePath(names ...string) Path {
	p := make(Path, len(names))
	for i, n := range names {
		p[i] = PathElem{Kind: ElemName, Name: n}
	}
	return p
}

// Lookup returns the value at path p in item, or the zero Value when any
// step is missing or has the wrong type. It does not allocate.
func Lookup(item attr.Item, p Path) attr.Value {
	if len(p) == 0 || p[0].Kind == ElemIndex {
		return attr.Value{}
	}
	v, ok := item[p[0].Name]
	if !ok {
		return attr.Value{}
	}
	for _, e := range p[1:] {
		v = step(v, e)
		if v.IsZero() {
			return v
		}
	}
	return v
}

// step descends one path element into v.
func step(v attr.Value, e PathElem) attr.Value {
	if e.Kind == ElemIndex {
		if v.Type() != attr.TypeL {
			return attr.Value{}
		}
		l := v.List()
		if e.Index < 0 || e.Index >= len(l) {
			return attr.Value{}
		}
		return l[e.Index]
	}
	if v.Type() != attr.TypeM {
		return attr.Value{}
	}
	return v.Map()[e.Name]
}
