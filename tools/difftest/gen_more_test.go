package main

import (
	"encoding/json"
	"testing"
)

// The second round's expressions declare exactly the names and values they
// use.
func TestGenMoreRefsDeclared(t *testing.T) {
	g := NewGen(5)
	for i := 0; i < 300; i++ {
		e := newExprCtx()
		text := g.listUpdate(e) + " " + g.setUpdate(e) + " " + g.bigArith(e)
		for k := range e.values {
			if !containsWord(text, k) {
				t.Fatalf("value %s declared but unused in %q", k, text)
			}
		}
	}
}

// A big item is within a few bytes of 400 KB, and its follow-ups come out
// of Next in order, ending with its deletion.
func TestGenBigItemSteps(t *testing.T) {
	g := NewGen(9)
	steps := g.bigItemSteps(tables[1])
	it := steps[0].Body["Item"].(map[string]any)
	size := 0
	for n, v := range it {
		size += len(n) + attrSize(v.(map[string]any))
	}
	if size < maxItemSize-5 || size > maxItemSize+3 {
		t.Errorf("big item size %d, want within a few bytes of %d", size, maxItemSize)
	}
	if last := steps[len(steps)-1]; last.Op != "DeleteItem" {
		t.Errorf("last step %s, want DeleteItem", last.Op)
	}
	g.pending = steps[1:]
	for _, want := range steps[1:] {
		if got := g.Next(); got.Op != want.Op {
			t.Fatalf("Next = %s, want pending %s", got.Op, want.Op)
		}
	}
}

// Parallel scans name their segment count; Select, ConsistentRead and
// made-up start keys all occur; a Scan with a made-up key compares only
// the status.
func TestGenReadShapes(t *testing.T) {
	g := NewGen(11)
	seen := map[string]bool{}
	for i := 0; i < 3000; i++ {
		r := g.Next()
		if r.Op != "Scan" && r.Op != "Query" {
			continue
		}
		b, _ := json.Marshal(r.Body)
		if r.Segments > 0 {
			seen["segments"] = true
			if r.Body["TotalSegments"] != r.Segments {
				t.Fatalf("segmented scan without its TotalSegments: %s", b)
			}
		}
		if s, ok := r.Body["Select"].(string); ok {
			seen[s] = true
		}
		if r.Body["ConsistentRead"] != nil {
			seen["consistent"] = true
		}
		if r.Body["ExclusiveStartKey"] != nil {
			seen["start "+r.Op] = true
			if r.Op == "Scan" && r.Segments == 0 && !r.StatusOnly {
				t.Fatalf("scan from a made-up key compared in full: %s", b)
			}
		}
	}
	for _, k := range []string{"segments", "COUNT", "SPECIFIC_ATTRIBUTES", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "consistent", "start Scan", "start Query"} {
		if !seen[k] {
			t.Errorf("3000 steps generated no %s", k)
		}
	}
}
