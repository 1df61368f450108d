package main

import (
	"encoding/json"
	"strings"

	"github.com/kvs-project/kvs/internal/wirecase"
)

// Answer is one server's answer to a request.
type Answer struct {
	Status int
	Body   []byte
}

// render normalises an answer the way the wire corpus does, plus the
// request's own order rules: Unordered compares Items as a multiset, and
// Partial keeps only the status, Count and (for errors) the error.
func render(req Request, a Answer) string {
	c := &wirecase.Case{Args: map[string]string{"op": req.Op}}
	if req.Unordered {
		c.Args["unordered"] = ""
	}
	body := a.Body
	if req.Partial && a.Status == 200 {
		body = partialBody(body)
	}
	if req.StatusOnly && a.Status == 200 {
		body = nil
	}
	return strings.Join(wirecase.Render(c, a.Status, body), "\n")
}

// partialBody keeps ScannedCount (a limited read of a GSI or a Scan may
// pick different items in a different order, but it stops after the same
// number of evaluated items), drops Items and Count, and reduces
// LastEvaluatedKey to its presence.
func partialBody(body []byte) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return body
	}
	out := map[string]any{}
	if v, ok := m["ScannedCount"]; ok {
		out["ScannedCount"] = v
	}
	if _, ok := m["LastEvaluatedKey"]; ok {
		out["LastEvaluatedKey"] = "<present>"
	}
	b, _ := json.Marshal(out)
	return b
}

// Diff is one difference between the two servers.
type Diff struct {
	Step  int
	Req   Request
	Local string
	KVS   string
	// Accepted names the known, accepted difference this is, if any.
	Accepted string
}

// compare returns a Diff if the rendered answers differ.
func compare(step int, req Request, local, kv Answer) *Diff {
	l, k := render(req, local), render(req, kv)
	if l == k {
		return nil
	}
	d := &Diff{Step: step, Req: req, Local: l, KVS: k}
	d.Accepted = acceptedAs(req, local, kv)
	return d
}

// signature groups differences for the summary: the operation and the two
// first lines that differ.
func (d *Diff) signature() string {
	ll, kl := strings.Split(d.Local, "\n"), strings.Split(d.KVS, "\n")
	for i := 0; i < len(ll) || i < len(kl); i++ {
		var a, b string
		if i < len(ll) {
			a = ll[i]
		}
		if i < len(kl) {
			b = kl[i]
		}
		if a != b {
			return d.Req.Op + " | local: " + clip(a) + " | kvs: " + clip(b)
		}
	}
	return d.Req.Op
}

func clip(s string) string {
	if len(s) > 160 {
		return s[:160] + "..."
	}
	return s
}
