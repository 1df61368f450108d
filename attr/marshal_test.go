package attr_test

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kvs-project/kvs/attr"
)

// same reports whether two values are identical, number text included (the
// wire JSON with sorted keys is a faithful rendering).
func same(a, b attr.Value) bool {
	return a.Type() == b.Type() && a.String() == b.String()
}

// celsius marshals itself as a number of tenths of a degree.
type celsius float64

func (c celsius) MarshalAttr() (attr.Value, error) {
	return attr.N(strconv.Itoa(int(math.Round(float64(c) * 10)))), nil
}

func (c *celsius) UnmarshalAttr(v attr.Value) error {
	if v.Type() != attr.TypeN {
		return errors.New("celsius: want N")
	}
	tenths, err := strconv.Atoi(v.Str())
	*c = celsius(float64(tenths) / 10)
	return err
}

// upper marshals through a pointer receiver only.
type upper string

func (u *upper) MarshalAttr() (attr.Value, error) { return attr.S(strings.ToUpper(string(*u))), nil }

// hidden marshals to nothing: the attribute is omitted.
type hidden struct{}

func (hidden) MarshalAttr() (attr.Value, error) { return attr.Value{}, nil }

type textKey struct{ a, b string }

func (k textKey) MarshalText() ([]byte, error) { return []byte(k.a + "/" + k.b), nil }

func (k *textKey) UnmarshalText(b []byte) error {
	var ok bool
	k.a, k.b, ok = strings.Cut(string(b), "/")
	if !ok {
		return errors.New("textKey: no slash")
	}
	return nil
}

func TestMarshalScalars(t *testing.T) {
	one := 1
	pone := &one
	var nilInt *int
	tm := time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)
	for _, tc := range []struct {
		name string
		in   any
		want attr.Value
	}{
		{"nil", nil, attr.NULL()},
		{"true", true, attr.BOOL(true)},
		{"false", false, attr.BOOL(false)},
		{"empty string", "", attr.S("")},
		{"string", "héllo", attr.S("héllo")},
		{"int8", int8(-5), attr.N("-5")},
		{"int64 min", int64(math.MinInt64), attr.N("-9223372036854775808")},
		{"uint64 max", uint64(math.MaxUint64), attr.N("18446744073709551615")},
		{"uint8", uint8(255), attr.N("255")},
		{"float 1.5", 1.5, attr.N("1.5")},
		{"float 100", 100.0, attr.N("100")},
		{"float 1e21", 1e21, attr.N("1000000000000000000000")},
		{"float 1e-7", 1e-7, attr.N("0.0000001")},
		{"float -0", math.Copysign(0, -1), attr.N("0")},
		{"float -2.25", -2.25, attr.N("-2.25")},
		{"float32 0.1", float32(0.1), attr.N("0.1")},
		{"float 0.1+0.2", func() float64 { a, b := 0.1, 0.2; return a + b }(), attr.N("0.30000000000000004")},
		{"float max", math.MaxFloat64, attr.N("179769313486231570" + strings.Repeat("0", 291))},
		{"Number canonicalised", attr.Number("001.50"), attr.N("1.5")},
		{"json.Number", json.Number("1e3"), attr.N("1000")},
		{"zero Number", attr.Number(""), attr.N("0")},
		{"bytes", []byte{1, 0, 2}, attr.B([]byte{1, 0, 2})},
		{"empty bytes", []byte{}, attr.B([]byte{})},
		{"nil bytes", []byte(nil), attr.NULL()},
		{"byte array", [3]byte{7, 8, 9}, attr.B([]byte{7, 8, 9})},
		{"bytes slices", [][]byte{{1}, {2}}, attr.BS([]byte{1}, []byte{2})},
		{"empty bytes slices", [][]byte{}, attr.NULL()},
		{"strings", []string{"a", "b"}, attr.L(attr.S("a"), attr.S("b"))},
		{"empty slice", []int{}, attr.L()},
		{"nil slice", []int(nil), attr.NULL()},
		{"mixed list", []any{1, "x", nil, true}, attr.L(attr.N("1"), attr.S("x"), attr.NULL(), attr.BOOL(true))},
		{"int array", [2]int{3, 4}, attr.L(attr.N("3"), attr.N("4"))},
		{"map", map[string]int{"a": 1}, attr.M(map[string]attr.Value{"a": attr.N("1")})},
		{"int keys", map[int]bool{-1: true}, attr.M(map[string]attr.Value{"-1": attr.BOOL(true)})},
		{"text keys", map[textKey]int{{"x", "y"}: 1}, attr.M(map[string]attr.Value{"x/y": attr.N("1")})},
		{"nil map", map[string]int(nil), attr.NULL()},
		{"empty map", map[string]int{}, attr.M(nil)},
		{"empty key", map[string]int{"": 1}, attr.M(map[string]attr.Value{"": attr.N("1")})},
		{"time", tm, attr.S("2024-01-02T03:04:05.000000006Z")},
		{"pointer", pone, attr.N("1")},
		{"pointer to pointer", &pone, attr.N("1")},
		{"nil pointer", nilInt, attr.NULL()},
		{"pointer to interface", func() *any { var x any = 5; return &x }(), attr.N("5")},
		{"pointer to nil interface", new(any), attr.NULL()},
		{"typed nil in interface", []any{(*celsius)(nil)}, attr.L(attr.NULL())},
		{"Value", attr.SS("a"), attr.SS("a")},
		{"Item", attr.Item{"k": attr.N("2")}, attr.M(map[string]attr.Value{"k": attr.N("2")})},
		{"Marshaler", celsius(21.5), attr.N("215")},
		{"pointer Marshaler", func() *upper { u := upper("abc"); return &u }(), attr.S("ABC")},
		{"Marshaler omitted at top", hidden{}, attr.NULL()},
	} {
		got, err := attr.Marshal(tc.in)
		if err != nil {
			t.Errorf("%s: Marshal(%#v): %v", tc.name, tc.in, err)
			continue
		}
		if !same(got, tc.want) {
			t.Errorf("%s: Marshal(%#v) = %s, want %s", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestMarshalCopiesBytes(t *testing.T) {
	b := []byte("abc")
	v, err := attr.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	b[0] = 'X'
	if v.Str() != "abc" {
		t.Errorf("B value changed with its source slice: %q", v.Str())
	}
}

func TestMarshalErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   any
		want string
	}{
		{"NaN", math.NaN(), "unsupported number NaN"},
		{"Inf", math.Inf(1), "unsupported number +Inf"},
		{"complex", complex(1, 2), "unsupported type complex128"},
		{"struct key", map[[2]int]int{{1, 2}: 1}, "map key type [2]int not supported"},
		{"bad Number", attr.Number("1x"), `number "1x"`},
		{"number set of strings", struct {
			A []string `dynamodbav:",numberset"`
		}{[]string{"a"}}, "NS set member 0 of []string marshals to S, not N"},
		{"omitempty and nullempty", struct {
			A string `dynamodbav:",omitempty,nullempty"`
		}{}, "omitempty and nullempty"},
	} {
		_, err := attr.Marshal(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "attr: ") {
			t.Errorf("%s: Marshal error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
	if _, err := attr.MarshalItem(5); err == nil || !strings.Contains(err.Error(), "marshals to N, not M") {
		t.Errorf("MarshalItem(5): %v", err)
	}
	if _, err := attr.MarshalItem((*struct{ A int })(nil)); err == nil || !strings.Contains(err.Error(), "NULL") {
		t.Errorf("MarshalItem(nil pointer): %v", err)
	}
}

type Base struct {
	ID      string `dynamodbav:"id"`
	Version int
	Shadow  string
}

type Audit struct {
	Created time.Time `dynamodbav:"created,unixtime"`
	Shadow  string
}

type Conflict1 struct{ Dup int }
type Conflict2 struct{ Dup int }

type tagged struct {
	Base
	*Audit
	Conflict1
	Conflict2
	Shadow     string // shallower: hides Base.Shadow and Audit.Shadow
	Name       string `dynamodbav:"name"`
	Skipped    string `dynamodbav:"-"`
	SkippedToo string `dynamodbav:"-,omitempty"`
	unexported string
	OmitInt    int               `dynamodbav:",omitempty"`
	OmitStr    string            `dynamodbav:",omitempty"`
	OmitPtr    *int              `dynamodbav:",omitempty"`
	OmitSlice  []int             `dynamodbav:",omitempty"`
	OmitBool   bool              `dynamodbav:"omit_bool,omitempty"`
	NullStr    string            `dynamodbav:",nullempty"`
	NilPtr     *string           // NULL
	Tags       []string          `dynamodbav:"tags,stringset"`
	Scores     []int             `dynamodbav:"scores,numberset"`
	Blobs      [][]byte          `dynamodbav:"blobs,binaryset"`
	NoTags     []string          `dynamodbav:",stringset"` // empty set: NULL
	AsText     int               `dynamodbav:",string"`
	Elems      map[string]string `dynamodbav:",omitemptyelem"`
	Fn         func()
	Temp       celsius
	Upper      upper // pointer-receiver Marshaler: used when addressable
	Gone       hidden
}

func TestMarshalStructTags(t *testing.T) {
	in := &tagged{
		Base:       Base{ID: "u1", Version: 3, Shadow: "deep"},
		Audit:      &Audit{Created: time.Unix(1700000000, 999), Shadow: "deep2"},
		Conflict1:  Conflict1{Dup: 1},
		Conflict2:  Conflict2{Dup: 2},
		Shadow:     "top",
		Name:       "n",
		Skipped:    "x",
		SkippedToo: "y",
		unexported: "z",
		OmitSlice:  []int{},
		Tags:       []string{"b", "a"},
		Scores:     []int{10, -2},
		Blobs:      [][]byte{{0xff}},
		NoTags:     []string{},
		AsText:     42,
		Elems:      map[string]string{"keep": "v", "drop": ""},
		Fn:         func() {},
		Temp:       celsius(-3.5),
		Upper:      "up",
	}
	got, err := attr.MarshalItem(in)
	if err != nil {
		t.Fatal(err)
	}
	want := attr.Item{
		"id":        attr.S("u1"),
		"Version":   attr.N("3"),
		"created":   attr.N("1700000000"),
		"Shadow":    attr.S("top"),
		"name":      attr.S("n"),
		"OmitSlice": attr.L(),
		"NullStr":   attr.NULL(),
		"NilPtr":    attr.NULL(),
		"tags":      attr.SS("b", "a"),
		"scores":    attr.NS("10", "-2"),
		"blobs":     attr.BS([]byte{0xff}),
		"NoTags":    attr.NULL(),
		"AsText":    attr.S("42"),
		"Elems":     attr.M(map[string]attr.Value{"keep": attr.S("v")}),
		"Temp":      attr.N("-35"),
		"Upper":     attr.S("UP"),
	}
	if got.String() != want.String() {
		t.Errorf("MarshalItem =\n%s\nwant\n%s", got, want)
	}

	// A nil embedded pointer contributes no fields; a struct passed by value
	// is not addressable, so the pointer-receiver Marshaler is not used.
	in.Audit = nil
	got, err = attr.MarshalItem(*in)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got["created"]; ok {
		t.Errorf("field of nil embedded pointer marshalled: %s", got)
	}
	if !same(got["Upper"], attr.S("up")) {
		t.Errorf("Upper by value = %s, want plain S", got["Upper"])
	}
}

type (
	tagX struct {
		Q int `dynamodbav:"X"`
	}
	plainX  struct{ X int }
	common  struct{ C int }
	viaOne  struct{ common }
	viaTwo  struct{ common }
	visible struct {
		tagX   // its tagged "X" beats plainX.X at the same depth
		plainX //
		viaOne // common reached twice at one depth: C conflicts, dropped
		viaTwo
		Own int
	}
)

func TestMarshalFieldVisibility(t *testing.T) {
	got, err := attr.MarshalItem(visible{tagX: tagX{Q: 1}, plainX: plainX{X: 2}, viaOne: viaOne{common{3}}, viaTwo: viaTwo{common{4}}, Own: 5})
	if err != nil {
		t.Fatal(err)
	}
	want := attr.Item{"X": attr.N("1"), "Own": attr.N("5")}
	if got.String() != want.String() {
		t.Errorf("MarshalItem = %s, want %s", got, want)
	}
	var back visible
	if err := attr.UnmarshalItem(attr.Item{"X": attr.N("9"), "C": attr.N("9")}, &back); err != nil || back.Q != 9 || back.X != 0 || back.viaOne.C != 0 {
		t.Errorf("UnmarshalItem = %+v, %v", back, err)
	}
}

// record exercises every kind the marshaller supports, for round trips.
type record struct {
	Base
	Str      string
	Int      int
	I8       int8
	U64      uint64
	F32      float32
	F64      float64
	Bool     bool
	Bytes    []byte
	Arr      [4]byte
	Ptr      *int
	NilPtr   *int
	PtrPtr   **string
	List     []string
	Ints     []int64
	Nested   []map[string]*Base
	Map      map[string]int
	IntMap   map[int]string
	TextMap  map[textKey]bool
	Set      []string `dynamodbav:",stringset"`
	NumSet   []float64
	BinSet   [][]byte
	When     time.Time
	WhenUnix time.Time `dynamodbav:",unixtime"`
	Num      attr.Number
	Any      any
	Raw      attr.Value
	Temp     celsius
	Temps    []celsius `dynamodbav:",numberset"`
	Item     attr.Item
	Inner    struct{ X, Y int }
}

func fullRecord() *record {
	five := 5
	s := "deep"
	ps := &s
	return &record{
		Base:  Base{ID: "id-1", Version: 7, Shadow: "sh"},
		Str:   "text\x00with nul",
		Int:   -42,
		I8:    math.MinInt8,
		U64:   math.MaxUint64,
		F32:   3.25,
		F64:   -1.0 / 3,
		Bool:  true,
		Bytes: []byte{0, 1, 2, 255},
		Arr:   [4]byte{1, 2, 3, 4},
		Ptr:   &five, PtrPtr: &ps,
		List:     []string{"a", "", "c"},
		Ints:     []int64{math.MaxInt64, 0},
		Nested:   []map[string]*Base{{"x": {ID: "nested"}}, {"nil": nil}},
		Map:      map[string]int{"one": 1, "two": 2},
		IntMap:   map[int]string{7: "seven"},
		TextMap:  map[textKey]bool{{"p", "q"}: true},
		Set:      []string{"s1", "s2"},
		NumSet:   []float64{1.5, 2},
		BinSet:   [][]byte{{1}, {2, 3}},
		When:     time.Date(2023, 12, 31, 23, 59, 59, 123456789, time.UTC),
		WhenUnix: time.Unix(1700000000, 0),
		Num:      "12345678901234567890123456789012345678",
		Any:      map[string]any{"n": attr.Number("1.5"), "l": []any{"x", true, nil}},
		Raw:      attr.NS("1", "2"),
		Temp:     21.5,
		Temps:    []celsius{1.5, -2},
		Item:     attr.Item{"a": attr.S("b")},
		Inner:    struct{ X, Y int }{1, 2},
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	in := fullRecord()
	it, err := attr.MarshalItem(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := attr.ValidateItem(it); err != nil {
		t.Fatalf("marshalled item is not valid: %v\n%s", err, it)
	}
	var out record
	if err := attr.UnmarshalItem(it, &out); err != nil {
		t.Fatal(err)
	}
	// Times come back in the local zone; compare instants.
	if !out.WhenUnix.Equal(in.WhenUnix) {
		t.Errorf("WhenUnix = %v, want %v", out.WhenUnix, in.WhenUnix)
	}
	out.WhenUnix = in.WhenUnix
	if !out.When.Equal(in.When) {
		t.Errorf("When = %v, want %v", out.When, in.When)
	}
	out.When = in.When
	if !same(out.Raw, in.Raw) {
		t.Errorf("Raw = %s, want %s", out.Raw, in.Raw)
	}
	out.Raw = in.Raw
	if out.Item.String() != in.Item.String() {
		t.Errorf("Item = %s, want %s", out.Item, in.Item)
	}
	out.Item = in.Item
	if !reflect.DeepEqual(&out, in) {
		t.Errorf("round trip differs:\n got %#v\nwant %#v", out, *in)
	}
	// And again: marshalling what came back gives the same item.
	again, err := attr.MarshalItem(&out)
	if err != nil {
		t.Fatal(err)
	}
	if again.String() != it.String() {
		t.Errorf("second marshal differs:\n%s\n%s", again, it)
	}
}

func TestUnmarshalIntoInterface(t *testing.T) {
	v := attr.M(map[string]attr.Value{
		"s": attr.S("x"), "n": attr.N("-1.25"), "b": attr.B([]byte{1}), "t": attr.BOOL(true),
		"null": attr.NULL(), "l": attr.L(attr.N("1"), attr.S("y")), "m": attr.M(map[string]attr.Value{"k": attr.N("0")}),
		"ss": attr.SS("a"), "ns": attr.NS("1", "2"), "bs": attr.BS([]byte{9}),
	})
	var got any
	if err := attr.Unmarshal(v, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"s": "x", "n": attr.Number("-1.25"), "b": []byte{1}, "t": true, "null": nil,
		"l": []any{attr.Number("1"), "y"}, "m": map[string]any{"k": attr.Number("0")},
		"ss": []string{"a"}, "ns": []attr.Number{"1", "2"}, "bs": [][]byte{{9}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Unmarshal into any = %#v\nwant %#v", got, want)
	}
}

func TestUnmarshalNullAndMissing(t *testing.T) {
	type target struct {
		P   *int
		I   int
		S   []string
		V   attr.Value
		Any any
		Old string
	}
	one := 1
	out := target{P: &one, I: 5, S: []string{"x"}, Any: "x", Old: "kept"}
	err := attr.UnmarshalItem(attr.Item{"P": attr.NULL(), "I": attr.NULL(), "S": attr.NULL(), "V": attr.NULL(), "Any": attr.NULL()}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if out.P != nil || out.I != 0 || out.S != nil || out.V.Type() != attr.TypeNULL || out.Any != nil || out.Old != "kept" {
		t.Errorf("after NULLs: %+v", out)
	}
	// A field matches its attribute name case-insensitively as a fallback.
	if err := attr.UnmarshalItem(attr.Item{"old": attr.S("new")}, &out); err != nil || out.Old != "new" {
		t.Errorf("case-insensitive match: %v, %q", err, out.Old)
	}
	// A NULL into a pointer-receiver Unmarshaler reaches it.
	var c celsius = 3
	if err := attr.Unmarshal(attr.NULL(), &c); err == nil {
		t.Errorf("celsius accepted NULL")
	}
}

func TestUnmarshalErrors(t *testing.T) {
	type deep struct {
		Inner struct {
			Age int `dynamodbav:"age"`
		} `dynamodbav:"inner"`
	}
	for _, tc := range []struct {
		name  string
		in    attr.Value
		out   any
		want  string
		field string
	}{
		{"fraction into int", attr.N("1.5"), new(int), "cannot unmarshal number 1.5 into Go value of type int: invalid syntax", ""},
		{"overflow int8", attr.N("300"), new(int8), "number 300 into Go value of type int8: value out of range", ""},
		{"overflow int64", attr.N("9223372036854775808"), new(int64), "value out of range", ""},
		{"negative into uint", attr.N("-1"), new(uint), "number -1 into Go value of type uint", ""},
		{"overflow float32", attr.N("1" + strings.Repeat("0", 60)), new(float32), "float32", ""},
		{"S into int", attr.S("1"), new(int), "cannot unmarshal S into Go value of type int", ""},
		{"BOOL into string", attr.BOOL(true), new(string), "BOOL into Go value of type string", ""},
		{"L into struct", attr.L(), new(Base), "L into Go value of type attr_test.Base", ""},
		{"M into slice", attr.M(nil), new([]int), "M into Go value", ""},
		{"SS into int", attr.SS("a"), new(int), "SS into Go value of type int", ""},
		{"B into string", attr.B(nil), new(string), "B into Go value of type string", ""},
		{"text into Number", attr.S("ten"), new(attr.Number), `S "ten" into Go value of type attr.Number`, ""},
		{"bad time", attr.S("yesterday"), new(time.Time), `S "yesterday" into Go value of type time.Time`, ""},
		{"bad map key", attr.M(map[string]attr.Value{"x": attr.N("1")}), new(map[int]int), `map key "x"`, ""},
		{"nested field", attr.M(map[string]attr.Value{"inner": attr.M(map[string]attr.Value{"age": attr.S("old")})}), new(deep),
			"cannot unmarshal S into Go struct field inner.age of type int", "inner.age"},
		{"list element", attr.M(map[string]attr.Value{"List": attr.L(attr.BOOL(true))}), new(record), "BOOL into Go struct field List of type string", "List"},
	} {
		err := attr.Unmarshal(tc.in, tc.out)
		var te *attr.UnmarshalTypeError
		if !errors.As(err, &te) || !strings.Contains(err.Error(), tc.want) || te.Field != tc.field {
			t.Errorf("%s: Unmarshal error %v, want UnmarshalTypeError containing %q in field %q", tc.name, err, tc.want, tc.field)
		}
	}
	var ie *attr.InvalidUnmarshalError
	if err := attr.Unmarshal(attr.S("x"), "not a pointer"); !errors.As(err, &ie) {
		t.Errorf("non-pointer: %v", err)
	}
	if err := attr.Unmarshal(attr.S("x"), (*string)(nil)); !errors.As(err, &ie) || err.Error() != "attr: Unmarshal(nil *string)" {
		t.Errorf("nil pointer: %v", err)
	}
	if err := attr.UnmarshalItem(attr.Item{"Temp": attr.S("warm")}, new(record)); err == nil || err.Error() != "celsius: want N" {
		t.Errorf("Unmarshaler error not passed through: %v", err)
	}
}

func TestUnmarshalIntoExisting(t *testing.T) {
	// Slices are resized and arrays zero-filled past the data.
	s := []int{9, 9, 9}
	if err := attr.Unmarshal(attr.L(attr.N("1")), &s); err != nil || !reflect.DeepEqual(s, []int{1}) {
		t.Errorf("into longer slice: %v %v", s, err)
	}
	a := [3]int{9, 9, 9}
	if err := attr.Unmarshal(attr.L(attr.N("1"), attr.N("2")), &a); err != nil || a != [3]int{1, 2, 0} {
		t.Errorf("into array: %v %v", a, err)
	}
	// Maps are merged into.
	m := map[string]int{"old": 1}
	if err := attr.Unmarshal(attr.M(map[string]attr.Value{"new": attr.N("2")}), &m); err != nil || len(m) != 2 {
		t.Errorf("into map: %v %v", m, err)
	}
	// N into a string field keeps the text; "string" reads numbers from S.
	var x struct {
		Text string
		Num  uint16 `dynamodbav:",string"`
	}
	if err := attr.UnmarshalItem(attr.Item{"Text": attr.N("1.50"), "Num": attr.S("65535")}, &x); err != nil || x.Text != "1.50" || x.Num != 65535 {
		t.Errorf("string conversions: %+v %v", x, err)
	}
	// An interface holding a pointer is decoded through.
	n := 0
	var ip any = &n
	if err := attr.Unmarshal(attr.N("7"), &ip); err != nil || n != 7 {
		t.Errorf("through interface pointer: %d %v", n, err)
	}
}

// bench is the 10-field struct of the marshalling benchmarks.
type bench struct {
	PK      string    `dynamodbav:"pk"`
	SK      string    `dynamodbav:"sk"`
	Name    string    `dynamodbav:"name"`
	Age     int       `dynamodbav:"age"`
	Score   float64   `dynamodbav:"score"`
	Active  bool      `dynamodbav:"active"`
	Tags    []string  `dynamodbav:"tags,stringset"`
	Created time.Time `dynamodbav:"created"`
	Blob    []byte    `dynamodbav:"blob"`
	Note    *string   `dynamodbav:"note,omitempty"`
}

func benchValue() *bench {
	note := "a note"
	return &bench{
		PK: "user#123", SK: "profile", Name: "Ada Lovelace", Age: 36, Score: 98.5, Active: true,
		Tags: []string{"math", "engines"}, Created: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC),
		Blob: []byte("0123456789"), Note: &note,
	}
}

func BenchmarkMarshalItem(b *testing.B) {
	in := benchValue()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := attr.MarshalItem(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalItem(b *testing.B) {
	it, err := attr.MarshalItem(benchValue())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var out bench
		if err := attr.UnmarshalItem(it, &out); err != nil {
			b.Fatal(err)
		}
	}
}
