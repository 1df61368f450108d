// Command recordwire records DynamoDB Local's answers to the wire
// conformance corpus (compat/testdata/wire/*.txt) and rewrites the expected
// outputs in place.
//
// Each file runs top to bottom against a fresh database: DynamoDB Local keeps
// one database per access key, so every file of every run is signed with an
// access key of its own. Case commands, inputs and comments are kept byte for
// byte; cases whose command line carries doc-override are sent (later cases
// may depend on their effect) but their hand-written outputs are kept.
// It needs Java and is run by hand, never by `go test` (see
// docs/wire-corpus.md):
//
//	go run ./tools/recordwire -jar-dir /work/ddbl
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kvs-project/kvs/internal/ddblocal"
	"github.com/kvs-project/kvs/internal/wirecase"
)

func main() {
	jarDir := flag.String("jar-dir", "", "DynamoDB Local location (jar dir, npm package or npm prefix); default $"+ddblocal.EnvDir)
	endpoint := flag.String("endpoint", "", "use an already running DynamoDB Local instead of starting one")
	dir := flag.String("dir", "compat/testdata/wire", "directory of *.txt case files")
	files := flag.String("files", "", "only files whose base name matches this regexp")
	check := flag.Bool("check", false, "do not rewrite; report cases whose recorded output differs and exit 1")
	flag.Parse()
	if err := run(*jarDir, *endpoint, *dir, *files, *check); err != nil {
		fmt.Fprintln(os.Stderr, "recordwire:", err)
		os.Exit(1)
	}
}

func run(jarDir, endpoint, dir, filesRE string, check bool) error {
	ctx := context.Background()
	re, err := regexp.Compile(filesRE)
	if err != nil {
		return err
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return err
	}
	if endpoint == "" {
		srv, err := ddblocal.Start(ctx, ddblocal.Options{Dir: jarDir})
		if err != nil {
			return err
		}
		defer srv.Stop()
		endpoint = srv.Endpoint
	}
	hc := &http.Client{Timeout: 60 * time.Second}
	// A run nonce keeps databases of earlier runs (with -endpoint) apart.
	nonce := strconv.FormatInt(time.Now().UnixNano()%1e9, 36)
	var total, changed, skipped int
	for i, p := range paths {
		if !re.MatchString(filepath.Base(p)) {
			continue
		}
		creds := wirecase.DefaultCredentials
		creds.AccessKey = "wire" + nonce + "x" + strconv.Itoa(i)
		n, ch, sk, err := recordFile(ctx, hc, endpoint, creds, p, check)
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

// recordFile runs every case of one file in order and rewrites it unless
// check is set.
func recordFile(ctx context.Context, hc *http.Client, endpoint string, creds wirecase.Credentials, path string, check bool) (total, changed, skipped int, err error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, 0, err
	}
	f, err := wirecase.Parse(string(text))
	if err != nil {
		return 0, 0, 0, err
	}
	for _, c := range f.Cases {
		if err := c.Validate(); err != nil {
			return 0, 0, 0, err
		}
	}
	for _, c := range f.Cases {
		total++
		// doc-override cases are sent too, so that later cases see the
		// same state as on replay, but their hand-written output stays.
		status, body, err := c.Do(ctx, hc, endpoint, creds)
		if err != nil {
			return 0, 0, 0, fmt.Errorf("line %d (%s): %w", c.Line, c.CmdLine, err)
		}
		if c.Has("doc-override") {
			skipped++
			continue
		}
		if status >= 500 {
			// DynamoDB Local's 500s are its own bugs, never DynamoDB's
			// documented answer: such a case wants a doc-override.
			fmt.Fprintf(os.Stderr, "%s:%d: DynamoDB Local answered %d; consider doc-override\n", path, c.Line, status)
		}
		out := wirecase.Render(c, status, body)
		if strings.Join(out, "\n") != strings.Join(c.Output, "\n") {
			changed++
			if check {
				fmt.Printf("%s:%d: %s\n  recorded: %s\n  answered: %s\n", path, c.Line, c.CmdLine,
					strings.Join(c.Output, " "), strings.Join(out, " "))
			}
			c.Output = out
		}
	}
	if check {
		return total, changed, skipped, nil
	}
	return total, changed, skipped, os.WriteFile(path, []byte(f.String()), 0o644)
}
