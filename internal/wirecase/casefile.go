package wirecase

import (
	"fmt"
	"strings"
)

// File is a datadriven case file split into cases. Everything except the
// expected outputs is kept byte for byte, so rewriting a file changes only
// what comes after each "----" line.
type File struct {
	Cases    []*Case
	Trailing []string // comment and blank lines after the last case
}

// Case is one datadriven case: a command line, input lines (the request
// body) and output lines (the normalised answer).
type Case struct {
	Pre     []string // comment and blank lines before the command line
	Line    int      // 1-based line number of the command line
	CmdLine string
	Cmd     string
	Args    map[string]string // arg name -> value ("" when the arg has none)
	Input   []string
	Output  []string
	// Double marks a case written with the "----\n----" separator, whose
	// output may contain blank lines and ends with "----\n----".
	Double bool
}

// Has reports whether the command line carries arg.
func (c *Case) Has(arg string) bool { _, ok := c.Args[arg]; return ok }

// Parse parses the datadriven format: optional comment/blank lines, a
// command line, input lines, "----", output lines, then a blank line (or the
// double-separator form used by datadriven for outputs with blank lines).
func Parse(text string) (*File, error) {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	f := &File{}
	var pre []string
	for i := 0; i < len(lines); {
		l := lines[i]
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			pre = append(pre, l)
			i++
			continue
		}
		c := &Case{Pre: pre, Line: i + 1, CmdLine: l}
		pre = nil
		c.Cmd, c.Args = parseCommand(l)
		i++
		for ; i < len(lines) && lines[i] != "----"; i++ {
			c.Input = append(c.Input, lines[i])
		}
		if i == len(lines) {
			return nil, fmt.Errorf("line %d: case %q has no ---- separator", c.Line, l)
		}
		i++ // skip "----"
		if i < len(lines) && lines[i] == "----" {
			c.Double = true
			i++
			for ; i < len(lines); i++ {
				if lines[i] == "----" && i+1 < len(lines) && lines[i+1] == "----" {
					i += 2
					break
				}
				c.Output = append(c.Output, lines[i])
			}
		} else {
			for ; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
				c.Output = append(c.Output, lines[i])
			}
		}
		// The blank line ending a case belongs to the case.
		if i < len(lines) && strings.TrimSpace(lines[i]) == "" {
			i++
		}
		f.Cases = append(f.Cases, c)
	}
	f.Trailing = pre
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
func (f *File) String() string {
	var b strings.Builder
	w := func(l string) { b.WriteString(l); b.WriteByte('\n') }
	for i, c := range f.Cases {
		for _, l := range c.Pre {
			w(l)
		}
		w(c.CmdLine)
		for _, l := range c.Input {
			w(l)
		}
		w("----")
		if c.Double {
			w("----")
		}
		for _, l := range c.Output {
			w(l)
		}
		if c.Double {
			w("----")
			w("----")
		}
		if i < len(f.Cases)-1 || len(f.Trailing) > 0 {
			w("")
		}
	}
	for _, l := range f.Trailing {
		w(l)
	}
	return b.String()
}
