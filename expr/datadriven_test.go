package expr

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/cockroachdb/datadriven"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// TestDataDriven runs every case file in testdata against kvs's own
// implementation. The expected outputs are DynamoDB Local's answers, recorded
// by tools/recordexpr (see /work/brief-testdata.md for the format). Error
// lines compare exactly; items compare semantically (attr.Equal). A case
// whose output has not been recorded yet is skipped with a log line.
func TestDataDriven(t *testing.T) {
	datadriven.Walk(t, "testdata", func(t *testing.T, path string) {
		if !strings.HasSuffix(path, ".txt") {
			return
		}
		// datadriven stops a file at its first failure; collect every
		// difference instead and report them all at the end.
		var diffs []string
		defer func() {
			for _, d := range diffs {
				t.Error(d)
			}
		}()
		datadriven.RunTest(t, path, func(t *testing.T, d *datadriven.TestData) string {
			got := runCase(t, d)
			if strings.TrimSpace(d.Expected) == "" {
				t.Logf("%s: not recorded yet; kvs says: %s", d.Pos, got)
				return d.Expected
			}
			if !sameOutput(d.Cmd, got, strings.TrimSuffix(d.Expected, "\n")) {
				diffs = append(diffs, fmt.Sprintf("%s: %s\n%s\nwant: %s\ngot:  %s", d.Pos, d.Cmd, d.Input, strings.TrimSpace(d.Expected), got))
			}
			return d.Expected
		})
	})
}

// caseInput is the parsed "field: value" input of a case.
type caseInput struct {
	expr     string
	params   Params
	item     attr.Item // nil when absent
	items    []attr.Item
	raw      string // the whole input, for the item command
	paramErr error
}

func parseInput(t *testing.T, d *datadriven.TestData) caseInput {
	in := caseInput{raw: d.Input}
	if d.Cmd == "item" {
		return in
	}
	for _, line := range strings.Split(d.Input, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		// The value is everything after the first ":", less one space.
		field, val, _ := strings.Cut(line, ":")
		val = strings.TrimPrefix(val, " ")
		switch field {
		case "expr":
			in.expr = val
		case "names":
			if err := json.Unmarshal([]byte(val), &in.params.Names); err != nil {
				d.Fatalf(t, "names: %v", err)
			}
			if in.params.Names == nil {
				in.params.Names = map[string]string{}
			}
		case "values":
			in.params.Values, in.paramErr = parseValues(val)
		case "item":
			it, err := attr.ParseItemJSON([]byte(val))
			if err != nil {
				d.Fatalf(t, "item: %v", err)
			}
			in.item = it
		case "items":
			var raws []json.RawMessage
			if err := json.Unmarshal([]byte(val), &raws); err != nil {
				d.Fatalf(t, "items: %v", err)
			}
			for _, r := range raws {
				it, err := attr.ParseItemJSON(r)
				if err != nil {
					d.Fatalf(t, "items: %v", err)
				}
				in.items = append(in.items, it)
			}
		default:
			d.Fatalf(t, "unknown field %q", field)
		}
	}
	return in
}

// parseValues decodes ExpressionAttributeValues in document order, with
// DynamoDB's message for an invalid value.
func parseValues(s string) (map[string]attr.Value, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("values: not an object")
	}
	vals := map[string]attr.Value{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		v, err := attr.ParseValueJSON(raw)
		if err != nil {
			if e, ok := err.(*apierr.Error); ok && e.Code == apierr.Validation {
				return nil, apierr.Validationf("ExpressionAttributeValues contains invalid value: %s for key %s", e.Message, tok)
			}
			return nil, err
		}
		vals[tok.(string)] = v
	}
	return vals, nil
}

func errLine(err error) string { return "error: " + err.Error() }

// runCase computes kvs's answer to one case, in the output format of the
// case files.
func runCase(t *testing.T, d *datadriven.TestData) string {
	in := parseInput(t, d)
	if d.Cmd == "item" {
		return runItem(strings.TrimSpace(in.raw))
	}
	if in.paramErr != nil {
		return errLine(in.paramErr)
	}
	if d.Cmd == "projection" {
		// GetItem ignores ExpressionAttributeValues (DynamoDB Local answers
		// normally when some are given).
		in.params.Values = nil
	}
	if err := in.params.Validate(); err != nil {
		return errLine(err)
	}
	r := NewResolver(in.params)
	switch d.Cmd {
	case "condition", "filter":
		kind := KindCondition
		if d.Cmd == "filter" {
			kind = KindFilter
		}
		c, err := ParseCondition(kind, in.expr)
		if err == nil {
			c, err = r.Condition(kind, c)
		}
		if err == nil {
			err = r.Unused()
		}
		if err != nil {
			return errLine(err)
		}
		item := in.item
		if item == nil {
			item = attr.Item{}
		}
		return fmt.Sprint(Eval(c, item))
	case "update":
		u, err := ParseUpdate(in.expr)
		if err == nil {
			u, err = r.Update(u)
		}
		if err == nil {
			err = r.Unused()
		}
		if err != nil {
			return errLine(err)
		}
		for _, a := range u.Actions {
			if a.Path[0].Name == "pk" {
				return errLine(apierr.New(apierr.Validation, "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key"))
			}
		}
		old := in.item
		start := old
		if start == nil {
			old = attr.Item{}
			start = attr.Item{"pk": attr.S("k")}
		}
		nu, changed, err := u.Apply(start)
		if err != nil {
			return errLine(err)
		}
		if err := attr.CheckItemSize(nu); err != nil {
			return errLine(err)
		}
		return "updated_old: " + Extract(old, changed).String() + "\n" +
			"updated_new: " + Extract(nu, changed).String() + "\n" +
			"new: " + nu.String()
	case "projection":
		p, err := ParseProjection(in.expr)
		if err == nil {
			p, err = r.Projection(p)
		}
		if err == nil {
			err = r.Unused()
		}
		if err != nil {
			return errLine(err)
		}
		return p.Apply(in.item).String()
	case "query":
		schema := KeySchema{Hash: "pk", HashType: attr.TypeS}
		if arg, ok := d.Arg("sk"); ok && len(arg.Vals) == 1 {
			typ, ok := attr.ParseType(arg.Vals[0])
			if !ok {
				d.Fatalf(t, "bad sk type")
			}
			schema.Range, schema.RangeType = "sk", typ
		}
		c, err := ParseCondition(KindKeyCondition, in.expr)
		if err == nil {
			c, err = r.Condition(KindKeyCondition, c)
		}
		if err == nil {
			err = r.Unused()
		}
		var kc *KeyCondition
		if err == nil {
			kc, err = NewKeyCondition(c, schema)
		}
		if err != nil {
			return errLine(err)
		}
		var keys []attr.Item
		for _, it := range in.items {
			if kc.Match(it) {
				k := attr.Item{"pk": it["pk"]}
				if schema.Range != "" {
					k["sk"] = it["sk"]
				}
				keys = append(keys, k)
			}
		}
		sort.SliceStable(keys, func(i, j int) bool {
			c, _ := attr.Compare(keys[i]["sk"], keys[j]["sk"])
			return c < 0
		})
		return itemsJSON(keys)
	}
	d.Fatalf(t, "unknown command %q", d.Cmd)
	return ""
}

func itemsJSON(items []attr.Item) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = it.String()
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// runItem is the item command: a raw PutItem Item on table t (hash key pk
// of type S), read back. The key checks are the table's, with DynamoDB
// Local's messages as recorded (they are terser than real DynamoDB's).
func runItem(raw string) string {
	it, err := attr.ParseItemJSON([]byte(raw))
	if err != nil {
		return errLine(err)
	}
	pk, ok := it["pk"]
	switch {
	case !ok:
		return errLine(apierr.New(apierr.Validation, "One of the required keys was not given a value"))
	case pk.Type() == attr.TypeN || pk.Type() == attr.TypeB:
		return errLine(apierr.New(apierr.Validation, "One or more parameter values were invalid: Type mismatch for key"))
	case pk.Type() != attr.TypeS:
		return errLine(apierr.New(apierr.Validation, "Invalid attribute value type"))
	case len(pk.Str()) > 2048:
		return errLine(apierr.New(apierr.Validation, "Hash primary key values must be under 2048 bytes, and range primary key values must be under 1024 bytes"))
	}
	if err := attr.ValidateKeyValue("pk", pk, attr.KeyRoleHash); err != nil {
		return errLine(err)
	}
	if err := attr.CheckItemSize(it); err != nil {
		return errLine(err)
	}
	return it.String()
}

// sameOutput compares kvs's output with the recorded one: exactly for
// error lines and true/false, semantically for JSON items and arrays.
func sameOutput(cmd, got, want string) bool {
	if got == want {
		return true
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	if len(gl) != len(wl) {
		return false
	}
	for i := range gl {
		if !sameLine(gl[i], wl[i]) {
			return false
		}
	}
	return true
}

func sameLine(got, want string) bool {
	if got == want {
		return true
	}
	if strings.HasPrefix(got, "error: ") || strings.HasPrefix(want, "error: ") {
		return false
	}
	for _, prefix := range []string{"updated_old: ", "updated_new: ", "new: "} {
		if strings.HasPrefix(got, prefix) && strings.HasPrefix(want, prefix) {
			got, want = got[len(prefix):], want[len(prefix):]
			break
		}
	}
	if strings.HasPrefix(want, "[") {
		var g, w []json.RawMessage
		if json.Unmarshal([]byte(got), &g) != nil || json.Unmarshal([]byte(want), &w) != nil || len(g) != len(w) {
			return false
		}
		for i := range g {
			if !sameItemJSON(string(g[i]), string(w[i])) {
				return false
			}
		}
		return true
	}
	return sameItemJSON(got, want)
}

func sameItemJSON(got, want string) bool {
	g, err1 := attr.ParseItemJSON([]byte(got))
	w, err2 := attr.ParseItemJSON([]byte(want))
	return err1 == nil && err2 == nil && attr.ItemsEqual(g, w)
}
