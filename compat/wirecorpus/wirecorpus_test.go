package wirecorpus

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/internal/ddblocal"
	"github.com/kvs-project/kvs/internal/wirecase"
	"github.com/kvs-project/kvs/server"
)

const corpusDir = "../testdata/wire"

// printFailures makes the test print a KNOWN_FAILURES line for every case
// that fails, listed or not (go test ./compat/wirecorpus -args -print-failures).
var printFailures = flag.Bool("print-failures", false, "print a KNOWN_FAILURES line for every failing case")

// rewriteKnown makes the test rewrite KNOWN_FAILURES with the cases failing
// now, keeping the file's leading comment.
var rewriteKnown = flag.Bool("rewrite-known", false, "rewrite KNOWN_FAILURES with the cases that fail now")

// ddblocalARN is the ARN prefix DynamoDB Local uses; requests in the corpus
// name resources with it, and the replay rewrites it to kvs's own.
const ddblocalARN = "arn:aws:dynamodb:ddblocal:000000000000:"

// startKVS starts a fresh in-memory kvs server on a loopback socket and
// returns its URL and ARN prefix. It skips the test if the pieces it needs
// are not available.
func startKVS(t *testing.T) (endpoint, arnPrefix string) {
	t.Helper()
	db, err := kvs.Open(context.Background(), "mem://", kvs.Options{})
	if err != nil {
		if strings.Contains(err.Error(), "no driver") {
			t.Skip("server not available yet: ", err)
		}
		t.Fatal(err)
	}
	opts := server.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ts := httptest.NewServer(server.New(db, opts))
	t.Cleanup(func() {
		ts.Close()
		db.Close()
	})
	return ts.URL, "arn:aws:dynamodb:" + server.DefaultRegion + ":" + server.DefaultAccountID + ":"
}

func TestWireCorpus(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no case files in " + corpusDir)
	}
	known, err := LoadKnownFailures(filepath.Join(corpusDir, "KNOWN_FAILURES"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var failures []string
	var pass, fail int
	hc := &http.Client{Timeout: 30 * time.Second}
	for _, p := range paths {
		base := filepath.Base(p)
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := wirecase.Parse(string(text))
		if err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		for _, c := range f.Cases {
			seen[fmt.Sprintf("%s:%d", base, c.Line)] = true
		}
		t.Run(strings.TrimSuffix(base, ".txt"), func(t *testing.T) {
			endpoint, arn := startKVS(t)
			creds := wirecase.DefaultCredentials
			for _, c := range f.Cases {
				pos := fmt.Sprintf("%s:%d", base, c.Line)
				if err := c.Validate(); err != nil {
					t.Fatalf("%s: %v", base, err)
				}
				// Requests name resources with DynamoDB Local's ARNs.
				rc := *c
				rc.Input = make([]string, len(c.Input))
				for i, l := range c.Input {
					rc.Input[i] = strings.ReplaceAll(l, ddblocalARN, arn)
				}
				var got []string
				status, body, err := rc.Do(context.Background(), hc, endpoint, creds)
				if err != nil {
					got = []string{"transport error: " + err.Error()}
				} else {
					got = wirecase.Render(c, status, body)
				}
				ok := strings.Join(got, "\n") == strings.Join(c.Output, "\n")
				if ok {
					pass++
				} else {
					fail++
					failures = append(failures, pos+" "+reasonFor(c.Output, got))
				}
				t.Run(fmt.Sprint(c.Line), func(t *testing.T) {
					reason, isKnown := known[pos]
					switch {
					case ok && isKnown:
						t.Errorf("%s passes now: remove it from KNOWN_FAILURES (%s)", pos, reason)
					case !ok && isKnown:
						t.Skipf("known failure: %s", reason)
					case !ok:
						t.Errorf("%s: %s\n%s\nwant:\n%s\ngot:\n%s", pos, c.CmdLine,
							strings.Join(c.Input, "\n"), strings.Join(c.Output, "\n"), strings.Join(got, "\n"))
					}
				})
			}
		})
	}
	var stale []string
	for pos := range known {
		if !seen[pos] {
			stale = append(stale, pos)
		}
	}
	sort.Strings(stale)
	for _, pos := range stale {
		t.Errorf("KNOWN_FAILURES lists %s, which is not a case: remove or renumber it", pos)
	}
	t.Logf("wire corpus: %d cases pass, %d fail (%d listed in KNOWN_FAILURES)", pass, fail, len(known))
	if *printFailures {
		fmt.Println(strings.Join(failures, "\n"))
	}
	if *rewriteKnown {
		if err := rewriteKnownFailures(filepath.Join(corpusDir, "KNOWN_FAILURES"), failures); err != nil {
			t.Fatal(err)
		}
	}
}

// reasonFor summarises a failure for a KNOWN_FAILURES line.
func reasonFor(want, got []string) string {
	fold := func(l []string) string {
		if len(l) < 2 {
			return strings.Join(l, "\n")
		}
		var m map[string]any
		d := json.NewDecoder(strings.NewReader(strings.Join(l[1:], "")))
		d.UseNumber() // 1.0 and 1 must stay different
		if d.Decode(&m) != nil {
			return strings.Join(l, "\n")
		}
		if v, ok := m["Message"]; ok {
			delete(m, "Message")
			m["message"] = v
		}
		b, _ := json.Marshal(m)
		return l[0] + string(b)
	}
	if fold(want) == fold(got) {
		return `message key spelling: DynamoDB Local sends "Message", kvs "message"`
	}
	if len(want) > 1 && len(got) > 1 && want[0] == got[0] {
		we, wok := ddblocal.ParseError(0, []byte(strings.Join(want[1:], "")))
		ge, gok := ddblocal.ParseError(0, []byte(strings.Join(got[1:], "")))
		switch {
		case wok && gok && we.Code != ge.Code:
			return "error code: got " + ge.Code + " want " + we.Code + " (" + clip(we.Message) + ")"
		case wok && gok && we.Message != ge.Message:
			return "message: got " + strconv.Quote(clip(ge.Message)) + " want " + strconv.Quote(clip(we.Message))
		}
	}
	units := regexp.MustCompile(`("CapacityUnits":[0-9]+)\.0\b`)
	if units.ReplaceAllString(strings.Join(want, "\n"), "$1") == strings.Join(got, "\n") {
		return "capacity units: kvs writes 1, DynamoDB 1.0"
	}
	return firstDiff(want, got)
}

// firstDiff summarises how got differs from want: the first differing
// line, cut around the first differing byte.
func firstDiff(want, got []string) string {
	for i := 0; i < len(want) || i < len(got); i++ {
		var w, g string
		if i < len(want) {
			w = strings.TrimSpace(want[i])
		}
		if i < len(got) {
			g = strings.TrimSpace(got[i])
		}
		if w == g {
			continue
		}
		p := 0
		for p < len(w) && p < len(g) && w[p] == g[p] {
			p++
		}
		return "got " + around(g, p) + " want " + around(w, p)
	}
	return ""
}

// around returns up to 70 bytes of s starting a little before byte p.
func around(s string, p int) string {
	if s == "" {
		return "(nothing)"
	}
	start := max(p-25, 0)
	end := min(start+70, len(s))
	out := s[start:end]
	if start > 0 {
		out = "..." + out
	}
	if end < len(s) {
		out += "..."
	}
	return out
}

func clip(s string) string {
	if len(s) > 100 {
		return s[:100] + "..."
	}
	return s
}

// rewriteKnownFailures replaces the case lines of a KNOWN_FAILURES file,
// keeping its leading comment block.
func rewriteKnownFailures(path string, failures []string) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, l := range strings.SplitAfter(string(old), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") && strings.TrimSpace(l) != "" {
			break
		}
		b.WriteString(l)
	}
	for _, f := range failures {
		b.WriteString(f + "\n")
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
