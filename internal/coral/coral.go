// Package coral reproduces the model-level ("coral") constraint checks that
// DynamoDB runs on every request before any operation-specific rule: members
// that must not be null, string and list lengths, enums, name patterns and
// numeric bounds. DynamoDB reports up to ten of them together as
//
//	N validation error(s) detected: Value <v> at '<path>' failed to satisfy constraint: <rule>; ...
//
// Paths name members with their first letter lowered ("returnValues") and list
// members as "<list>.<1-based index>.member".
package coral

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/kvs-project/kvs/apierr"
)

// MaxErrors is the most violations DynamoDB lists in one message.
const MaxErrors = 10

// Violations collects constraint violations in the order they are found.
// The zero value is ready to use.
type Violations struct {
	msgs []string
}

// Add records one violation; value is already rendered (quoted, or "null").
func (v *Violations) Add(value, path, rule string) {
	if len(v.msgs) >= MaxErrors {
		return
	}
	v.msgs = append(v.msgs, "Value "+value+" at '"+path+"' failed to satisfy constraint: "+rule)
}

// Err returns the collected violations as one ValidationException, or nil.
func (v *Violations) Err() error {
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

// Quote renders a string value as DynamoDB's messages do.
func Quote(s string) string { return "'" + s + "'" }

// Null records a required member that is missing.
func (v *Violations) Null(path string) {
	v.Add("null", path, "Member must not be null")
}

// Enum records val unless it is one of allowed (listed in DynamoDB's order).
func (v *Violations) Enum(path, val string, allowed ...string) {
	for _, a := range allowed {
		if val == a {
			return
		}
	}
	v.Add(Quote(val), path, "Member must satisfy enum value set: ["+strings.Join(allowed, ", ")+"]")
}

// Name checks a table or index name: the pattern first, then the length
// bounds, as DynamoDB lists them.
func (v *Violations) Name(path, val string, minLen, maxLen int) {
	if !ValidNameChars(val) {
		v.Add(Quote(val), path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
	}
	v.StrLen(path, val, minLen, maxLen)
}

// StrLen checks a string's length in UTF-16 code units (Java's length).
func (v *Violations) StrLen(path, val string, minLen, maxLen int) {
	// Count as utf16.Encode([]rune(val)) would, without allocating both
	// slices on every request (this runs for each table name).
	n := 0
	for _, r := range val {
		n += max(utf16.RuneLen(r), 1)
	}
	if n < minLen {
		v.Add(Quote(val), path, fmt.Sprintf("Member must have length greater than or equal to %d", minLen))
	}
	if maxLen > 0 && n > maxLen {
		v.Add(Quote(val), path, fmt.Sprintf("Member must have length less than or equal to %d", maxLen))
	}
}

// ListLen checks a list's length; rendered is the list as DynamoDB prints it.
func (v *Violations) ListLen(path, rendered string, n, minLen, maxLen int) {
	if n < minLen {
		v.Add(Quote(rendered), path, fmt.Sprintf("Member must have length greater than or equal to %d", minLen))
	}
	if maxLen > 0 && n > maxLen {
		v.Add(Quote(rendered), path, fmt.Sprintf("Member must have length less than or equal to %d", maxLen))
	}
}

// Min checks a number's lower bound.
func (v *Violations) Min(path string, val, minVal int64) {
	if val < minVal {
		v.Add(Quote(strconv.FormatInt(val, 10)), path,
			fmt.Sprintf("Member must have value greater than or equal to %d", minVal))
	}
}

// Max checks a number's upper bound.
func (v *Violations) Max(path string, val, maxVal int64) {
	if val > maxVal {
		v.Add(Quote(strconv.FormatInt(val, 10)), path,
			fmt.Sprintf("Member must have value less than or equal to %d", maxVal))
	}
}

// ValidNameChars reports whether s is non-empty and made of [a-zA-Z0-9_.-].
func ValidNameChars(s string) bool {
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

// Member names the i-th (0-based) element of a list member in a path.
func Member(list string, i int) string { return list + "." + strconv.Itoa(i+1) + ".member" }

// RenderStrings renders a string list the way Java's List.toString does.
func RenderStrings(ss []string) string { return "[" + strings.Join(ss, ", ") + "]" }

// JavaStringHash is Java's String.hashCode over UTF-16 code units.
func JavaStringHash(s string) int32 {
	var h int32
	for _, u := range utf16.Encode([]rune(s)) {
		h = 31*h + int32(u)
	}
	return h
}

// JavaHashSetOrder returns names in the iteration order of a java.util.HashSet
// they were added to in the given order (duplicates dropped). DynamoDB builds
// some messages ("keys used: [...]") from such sets.
func JavaHashSetOrder(names []string) []string {
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
		h := uint32(JavaStringHash(n))
		b := int((h ^ (h >> 16)) & uint32(capacity-1))
		buckets[b] = append(buckets[b], n)
	}
	out := make([]string, 0, len(uniq))
	for _, b := range buckets {
		out = append(out, b...)
	}
	return out
}
