package kvs_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/embedded"
)

// Store.Get has a short path for drivers that read by key values (the
// embedded driver: no Key item, and into a struct no item map at all). These
// tests run the same calls through it and through the long path (the same
// driver hidden behind a wrapper that has only the driver.Driver methods,
// so Get goes through GetItem and attr.UnmarshalItem) and compare results,
// errors and what out holds.

// longPath hides the embedded driver's key-value reads.
type longPath struct{ driver.Driver }

// twoPaths opens one embedded driver on url u and returns stores of the same
// definition on the short and the long path.
func twoPaths(t *testing.T, u string, def kvs.StoreDef) (short, long *kvs.Store) {
	t.Helper()
	ctx := context.Background()
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	drv, err := embedded.OpenURL(ctx, pu)
	if err != nil {
		t.Fatal(err)
	}
	fast, slow := kvs.New(drv, kvs.Options{}), kvs.New(longPath{drv}, kvs.Options{})
	t.Cleanup(func() { fast.Close() })
	if short, err = fast.DefineStore(ctx, def); err != nil {
		t.Fatal(err)
	}
	return short, slow.Store(def.Name)
}

type getNested struct {
	A string
	B int `dynamodbav:"b"`
}

type GetEmbedded struct{ E string }

type getName string

type getUnmarshaler struct{ got attr.Value }

func (u *getUnmarshaler) UnmarshalAttr(v attr.Value) error {
	if v.Type() == attr.TypeBOOL {
		return errors.New("getUnmarshaler: no BOOL")
	}
	u.got = v
	return nil
}

// getTarget has a field of every kind UnmarshalItem distinguishes.
type getTarget struct {
	PK    string `dynamodbav:"pk"`
	SK    int    `dynamodbav:"sk"`
	Str   string
	I     int
	I8    int8
	U16   uint16
	F32   float32
	F64   float64
	Bool  bool
	Bin   []byte
	Arr   [3]byte
	Ptr   *string
	Any   any
	Set   []string `dynamodbav:",stringset"`
	Ints  []int
	Map   map[string]any
	Nest  getNested
	NestP *getNested
	Val   attr.Value
	Item  attr.Item
	Num   attr.Number
	Time  time.Time
	Named getName
	AsStr int `dynamodbav:",string"`
	Unm   getUnmarshaler
	Skip  string `dynamodbav:"-"`
	*GetEmbedded
}

// getFields are getTarget's attribute names (without the key).
var getFields = []string{"Str", "I", "I8", "U16", "F32", "F64", "Bool", "Bin", "Arr", "Ptr", "Any", "Set", "Ints", "Map",
	"Nest", "NestP", "Val", "Item", "Num", "Time", "Named", "AsStr", "Unm", "Skip", "E"}

// randValue returns a random value of a random type, including values that
// fit no field and numbers that overflow or have fractions.
func randValue(r *rand.Rand, depth int) attr.Value {
	strs := []string{"", "x", "12", "-7", "1.5", "2024-01-02T03:04:05Z", "héllo", "E"}
	nums := []string{"0", "1", "-1", "127", "128", "300", "-129", "70000", "1.5", "-0.25", "1E+40", "123456789012345678901234567890", "3.4E+39"}
	n := 11
	if depth > 2 {
		n = 6 // scalars only, deep down
	}
	switch r.IntN(n) {
	case 0, 1:
		return attr.S(strs[r.IntN(len(strs))])
	case 2, 3:
		return attr.N(nums[r.IntN(len(nums))])
	case 4:
		return attr.BOOL(r.IntN(2) == 0)
	case 5:
		if r.IntN(2) == 0 {
			return attr.NULL()
		}
		return attr.B([]byte(strs[r.IntN(len(strs))] + "\x00\xff"))
	case 6:
		l := make([]attr.Value, r.IntN(4))
		for i := range l {
			l[i] = randValue(r, depth+1)
		}
		return attr.L(l...)
	case 7:
		m := map[string]attr.Value{}
		for _, k := range []string{"A", "b", "B", "zz", "Str"} {
			if r.IntN(2) == 0 {
				m[k] = randValue(r, depth+1)
			}
		}
		return attr.M(m)
	case 8:
		return attr.SS("a", "b", strs[r.IntN(len(strs))]+"c")
	case 9:
		return attr.NS("0.75", nums[r.IntN(len(nums))])
	default:
		return attr.BS([]byte{1}, []byte("two"))
	}
}

// fitting are values that each field takes (mostly), so that most random
// items unmarshal and their fields can be compared.
var fitting = map[string][]attr.Value{
	"Str":   {attr.S("s"), attr.S(""), attr.N("12.5"), attr.NULL()},
	"I":     {attr.N("-5"), attr.N("9223372036854775807"), attr.NULL()},
	"I8":    {attr.N("-128"), attr.N("127")},
	"U16":   {attr.N("65535"), attr.N("0")},
	"F32":   {attr.N("1.5"), attr.N("-3.25E+10")},
	"F64":   {attr.N("0.1"), attr.N("1E+100")},
	"Bool":  {attr.BOOL(true), attr.BOOL(false), attr.NULL()},
	"Bin":   {attr.B([]byte{0, 1}), attr.NULL()},
	"Arr":   {attr.B([]byte{9}), attr.B([]byte{1, 2, 3, 4})},
	"Ptr":   {attr.S("p"), attr.NULL()},
	"Set":   {attr.SS("x", "y"), attr.L(attr.S("z"))},
	"Ints":  {attr.NS("1", "2"), attr.L(attr.N("3"), attr.NULL())},
	"Nest":  {attr.M(map[string]attr.Value{"A": attr.S("a"), "B": attr.N("2")}), attr.M(nil)},
	"NestP": {attr.M(map[string]attr.Value{"a": attr.S("a")}), attr.NULL()},
	"Num":   {attr.N("123456789012345678901234567890"), attr.S("7")},
	"Time":  {attr.S("2024-01-02T03:04:05Z"), attr.N("1700000000")},
	"Named": {attr.S("n"), attr.N("3")},
	"AsStr": {attr.S("42"), attr.N("43")},
	"E":     {attr.S("e"), attr.NULL()},
	"Map":   {attr.M(map[string]attr.Value{"k": attr.NS("1"), "l": attr.L()}), attr.NULL()},
	"Item":  {attr.M(map[string]attr.Value{"k": attr.BS([]byte{1})}), attr.NULL()},
}

// randItem returns an item of random attributes for getTarget, each named as
// its field, or in another case (UnmarshalItem's case-insensitive match),
// plus attributes no field takes.
func randItem(r *rand.Rand, pk string, sk int) attr.Item {
	it := attr.Item{"pk": attr.S(pk), "sk": attr.N(fmt.Sprint(sk))}
	for _, f := range getFields {
		if r.IntN(2) == 0 {
			continue
		}
		name := f
		switch r.IntN(4) {
		case 0:
			name = strings.ToLower(f)
		case 1:
			name = strings.ToUpper(f)
		}
		v := randValue(r, 0)
		if fit, ok := fitting[f]; ok && r.IntN(8) != 0 {
			v = fit[r.IntN(len(fit))]
		}
		it[name] = v
	}
	if r.IntN(2) == 0 {
		it["unknown"] = randValue(r, 0)
	}
	return it
}

// possibleErrors returns the messages unmarshalling it into a getTarget
// can fail with: those of each attribute alone, over enough runs to see
// every order of the maps nested in it.
func possibleErrors(it attr.Item) map[string]bool {
	msgs := map[string]bool{}
	for k, v := range it {
		for range 100 {
			var one getTarget
			if err := attr.UnmarshalItem(attr.Item{k: v}, &one); err != nil {
				msgs[err.Error()] = true
			} else {
				break
			}
		}
	}
	return msgs
}

// TestGetShortPathRandom: on random items of every type, Store.Get into a
// struct through the short path leaves the struct exactly as the long path
// (GetItem, then attr.UnmarshalItem) does, and fails when it fails, with
// an error one of the item's attributes gives on its own.
func TestGetShortPathRandom(t *testing.T) {
	for _, u := range []string{"mem://", "file://" + t.TempDir() + "?sync=false"} {
		t.Run(u[:4], func(t *testing.T) {
			ctx := context.Background()
			short, long := twoPaths(t, u, kvs.StoreDef{Name: "things",
				PartitionKey: kvs.KeyAttr{Name: "pk"}, SortKey: kvs.KeyAttr{Name: "sk", Type: kvs.Number}})
			r := rand.New(rand.NewPCG(3, 4))
			const n = 600
			items := make([]attr.Item, n)
			for i := range items {
				items[i] = randItem(r, fmt.Sprint("p", i%7), i)
				if err := short.Upsert(ctx, items[i]); err != nil {
					t.Fatal(err)
				}
			}
			stale := "stale"
			errs := 0
			for i, it := range items {
				key := kvs.PKSK(fmt.Sprint("p", i%7), i)
				// Both start from a struct with every kind of leftover.
				got := getTarget{Str: "old", I: 9, Ptr: &stale, Map: map[string]any{"old": 1}, GetEmbedded: &GetEmbedded{E: "old"}}
				want := got
				fs, errS := short.Get(ctx, key, &got)
				fl, errL := long.Get(ctx, key, &want)
				if !fs || !fl {
					t.Fatalf("item %d: found %v (short) %v (long)", i, fs, fl)
				}
				if (errS == nil) != (errL == nil) {
					t.Fatalf("item %v: short path error %v, long path error %v", it, errS, errL)
				}
				if errS != nil {
					errs++
					if msgs := possibleErrors(it); !msgs[errS.Error()] || !msgs[errL.Error()] {
						t.Fatalf("item %v: short path error %q, long path error %q, want one of %v", it, errS, errL, msgs)
					}
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("item %v:\nshort %+v\nlong  %+v", it, got, want)
				}
			}
			t.Logf("%d of %d items failed to unmarshal", errs, n)
			// The random items must exercise both outcomes.
			if errs == 0 || errs == n {
				t.Fatalf("%d of %d items failed to unmarshal: the generator is off", errs, n)
			}
		})
	}
}

// TestGetShortPathCases: the key's validation, missing items and every kind
// of out give the same answers on both paths.
func TestGetShortPathCases(t *testing.T) {
	ctx := context.Background()
	short, long := twoPaths(t, "mem://", kvs.StoreDef{Name: "things",
		PartitionKey: kvs.KeyAttr{Name: "pk"}, SortKey: kvs.KeyAttr{Name: "sk", Type: kvs.Number}})
	hShort, hLong := twoPaths(t, "mem://", kvs.StoreDef{Name: "flat", PartitionKey: kvs.KeyAttr{Name: "id", Type: kvs.Binary}})
	item := attr.Item{"pk": attr.S("a"), "sk": attr.N("1"), "Str": attr.S("s"), "n": attr.N("2.5"), "l": attr.L(attr.BOOL(true))}
	if err := short.Upsert(ctx, item); err != nil {
		t.Fatal(err)
	}
	if err := hShort.Upsert(ctx, attr.Item{"id": attr.B([]byte{1}), "v": attr.NS("1")}); err != nil {
		t.Fatal(err)
	}
	type anyMap = map[string]any
	outs := []func() any{
		func() any { return nil },
		func() any { return &getTarget{Str: "old"} },
		func() any { return &attr.Item{"old": attr.S("x")} },
		func() any { return &anyMap{"old": 1} },
		func() any { return &map[string]attr.Value{} },
		func() any { return new(any) },
		func() any { return &getUnmarshaler{} },
		func() any { return new(attr.Value) },
		func() any { return new(time.Time) },
		func() any { return getTarget{} }, // not a pointer
		func() any { return (*getTarget)(nil) },
		func() any { return new(string) },
		func() any { return new(struct{ N int8 }) },
	}
	cases := []struct {
		short, long *kvs.Store
		key         kvs.Key
	}{
		{short, long, kvs.PKSK("a", 1)},
		{short, long, kvs.PKSK("a", 2)},                         // no such item
		{short, long, kvs.PK("a")},                              // no sort key
		{short, long, kvs.PKSK(1, 1)},                           // wrong type
		{short, long, kvs.PKSK("a", "1")},                       // wrong sort key type
		{short, long, kvs.PKSK("", 1)},                          // empty string
		{short, long, kvs.PKSK(strings.Repeat("k", 2049), 1)},   // too long
		{short, long, kvs.PKSK("a", strings.Repeat("k", 1025))}, // wrong type and too long
		{short, long, kvs.PKSK(make(chan int), 1)},              // not marshallable
		{short, long, kvs.PKSK("a", make(chan int))},
		{short, long, kvs.PKSK(nil, 1)},
		{short, long, kvs.PKSK(attr.Value{}, 1)},
		{hShort, hLong, kvs.PK([]byte{1})},
		{hShort, hLong, kvs.PK([]byte{2})},
		{hShort, hLong, kvs.PK([]byte{})},
		{hShort, hLong, kvs.PKSK([]byte{1}, 1)}, // extra sort key
		{hShort, hLong, kvs.PK("a")},
		{short.DB().Store("nothere"), long.DB().Store("nothere"), kvs.PKSK("a", 1)},
	}
	for i, c := range cases {
		for j, out := range outs {
			gotS, gotL := out(), out()
			fs, errS := c.short.Get(ctx, c.key, gotS)
			fl, errL := c.long.Get(ctx, c.key, gotL)
			if fs != fl || fmt.Sprint(errS) != fmt.Sprint(errL) || !reflect.DeepEqual(gotS, gotL) {
				t.Errorf("case %d, out %d (%T): short %v %v %#v; long %v %v %#v", i, j, gotS, fs, errS, gotS, fl, errL, gotL)
			}
			if reflect.TypeOf(errS) != reflect.TypeOf(errL) {
				t.Errorf("case %d, out %d: error types %T and %T", i, j, errS, errL)
			}
		}
	}
}

// TestGetAfterRedefine: a Store keeps its table's schema between calls, and
// sees the table dropped and defined again with another key type.
func TestGetAfterRedefine(t *testing.T) {
	ctx := context.Background()
	db, err := kvs.Open(ctx, "mem://", kvs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := db.DefineStore(ctx, kvs.StoreDef{Name: "things", PartitionKey: kvs.KeyAttr{Name: "id"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Upsert(ctx, attr.Item{"id": attr.S("a"), "v": attr.N("1")}); err != nil {
		t.Fatal(err)
	}
	var it attr.Item
	if found, err := st.Get(ctx, kvs.PK("a"), &it); !found || err != nil {
		t.Fatal(found, err)
	}
	if _, err := db.DeleteTable(ctx, &kvs.DeleteTableInput{TableName: "things"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Get(ctx, kvs.PK("a"), &it); err == nil || !strings.Contains(err.Error(), "ResourceNotFound") {
		t.Fatalf("Get after DeleteTable: %v", err)
	}
	if _, err := db.DefineStore(ctx, kvs.StoreDef{Name: "things", PartitionKey: kvs.KeyAttr{Name: "n", Type: kvs.Number}}); err != nil {
		t.Fatal(err)
	}
	if err := st.Upsert(ctx, attr.Item{"n": attr.N("7"), "v": attr.S("x")}); err != nil {
		t.Fatal(err)
	}
	var got struct{ N, V string }
	if found, err := st.Get(ctx, kvs.PK(7), &got); !found || err != nil || got.N != "7" || got.V != "x" {
		t.Fatalf("Get after redefining: %v %v %+v", found, err, got)
	}
	if _, err := st.Get(ctx, kvs.PK("a"), &got); err == nil {
		t.Fatal("Get with the old key type succeeded")
	}
}
