package attr

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// localRecorded is the value member DynamoDB Local 3.3.0 sent back from a
// GetItem of an S attribute holding U+0000..U+001F followed by
// "\"\\/<>&\x7f\u2028\u2029é😀" (raw response bytes; its error messages quote
// strings the same way).
const localRecorded = `"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F` +
	`\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F` +
	`\"\\/<>&` + "\x7f\u2028\u2029é" + `\uD83D\uDE00"`

func TestAppendJSONStringLikeDynamoDBLocal(t *testing.T) {
	var in []byte
	for c := 0; c < 0x20; c++ {
		in = append(in, byte(c))
	}
	in = append(in, "\"\\/<>&\x7f\u2028\u2029é😀"...)
	if got := string(AppendJSONString(nil, string(in))); got != localRecorded {
		t.Errorf("got  %s\nwant %s", got, localRecorded)
	}
}

func TestAppendJSONStringBytes(t *testing.T) {
	want := map[byte]string{'\b': `\b`, '\t': `\t`, '\n': `\n`, '\f': `\f`, '\r': `\r`}
	for c := byte(0); c < 0x20; c++ {
		w, ok := want[c]
		if !ok {
			w = fmt.Sprintf(`\u%04X`, c)
		}
		if got := string(AppendJSONString(nil, string([]byte{'a', c, 'b'}))); got != `"a`+w+`b"` {
			t.Errorf("control %#02x: got %s, want %s", c, got, `"a`+w+`b"`)
		}
	}
	for _, c := range []struct{ in, want string }{
		{``, `""`},
		{`"`, `"\""`},
		{`\`, `"\\"`},
		{`<>&`, `"<>&"`},
		{`/`, `"/"`},
		{"\x7f", "\"\x7f\""},
		{"\u2028\u2029", "\"\u2028\u2029\""},
		{"é€\uffff", "\"é€\uffff\""},
		{"😀", `"\uD83D\uDE00"`},
		{"\U0010FFFF", `"\uDBFF\uDFFF"`},
		{"a\xffb", `"a\uFFFDb"`},
		{"\xc3", `"\uFFFD"`},                     // truncated sequence
		{"\xed\xa0\x80", `"\uFFFD\uFFFD\uFFFD"`}, // an encoded surrogate is not UTF-8
		{"x\xe2\x82", `"x\uFFFD\uFFFD"`},
	} {
		got := string(AppendJSONString([]byte("prefix"), c.in))
		if got != "prefix"+c.want {
			t.Errorf("%q: got %s, want %s", c.in, got, c.want)
		}
	}
}

// Whatever the input, the output is one JSON string that decodes to the
// input with invalid bytes replaced, as encoding/json reads it.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a\x00\"\\", "😀\u2028", "\xff\xfe", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := AppendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%q -> %s: not a JSON string: %v", s, out, err)
		}
		want := string([]rune(s)) // invalid bytes become U+FFFD, one per byte
		if back != want {
			t.Fatalf("%q -> %s -> %q, want %q", s, out, back, want)
		}
	})
}

// The eight-byte skip (plain8) stops at any byte that needs care, wherever
// it falls in a long string: every byte and a few characters, at every
// offset of a 24-byte run, are written as the byte loop writes them alone
// (strings shorter than eight bytes never take the skip).
func TestAppendJSONStringLong(t *testing.T) {
	var specials []string
	for c := 0; c < 256; c++ {
		specials = append(specials, string([]byte{byte(c)}))
	}
	specials = append(specials, "é", "€", "😀", "\u2028", "\xed\xa0\x80")
	for _, sp := range specials {
		enc := AppendJSONString(nil, sp)
		enc = enc[1 : len(enc)-1]
		for p := 0; p <= 24; p++ {
			pad := strings.Repeat("a", p)
			rest := strings.Repeat("b", 24-p)
			got := string(AppendJSONString(nil, pad+sp+rest))
			if want := `"` + pad + string(enc) + rest + `"`; got != want {
				t.Fatalf("%q at %d: got %s, want %s", sp, p, got, want)
			}
		}
	}
}
