package main

import (
	"fmt"
	"strings"

	"github.com/kvs-project/kvs/internal/wirecase"
)

// The case files are parsed and rewritten byte for byte by
// internal/wirecase, which the wire-corpus recorder shares; expr cases add
// "field: value" input lines.

// fields returns the "name: value" input lines as a map. present reports
// which fields appeared, so an empty "expr:" differs from no expr at all.
func fields(c *wirecase.Case) (map[string]string, error) {
	m := map[string]string{}
	for _, l := range c.Input {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			return nil, fmt.Errorf("line %d: input line %q is not \"field: value\"", c.Line, l)
		}
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("line %d: field %q given twice", c.Line, k)
		}
		m[k] = strings.TrimPrefix(v, " ")
	}
	return m, nil
}
