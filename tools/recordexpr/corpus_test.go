package main

import (
	"github.com/kvs-project/kvs/internal/wirecase"
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
		f, err := wirecase.Parse(string(text))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if got := f.String(); got != string(text) {
			t.Errorf("%s: not in canonical form; re-run the recorder", p)
		}
		i := 0
		datadriven.RunTest(t, p, func(t *testing.T, d *datadriven.TestData) string {
			if i >= len(f.Cases) {
				t.Fatalf("%s: datadriven found more cases than the recorder", d.Pos)
			}
			c := f.Cases[i]
			i++
			if d.Cmd != c.Cmd || d.Input != strings.Join(c.Input, "\n") {
				t.Errorf("%s: datadriven read %q / %q, recorder read %q / %q", d.Pos, d.Cmd, d.Input, c.Cmd, c.Input)
			}
			if want := strings.Join(c.Output, "\n") + "\n"; d.Expected != want {
				t.Errorf("%s: expected output %q, recorder has %q", d.Pos, d.Expected, want)
			}
			if len(c.Output) == 0 {
				t.Errorf("%s: case has no recorded output", d.Pos)
			}
			return d.Expected
		})
		if i != len(f.Cases) {
			t.Errorf("%s: datadriven ran %d cases, recorder parsed %d", p, i, len(f.Cases))
		}
		total += len(f.Cases)
	}
	t.Logf("%d cases in %d files", total, len(paths))
}
