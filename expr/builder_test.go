package expr

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

func TestBuildRendering(t *testing.T) {
	n := func(s string) attr.Value { return attr.N(s) }
	s := attr.S
	cases := []struct {
		name   string
		opts   []BuildOption
		get    func(Expression) string
		want   string
		names  map[string]string
		values map[string]attr.Value
	}{
		{"and", []BuildOption{WithCondition(Name("status").Equal(Value("active")).And(Name("total").GreaterThan(Value(1000))))},
			Expression.Condition, "#n0 = :v0 AND #n1 > :v1",
			map[string]string{"#n0": "status", "#n1": "total"}, map[string]attr.Value{":v0": s("active"), ":v1": n("1000")}},
		{"nested path", []BuildOption{WithCondition(Name("a.b[2].c").NotEqual(1))},
			Expression.Condition, "#n0.#n1[2].#n2 <> :v0",
			map[string]string{"#n0": "a", "#n1": "b", "#n2": "c"}, map[string]attr.Value{":v0": n("1")}},
		{"one name once", []BuildOption{WithCondition(Name("a").GreaterThan(1).And(Name("a.a").LessThanEqual(5)))},
			Expression.Condition, "#n0 > :v0 AND #n0.#n0 <= :v1",
			map[string]string{"#n0": "a"}, map[string]attr.Value{":v0": n("1"), ":v1": n("5")}},
		{"comparators", []BuildOption{WithCondition(Name("a").LessThan(1).Or(Name("a").GreaterThanEqual(2)))},
			Expression.Condition, "#n0 < :v0 OR #n0 >= :v1", nil, nil},
		{"between", []BuildOption{WithCondition(Name("a").Between(1, 5))},
			Expression.Condition, "#n0 BETWEEN :v0 AND :v1", nil, nil},
		{"in", []BuildOption{WithCondition(Name("a").In("x", 2, Name("b")))},
			Expression.Condition, "#n0 IN (:v0, :v1, #n1)",
			map[string]string{"#n0": "a", "#n1": "b"}, map[string]attr.Value{":v0": s("x"), ":v1": n("2")}},
		{"functions", []BuildOption{WithCondition(Name("a").BeginsWith("x").And(Name("b").Contains(1), Name("c").Exists(), Name("d").NotExists()))},
			Expression.Condition, "begins_with(#n0, :v0) AND contains(#n1, :v1) AND attribute_exists(#n2) AND attribute_not_exists(#n3)", nil, nil},
		{"not contains", []BuildOption{WithCondition(Name("tags").NotContains("x"))},
			Expression.Condition, "NOT (contains(#n0, :v0))", nil, nil},
		{"type of", []BuildOption{WithCondition(Name("a").TypeOf(attr.TypeSS))},
			Expression.Condition, "attribute_type(#n0, :v0)", nil, map[string]attr.Value{":v0": s("SS")}},
		{"size", []BuildOption{WithCondition(Name("a").Size().GreaterThan(Size("b")))},
			Expression.Condition, "size(#n0) > size(#n1)", nil, nil},
		{"precedence", []BuildOption{WithCondition(Name("a").Equal(1).Or(Name("b").Equal(2)).And(Name("c").Equal(3)))},
			Expression.Condition, "(#n0 = :v0 OR #n1 = :v1) AND #n2 = :v2", nil, nil},
		{"flatten", []BuildOption{WithCondition(Name("a").Equal(1).And(Name("b").Equal(2)).And(Name("c").Equal(3).And(Name("d").Equal(4))))},
			Expression.Condition, "#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 = :v3", nil, nil},
		{"not and", []BuildOption{WithCondition(Name("a").Equal(1).And(Name("b").Equal(2)).Not().Or(Name("c").Exists().Not()))},
			Expression.Condition, "NOT (#n0 = :v0 AND #n1 = :v1) OR NOT (attribute_exists(#n2))", nil, nil},
		{"reserved and odd names", []BuildOption{WithCondition(Name("size").Equal(Name(Quote("a.b") + "[1]." + Quote("x`y"))))},
			Expression.Condition, "#n0 = #n1[1].#n2",
			map[string]string{"#n0": "size", "#n1": "a.b", "#n2": "x`y"}, nil},
		{"value types", []BuildOption{WithCondition(Name("a").In(attr.SS("x"), []byte("b"), true, Value(nil), []int{1}, map[string]int{"k": 1}))},
			Expression.Condition, "#n0 IN (:v0, :v1, :v2, :v3, :v4, :v5)", nil,
			map[string]attr.Value{":v0": attr.SS("x"), ":v1": attr.B([]byte("b")), ":v2": attr.BOOL(true), ":v3": attr.NULL(),
				":v4": attr.L(n("1")), ":v5": attr.M(map[string]attr.Value{"k": n("1")})}},
		{"update clauses", []BuildOption{WithUpdate(Set("name", "Ann").Add("loginCount", 1).Remove("tmp").Set("x", 2).Delete("tags", attr.SS("old")))},
			Expression.Update, "SET #n0 = :v0, #n1 = :v1 REMOVE #n2 ADD #n3 :v2 DELETE #n4 :v3",
			map[string]string{"#n0": "name", "#n1": "x", "#n2": "tmp", "#n3": "loginCount", "#n4": "tags"},
			map[string]attr.Value{":v0": s("Ann"), ":v1": n("2"), ":v2": n("1"), ":v3": attr.SS("old")}},
		{"update functions", []BuildOption{WithUpdate(UpdateBuilder{}.Append("l", []int{1}).Prepend("m", []int{2}).SetIfNotExists("c", 0))},
			Expression.Update, "SET #n0 = list_append(#n0, :v0), #n1 = list_append(:v1, #n1), #n2 = if_not_exists(#n2, :v2)", nil, nil},
		{"arith", []BuildOption{WithUpdate(UpdateBuilder{}.Increment("a", 1).Decrement("b", 2).Set("c", Name("a")))},
			Expression.Update, "SET #n0 = #n0 + :v0, #n1 = #n1 - :v1, #n2 = #n0", nil, nil},
		{"remove many", []BuildOption{WithUpdate(Remove("a", "b[3]", "c.d"))},
			Expression.Update, "REMOVE #n0, #n1[3], #n2.#n3", nil, nil},
		{"key", []BuildOption{WithKeyCondition(Key("pk").Equal("u1").And(Key("sk").BeginsWith("2024")))},
			Expression.KeyCondition, "#n0 = :v0 AND begins_with(#n1, :v1)",
			map[string]string{"#n0": "pk", "#n1": "sk"}, map[string]attr.Value{":v0": s("u1"), ":v1": s("2024")}},
		{"key literal name", []BuildOption{WithKeyCondition(Key("a.b").Equal(1).And(Key("sk").Between(1, 2)))},
			Expression.KeyCondition, "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2",
			map[string]string{"#n0": "a.b", "#n1": "sk"}, nil},
		{"shared", []BuildOption{
			WithUpdate(Set("status", "done")),
			WithProjection("status", "pk", "a.b"),
			WithFilter(Name("status").Equal("x")),
			WithKeyCondition(Key("pk").Equal("u")),
			WithCondition(Name("a").Exists()),
		}, func(e Expression) string {
			return strings.Join([]string{e.KeyCondition(), e.Condition(), e.Filter(), e.Projection(), e.Update()}, " | ")
		}, "#n0 = :v0 | attribute_exists(#n1) | #n2 = :v1 | #n2, #n0, #n1.#n3 | SET #n2 = :v2",
			map[string]string{"#n0": "pk", "#n1": "a", "#n2": "status", "#n3": "b"},
			map[string]attr.Value{":v0": s("u"), ":v1": s("x"), ":v2": s("done")}},
		{"projection only", []BuildOption{WithProjection("a", "b[0]")},
			Expression.Projection, "#n0, #n1[0]", map[string]string{"#n0": "a", "#n1": "b"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := Build(c.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.get(e); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			if c.names != nil && !maps.Equal(e.Names(), c.names) {
				t.Errorf("names %v, want %v", e.Names(), c.names)
			}
			if c.values != nil && !maps.EqualFunc(e.Values(), c.values, attr.Equal) {
				t.Errorf("values %v, want %v", e.Values(), c.values)
			}
			checkRoundTrip(t, e)
		})
	}
}

func TestBuildEmpty(t *testing.T) {
	e, err := Build()
	if err != nil {
		t.Fatal(err)
	}
	if e.Names() != nil || e.Values() != nil || e.Condition() != "" || e.Update() != "" {
		t.Errorf("empty build: %+v", e)
	}
	// A projection uses no values: Values must be nil, not an empty map.
	e, err = Build(WithProjection("a"))
	if err != nil {
		t.Fatal(err)
	}
	if e.Values() != nil || e.Params().Values != nil {
		t.Errorf("Values = %v, want nil", e.Values())
	}
}

func TestBuildErrors(t *testing.T) {
	long := make([]any, 101)
	for i := range long {
		long[i] = i
	}
	deep := "a" + strings.Repeat(".b", 32)
	many := Name("a").Equal(0)
	for i := 1; i < 400; i++ {
		many = many.Or(Name("a").Equal(i))
	}
	cases := []struct {
		name string
		opt  BuildOption
		want string // exact message; apierr messages start with "Invalid"
	}{
		{"empty path", WithCondition(Name("").Exists()), "expr: empty document path"},
		{"empty element", WithCondition(Name("a..b").Exists()), `expr: invalid document path "a..b": empty attribute name`},
		{"trailing dot", WithCondition(Name("a.").Exists()), `expr: invalid document path "a.": empty attribute name`},
		{"leading index", WithCondition(Name("[1]").Exists()), `expr: invalid document path "[1]": empty attribute name`},
		{"bad index", WithCondition(Name("a[x]").Exists()), `expr: invalid document path "a[x]": list index must be a non-negative integer`},
		{"negative index", WithCondition(Name("a[-1]").Exists()), `expr: invalid document path "a[-1]": list index must be a non-negative integer`},
		{"unclosed index", WithCondition(Name("a[1").Exists()), `expr: invalid document path "a[1": unclosed [`},
		{"junk after index", WithCondition(Name("a[1]b").Exists()), `expr: invalid document path "a[1]b": expected . or [ after a name or index`},
		{"unclosed quote", WithCondition(Name("`a").Exists()), "expr: invalid document path \"`a\": unclosed `"},
		{"empty quote", WithCondition(Name("``").Exists()), "expr: invalid document path \"``\": empty attribute name"},
		{"nil operand", WithCondition(Name("a").Equal(nil)), "expr: nil operand"},
		{"zero operand", WithCondition(Name("a").Equal(OperandBuilder{})), "expr: nil operand"},
		{"zero receiver", WithCondition(OperandBuilder{}.Exists()), "expr: nil operand"},
		{"zero value", WithCondition(Name("a").Equal(attr.Value{})), "expr: nil operand"},
		{"marshal", WithCondition(Name("a").Equal(complex(1, 2))), "expr: value: "},
		{"size of value", WithCondition(Value(1).Size().Equal(1)), "expr: Size applies to a document path"},
		{"empty in", WithCondition(Name("a").In()), "expr: In needs at least one operand"},
		{"empty condition", WithCondition(ConditionBuilder{}), "expr: empty condition"},
		{"empty and", WithCondition(Name("a").Exists().And(ConditionBuilder{})), "expr: empty condition"},
		{"empty not", WithCondition(ConditionBuilder{}.Not()), "expr: empty condition"},
		{"error in or", WithFilter(Name("a").Exists().Or(Name("").Exists())), "expr: empty document path"},
		{"empty key", WithKeyCondition(Key("").Equal(1)), "expr: empty key attribute name"},
		{"empty update", WithUpdate(UpdateBuilder{}), "expr: empty update"},
		{"update path", WithUpdate(Set("a", 1).Remove("b.")), `expr: invalid document path "b.": empty attribute name`},
		{"update error sticks", WithUpdate(Set("", 1).Set("b", 2)), "expr: empty document path"},
		{"add path", WithUpdate(Add("a", Name("b"))), "expr: Add needs a value operand"},
		{"delete nil", WithUpdate(Delete("a", nil)), "expr: nil operand"},
		{"empty projection", WithProjection(), "expr: WithProjection needs at least one path"},
		{"projection path", WithProjection("a", "b["), `expr: invalid document path "b[": unclosed [`},
		{"in over 100", WithCondition(Name("a").In(long...)),
			"Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101"},
		{"between order", WithCondition(Name("a").Between(5, 1)),
			"Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}"},
		{"between types", WithFilter(Name("a").Between(1, "x")),
			"Invalid FilterExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}"},
		{"between self", WithCondition(Name("a").Between(Name("a"), 2)),
			"Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: BETWEEN, first operand: [a]"},
		{"begins_with type", WithCondition(Name("a").BeginsWith(1)),
			"Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"},
		{"exists on value", WithCondition(Value(1).Exists()),
			"Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists"},
		{"overlap", WithUpdate(Set("a", 1).Remove("a")),
			"Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"},
		{"append number", WithUpdate(UpdateBuilder{}.Append("l", 5)),
			"Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: N"},
		{"add string", WithUpdate(Add("a", "x")),
			"Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"},
		{"size in update", WithUpdate(Set("a", Name("b").Size())),
			"Invalid UpdateExpression: The function is not allowed in an update expression; function: size"},
		{"deep path", WithCondition(Name(deep).Exists()),
			"Invalid ConditionExpression: The document path has too many nesting levels; nesting levels: 33"},
		{"too long", WithCondition(many), "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 5886"},
		{"empty set", WithUpdate(Add("a", attr.SS())), "ExpressionAttributeValues contains invalid value: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Build(c.opt)
			if err == nil {
				t.Fatal("no error")
			}
			var ae *apierr.Error
			isAPI := errors.As(err, &ae)
			if isAPI != !strings.HasPrefix(err.Error(), "expr: ") {
				t.Errorf("%v: apierr %v", err, isAPI)
			}
			if isAPI && ae.Code != apierr.Validation {
				t.Errorf("code %v", ae.Code)
			}
			msg := err.Error()
			if isAPI {
				msg = ae.Message
			}
			if c.want != "" && msg != c.want && !(strings.HasSuffix(c.want, ": ") && strings.HasPrefix(msg, c.want)) {
				t.Errorf("got  %s\nwant %s", msg, c.want)
			}
		})
	}
}

// TestBuildersImmutable checks that deriving two builders from one shared
// builder leaves each unaffected by the other.
func TestBuildersImmutable(t *testing.T) {
	base := Set("a", 1).Set("b", 2).Set("c", 3)
	u1, u2 := base.Set("d", 4), base.Remove("e")
	for _, c := range []struct {
		u    UpdateBuilder
		want string
	}{{base, "SET #n0 = :v0, #n1 = :v1, #n2 = :v2"}, {u1, "SET #n0 = :v0, #n1 = :v1, #n2 = :v2, #n3 = :v3"}, {u2, "SET #n0 = :v0, #n1 = :v1, #n2 = :v2 REMOVE #n3"}} {
		e, err := Build(WithUpdate(c.u))
		if err != nil {
			t.Fatal(err)
		}
		if e.Update() != c.want {
			t.Errorf("got %q, want %q", e.Update(), c.want)
		}
	}
	e, _ := Build(WithUpdate(u1))
	if e.Names()["#n3"] != "d" {
		t.Errorf("names %v", e.Names())
	}
	e.Names()["#n3"] = "changed"
	if e.Names()["#n3"] != "d" {
		t.Error("Names returned the Expression's own map")
	}

	c := Name("a").Equal(1).And(Name("b").Equal(2))
	c1, c2 := c.And(Name("c").Equal(3)), c.Or(Name("d").Equal(4))
	for _, x := range []struct {
		c    ConditionBuilder
		want string
	}{{c, "#n0 = :v0 AND #n1 = :v1"}, {c1, "#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2"}, {c2, "#n0 = :v0 AND #n1 = :v1 OR #n2 = :v2"}} {
		e, err := Build(WithCondition(x.c))
		if err != nil {
			t.Fatal(err)
		}
		if e.Condition() != x.want {
			t.Errorf("got %q, want %q", e.Condition(), x.want)
		}
	}
}

// resolved parses and resolves every expression of e as a request would,
// failing the test on any error, unused name or value.
type resolvedExprs struct {
	key, cond, filter Cond
	proj              *Projection
	upd               *Update
}

func resolveBuilt(t testing.TB, e Expression) resolvedExprs {
	t.Helper()
	var out resolvedExprs
	r := NewResolver(e.Params())
	if err := e.Params().Validate(); err != nil {
		t.Fatalf("params: %v", err)
	}
	for _, c := range []struct {
		kind Kind
		text string
		dst  *Cond
	}{{KindKeyCondition, e.KeyCondition(), &out.key}, {KindCondition, e.Condition(), &out.cond}, {KindFilter, e.Filter(), &out.filter}} {
		if c.text == "" {
			continue
		}
		p, err := ParseCondition(c.kind, c.text)
		if err != nil {
			t.Fatalf("parse %q: %v", c.text, err)
		}
		if *c.dst, err = r.Condition(c.kind, p); err != nil {
			t.Fatalf("resolve %q: %v", c.text, err)
		}
	}
	if e.Projection() != "" {
		p, err := ParseProjection(e.Projection())
		if err != nil {
			t.Fatalf("parse %q: %v", e.Projection(), err)
		}
		if out.proj, err = r.Projection(p); err != nil {
			t.Fatal(err)
		}
	}
	if e.Update() != "" {
		p, err := ParseUpdate(e.Update())
		if err != nil {
			t.Fatalf("parse %q: %v", e.Update(), err)
		}
		if out.upd, err = r.Update(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Unused(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkRoundTrip checks that every expression of e parses and resolves
// with e's names and values, none unused, and that the parsed trees print
// back to the same text.
func checkRoundTrip(t testing.TB, e Expression) resolvedExprs {
	t.Helper()
	r := resolveBuilt(t, e)
	for _, c := range []struct {
		text string
		tree interface{ String() string }
		ok   bool
	}{{e.KeyCondition(), r.key, r.key != nil}, {e.Condition(), r.cond, r.cond != nil}, {e.Filter(), r.filter, r.filter != nil}} {
		if !c.ok {
			continue
		}
		p, _ := ParseCondition(KindCondition, c.text)
		if p.String() != c.text {
			t.Errorf("reprint %q as %q", c.text, p.String())
		}
	}
	return r
}

// canon prints a resolved tree with real names (quoted) and values, and
// without value placeholder names, so that a builder's tree and the parsed
// and resolved tree of its rendering compare equal exactly when they are
// the same tree.
func canon(x any) string {
	var b strings.Builder
	var walk func(x any)
	walk = func(x any) {
		switch x := x.(type) {
		case Path:
			for _, e := range x {
				if e.Kind == ElemIndex {
					fmt.Fprintf(&b, "[%d]", e.Index)
				} else {
					fmt.Fprintf(&b, ".%q", e.Name)
				}
			}
		case *ValueRef:
			b.WriteString(x.Value.String())
		case *Call:
			b.WriteString(x.Name + "(")
			for _, a := range x.Args {
				walk(a)
				b.WriteString(",")
			}
			b.WriteString(")")
		case *Arith:
			b.WriteString("(")
			walk(x.L)
			b.WriteString(string(x.Op))
			walk(x.R)
			b.WriteString(")")
		case *Compare:
			walk(x.L)
			b.WriteString(x.Op.String())
			walk(x.R)
		case *Between:
			walk(x.X)
			b.WriteString(" between ")
			walk(x.Lo)
			b.WriteString(" and ")
			walk(x.Hi)
		case *In:
			walk(x.X)
			b.WriteString(" in (")
			for _, a := range x.List {
				walk(a)
				b.WriteString(",")
			}
			b.WriteString(")")
		case *And:
			b.WriteString("and(")
			for _, t := range x.Terms {
				walk(t)
				b.WriteString(";")
			}
			b.WriteString(")")
		case *Or:
			b.WriteString("or(")
			for _, t := range x.Terms {
				walk(t)
				b.WriteString(";")
			}
			b.WriteString(")")
		case *Not:
			b.WriteString("not(")
			walk(x.X)
			b.WriteString(")")
		case *Update:
			for _, a := range x.Actions {
				b.WriteString(a.Op.String() + " ")
				walk(a.Path)
				if a.Value != nil {
					b.WriteString(" ")
					walk(a.Value)
				}
				b.WriteString(";")
			}
		default:
			fmt.Fprintf(&b, "?%T", x)
		}
	}
	walk(x)
	return b.String()
}

// sampleItems returns random items over the attributes the semantic tests
// use, each attribute missing or of one of several types.
func sampleItems(n int) []attr.Item {
	rng := rand.New(rand.NewPCG(1, 2))
	pool := []attr.Value{
		attr.N("1"), attr.N("5"), attr.N("10"), attr.N("-3"), attr.S("abc"), attr.S("b"), attr.S("ab"),
		attr.SS("a", "b"), attr.NS("1", "5"), attr.L(attr.N("1"), attr.S("b")), attr.BOOL(true), attr.NULL(),
		attr.B([]byte("ab")), attr.M(map[string]attr.Value{"c": attr.N("5"), "d": attr.S("b")}),
	}
	items := make([]attr.Item, n)
	for i := range items {
		it := attr.Item{}
		for _, name := range []string{"a", "b", "x.y", "m", "l"} {
			if k := rng.IntN(len(pool) + 2); k < len(pool) {
				it[name] = pool[k]
			}
		}
		items[i] = it
	}
	return items
}

// TestConditionSemantics evaluates built conditions, after the round trip
// through text, against the intended meaning written with package attr.
func TestConditionSemantics(t *testing.T) {
	get := func(it attr.Item, path string) attr.Value {
		p, err := parseBuilderPath(path)
		if err != nil {
			panic(err)
		}
		return Lookup(it, p)
	}
	cmp := func(it attr.Item, path string, v attr.Value, ok func(int) bool) bool {
		c, comparable := attr.Compare(get(it, path), v)
		return comparable && ok(c)
	}
	eq := func(it attr.Item, path string, v attr.Value) bool { return attr.Equal(get(it, path), v) }
	isS := func(v attr.Value) bool { return v.Type() == attr.TypeS }
	containsB := func(v attr.Value) bool {
		switch v.Type() {
		case attr.TypeS:
			return strings.Contains(v.Str(), "b")
		case attr.TypeSS:
			return attr.SetContains(v, attr.S("b"))
		case attr.TypeL:
			return attr.ListContains(v, attr.S("b"))
		}
		return false
	}
	size := func(v attr.Value) int {
		switch v.Type() {
		case attr.TypeS, attr.TypeB:
			return len(v.Str())
		case attr.TypeSS, attr.TypeNS, attr.TypeBS:
			return len(v.Set())
		case attr.TypeL:
			return len(v.List())
		case attr.TypeM:
			return len(v.Map())
		}
		return -1
	}
	five := attr.N("5")
	cases := []struct {
		name string
		c    ConditionBuilder
		want func(attr.Item) bool
	}{
		{"eq", Name("a").Equal(5), func(it attr.Item) bool { return eq(it, "a", five) }},
		{"ne", Name("a").NotEqual(5), func(it attr.Item) bool { return !eq(it, "a", five) }},
		{"lt", Name("a").LessThan(5), func(it attr.Item) bool { return cmp(it, "a", five, func(c int) bool { return c < 0 }) }},
		{"le", Name("a").LessThanEqual(5), func(it attr.Item) bool { return cmp(it, "a", five, func(c int) bool { return c <= 0 }) }},
		{"gt", Name("a").GreaterThan(5), func(it attr.Item) bool { return cmp(it, "a", five, func(c int) bool { return c > 0 }) }},
		{"ge", Name("a").GreaterThanEqual(5), func(it attr.Item) bool { return cmp(it, "a", five, func(c int) bool { return c >= 0 }) }},
		{"value on left", Value(5).LessThan(Name("a")), func(it attr.Item) bool { return cmp(it, "a", five, func(c int) bool { return c > 0 }) }},
		{"between", Name("a").Between(1, 5), func(it attr.Item) bool {
			return cmp(it, "a", attr.N("1"), func(c int) bool { return c >= 0 }) && cmp(it, "a", five, func(c int) bool { return c <= 0 })
		}},
		{"in", Name("a").In(1, "b", attr.SS("a", "b")), func(it attr.Item) bool {
			return eq(it, "a", attr.N("1")) || eq(it, "a", attr.S("b")) || eq(it, "a", attr.SS("b", "a"))
		}},
		{"paths equal", Name("a").Equal(Name("b")), func(it attr.Item) bool { return !get(it, "a").IsZero() && eq(it, "a", get(it, "b")) }},
		{"begins_with", Name("a").BeginsWith("ab"), func(it attr.Item) bool {
			return isS(get(it, "a")) && strings.HasPrefix(get(it, "a").Str(), "ab")
		}},
		{"contains", Name("b").Contains("b"), func(it attr.Item) bool { return containsB(get(it, "b")) }},
		{"not contains", Name("b").NotContains("b"), func(it attr.Item) bool { return !containsB(get(it, "b")) }},
		{"exists", Name("a").Exists(), func(it attr.Item) bool { return !get(it, "a").IsZero() }},
		{"not exists", Name("a").NotExists(), func(it attr.Item) bool { return get(it, "a").IsZero() }},
		{"type", Name("a").TypeOf(attr.TypeN), func(it attr.Item) bool { return get(it, "a").Type() == attr.TypeN }},
		{"size", Name("b").Size().GreaterThan(2), func(it attr.Item) bool { return size(get(it, "b")) > 2 }},
		{"size between", Name("b").Size().Between(1, 2), func(it attr.Item) bool { n := size(get(it, "b")); return n >= 1 && n <= 2 }},
		{"quoted name", Name(Quote("x.y")).Equal(5), func(it attr.Item) bool { return attr.Equal(it["x.y"], five) }},
		{"nested", Name("m.c").Equal(5), func(it attr.Item) bool { return eq(it, "m.c", five) }},
		{"index", Name("l[1]").Equal("b"), func(it attr.Item) bool { return eq(it, "l[1]", attr.S("b")) }},
		{"and or not", Name("a").Exists().And(Name("b").Equal(5).Or(Name("m.d").Equal("b")).Not()), func(it attr.Item) bool {
			return !get(it, "a").IsZero() && !(eq(it, "b", five) || eq(it, "m.d", attr.S("b")))
		}},
	}
	items := sampleItems(300)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := Build(WithCondition(c.c))
			if err != nil {
				t.Fatal(err)
			}
			r := checkRoundTrip(t, e)
			if got, want := canon(r.cond), canon(c.c.c); got != want {
				t.Errorf("parsed tree %s\nbuilt tree  %s", got, want)
			}
			matched := 0
			for _, it := range items {
				got, want := Eval(r.cond, it), c.want(it)
				if got != want {
					t.Fatalf("%s on %v: got %v, want %v", e.Condition(), it, got, want)
				}
				if got {
					matched++
				}
			}
			// Every case must separate the samples, or it tests nothing.
			if matched == 0 || matched == len(items) {
				t.Errorf("%s matched %d of %d items", e.Condition(), matched, len(items))
			}
		})
	}
}

// TestUpdateSemantics applies built updates, after the round trip through
// text, to a sample item.
func TestUpdateSemantics(t *testing.T) {
	n := attr.N
	item := attr.Item{
		"name": attr.S("Bob"), "count": n("5"), "tags": attr.SS("a", "b"),
		"list": attr.L(n("1"), n("2")), "m": attr.M(map[string]attr.Value{"c": n("1")}), "tmp": attr.BOOL(true),
	}
	with := func(changes attr.Item, remove ...string) attr.Item {
		out := maps.Clone(item)
		maps.Copy(out, changes)
		for _, r := range remove {
			delete(out, r)
		}
		return out
	}
	cases := []struct {
		name string
		u    UpdateBuilder
		want attr.Item
	}{
		{"set", Set("name", "Ann"), with(attr.Item{"name": attr.S("Ann")})},
		{"set nested", Set("m.d", 2), with(attr.Item{"m": attr.M(map[string]attr.Value{"c": n("1"), "d": n("2")})})},
		{"set index", Set("list[0]", "x"), with(attr.Item{"list": attr.L(attr.S("x"), n("2"))})},
		{"set copy", Set("copy", Name("name")), with(attr.Item{"copy": attr.S("Bob")})},
		{"set quoted", Set(Quote("x.y"), 1), with(attr.Item{"x.y": n("1")})},
		{"set struct", Set("s", struct{ A int }{7}), with(attr.Item{"s": attr.M(map[string]attr.Value{"A": n("7")})})},
		{"remove", Remove("tmp", "list[0]"), with(attr.Item{"list": attr.L(n("2"))}, "tmp")},
		{"add number", Add("count", 2), with(attr.Item{"count": n("7")})},
		{"add new number", Add("new", 2), with(attr.Item{"new": n("2")})},
		{"add set", Add("tags", attr.SS("c")), with(attr.Item{"tags": attr.SS("a", "b", "c")})},
		{"delete set", Delete("tags", attr.SS("a")), with(attr.Item{"tags": attr.SS("b")})},
		{"append", UpdateBuilder{}.Append("list", []int{3}), with(attr.Item{"list": attr.L(n("1"), n("2"), n("3"))})},
		{"prepend", UpdateBuilder{}.Prepend("list", []int{0}), with(attr.Item{"list": attr.L(n("0"), n("1"), n("2"))})},
		{"if not exists, missing", UpdateBuilder{}.SetIfNotExists("new", 7), with(attr.Item{"new": n("7")})},
		{"if not exists, present", UpdateBuilder{}.SetIfNotExists("count", 7), item},
		{"increment", UpdateBuilder{}.Increment("count", 2), with(attr.Item{"count": n("7")})},
		{"decrement", UpdateBuilder{}.Decrement("count", attr.N("0.5")), with(attr.Item{"count": n("4.5")})},
		{"several", Set("name", "Ann").Remove("tmp").Add("count", 1).Delete("tags", attr.SS("b")).Append("list", attr.L(n("9"))),
			with(attr.Item{"name": attr.S("Ann"), "count": n("6"), "tags": attr.SS("a"), "list": attr.L(n("1"), n("2"), n("9"))}, "tmp")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := Build(WithUpdate(c.u))
			if err != nil {
				t.Fatal(err)
			}
			r := checkRoundTrip(t, e)
			if got, want := canon(r.upd), canon(c.u.ast()); got != want {
				t.Errorf("parsed tree %s\nbuilt tree  %s", got, want)
			}
			got, _, err := r.upd.Apply(item)
			if err != nil {
				t.Fatalf("%s: %v", e.Update(), err)
			}
			if !attr.Equal(attr.M(got), attr.M(c.want)) {
				t.Errorf("%s:\ngot  %v\nwant %v", e.Update(), got, c.want)
			}
		})
	}
}

// TestKeyConditionSemantics checks built key conditions through
// NewKeyCondition, which is how Query uses them.
func TestKeyConditionSemantics(t *testing.T) {
	schema := KeySchema{Hash: "pk", HashType: attr.TypeS, Range: "sk", RangeType: attr.TypeN}
	cases := []struct {
		k     KeyConditionBuilder
		op    RangeOp
		match []string // sort keys that match, of 1 5 10
	}{
		{Key("pk").Equal("u"), 0, []string{"1", "5", "10"}},
		{Key("pk").Equal("u").And(Key("sk").Equal(5)), RangeEQ, []string{"5"}},
		{Key("pk").Equal("u").And(Key("sk").LessThan(5)), RangeLT, []string{"1"}},
		{Key("pk").Equal("u").And(Key("sk").LessThanEqual(5)), RangeLE, []string{"1", "5"}},
		{Key("pk").Equal("u").And(Key("sk").GreaterThan(5)), RangeGT, []string{"10"}},
		{Key("sk").GreaterThanEqual(5).And(Key("pk").Equal("u")), RangeGE, []string{"5", "10"}},
		{Key("pk").Equal("u").And(Key("sk").Between(2, 10)), RangeBetween, []string{"5", "10"}},
	}
	for _, c := range cases {
		e, err := Build(WithKeyCondition(c.k))
		if err != nil {
			t.Fatal(err)
		}
		r := checkRoundTrip(t, e)
		kc, err := NewKeyCondition(r.key, schema)
		if err != nil {
			t.Fatalf("%s: %v", e.KeyCondition(), err)
		}
		if (kc.Range == nil) != (len(c.match) == 3) || kc.Range != nil && kc.Range.Op != c.op {
			t.Errorf("%s: range %+v", e.KeyCondition(), kc.Range)
		}
		var got []string
		for _, sk := range []string{"1", "5", "10"} {
			if kc.Match(attr.Item{"pk": attr.S("u"), "sk": attr.N(sk)}) {
				got = append(got, sk)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(c.match) {
			t.Errorf("%s matches %v, want %v", e.KeyCondition(), got, c.match)
		}
	}
	// begins_with on a string sort key.
	e, err := Build(WithKeyCondition(Key("pk").Equal("u").And(Key("sk").BeginsWith("2024-"))))
	if err != nil {
		t.Fatal(err)
	}
	kc, err := NewKeyCondition(resolveBuilt(t, e).key, KeySchema{Hash: "pk", HashType: attr.TypeS, Range: "sk", RangeType: attr.TypeS})
	if err != nil {
		t.Fatal(err)
	}
	if !kc.Match(attr.Item{"pk": attr.S("u"), "sk": attr.S("2024-05")}) || kc.Match(attr.Item{"pk": attr.S("u"), "sk": attr.S("2023-05")}) {
		t.Errorf("begins_with key condition %s", e.KeyCondition())
	}
}

func TestQuote(t *testing.T) {
	for _, name := range []string{"a", "a.b", "a[1]", "`", "x``y", "a b", "é.ü", "]"} {
		p, err := parseBuilderPath(Quote(name))
		if err != nil || len(p) != 1 || p[0].Name != name {
			t.Errorf("Quote(%q) = %q parses as %v, %v", name, Quote(name), p, err)
		}
	}
	p, err := parseBuilderPath(Quote("a.b") + "[3][4]." + Quote("c") + ".d")
	if err != nil || canon(p) != `."a.b"[3][4]."c"."d"` {
		t.Errorf("got %s, %v", canon(p), err)
	}
}

// BenchmarkBuild measures a typical conditional update: building, rendering
// and the parse-and-resolve check Build runs.
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		cond := Name("status").Equal("active").And(Name("version").Equal(7))
		upd := Set("status", "billed").Increment("version", 1).Add("tags", attr.SS("x")).Remove("draft")
		if _, err := Build(WithCondition(cond), WithUpdate(upd)); err != nil {
			b.Fatal(err)
		}
	}
}
