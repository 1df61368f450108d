package expr

import (
	"errors"
	"strings"
	"testing"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// FuzzBuilder builds random conditions, updates and projections from the
// fuzz input and checks that Build either fails cleanly (an "expr:" error
// or a DynamoDB ValidationException) or returns expressions that parse and
// resolve with its names and values, none unused, into the very trees that
// were built: evaluating and applying both gives the same results.
func FuzzBuilder(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	f.Add([]byte{12, 0, 1, 13, 3, 4, 14, 2, 5, 1, 1, 4, 0, 2, 7, 3})
	f.Add([]byte{255, 7, 1, 1, 9, 0, 3, 2, 4, 8, 5, 6, 4, 1, 2, 3, 0, 1})
	f.Add([]byte("condition and update and projection"))
	items := sampleItems(20)
	f.Fuzz(func(t *testing.T, data []byte) {
		g := &builderGen{data: data}
		which := g.next()
		cond := g.cond(3)
		upd := g.update()
		proj := g.projection()
		var opts []BuildOption
		if which&1 != 0 {
			opts = append(opts, WithCondition(cond))
		}
		if which&2 != 0 {
			opts = append(opts, WithFilter(cond))
		}
		if which&4 != 0 {
			opts = append(opts, WithUpdate(upd))
		}
		if which&8 != 0 {
			opts = append(opts, WithProjection(proj...))
		}
		e, err := Build(opts...)
		if err != nil {
			var ae *apierr.Error
			if !errors.As(err, &ae) && !strings.HasPrefix(err.Error(), "expr: ") {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			return
		}
		r := checkRoundTrip(t, e)
		if which&1 != 0 {
			checkSameCond(t, e.Condition(), r.cond, cond.c, items)
		}
		if which&2 != 0 {
			checkSameCond(t, e.Filter(), r.filter, cond.c, items)
		}
		if which&4 != 0 {
			built := upd.ast()
			if got, want := canon(r.upd), canon(built); got != want {
				t.Fatalf("%s: parsed %s, built %s", e.Update(), got, want)
			}
			for _, it := range items {
				got, _, err1 := r.upd.Apply(it)
				want, _, err2 := built.Apply(it)
				if (err1 == nil) != (err2 == nil) || err1 == nil && !attr.Equal(attr.M(got), attr.M(want)) {
					t.Fatalf("%s on %v: %v %v / %v %v", e.Update(), it, got, err1, want, err2)
				}
			}
		}
	})
}

func checkSameCond(t *testing.T, text string, parsed, built Cond, items []attr.Item) {
	t.Helper()
	if got, want := canon(parsed), canon(built); got != want {
		t.Fatalf("%s: parsed %s, built %s", text, got, want)
	}
	for _, it := range items {
		if Eval(parsed, it) != Eval(built, it) {
			t.Fatalf("%s on %v: parsed and built trees disagree", text, it)
		}
	}
}

// builderGen turns fuzz bytes into builder calls; past the end of the
// input every choice is 0.
type builderGen struct {
	data []byte
	pos  int
}

func (g *builderGen) next() byte {
	if g.pos >= len(g.data) {
		return 0
	}
	g.pos++
	return g.data[g.pos-1]
}

func (g *builderGen) pick(n int) int { return int(g.next()) % n }

var fuzzPaths = []string{"a", "b", "size", "status", Quote("x.y"), "a b", "#x", ":v", "m.c", "l[0]", "l[1].c",
	"m." + Quote("d.e") + "[2]", "a.b.c.d"}

// fuzzBadPaths are picked rarely, so that most inputs build.
var fuzzBadPaths = []string{"", "a..b", "l["}

var fuzzValues = []any{1, "b", attr.SS("a", "b"), []int{1}, true, Value(nil), attr.N("5"), "", attr.N("-1.5"),
	[]byte("ab"), map[string]int{"c": 5}, nil, attr.NS(), "ab", 10, attr.L()}

func (g *builderGen) path() string {
	b := int(g.next())
	if b > 255-len(fuzzBadPaths) {
		return fuzzBadPaths[255-b]
	}
	return fuzzPaths[b%len(fuzzPaths)]
}

func (g *builderGen) value() any { return fuzzValues[g.pick(len(fuzzValues))] }

func (g *builderGen) operand() any {
	switch g.pick(4) {
	case 0, 1:
		return Name(g.path())
	case 2:
		return g.value()
	}
	return Name(g.path()).Size()
}

func (g *builderGen) cond(depth int) ConditionBuilder {
	k := g.pick(16)
	if depth == 0 {
		k %= 13
	}
	x := Name(g.path())
	if g.pick(8) == 0 {
		x = x.Size()
	}
	switch k {
	case 0:
		return x.Equal(g.operand())
	case 1:
		return x.NotEqual(g.operand())
	case 2:
		return x.LessThan(g.operand())
	case 3:
		return x.LessThanEqual(g.operand())
	case 4:
		return x.GreaterThan(g.operand())
	case 5:
		return x.GreaterThanEqual(g.operand())
	case 6:
		return x.Between(g.operand(), g.operand())
	case 7:
		list := make([]any, g.pick(4))
		for i := range list {
			list[i] = g.operand()
		}
		return x.In(list...)
	case 8:
		return x.BeginsWith(g.value())
	case 9:
		if g.pick(2) == 0 {
			return x.Contains(g.value())
		}
		return x.NotContains(g.value())
	case 10:
		return x.Exists()
	case 11:
		return x.NotExists()
	case 12:
		return x.TypeOf(attr.Type(g.pick(12)))
	case 13:
		return g.cond(depth - 1).And(g.cond(depth - 1))
	case 14:
		return g.cond(depth-1).Or(g.cond(depth-1), g.cond(depth-1))
	}
	return g.cond(depth - 1).Not()
}

func (g *builderGen) update() UpdateBuilder {
	var u UpdateBuilder
	for n := 1 + g.pick(4); n > 0; n-- {
		p := g.path()
		switch g.pick(9) {
		case 0:
			u = u.Set(p, g.operand())
		case 1:
			u = u.Remove(p)
		case 2:
			u = u.Add(p, g.value())
		case 3:
			u = u.Delete(p, g.value())
		case 4:
			u = u.Append(p, g.value())
		case 5:
			u = u.Prepend(p, g.value())
		case 6:
			u = u.SetIfNotExists(p, g.operand())
		case 7:
			u = u.Increment(p, g.value())
		default:
			u = u.Decrement(p, g.value())
		}
	}
	return u
}

func (g *builderGen) projection() []string {
	paths := make([]string, 1+g.pick(3))
	for i := range paths {
		paths[i] = g.path()
	}
	return paths
}
