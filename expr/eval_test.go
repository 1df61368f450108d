package expr

import (
	"reflect"
	"sync"
	"testing"

	"github.com/kvs-project/kvs/attr"
)

func resolveCond(t *testing.T, kind Kind, s string, p Params) Cond {
	t.Helper()
	c, err := ParseCondition(kind, s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	r := NewResolver(p)
	c, err = r.Condition(kind, c)
	if err != nil {
		t.Fatalf("resolve %q: %v", s, err)
	}
	if err := r.Unused(); err != nil {
		t.Fatalf("unused %q: %v", s, err)
	}
	return c
}

func testItem() attr.Item {
	return attr.Item{
		"pk": attr.S("k"),
		"n":  attr.N("10"),
		"s":  attr.S("héllo"),
		"b":  attr.B([]byte{1, 2, 3}),
		"l":  attr.L(attr.N("1"), attr.S("x"), attr.M(map[string]attr.Value{"y": attr.N("2")})),
		"m":  attr.M(map[string]attr.Value{"a": attr.M(map[string]attr.Value{"b": attr.S("deep")})}),
		"ss": attr.SS("a", "b"),
		"ns": attr.NS("1", "2"),
		"t":  attr.BOOL(true),
	}
}

func TestEval(t *testing.T) {
	vals := map[string]attr.Value{
		":n9": attr.N("9"), ":n10": attr.N("10"), ":s": attr.S("héllo"), ":he": attr.S("hé"),
		":x": attr.S("x"), ":a": attr.S("a"), ":one": attr.N("1"), ":two": attr.N("2"),
		":five": attr.N("5"), ":three": attr.N("3"), ":deep": attr.S("deep"), ":S": attr.S("S"),
		":SS": attr.S("SS"), ":b12": attr.B([]byte{1, 2}), ":t": attr.BOOL(true),
	}
	item := testItem()
	for _, tc := range []struct {
		expr string
		want bool
	}{
		{"n = :n10", true}, {"n > :n9", true}, {"n < :n9", false}, {"n <> :n9", true},
		{"n = :s", false}, {"n <> :s", true}, {"n < :s", false},
		{"nope = :n10", false}, {"nope <> :n10", true}, {"nope < :n10", false},
		{"n BETWEEN :n9 AND :n10", true}, {"n BETWEEN :one AND :five", false},
		{"n IN (:one, :n10)", true}, {"n IN (:one, :two)", false},
		{"m.a.b = :deep", true}, {"l[2].y = :two", true}, {"l[5] = :two", false}, {"l.y = :two", false},
		{"attribute_exists(m.a)", true}, {"attribute_not_exists(m.z)", true}, {"attribute_exists(nope)", false},
		{"attribute_type(s, :S)", true}, {"attribute_type(ss, :SS)", true}, {"attribute_type(s, :SS)", false},
		{"begins_with(s, :he)", true}, {"begins_with(b, :b12)", true}, {"begins_with(n, :he)", false},
		{"contains(s, :he)", true}, {"contains(ss, :a)", true}, {"contains(ns, :two)", true},
		{"contains(ns, :a)", false}, {"contains(l, :x)", true}, {"contains(l, :a)", false},
		{"size(s) = :five", true}, {"size(l) = :three", true}, {"size(ss) = :two", true},
		{"size(m) = :one", true}, {"size(b) = :three", true}, {"size(n) = :two", false}, {"size(nope) <> :two", true},
		{"t = :t AND n = :n10 OR n = :one", true}, {"NOT n = :n10", false}, {"NOT (n = :one OR n = :n9)", true},
		{"n = :one OR n = :n9 AND n = :n10", false},
	} {
		c, err := ParseCondition(KindCondition, tc.expr)
		if err != nil {
			t.Fatalf("%q: %v", tc.expr, err)
		}
		rc, err := NewResolver(Params{Values: vals}).Condition(KindCondition, c)
		if err != nil {
			t.Fatalf("%q: %v", tc.expr, err)
		}
		if got := Eval(rc, item); got != tc.want {
			t.Errorf("%q = %v, want %v", tc.expr, got, tc.want)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	vals := map[string]attr.Value{":v": attr.N("1"), ":s": attr.S("x"), ":b": attr.BOOL(true), ":hi": attr.N("0"),
		":b3": attr.B([]byte{1, 2, 3}), ":b1": attr.B([]byte{0})}
	for _, tc := range []struct{ expr, want string }{
		{"#x = :v", "An expression attribute name used in the document path is not defined; attribute name: #x"},
		{"a = :nope", "An expression attribute value used in expression is not defined; attribute value: :nope"},
		{"begins_with(a)", "Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1"},
		{"a = a", "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"},
		{"begins_with(a, :v)", "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"},
		{"attribute_exists(:v)", "Operator or function requires a document path; operator or function: attribute_exists"},
		{"attribute_type(a, :s)", "Invalid attribute type name found; type: x, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}"},
		{"size(:v) = :v", "Incorrect operand type for operator or function; operator or function: size, operand type: N"},
		{"a BETWEEN :v AND :s", "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}"},
		{"a BETWEEN :v AND :hi", "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {N:0}"},
		{"a < :b", "Incorrect operand type for operator or function; operator or function: <, operand type: BOOL"},
		{"a BETWEEN :b3 AND :b1", "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {B:java.nio.HeapByteBuffer[pos=0 lim=3 cap=3]}, upper bound operand: AttributeValue: {B:java.nio.HeapByteBuffer[pos=0 lim=1 cap=1]}"},
	} {
		c, err := ParseCondition(KindFilter, tc.expr)
		if err != nil {
			t.Fatalf("%q: %v", tc.expr, err)
		}
		_, err = NewResolver(Params{Values: vals}).Condition(KindFilter, c)
		wantMsg(t, err, "Invalid FilterExpression: "+tc.want)
	}
}

func TestUnused(t *testing.T) {
	r := NewResolver(Params{Names: map[string]string{"#a": "a", "#b": "b", "#z": "z"}, Values: map[string]attr.Value{":v": attr.N("1")}})
	c, _ := ParseCondition(KindCondition, "#a = :v")
	if _, err := r.Condition(KindCondition, c); err != nil {
		t.Fatal(err)
	}
	wantMsg(t, r.Unused(), "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b, #z}")
	p, _ := ParseProjection("#b, #z")
	if _, err := r.Projection(p); err != nil {
		t.Fatal(err)
	}
	if err := r.Unused(); err != nil {
		t.Fatalf("names used across expressions: %v", err)
	}
	r = NewResolver(Params{Values: map[string]attr.Value{":v": attr.N("1"), ":w": attr.N("1")}})
	c, _ = ParseCondition(KindCondition, "a = :v")
	r.Condition(KindCondition, c)
	wantMsg(t, r.Unused(), "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}")
}

func TestParamsValidate(t *testing.T) {
	wantMsg(t, Params{Names: map[string]string{}}.Validate(), "ExpressionAttributeNames must not be empty")
	wantMsg(t, Params{Names: map[string]string{"a": "a"}}.Validate(), `ExpressionAttributeNames contains invalid key: Syntax error; key: "a"`)
	wantMsg(t, Params{Names: map[string]string{"#a": ""}}.Validate(), "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a")
	wantMsg(t, Params{Values: map[string]attr.Value{}}.Validate(), "ExpressionAttributeValues must not be empty")
	wantMsg(t, Params{Values: map[string]attr.Value{"v": attr.N("1")}}.Validate(), `ExpressionAttributeValues contains invalid key: Syntax error; key: "v"`)
	if err := (Params{Names: map[string]string{"#a": "a"}, Values: map[string]attr.Value{":v": attr.N("1")}}).Validate(); err != nil {
		t.Fatal(err)
	}
}

func resolveUpdate(t *testing.T, s string, vals map[string]attr.Value) *Update {
	t.Helper()
	u, err := ParseUpdate(s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	u, err = NewResolver(Params{Values: vals}).Update(u)
	if err != nil {
		t.Fatalf("resolve %q: %v", s, err)
	}
	return u
}

func TestUpdateApply(t *testing.T) {
	vals := map[string]attr.Value{
		":one": attr.N("1"), ":x": attr.S("x"), ":l": attr.L(attr.N("7")), ":ss": attr.SS("b", "c"),
		":del": attr.SS("a", "b"), ":n": attr.N("0.5"),
	}
	item := testItem()
	before := item.String()
	u := resolveUpdate(t, "SET n = n + :one, m.a.c = :x, l[1] = :x, l[9] = :one, newl = list_append(:l, l), z = if_not_exists(z, :n) "+
		"REMOVE t, l[0] ADD ss :ss, cnt :one DELETE ns :ns", map[string]attr.Value{
		":one": vals[":one"], ":x": vals[":x"], ":l": vals[":l"], ":ss": vals[":ss"], ":n": vals[":n"], ":ns": attr.NS("1", "2"),
	})
	out, changed, err := u.Apply(item)
	if err != nil {
		t.Fatal(err)
	}
	if item.String() != before {
		t.Fatalf("Apply modified its input:\n%s\n%s", before, item)
	}
	want := map[string]string{
		"n":    `{"N":"11"}`,
		"m":    `{"M":{"a":{"M":{"b":{"S":"deep"},"c":{"S":"x"}}}}}`,
		"l":    `{"L":[{"S":"x"},{"M":{"y":{"N":"2"}}},{"N":"1"}]}`,
		"newl": `{"L":[{"N":"7"},{"N":"1"},{"S":"x"},{"M":{"y":{"N":"2"}}}]}`,
		"z":    `{"N":"0.5"}`,
		"ss":   `{"SS":["a","b","c"]}`,
		"cnt":  `{"N":"1"}`,
	}
	for k, w := range want {
		if got := out[k].String(); got != w {
			t.Errorf("%s = %s, want %s", k, got, w)
		}
	}
	if _, ok := out["t"]; ok {
		t.Error("t not removed")
	}
	if _, ok := out["ns"]; ok {
		t.Error("emptied set ns not removed")
	}
	if len(changed) != 11 {
		t.Errorf("changed = %v", changed)
	}
	old := Extract(item, []Path{NamePath("n"), {{Name: "l"}, {Kind: ElemIndex, Index: 2}}, NamePath("m", "a", "b")})
	if got := old.String(); got != `{"l":{"L":[{"M":{"y":{"N":"2"}}}]},"m":{"M":{"a":{"M":{"b":{"S":"deep"}}}}},"n":{"N":"10"}}` {
		t.Errorf("Extract = %s", got)
	}
}

func TestUpdateApplyErrors(t *testing.T) {
	vals := map[string]attr.Value{":one": attr.N("1"), ":x": attr.S("x"), ":ss": attr.SS("a")}
	for _, tc := range []struct{ expr, want string }{
		{"SET a = nope", "The provided expression refers to an attribute that does not exist in the item"},
		{"SET a = s + :one", "An operand in the update expression has an incorrect data type"},
		{"SET a = list_append(s, l)", "An operand in the update expression has an incorrect data type"},
		{"SET nope.a = :one", "The document path provided in the update expression is invalid for update"},
		{"SET n[0] = :one", "The document path provided in the update expression is invalid for update"},
		{"ADD s :one", "An operand in the update expression has an incorrect data type"},
		{"ADD ns :ss", "An operand in the update expression has an incorrect data type"},
		{"DELETE ns :ss", "An operand in the update expression has an incorrect data type"},
	} {
		u := resolveUpdate(t, tc.expr, vals)
		_, _, err := u.Apply(testItem())
		wantMsg(t, err, tc.want)
	}
}

func TestUpdateResolveErrors(t *testing.T) {
	vals := map[string]attr.Value{":one": attr.N("1"), ":x": attr.S("x"), ":l": attr.L()}
	for _, tc := range []struct{ expr, want string }{
		{"SET a = :one REMOVE a.b", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"},
		{"SET a[0] = :one REMOVE a.b", "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [0]], path two: [a, b]"},
		{"ADD a :x", "Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"},
		{"DELETE a :one", "Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND"},
		{"SET a = :x + :one", "Incorrect operand type for operator or function; operator or function: +, operand type: S"},
		{"SET a = list_append(:one, :l)", "Incorrect operand type for operator or function; operator or function: list_append, operand type: N"},
		{"SET a = if_not_exists(:one, :one)", "Operator or function requires a document path; operator or function: if_not_exists"},
		{"SET a = list_append(:l)", "Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1"},
		{"SET #a = :one", "An expression attribute name used in the document path is not defined; attribute name: #a"},
	} {
		u, err := ParseUpdate(tc.expr)
		if err != nil {
			t.Fatalf("%q: %v", tc.expr, err)
		}
		_, err = NewResolver(Params{Values: vals}).Update(u)
		wantMsg(t, err, "Invalid UpdateExpression: "+tc.want)
	}
}

func TestProjectionApply(t *testing.T) {
	p, err := ParseProjection("m.a.b, l[2].y, l[0], #t, nope, m.zz")
	if err != nil {
		t.Fatal(err)
	}
	r := NewResolver(Params{Names: map[string]string{"#t": "t"}})
	p, err = r.Projection(p)
	if err != nil {
		t.Fatal(err)
	}
	got := p.Apply(testItem()).String()
	want := `{"l":{"L":[{"N":"1"},{"M":{"y":{"N":"2"}}}]},"m":{"M":{"a":{"M":{"b":{"S":"deep"}}}}},"t":{"BOOL":true}}`
	if got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
	p2, _ := ParseProjection("a, a.b")
	_, err = NewResolver(Params{}).Projection(p2)
	wantMsg(t, err, "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]")
}

func TestKeyCondition(t *testing.T) {
	schema := KeySchema{Hash: "pk", HashType: attr.TypeS, Range: "sk", RangeType: attr.TypeN}
	vals := map[string]attr.Value{":p": attr.S("a"), ":lo": attr.N("2"), ":hi": attr.N("5"), ":s": attr.S("x")}
	kc := func(s string) (*KeyCondition, error) {
		c := resolveCond(t, KindKeyCondition, s, Params{Values: pick(vals, s)})
		return NewKeyCondition(c, schema)
	}
	k, err := kc("pk = :p AND sk BETWEEN :lo AND :hi")
	if err != nil {
		t.Fatal(err)
	}
	if k.Range == nil || k.Range.Op != RangeBetween || !attr.Equal(k.HashValue, attr.S("a")) {
		t.Fatalf("got %+v", k)
	}
	for n, want := range map[string]bool{"1": false, "2": true, "5": true, "6": false} {
		if got := k.Match(attr.Item{"pk": attr.S("a"), "sk": attr.N(n)}); got != want {
			t.Errorf("sk=%s: %v", n, got)
		}
	}
	k, err = kc(":lo < sk AND pk = :p")
	if err != nil || k.Range.Op != RangeGT {
		t.Fatalf("flipped operand: %+v %v", k, err)
	}
	for _, tc := range []struct{ expr, want string }{
		{"sk = :lo", "Query condition missed key schema element: pk"},
		{"pk < :p", "Query key condition not supported"},
		{"pk = :p OR sk = :lo", "Invalid operator used in KeyConditionExpression: OR"},
		{"pk = :p AND sk = :s", "One or more parameter values were invalid: Condition parameter type does not match schema type"},
		{"pk = :p AND pk = :p", "KeyConditionExpressions must only contain one condition per key"},
		{"pk = :p AND contains(sk, :lo)", "Invalid operator used in KeyConditionExpression: contains"},
		{"pk = :p AND sk.x = :lo", "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: sk"},
	} {
		_, err := kc(tc.expr)
		wantMsg(t, err, tc.want)
	}
}

// pick returns the values whose names occur in s.
func pick(vals map[string]attr.Value, s string) map[string]attr.Value {
	out := map[string]attr.Value{}
	for _, tok := range lex(s) {
		if v, ok := vals[tok.text]; ok {
			out[tok.text] = v
		}
	}
	return out
}

func TestCache(t *testing.T) {
	c := NewCache(2)
	a1, err := c.Condition(KindCondition, "a = :v")
	if err != nil {
		t.Fatal(err)
	}
	a2, _ := c.Condition(KindCondition, "a = :v")
	if reflect.ValueOf(a1).Pointer() != reflect.ValueOf(a2).Pointer() {
		t.Error("second lookup did not hit the cache")
	}
	if _, err := c.Condition(KindFilter, "a = "); err == nil {
		t.Error("syntax error not returned")
	}
	c.Update("SET a = :v")
	c.Projection("a")
	if c.Len() != 2 {
		t.Errorf("Len = %d, want 2 (bounded)", c.Len())
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				c.Condition(KindCondition, []string{"a = :v", "b = :v", "c = :v"}[j%3])
			}
		}()
	}
	wg.Wait()
}

func TestCondPaths(t *testing.T) {
	c := mustCond(t, "a = :v AND (size(b.c) > :n OR NOT d[1] IN (:x, e))")
	var got []string
	for _, p := range CondPaths(c) {
		got = append(got, p.String())
	}
	if want := []string{"a", "b.c", "d[1]", "e"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}
