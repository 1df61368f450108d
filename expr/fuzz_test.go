package expr

import (
	"reflect"
	"testing"
)

var fuzzSeeds = []string{
	"a = :v", "a.b[3].#c <> :v AND NOT (b < c OR d >= :x)", "a BETWEEN :a AND :b",
	"a IN (:a, :b, c)", "attribute_exists(a) OR begins_with(#n, :p)", "size(a) > :n",
	"((a = b))", "(a) = :v", "NOT NOT a = b", "SET a = b + :v, c = list_append(c, :l)",
	"REMOVE a[1], b.c ADD s :s DELETE t :t", "SET a = if_not_exists(a, :z) - :one",
	"a, b.c[2], #n", "a[", "a.", ":", "#", "é", "a = = :v", "SET a = (b)",
}

func FuzzParseCondition(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCondition(KindFilter, s)
		if err != nil {
			return
		}
		back, err := ParseCondition(KindFilter, c.String())
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", s, c.String(), err)
		}
		if !reflect.DeepEqual(c, back) {
			t.Fatalf("%q printed as %q, which parses differently", s, c.String())
		}
	})
}

func FuzzParseUpdate(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseUpdate(s)
		if err != nil {
			return
		}
		back, err := ParseUpdate(u.String())
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", s, u.String(), err)
		}
		if !reflect.DeepEqual(u, back) {
			t.Fatalf("%q printed as %q, which parses differently", s, u.String())
		}
	})
}

func FuzzParseProjection(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseProjection(s)
		if err != nil {
			return
		}
		back, err := ParseProjection(p.String())
		if err != nil || !reflect.DeepEqual(p, back) {
			t.Fatalf("%q printed as %q does not round-trip: %v", s, p.String(), err)
		}
	})
}

func FuzzParseKeyCondition(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCondition(KindKeyCondition, s)
		if err != nil {
			return
		}
		// Resolution and key checks must not panic on any parsed tree.
		r := NewResolver(Params{})
		if rc, err := r.Condition(KindKeyCondition, c); err == nil {
			_, _ = NewKeyCondition(rc, KeySchema{Hash: "pk", Range: "sk"})
		}
	})
}
