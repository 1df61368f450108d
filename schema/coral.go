package schema

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/kvs-project/kvs/apierr"
)

// This file reproduces the model-level ("coral") constraint checks DynamoDB
// runs before any operation-specific rule: not-null members, string and list
// lengths, enums, regular expressions and numeric minimums. DynamoDB reports
// them together, at most ten, as
//
//	N validation error(s) detected: Value <v> at '<path>' failed to satisfy constraint: <rule>; ...
//
// Paths name members with their first letter lowered ("sSESpecification") and
// list members as "<list>.<1-based index>.member".

// violations collects constraint violations in the order they are found.
type violations struct {
	msgs []string
}

// add records one violation; value is the already-rendered value (quoted), or
// "null".
func (v *violations) add(value, path, rule string) {
	if len(v.msgs) >= MaxValidationErrors {
		return
	}
	v.msgs = append(v.msgs, "Value "+value+" at '"+path+"' failed to satisfy constraint: "+rule)
}

// err is the collected violations as one ValidationException, or nil.
func (v *violations) err() error {
	switch len(v.msgs) {
	case 0:
		return nil
	case 1:
		return apierr.New(apierr.Validation, "1 validation error detected: "+v.msgs[0])
	default:
		return apierr.New(apierr.Validation,
			strconv.Itoa(len(v.msgs))+" validation errors detected: "+strings.Join(v.msgs, "; "))
	}
}

func quote(s string) string { return "'" + s + "'" }

func (v *violations) null(path string) {
	v.add("null", path, "Member must not be null")
}

func (v *violations) enum(path, val string, allowed ...string) {
	for _, a := range allowed {
		if val == a {
			return
		}
	}
	v.add(quote(val), path, "Member must satisfy enum value set: ["+strings.Join(allowed, ", ")+"]")
}

// name checks a table or index name member: the regular expression first,
// then the length bounds, as DynamoDB lists them.
func (v *violations) name(path, val string, minLen, maxLen int) {
	if !validNameChars(val) {
		v.add(quote(val), path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
	}
	v.strLen(path, val, minLen, maxLen)
}

func (v *violations) strLen(path, val string, minLen, maxLen int) {
	n := len(utf16.Encode([]rune(val)))
	if n < minLen {
		v.add(quote(val), path, fmt.Sprintf("Member must have length greater than or equal to %d", minLen))
	}
	if maxLen > 0 && n > maxLen {
		v.add(quote(val), path, fmt.Sprintf("Member must have length less than or equal to %d", maxLen))
	}
}

func (v *violations) listLen(path, rendered string, n, minLen, maxLen int) {
	if n < minLen {
		v.add(quote(rendered), path, fmt.Sprintf("Member must have length greater than or equal to %d", minLen))
	}
	if maxLen > 0 && n > maxLen {
		v.add(quote(rendered), path, fmt.Sprintf("Member must have length less than or equal to %d", maxLen))
	}
}

func (v *violations) min(path string, val, minVal int64) {
	if val < minVal {
		v.add(quote(strconv.FormatInt(val, 10)), path,
			fmt.Sprintf("Member must have value greater than or equal to %d", minVal))
	}
}

// validNameChars reports whether s is non-empty and made of [a-zA-Z0-9_.-].
func validNameChars(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '.', c == '-':
		default:
			return false
		}
	}
	return true
}

func member(list string, i int) string { return list + "." + strconv.Itoa(i+1) + ".member" }

// renderStrings renders a string list the way Java's List.toString does.
func renderStrings(ss []string) string { return "[" + strings.Join(ss, ", ") + "]" }

// renderKeySchema renders a key schema list the way DynamoDB's Java model
// prints it in a length violation: each element is
// com.amazonaws.dynamodb.v20120810.KeySchemaElement@<hashCode in hex>, where
// the model's hashCode is 1 + hash(AttributeName) + hash(KeyType) with Java
// String hashes (0 for a null member). Verified against DynamoDB's own
// message for [{KeyType:HASH},{AttributeName:a},{KeyType:Woop,AttributeName:a}]:
// @21b90f, @62, @293b3b.
func renderKeySchema(ks []KeySchemaElement) string {
	parts := make([]string, len(ks))
	for i, k := range ks {
		h := 1 + javaStringHash(k.AttributeName) + javaStringHash(k.KeyType)
		parts[i] = "com.amazonaws.dynamodb.v20120810.KeySchemaElement@" + strconv.FormatUint(uint64(uint32(h)), 16)
	}
	return renderStrings(parts)
}

// javaStringHash is Java's String.hashCode over UTF-16 code units.
func javaStringHash(s string) int32 {
	var h int32
	for _, u := range utf16.Encode([]rune(s)) {
		h = 31*h + int32(u)
	}
	return h
}

// javaHashSetOrder returns names in the iteration order of a java.util.HashSet
// they were added to in the given order (duplicates dropped). DynamoDB builds
// some messages ("keys used: [...]") from such sets.
func javaHashSetOrder(names []string) []string {
	var uniq []string
	seen := map[string]bool{}
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			uniq = append(uniq, n)
		}
	}
	capacity := 16
	for float64(len(uniq)) > 0.75*float64(capacity) {
		capacity *= 2
	}
	buckets := make([][]string, capacity)
	for _, n := range uniq {
		h := uint32(javaStringHash(n))
		b := int((h ^ (h >> 16)) & uint32(capacity-1))
		buckets[b] = append(buckets[b], n)
	}
	out := make([]string, 0, len(uniq))
	for _, b := range buckets {
		out = append(out, b...)
	}
	return out
}
