package main

import (
	"fmt"
	"strings"
)

// caseFile is a datadriven test file split into cases. Everything except the
// expected outputs is kept byte for byte, so rewriting a file changes only
// what comes after each "----" line.
type caseFile struct {
	cases    []*testCase
	trailing []string // comment and blank lines after the last case
}

// testCase is one datadriven case.
type testCase struct {
	pre     []string // comment and blank lines before the command line
	line    int      // 1-based line number of the command line
	cmdLine string
	cmd     string
	args    map[string]string // arg name -> value ("" when the arg has none)
	input   []string
	output  []string
	// double marks a case written with the "----\n----" separator, whose
	// output may contain blank lines and ends with "----\n----".
	double bool
}

// parseCaseFile parses the datadriven format: optional comment/blank lines, a
// command line, input lines, "----", output lines, then a blank line (or the
// double-separator form used by datadriven for outputs with blank lines).
func parseCaseFile(text string) (*caseFile, error) {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	f := &caseFile{}
	var pre []string
	for i := 0; i < len(lines); {
		l := lines[i]
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			pre = append(pre, l)
			i++
			continue
		}
		c := &testCase{pre: pre, line: i + 1, cmdLine: l}
		pre = nil
		c.cmd, c.args = parseCommand(l)
		i++
		for ; i < len(lines) && lines[i] != "----"; i++ {
			c.input = append(c.input, lines[i])
		}
		if i == len(lines) {
			return nil, fmt.Errorf("line %d: case %q has no ---- separator", c.line, l)
		}
		i++ // skip "----"
		if i < len(lines) && lines[i] == "----" {
			c.double = true
			i++
			for ; i < len(lines); i++ {
				if lines[i] == "----" && i+1 < len(lines) && lines[i+1] == "----" {
					i += 2
					break
				}
				c.output = append(c.output, lines[i])
			}
		} else {
			for ; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
				c.output = append(c.output, lines[i])
			}
		}
		// The blank line ending a case belongs to the case.
		if i < len(lines) && strings.TrimSpace(lines[i]) == "" {
			i++
		}
		f.cases = append(f.cases, c)
	}
	f.trailing = pre
	return f, nil
}

// parseCommand splits "cmd a b=c" into the command and its arguments.
func parseCommand(l string) (string, map[string]string) {
	fields := strings.Fields(l)
	args := map[string]string{}
	for _, a := range fields[1:] {
		k, v, _ := strings.Cut(a, "=")
		args[k] = v
	}
	return fields[0], args
}

// String renders the file, each case followed by one blank line.
func (f *caseFile) String() string {
	var b strings.Builder
	w := func(l string) { b.WriteString(l); b.WriteByte('\n') }
	for i, c := range f.cases {
		for _, l := range c.pre {
			w(l)
		}
		w(c.cmdLine)
		for _, l := range c.input {
			w(l)
		}
		w("----")
		if c.double {
			w("----")
		}
		for _, l := range c.output {
			w(l)
		}
		if c.double {
			w("----")
			w("----")
		}
		if i < len(f.cases)-1 || len(f.trailing) > 0 {
			w("")
		}
	}
	for _, l := range f.trailing {
		w(l)
	}
	return b.String()
}

// fields returns the "name: value" input lines as a map. present reports
// which fields appeared, so an empty "expr:" differs from no expr at all.
func (c *testCase) fields() (map[string]string, error) {
	m := map[string]string{}
	for _, l := range c.input {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			return nil, fmt.Errorf("line %d: input line %q is not \"field: value\"", c.line, l)
		}
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("line %d: field %q given twice", c.line, k)
		}
		m[k] = strings.TrimPrefix(v, " ")
	}
	return m, nil
}
