package legacy

import (
	"strconv"

	"github.com/kvs-project/kvs/attr"
)

// Placeholders allocates expression attribute names and values for the
// rewritten parameters and adds them to a request's maps. The zero value is
// ready to use; pass the request's own maps in Names and Values (nil is
// fine) so that generated placeholders never collide with the user's.
type Placeholders struct {
	Names  map[string]string
	Values map[string]attr.Value

	byName map[string]string // attribute name -> its placeholder
	nn, nv int
}

// name returns the placeholder (#legacyN) standing for attribute name n,
// reusing it when n was seen before.
func (p *Placeholders) name(n string) string {
	if ph, ok := p.byName[n]; ok {
		return ph
	}
	if p.Names == nil {
		p.Names = make(map[string]string)
	}
	if p.byName == nil {
		p.byName = make(map[string]string)
	}
	for {
		ph := "#legacy" + strconv.Itoa(p.nn)
		p.nn++
		if _, taken := p.Names[ph]; !taken {
			p.Names[ph] = n
			p.byName[n] = ph
			return ph
		}
	}
}

// value returns a fresh placeholder (:legacyN) bound to v.
func (p *Placeholders) value(v attr.Value) string {
	if p.Values == nil {
		p.Values = make(map[string]attr.Value)
	}
	for {
		ph := ":legacy" + strconv.Itoa(p.nv)
		p.nv++
		if _, taken := p.Values[ph]; !taken {
			p.Values[ph] = v
			return ph
		}
	}
}
