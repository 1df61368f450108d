package wirecorpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cockroachdb/datadriven"

	"github.com/kvs-project/kvs/internal/wirecase"
)

// TestCorpusWellFormed checks every case file without a server: it is in
// the recorder's canonical form, every case is valid and has an output,
// datadriven reads it exactly as internal/wirecase does (so the files stay
// usable with datadriven tooling), and the corpus is as large as promised.
func TestCorpusWellFormed(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := wirecase.Parse(string(text))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if f.String() != string(text) {
			t.Errorf("%s: not in canonical form; re-run tools/recordwire", p)
		}
		for _, c := range f.Cases {
			if err := c.Validate(); err != nil {
				t.Errorf("%s: %v", p, err)
			}
			if len(c.Output) == 0 {
				t.Errorf("%s:%d: case has no recorded output", p, c.Line)
			}
			if c.Has("doc-override") && !hasOverrideComment(c) {
				t.Errorf("%s:%d: doc-override case without a \"differs from DynamoDB Local\" comment", p, c.Line)
			}
		}
		i := 0
		datadriven.RunTest(t, p, func(t *testing.T, d *datadriven.TestData) string {
			if i >= len(f.Cases) {
				t.Fatalf("%s: datadriven found more cases than wirecase", d.Pos)
			}
			c := f.Cases[i]
			i++
			if d.Cmd != c.Cmd || d.Input != strings.Join(c.Input, "\n") {
				t.Errorf("%s: datadriven read %q / %q, wirecase read %q / %q", d.Pos, d.Cmd, d.Input, c.Cmd, c.Input)
			}
			if want := strings.Join(c.Output, "\n") + "\n"; d.Expected != want {
				t.Errorf("%s: expected output %q, wirecase has %q", d.Pos, d.Expected, want)
			}
			return d.Expected
		})
		if i != len(f.Cases) {
			t.Errorf("%s: datadriven ran %d cases, wirecase parsed %d", p, i, len(f.Cases))
		}
		total += len(f.Cases)
	}
	if total < 500 {
		t.Errorf("the wire corpus has %d cases, want at least 500", total)
	}
	t.Logf("%d cases in %d files", total, len(paths))
}

// hasOverrideComment reports whether the comment block before a case, or
// the one before an earlier case it refers to ("see above"), says why the
// case differs from DynamoDB Local.
func hasOverrideComment(c *wirecase.Case) bool {
	for _, l := range c.Pre {
		if strings.Contains(l, "differs from DynamoDB Local") {
			return true
		}
	}
	return false
}
