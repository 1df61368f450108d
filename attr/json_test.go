package attr

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

func TestParseValueJSON(t *testing.T) {
	cases := []struct {
		in   string
		want Value
	}{
		{`{"S":"x"}`, S("x")},
		{`{"S":""}`, S("")},
		{`{"S":"a\"b\\c\n\u00e9\ud83d\ude00"}`, S("a\"b\\c\né😀")},
		{`{"N":"01.50"}`, N("1.5")},
		{`{"N":"1E2"}`, N("100")},
		{`{"N":"-0"}`, N("0")},
		{`{"B":"AQID"}`, B([]byte{1, 2, 3})},
		{`{"B":""}`, B(nil)},
		{`{"BOOL":true}`, BOOL(true)},
		{`{"BOOL":false}`, BOOL(false)},
		{`{"BOOL":"yes"}`, BOOL(true)},
		{`{"BOOL":"False"}`, BOOL(false)},
		{`{"NULL":true}`, NULL()},
		{`{"NULL":"1"}`, NULL()},
		{`{"L":[]}`, L()},
		{`{"L":[{"S":"a"},{"N":"1.0"}]}`, L(S("a"), N("1"))},
		{`{"M":{}}`, M(nil)},
		{`{"M":{"a":{"S":"b"},"c":{"L":[{"NULL":true}]}}}`, M(map[string]Value{"a": S("b"), "c": L(NULL())})},
		{`{"SS":["a","b"]}`, SS("a", "b")},
		{`{"SS":["","a"]}`, SS("", "a")},
		{`{"NS":["1.0","2E1"]}`, NS("1", "20")},
		{`{"BS":["AQ==","Ag=="]}`, BS([]byte{1}, []byte{2})},
		{` { "S" : "x" , "Extra" : [1, {"a": null}, true] } `, S("x")},
		{`{"S":"x","N":null}`, S("x")},
	}
	for _, c := range cases {
		got, err := ParseValueJSON([]byte(c.in))
		if err != nil {
			t.Errorf("ParseValueJSON(%s): %v", c.in, err)
			continue
		}
		if !Equal(got, c.want) || got.String() != c.want.String() {
			t.Errorf("ParseValueJSON(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestParseValueJSONErrors(t *testing.T) {
	ser, val := apierr.Serialization, apierr.Validation
	cases := []struct {
		in   string
		code apierr.Code
		msg  string
	}{
		{`{}`, val, msgNoType},
		{`{"X":"a"}`, val, msgNoType},
		{`{"S":null}`, val, msgNoType},
		{`{"S":"a","N":"1"}`, val, msgManyTypes},
		{`{"S":"a","BOOL":true}`, val, msgManyTypes},
		{`{"N":"x","S":"a"}`, val, msgNumInvalid + "x"},
		{`{"N":""}`, val, msgNumEmpty},
		{`{"N":"1E200"}`, val, msgNumOverflow},
		{`{"NULL":false}`, val, msgNullFalse},
		{`{"SS":[]}`, val, msgEmptySS},
		{`{"NS":[]}`, val, msgEmptyNS},
		{`{"BS":[]}`, val, msgEmptyBS},
		{`{"SS":["a","b","a"]}`, val, "One or more parameter values were invalid: Input collection [a, b, a] contains duplicates"},
		{`{"NS":["1","1.0"]}`, val, msgDupNS},
		{`{"NS":["1","x"]}`, val, msgNumInvalid + "x"},
		{`{"BS":["AQ==","AA==","AQ=="]}`, val, msgDupBS},
		{`{"NS":["1","1","x"]}`, val, msgDupNS},
		{`{"L":[{"S":"a"},{}]}`, val, msgNoType},
		{`{"M":{"a":{"NULL":false}}}`, val, msgNullFalse},
		{`null`, val, msgNullValue},
		{`{"L":[null]}`, val, msgNullValue},
		{`{"L":[{"N":"x"},null]}`, val, msgNumInvalid + "x"},
		{`{"M":{"x":null}}`, val, msgNullValue + ": x is null"},
		{`{"M":{"m":{"M":{"x":null}}}}`, val, msgNullValue + ": x is null"},
		{`{"M":{"":{"S":"x"}}}`, val, msgEmptyName},
		{`{"L":[{"M":{"":{"S":"x"}}}]}`, val, msgEmptyName},
		{`{"M":{"":null}}`, val, msgNullValue + ":  is null"},
		{`{"S":true}`, ser, msgSerStringBool},
		{`{"S":1}`, ser, msgSerStringNum},
		{`{"N":1}`, ser, msgSerStringNum},
		{`{"S":[]}`, ser, msgSerList},
		{`{"S":{}}`, ser, msgSerStruct},
		{`{"B":true}`, ser, msgSerBlobBool},
		{`{"B":12}`, ser, msgSerBlobNum},
		{`{"B":"abc"}`, ser, "'abc' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3"},
		{`{"B":"ab!d"}`, ser, "'ab!d' can not be converted to a Blob: Invalid Base64 character: '!'"},
		{`{"B":"a=bc"}`, ser, "'a=bc' can not be converted to a Blob: Invalid Base64 character: '='"},
		{`{"B":"AR=="}`, ser, "'AR==' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"},
		{`{"BOOL":1}`, ser, msgSerBoolNum},
		{`{"BOOL":"maybe"}`, ser, "'MAYBE' can not be converted to an Boolean"},
		{`{"BOOL":[]}`, ser, msgSerList},
		{`{"NULL":{}}`, ser, msgSerStruct},
		{`{"SS":"a"}`, ser, msgSerExpList},
		{`{"SS":{}}`, ser, msgSerStruct},
		{`{"SS":[1]}`, ser, msgSerStringNum},
		{`{"BS":["a"]}`, ser, "'a' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 1"},
		{`{"L":"a"}`, ser, msgSerExpList},
		{`{"L":{}}`, ser, msgSerStruct},
		{`{"L":["a"]}`, ser, msgSerExpNull},
		{`{"L":[[]]}`, ser, msgSerList},
		{`{"M":"a"}`, ser, msgSerExpMap},
		{`{"M":[]}`, ser, msgSerList},
		{`{"M":{"a":"b"}}`, ser, msgSerExpNull},
		{`"x"`, ser, msgSerExpNull},
		{`[]`, ser, msgSerList},
		// A type mismatch anywhere wins over an earlier validation error.
		{`{"L":[{"NULL":false},{"S":1}]}`, ser, msgSerStringNum},
	}
	for _, c := range cases {
		_, err := ParseValueJSON([]byte(c.in))
		var e *apierr.Error
		if !asAPIErr(err, &e) || e.Code != c.code || e.Message != c.msg {
			t.Errorf("ParseValueJSON(%s) err = %v; want %s: %s", c.in, err, c.code, c.msg)
		}
	}
}

func TestParseJSONSyntaxErrors(t *testing.T) {
	for _, in := range []string{``, `{`, `{"S"}`, `{"S":"a"`, `{"S":"a"}x`, `{"S":"a\q"}`, `{"S":"a` + "\x01" + `"}`, `{S:"a"}`, `{"S":"a",}`, `{"L":[{"S":"a"},]}`, `{"X":tru}`, `{"X":-}`, `{"S":"\ud8"}`} {
		_, err := ParseValueJSON([]byte(in))
		if !apierr.Is(err, apierr.Serialization) {
			t.Errorf("ParseValueJSON(%q) err = %v; want SerializationException", in, err)
		}
	}
}

func TestParseValueJSONNesting(t *testing.T) {
	nest := func(levels int) string {
		return strings.Repeat(`{"L":[`, levels-1) + `{"S":"x"}` + strings.Repeat(`]}`, levels-1)
	}
	if _, err := ParseValueJSON([]byte(nest(MaxDepth))); err != nil {
		t.Errorf("%d levels: %v", MaxDepth, err)
	}
	_, err := ParseValueJSON([]byte(nest(MaxDepth + 1)))
	var e *apierr.Error
	if !asAPIErr(err, &e) || e.Message != msgNesting {
		t.Errorf("%d levels: err = %v, want nesting error", MaxDepth+1, err)
	}
	deepM := strings.Repeat(`{"M":{"a":`, MaxDepth) + `{"S":"x"}` + strings.Repeat(`}}`, MaxDepth)
	if _, err := ParseValueJSON([]byte(deepM)); !asAPIErr(err, &e) || e.Message != msgNesting {
		t.Errorf("deep M: err = %v, want nesting error", err)
	}
	// Hostile depth is refused without exhausting the stack.
	if _, err := ParseValueJSON([]byte(nest(100000))); err == nil {
		t.Error("100000 levels accepted")
	}
}

func TestParseItemJSON(t *testing.T) {
	it, err := ParseItemJSON([]byte(`{"pk":{"S":"k"},"n":{"N":"007"},"e":{"S":""}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := Item{"pk": S("k"), "n": N("7"), "e": S("")}
	if !ItemsEqual(it, want) {
		t.Fatalf("got %s, want %s", it, want)
	}
	if got := it.String(); got != `{"e":{"S":""},"n":{"N":"7"},"pk":{"S":"k"}}` {
		t.Fatalf("String() = %s", got)
	}
	if it, err := ParseItemJSON([]byte(`null`)); it != nil || err != nil {
		t.Fatalf("null: %v, %v", it, err)
	}
	for in, msg := range map[string]string{
		`[]`:                             msgSerList,
		`"a"`:                            msgSerExpMap,
		`{"a":"b"}`:                      msgSerExpNull,
		`{"a":{}}`:                       msgNoType,
		`{"a":{"SS":[]}}`:                msgEmptySS,
		`{"a":{"N":"x"},"b":{"S":true}}`: msgSerStringBool,
		// Null members and empty names, in document order, each member's
		// value before its name (as DynamoDB Local answers).
		`{"a":null}`:                               msgNullValue + ": a is null",
		`{"a":null,"b":{"N":"x"}}`:                 msgNullValue + ": a is null",
		`{"b":{"N":"x"},"a":null}`:                 msgNumInvalid + "x",
		`{"":{"S":"x"}}`:                           msgEmptyName,
		`{"":{"S":"x"},"a":null}`:                  msgEmptyName,
		`{"a":null,"":{"S":"x"}}`:                  msgNullValue + ": a is null",
		`{"":{"N":"x"}}`:                           msgNumInvalid + "x",
		`{"":null}`:                                msgNullValue + ":  is null",
		`{"b":{"N":"x"},"":{"S":"x"}}`:             msgNumInvalid + "x",
		`{"m":{"M":{"":{"S":"x"}}},"b":{"N":"x"}}`: msgEmptyName,
		`{"m":{"M":{"b":null}},"":{"S":"x"}}`:      msgNullValue + ": b is null",
		`{"":{"S":"x"},"b":{"S":1}}`:               msgSerStringNum,
	} {
		_, err := ParseItemJSON([]byte(in))
		var e *apierr.Error
		if !asAPIErr(err, &e) || e.Message != msg {
			t.Errorf("ParseItemJSON(%s) err = %v, want %q", in, err, msg)
		}
	}
}

func TestEncodeJSON(t *testing.T) {
	cases := []struct {
		v    Value
		want string
	}{
		{S("a\"\\\n\t\x01<é\u2028"), "{\"S\":\"a\\\"\\\\\\n\\t\\u0001<é\u2028\"}"}, // jsonstring_test.go pins every escape
		{S("\xff"), `{"S":"\uFFFD"}`},
		{N("-1.5"), `{"N":"-1.5"}`},
		{B([]byte{0, 255}), `{"B":"AP8="}`},
		{BOOL(true), `{"BOOL":true}`},
		{BOOL(false), `{"BOOL":false}`},
		{NULL(), `{"NULL":true}`},
		{L(), `{"L":[]}`},
		{L(S("a"), L()), `{"L":[{"S":"a"},{"L":[]}]}`},
		{M(nil), `{"M":{}}`},
		{M(map[string]Value{"b": N("1"), "a": S("x")}), `{"M":{"a":{"S":"x"},"b":{"N":"1"}}}`},
		{SS("b", "a"), `{"SS":["a","b"]}`},
		{NS("10", "9", "-1"), `{"NS":["-1","9","10"]}`},
		{BS([]byte{2}, []byte{1}), `{"BS":["AQ==","Ag=="]}`},
		{Value{}, `{}`},
	}
	for _, c := range cases {
		if got := c.v.String(); got != c.want {
			t.Errorf("String() = %s, want %s", got, c.want)
		}
		// The encoding is valid JSON that encoding/json agrees with.
		var x any
		if err := json.Unmarshal(AppendValueJSON(nil, c.v), &x); err != nil {
			t.Errorf("AppendValueJSON(%s) is not JSON: %v", c.want, err)
		}
	}
}

func TestJSONInterfaces(t *testing.T) {
	type req struct {
		Item   Item
		Values map[string]Value
	}
	var r req
	in := `{"Item":{"a":{"N":"1.0"}},"Values":{":v":{"SS":["x"]}}}`
	if err := json.Unmarshal([]byte(in), &r); err != nil {
		t.Fatal(err)
	}
	if !Equal(r.Item["a"], N("1")) || !Equal(r.Values[":v"], SS("x")) {
		t.Fatalf("got %+v", r)
	}
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"Item":{"a":{"N":"1"}},"Values":{":v":{"SS":["x"]}}}` {
		t.Fatalf("Marshal = %s", out)
	}
	err = json.Unmarshal([]byte(`{"Item":{"a":{"N":"x"}}}`), &r)
	if !apierr.Is(err, apierr.Validation) {
		t.Fatalf("err = %v, want the ValidationException unwrapped", err)
	}
}

// The eight-byte skip of the string decoder (stringStop8) stops at every
// byte that ends, escapes or invalidates a string, wherever it falls in a
// long one: each byte at each offset of a 24-byte run decodes as
// encoding/json decodes it, or fails where it fails.
func TestParseLongStringEveryByte(t *testing.T) {
	for c := 0; c < 256; c++ {
		for p := 0; p <= 24; p++ {
			body := `{"S":"` + strings.Repeat("a", p) + string([]byte{byte(c)}) + strings.Repeat("b", 24-p) + `"}`
			v, err := ParseValueJSON([]byte(body))
			var std struct{ S string }
			stdErr := json.Unmarshal([]byte(body), &std)
			if (err != nil) != (stdErr != nil) {
				t.Fatalf("byte %#02x at %d: err %v, encoding/json %v", c, p, err, stdErr)
			}
			if err == nil && v.Str() != std.S {
				t.Fatalf("byte %#02x at %d: %q, encoding/json %q", c, p, v.Str(), std.S)
			}
		}
	}
}
