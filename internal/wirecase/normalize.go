package wirecase

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Placeholders written in place of values that legitimately differ between
// servers and runs.
const (
	PlaceholderTimestamp   = "<timestamp>"
	PlaceholderStreamLabel = "<stream-label>"
	PlaceholderAddress     = "<address>"
)

var (
	// arnAccount matches the region and account of a DynamoDB ARN.
	arnAccount = regexp.MustCompile(`arn:aws:dynamodb:[^:"\s]*:[^:"\s]*:`)
	// arnStream matches the label of a stream ARN.
	arnStream = regexp.MustCompile(`/stream/[0-9A-Za-z:.\-]+`)
)

// Render returns the output lines of a case: the HTTP status, then the body
// normalised (see Normalize) with one top-level member per line and every
// value compact, keys sorted. A body that is not one JSON value is rendered
// as `raw: "<Go-quoted body>"`; an empty body renders as the status alone.
func Render(c *Case, status int, body []byte) []string {
	lines := []string{strconv.Itoa(status)}
	if len(bytes.TrimSpace(body)) == 0 {
		return lines
	}
	v, ok := decode(body)
	if !ok {
		return append(lines, "raw: "+strconv.Quote(string(body)))
	}
	v = Normalize(c, v)
	m, isObj := v.(map[string]any)
	if !isObj || len(m) == 0 {
		return append(lines, compact(v))
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	lines = append(lines, "{")
	for i, k := range keys {
		l := " " + compact(k) + ": " + compact(m[k])
		if i < len(keys)-1 {
			l += ","
		}
		lines = append(lines, l)
	}
	return append(lines, "}")
}

// decode reads exactly one JSON value, keeping numbers as written.
func decode(body []byte) (any, bool) {
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return nil, false
	}
	if d.More() {
		return nil, false
	}
	if _, err := d.Token(); err == nil {
		return nil, false
	}
	return v, true
}

// compact encodes v without HTML escaping; maps come out with sorted keys.
func compact(v any) string {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return "<unencodable: " + err.Error() + ">"
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// Normalize rewrites a decoded response body (numbers as json.Number) so
// that two correct servers give equal trees; docs/wire-corpus.md lists the
// rules. c supplies the operation and the case args.
func Normalize(c *Case, v any) any {
	v = norm(v)
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	// DynamoDB spells an error's message member "message" for most codes;
	// DynamoDB Local spells it "Message" for all. Clients read both, so the
	// corpus compares error bodies with the member named "message".
	if _, isErr := m["__type"]; isErr {
		if msg, ok := m["Message"]; ok {
			delete(m, "Message")
			m["message"] = msg
		}
	}
	if c != nil && c.Args["op"] == "BatchGetItem" {
		if resp, ok := m["Responses"].(map[string]any); ok {
			for t, items := range resp {
				resp[t] = sortByJSON(items)
			}
		}
	}
	if c != nil && c.Has("unordered") {
		if items, ok := m["Items"]; ok {
			m["Items"] = sortByJSON(items)
		}
	}
	return m
}

// norm applies the context-free rules recursively.
func norm(v any) any {
	switch x := v.(type) {
	case string:
		return normString(x)
	case []any:
		for i := range x {
			x[i] = norm(x[i])
		}
		return x
	case map[string]any:
		for k, e := range x {
			if dropMember(k, e) {
				delete(x, k)
				continue
			}
			x[k] = normMember(k, norm(e))
		}
		if len(x) == 1 {
			for k, e := range x {
				if k == "SS" || k == "NS" || k == "BS" {
					x[k] = sortStrings(e)
				}
			}
		}
		return x
	}
	return v
}

// dropMember reports whether a member is removed: TableId (a random id that
// DynamoDB Local does not send at all) and *DateTime members that are 0
// (DynamoDB Local's "never", e.g. LastDecreaseDateTime of a new table, where
// DynamoDB leaves the member out).
func dropMember(k string, v any) bool {
	if k == "TableId" {
		_, ok := v.(string)
		return ok
	}
	if strings.HasSuffix(k, "DateTime") {
		n, ok := v.(json.Number)
		return ok && (n == "0" || n == "0.0" || n == "0.000")
	}
	return false
}

// normMember applies the rules that depend on a member's name. Each rule
// also checks the value's JSON type: attribute values are always objects,
// so an item attribute that happens to be called "TableId" or "Tags" is
// never touched.
func normMember(k string, v any) any {
	switch {
	case strings.HasSuffix(k, "DateTime"):
		if _, ok := v.(json.Number); ok {
			return PlaceholderTimestamp
		}
	case k == "LatestStreamLabel":
		if _, ok := v.(string); ok {
			return PlaceholderStreamLabel
		}
	case k == "Address":
		if _, ok := v.(string); ok {
			return PlaceholderAddress
		}
	case k == "AttributeDefinitions":
		return sortByMember(v, "AttributeName")
	case k == "GlobalSecondaryIndexes" || k == "LocalSecondaryIndexes":
		return sortByMember(v, "IndexName")
	case k == "Tags":
		return sortByMember(v, "Key")
	case k == "NonKeyAttributes":
		return sortStrings(v)
	case k == "ConsumedCapacity":
		return sortByMember(v, "TableName")
	}
	return v
}

func normString(s string) string {
	if !strings.Contains(s, "arn:aws:dynamodb:") {
		return s
	}
	s = arnAccount.ReplaceAllString(s, "arn:aws:dynamodb:<region>:<account>:")
	return arnStream.ReplaceAllString(s, "/stream/"+PlaceholderStreamLabel)
}

// sortStrings sorts a list of strings; anything else is returned as is.
func sortStrings(v any) any {
	l, ok := v.([]any)
	if !ok {
		return v
	}
	ss := make([]string, len(l))
	for i, e := range l {
		s, ok := e.(string)
		if !ok {
			return v
		}
		ss[i] = s
	}
	sort.Strings(ss)
	for i, s := range ss {
		l[i] = s
	}
	return l
}

// sortByMember sorts a list of objects by one string member.
func sortByMember(v any, member string) any {
	l, ok := v.([]any)
	if !ok {
		return v
	}
	key := func(e any) string {
		m, _ := e.(map[string]any)
		s, _ := m[member].(string)
		return s
	}
	sort.SliceStable(l, func(i, j int) bool { return key(l[i]) < key(l[j]) })
	return l
}

// sortByJSON sorts a list by the compact encoding of its elements.
func sortByJSON(v any) any {
	l, ok := v.([]any)
	if !ok {
		return v
	}
	keys := make([]string, len(l))
	idx := make([]int, len(l))
	for i, e := range l {
		keys[i], idx[i] = compact(e), i
	}
	sort.SliceStable(idx, func(a, b int) bool { return keys[idx[a]] < keys[idx[b]] })
	out := make([]any, len(l))
	for i, j := range idx {
		out[i] = l[j]
	}
	return out
}
