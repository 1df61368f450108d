package expr

import (
	"errors"
	"maps"

	"github.com/kvs-project/kvs/attr"
)

// Build and the Expression it returns: the builders' trees rendered as
// DynamoDB expression strings with generated placeholders.
//
// Every path element becomes a name placeholder (#n0, #n1, ...), so that
// reserved words and unusual characters never matter, and every value a
// value placeholder (:v0, :v1, ...). The placeholders are shared by all
// expressions of one Build, as a request has one ExpressionAttributeNames
// and one ExpressionAttributeValues map: an attribute name used in the
// condition and in the update gets one placeholder.

// Expression holds the expressions of one request, built by Build, with the
// names and values they use. It is an immutable value.
type Expression struct {
	condition, filter, keyCondition, update, projection string

	names  map[string]string
	values map[string]attr.Value
}

// Condition returns the ConditionExpression, or "" if none was built.
func (e Expression) Condition() string { return e.condition }

// Filter returns the FilterExpression, or "".
func (e Expression) Filter() string { return e.filter }

// KeyCondition returns the KeyConditionExpression, or "".
func (e Expression) KeyCondition() string { return e.keyCondition }

// Update returns the UpdateExpression, or "".
func (e Expression) Update() string { return e.update }

// Projection returns the ProjectionExpression, or "".
func (e Expression) Projection() string { return e.projection }

// Names returns the ExpressionAttributeNames: a new map on each call, nil
// when no expression uses a name (DynamoDB rejects an empty map).
func (e Expression) Names() map[string]string { return maps.Clone(e.names) }

// Values returns the ExpressionAttributeValues: a new map on each call, nil
// when no expression uses a value.
func (e Expression) Values() map[string]attr.Value { return maps.Clone(e.values) }

// Params returns Names and Values as the Params of a Resolver.
func (e Expression) Params() Params {
	return Params{Names: e.Names(), Values: e.Values()}
}

// A BuildOption adds one expression to a Build. Giving the same kind of
// expression twice keeps the last.
type BuildOption func(*buildConfig)

type buildConfig struct {
	condition, filter *ConditionBuilder
	keyCondition      *KeyConditionBuilder
	update            *UpdateBuilder
	projection        []string
	hasProjection     bool
}

// WithCondition sets the ConditionExpression.
func WithCondition(c ConditionBuilder) BuildOption {
	return func(b *buildConfig) { b.condition = &c }
}

// WithFilter sets the FilterExpression.
func WithFilter(c ConditionBuilder) BuildOption {
	return func(b *buildConfig) { b.filter = &c }
}

// WithKeyCondition sets the KeyConditionExpression.
func WithKeyCondition(k KeyConditionBuilder) BuildOption {
	return func(b *buildConfig) { b.keyCondition = &k }
}

// WithUpdate sets the UpdateExpression.
func WithUpdate(u UpdateBuilder) BuildOption {
	return func(b *buildConfig) { b.update = &u }
}

// WithProjection sets the ProjectionExpression to the given paths, in the
// builder's path syntax (see Quote).
func WithProjection(paths ...string) BuildOption {
	paths = append([]string(nil), paths...)
	return func(b *buildConfig) { b.projection, b.hasProjection = paths, true }
}

var (
	errEmptyUpdate     = errors.New("expr: empty update")
	errEmptyProjection = errors.New("expr: WithProjection needs at least one path")
)

// Build renders the given expressions with shared placeholders and checks
// them as DynamoDB would check the request: it parses each rendered string
// and resolves it with Names and Values. Mistakes made while building (an
// empty or malformed path, a nil operand, a value attr.Marshal rejects, an
// empty In) are returned as plain errors prefixed "expr:". Problems
// DynamoDB reports (IN with more than 100 operands, BETWEEN bounds of
// different types or in the wrong order, two update actions on overlapping
// paths, a path deeper than 32 levels, an expression over 4 KB...) are
// returned as DynamoDB's *apierr.Error ValidationException. Build with no
// options returns an empty Expression.
func Build(opts ...BuildOption) (Expression, error) {
	var cfg buildConfig
	for _, o := range opts {
		o(&cfg)
	}
	ph := &placeholders{names: map[string]string{}, params: Params{Names: map[string]string{}, Values: map[string]attr.Value{}}}
	var e Expression
	cond := func(c *ConditionBuilder, dst *string) error {
		if c == nil {
			return nil
		}
		if c.err != nil {
			return c.err
		}
		if c.c == nil {
			return errEmptyCondition
		}
		*dst = ph.cond(c.c).String()
		return nil
	}
	// The order fixes the placeholder numbering: key condition, condition,
	// filter, projection, update.
	var key *ConditionBuilder
	if cfg.keyCondition != nil {
		k := ConditionBuilder(*cfg.keyCondition)
		key = &k
	}
	if err := cond(key, &e.keyCondition); err != nil {
		return Expression{}, err
	}
	if err := cond(cfg.condition, &e.condition); err != nil {
		return Expression{}, err
	}
	if err := cond(cfg.filter, &e.filter); err != nil {
		return Expression{}, err
	}
	if cfg.hasProjection {
		if len(cfg.projection) == 0 {
			return Expression{}, errEmptyProjection
		}
		pr := &Projection{}
		for _, s := range cfg.projection {
			p, err := parseBuilderPath(s)
			if err != nil {
				return Expression{}, err
			}
			pr.Paths = append(pr.Paths, ph.path(p))
		}
		e.projection = pr.String()
	}
	if u := cfg.update; u != nil {
		if u.err != nil {
			return Expression{}, u.err
		}
		if len(u.actions) == 0 {
			return Expression{}, errEmptyUpdate
		}
		e.update = ph.update(u.ast()).String()
	}
	if len(ph.params.Names) > 0 {
		e.names = ph.params.Names
	}
	if len(ph.params.Values) > 0 {
		e.values = ph.params.Values
	}
	if err := e.check(); err != nil {
		return Expression{}, err
	}
	return e, nil
}

// check parses and resolves every expression as a request carrying them
// would be, so that Build never returns what DynamoDB would reject for
// reasons the builder can know without the item or the key schema.
func (e Expression) check() error {
	p := Params{Names: e.names, Values: e.values}
	if err := p.Validate(); err != nil {
		return err
	}
	r := NewResolver(p)
	for _, c := range []struct {
		kind Kind
		text string
	}{{KindKeyCondition, e.keyCondition}, {KindCondition, e.condition}, {KindFilter, e.filter}} {
		if c.text == "" {
			continue
		}
		parsed, err := ParseCondition(c.kind, c.text)
		if err != nil {
			return err
		}
		if _, err := r.Condition(c.kind, parsed); err != nil {
			return err
		}
	}
	if e.projection != "" {
		parsed, err := ParseProjection(e.projection)
		if err != nil {
			return err
		}
		if _, err := r.Projection(parsed); err != nil {
			return err
		}
	}
	if e.update != "" {
		parsed, err := ParseUpdate(e.update)
		if err != nil {
			return err
		}
		if _, err := r.Update(parsed); err != nil {
			return err
		}
	}
	return r.Unused()
}

// placeholders assigns #n and :v placeholders while copying builder trees
// into unresolved ones.
type placeholders struct {
	names  map[string]string // attribute name → placeholder
	params Params
}

func (ph *placeholders) path(p Path) Path {
	out := make(Path, len(p))
	for i, el := range p {
		if el.Kind == ElemName {
			k, ok := ph.names[el.Name]
			if !ok {
				k = "#n" + itoa(len(ph.names))
				ph.names[el.Name] = k
				ph.params.Names[k] = el.Name
			}
			el = PathElem{Kind: ElemPlaceholder, Name: k}
		}
		out[i] = el
	}
	return out
}

func (ph *placeholders) operand(o Operand) Operand {
	switch o := o.(type) {
	case Path:
		return ph.path(o)
	case *ValueRef:
		k := ":v" + itoa(len(ph.params.Values))
		ph.params.Values[k] = o.Value
		return &ValueRef{Name: k}
	case *Call:
		args := make([]Operand, len(o.Args))
		for i, a := range o.Args {
			args[i] = ph.operand(a)
		}
		return &Call{Name: o.Name, Args: args}
	case *Arith:
		l := ph.operand(o.L)
		return &Arith{Op: o.Op, L: l, R: ph.operand(o.R)}
	}
	panic("expr: unknown operand type")
}

func (ph *placeholders) conds(terms []Cond) []Cond {
	out := make([]Cond, len(terms))
	for i, t := range terms {
		out[i] = ph.cond(t)
	}
	return out
}

func (ph *placeholders) cond(c Cond) Cond {
	switch c := c.(type) {
	case *And:
		return &And{Terms: ph.conds(c.Terms)}
	case *Or:
		return &Or{Terms: ph.conds(c.Terms)}
	case *Not:
		return &Not{X: ph.cond(c.X)}
	case *Compare:
		l := ph.operand(c.L)
		return &Compare{Op: c.Op, L: l, R: ph.operand(c.R)}
	case *Between:
		x := ph.operand(c.X)
		lo := ph.operand(c.Lo)
		return &Between{X: x, Lo: lo, Hi: ph.operand(c.Hi)}
	case *In:
		in := &In{X: ph.operand(c.X), List: make([]Operand, len(c.List))}
		for i, o := range c.List {
			in.List[i] = ph.operand(o)
		}
		return in
	case *Call:
		return ph.operand(c).(*Call)
	}
	panic("expr: unknown condition type")
}

func (ph *placeholders) update(u *Update) *Update {
	out := &Update{Actions: make([]UpdateAction, len(u.Actions))}
	for i, a := range u.Actions {
		n := UpdateAction{Op: a.Op, Path: ph.path(a.Path)}
		if a.Value != nil {
			n.Value = ph.operand(a.Value)
		}
		out.Actions[i] = n
	}
	return out
}
