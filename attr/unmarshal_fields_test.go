package attr

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

type plainName string

type plainFields struct {
	S   string
	SS  string `dynamodbav:",string"`
	PN  plainName
	B   bool
	I   int
	I8  int8
	I16 int16
	I32 int32
	I64 int64
	U   uint
	U8  uint8
	U16 uint16
	U32 uint32
	U64 uint64
	UP  uintptr
	F32 float32
	F64 float64
}

// TestSetPlain: for every plain field kind and values of every type (numbers
// at and past each kind's limits, with fractions and exponents), the
// shortcut leaves the field as unmarshalValue does, and leaves to it every
// case it does not handle unchanged.
func TestSetPlain(t *testing.T) {
	values := []Value{S(""), S("x"), S("12"), N("0"), N("1"), N("-1"), N("127"), N("128"), N("-129"), N("255"), N("256"),
		N("32767"), N("65536"), N("2147483648"), N("-2147483649"), N("4294967296"), N("9223372036854775807"),
		N("9223372036854775808"), N("18446744073709551616"), N("1.5"), N("-0.25"), N("1E+2"), N("1E+40"), N("3.4E+38"),
		N("1E+125"), N("1E-130"), N("-0"), N("007"), N("999999999999999999"), N("-999999999999999999"),
		N("1000000000000000000"), N("-9223372036854775808"), N("-"), N(""), N("+5"), N("1_0"), N("123456789012345678901234567890"), BOOL(true), BOOL(false), NULL(), B([]byte{1}),
		L(N("1")), M(map[string]Value{"a": N("1")}), SS("a"), NS("1"), BS([]byte{2})}
	ti := infoOf(reflect.TypeFor[plainFields]())
	for fi := range ti.fields {
		f := &ti.fields[fi]
		if !f.plain {
			t.Fatalf("field %s is not plain", f.name)
		}
		for _, v := range values {
			var short, long plainFields
			// Start from a non-zero field, so that NULL's zeroing shows.
			setNonZero(reflect.ValueOf(&short).Elem().FieldByIndex(f.index))
			setNonZero(reflect.ValueOf(&long).Elem().FieldByIndex(f.index))
			fv := reflect.ValueOf(&short).Elem().FieldByIndex(f.index)
			lerr := unmarshalValue(v, reflect.ValueOf(&long).Elem().FieldByIndex(f.index), f.tag)
			if setPlain(v, fv, f.tag) {
				if lerr != nil || short != long {
					t.Errorf("%s <- %v: shortcut gave %+v, unmarshalValue %+v (%v)", f.name, v, short, long, lerr)
				}
				continue
			}
			// Not taken: the field is untouched, for unmarshalValue to do.
			var untouched plainFields
			setNonZero(reflect.ValueOf(&untouched).Elem().FieldByIndex(f.index))
			if short != untouched {
				t.Errorf("%s <- %v: shortcut declined but changed the field to %+v", f.name, v, short)
			}
			if v.Type() == TypeS && f.typ.Kind() == reflect.String {
				t.Errorf("%s <- %v: shortcut declined a common case", f.name, v)
			}
		}
	}
}

func setNonZero(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("old")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(7)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(7.5)
	default:
		panic(fmt.Sprint("setNonZero: ", v.Kind()))
	}
}

// TestSmallInt: smallInt agrees with strconv.ParseInt wherever it answers,
// and answers for every 1- to 18-digit integer.
func TestSmallInt(t *testing.T) {
	for _, s := range []string{"0", "-0", "7", "-7", "007", "123456789012345678", "-123456789012345678",
		"1234567890123456789", "", "-", "+1", "1.0", "1e3", "12a", "٣", "9223372036854775807"} {
		got, ok := smallInt(s)
		want, err := strconv.ParseInt(s, 10, 64)
		digits := strings.TrimPrefix(s, "-")
		shouldAnswer := len(digits) >= 1 && len(digits) <= 18 && strings.Trim(digits, "0123456789") == ""
		if ok != shouldAnswer || (ok && (err != nil || got != want)) {
			t.Errorf("smallInt(%q) = %d, %v; ParseInt %d, %v", s, got, ok, want, err)
		}
	}
}

// TestPlainTypes: only method-less scalar types take the shortcut.
func TestPlainTypes(t *testing.T) {
	for _, c := range []struct {
		v     any
		plain bool
	}{
		{"", true}, {plainName(""), true}, {0, true}, {uint8(0), true}, {1.5, true}, {true, true},
		{Number(""), false}, {[]byte(nil), false}, {new(string), false}, {Value{}, false}, {Item{}, false},
		{[]string{}, false}, {any(nil), false}, {struct{}{}, false},
	} {
		typ := reflect.TypeOf(c.v)
		if typ == nil {
			typ = reflect.TypeFor[any]()
		}
		if got := isPlainType(typ); got != c.plain {
			t.Errorf("isPlainType(%v) = %v", typ, got)
		}
	}
}

type benchFields struct {
	PK      string `dynamodbav:"pk"`
	SK      int    `dynamodbav:"sk"`
	Count   int    `dynamodbav:"count"`
	Version int    `dynamodbav:"version"`
	Payload string `dynamodbav:"payload"`
}

// BenchmarkStructDecoder stores the benchmarks' 5-attribute item in a
// struct attribute by attribute, in stored (name) order.
func BenchmarkStructDecoder(b *testing.B) {
	names := []string{"count", "payload", "pk", "sk", "version"}
	vals := []Value{N("0"), S("xxxxxxxx"), S("p12"), N("34"), N("0")}
	var out benchFields
	b.ReportAllocs()
	defer cpuNsPerOp(b)()
	for b.Loop() {
		d, ok := NewStructDecoder(&out)
		if !ok {
			b.Fatal("no decoder")
		}
		d.Zero()
		for i, n := range names {
			if err := d.Attr(n, vals[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// cpuNsPerOp reports the process's CPU time (user + system) per operation,
// steadier than wall time on a shared machine; call the function it returns
// after the loop.
func cpuNsPerOp(b *testing.B) func() {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	cpu0 := cpu()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpu()-cpu0)/float64(b.N), "cpu-ns/op")
		}
	}
}

type DecoderEmbedded struct {
	Inner  string
	Shadow int
}

type decoderTarget struct {
	A      string `dynamodbav:"a"`
	B      int    `dynamodbav:"b"`
	Camel  string
	Z      []string `dynamodbav:"z,stringset"`
	Shadow string
	*DecoderEmbedded
	Nested struct{ X int }
}

// TestStructDecoderOrder: attributes in any order, named exactly or in
// another case, known or not, leave the struct as UnmarshalItem leaves it
// (StructDecoder's walk by name falls back to fieldByName).
func TestStructDecoderOrder(t *testing.T) {
	attrs := []struct {
		name string
		v    Value
	}{
		{"a", S("x")}, {"b", N("3")}, {"camel", S("lower")}, {"z", SS("p", "q")}, {"Shadow", S("outer")},
		{"INNER", S("in")}, {"Nested", M(map[string]Value{"x": N("9")})}, {"unknown", BOOL(true)}, {"0first", NULL()},
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		r.Shuffle(len(attrs), func(i, j int) { attrs[i], attrs[j] = attrs[j], attrs[i] })
		n := 1 + r.IntN(len(attrs))
		it := Item{}
		var got decoderTarget
		d, ok := NewStructDecoder(&got)
		if !ok {
			t.Fatal("no decoder")
		}
		for _, a := range attrs[:n] {
			it[a.name] = a.v
			if err := d.Attr(a.name, a.v); err != nil {
				t.Fatal(err)
			}
		}
		// Sorted, as stored items come, too.
		var sorted decoderTarget
		ds, _ := NewStructDecoder(&sorted)
		for _, k := range slices.Sorted(maps.Keys(it)) {
			if err := ds.Attr(k, it[k]); err != nil {
				t.Fatal(err)
			}
		}
		var want decoderTarget
		if err := UnmarshalItem(it, &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(sorted, want) {
			t.Fatalf("attributes %v:\ndecoder %+v\nsorted  %+v\nwant    %+v", it, got, sorted, want)
		}
	}
}

// TestNewStructDecoder: which targets take a decoder, asked for in turns (the
// last type is remembered).
func TestNewStructDecoder(t *testing.T) {
	var s decoderTarget
	var u struct{ Unmarshaler }
	var tm time.Time
	var v Value
	var m map[string]any
	for range 3 {
		for _, c := range []struct {
			out any
			ok  bool
		}{
			{&s, true}, {s, false}, {(*decoderTarget)(nil), false}, {&u, false}, {&tm, false}, {&v, false},
			{&m, false}, {new(Item), false}, {new(int), false}, {nil, false}, {&struct{}{}, true},
		} {
			if _, ok := NewStructDecoder(c.out); ok != c.ok {
				t.Errorf("NewStructDecoder(%T) ok = %v", c.out, ok)
			}
		}
	}
}
