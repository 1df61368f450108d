package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cockroachdb/datadriven"
)

// TestCorpusParsesLikeDatadriven checks that every case file under
// expr/testdata is read by datadriven exactly as this recorder reads it:
// same commands, inputs and expected outputs, in the same order. The kvs
// test replays the files with datadriven, so a disagreement here would make
// it check something other than what was recorded. It needs no Java.
func TestCorpusParsesLikeDatadriven(t *testing.T) {
	paths, err := filepath.Glob("../../expr/testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Skip("no case files")
	}
	total := 0
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parseCaseFile(string(text))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if got := f.String(); got != string(text) {
			t.Errorf("%s: not in canonical form; re-run the recorder", p)
		}
		i := 0
		datadriven.RunTest(t, p, func(t *testing.T, d *datadriven.TestData) string {
			if i >= len(f.cases) {
				t.Fatalf("%s: datadriven found more cases than the recorder", d.Pos)
			}
			c := f.cases[i]
			i++
			if d.Cmd != c.cmd || d.Input != strings.Join(c.input, "\n") {
				t.Errorf("%s: datadriven read %q / %q, recorder read %q / %q", d.Pos, d.Cmd, d.Input, c.cmd, c.input)
			}
			if want := strings.Join(c.output, "\n") + "\n"; d.Expected != want {
				t.Errorf("%s: expected output %q, recorder has %q", d.Pos, d.Expected, want)
			}
			if len(c.output) == 0 {
				t.Errorf("%s: case has no recorded output", d.Pos)
			}
			return d.Expected
		})
		if i != len(f.cases) {
			t.Errorf("%s: datadriven ran %d cases, recorder parsed %d", p, i, len(f.cases))
		}
		total += len(f.cases)
	}
	t.Logf("%d cases in %d files", total, len(paths))
}
