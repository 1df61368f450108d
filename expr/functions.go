package expr

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kvs-project/kvs/attr"
)

// smallNumbers caches the N values of small sizes so that size() does not
// allocate in the common case.
var smallNumbers = func() [256]attr.Value {
	var a [256]attr.Value
	for i := range a {
		a[i] = attr.N(strconv.Itoa(i))
	}
	return a
}()

// sizeOf is DynamoDB's size(): the length of an S in UTF-16 code units (as
// Java counts it: "héllo" is 5, "😀" is 2), bytes of a B, members of a set,
// elements of an L or M; nothing for other types or a missing value.
func sizeOf(v attr.Value) attr.Value {
	n := -1
	switch v.Type() {
	case attr.TypeS:
		n = utf16Len(v.Str())
	case attr.TypeB:
		n = len(v.Str())
	case attr.TypeSS, attr.TypeNS, attr.TypeBS:
		n = len(v.Set())
	case attr.TypeL:
		n = len(v.List())
	case attr.TypeM:
		n = len(v.Map())
	}
	switch {
	case n < 0:
		return attr.Value{}
	case n < len(smallNumbers):
		return smallNumbers[n]
	}
	return attr.N(strconv.Itoa(n))
}

// utf16Len counts the UTF-16 code units of s without allocating.
func utf16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// evalFunction evaluates a boolean function of a condition.
func evalFunction(c *Call, item attr.Item) bool {
	switch c.Name {
	case "attribute_exists":
		return len(c.Args) == 1 && !operandValue(c.Args[0], item).IsZero()
	case "attribute_not_exists":
		return len(c.Args) == 1 && operandValue(c.Args[0], item).IsZero()
	}
	if len(c.Args) != 2 {
		return false
	}
	a, b := operandValue(c.Args[0], item), operandValue(c.Args[1], item)
	if a.IsZero() || b.IsZero() {
		return false
	}
	switch c.Name {
	case "attribute_type":
		return b.Type() == attr.TypeS && a.Type().String() == b.Str()
	case "begins_with":
		return a.Type() == b.Type() && (a.Type() == attr.TypeS || a.Type() == attr.TypeB) &&
			strings.HasPrefix(a.Str(), b.Str())
	case "contains":
		return contains(a, b)
	}
	return false
}

// contains is DynamoDB's contains(): a substring of an S, a member of a set
// (of the matching element type), or an element of an L.
func contains(a, b attr.Value) bool {
	switch a.Type() {
	case attr.TypeS:
		return b.Type() == attr.TypeS && strings.Contains(a.Str(), b.Str())
	case attr.TypeB:
		return b.Type() == attr.TypeB && strings.Contains(a.Str(), b.Str())
	case attr.TypeSS, attr.TypeNS, attr.TypeBS:
		return attr.SetContains(a, b)
	case attr.TypeL:
		return attr.ListContains(a, b)
	}
	return false
}
