package compat_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// readmeEndpoint is the endpoint README.md's commands use; the test swaps in
// its server's.
const readmeEndpoint = "http://127.0.0.1:8000"

// TestAWSCLIReadme runs the AWS CLI commands of README.md's server section
// exactly as written (only the endpoint is the test server's), then the
// other commands a user tries next: wait, update-item, query, scan with
// --max-items pagination, delete-table. It runs once per installed CLI
// (python3's awscli v1 on PATH and Debian's v2 in /usr/bin differ, e.g. in
// which region variables they read).
func TestAWSCLIReadme(t *testing.T) {
	clis, broken := findAWSCLIs()
	if len(clis) == 0 && broken != "" {
		t.Fatal(broken)
	}
	if len(clis) == 0 {
		t.Skip("the AWS CLI (aws) is not installed: apt-get install awscli to run this test")
	}
	readme := readmeCLI(t)
	for _, cli := range clis {
		t.Run(cli.name, func(t *testing.T) {
			t.Parallel() // each CLI has its own server; the CLIs' start-up dominates
			srv := startServer(t, "--in-memory")
			r := &cliRunner{t: t, aws: cli.path, url: srv.URL, env: readme.env, srv: srv}
			r.readmeCommands(readme.commands)
			r.nextCommands()
		})
	}
}

type awsCLI struct{ name, path string }

// findAWSCLIs returns the distinct aws executables among aws on PATH and
// /usr/bin/aws, each named by its major version ("v1", "v2"), and a
// description of those that are installed but do not run.
func findAWSCLIs() (clis []awsCLI, broken string) {
	seen := map[string]bool{}
	for _, name := range []string{"aws", "/usr/bin/aws"} {
		path, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		if real, err := filepath.EvalSymlinks(path); err == nil && seen[real] {
			continue
		} else if err == nil {
			seen[real] = true
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		out, err := exec.CommandContext(ctx, path, "--version").CombinedOutput()
		cancel()
		m := regexp.MustCompile(`aws-cli/(\d+)\.`).FindSubmatch(out)
		if err != nil || m == nil {
			// e.g. a pyenv shim for a Python version not selected here
			broken += fmt.Sprintf("%s --version: %v\n%s", path, err, out)
			continue
		}
		label := "v" + string(m[1])
		for _, c := range clis {
			if c.name == label {
				label += "_" + strings.ReplaceAll(strings.Trim(path, "/"), "/", "_")
			}
		}
		clis = append(clis, awsCLI{name: label, path: path})
	}
	return clis, broken
}

// readmeCLIBlock is what README.md's server section tells a CLI user to run.
type readmeCLIBlock struct {
	env      []string // the KEY=VALUE pairs its export line sets
	commands []string // each `aws ...` command, continuation lines joined
}

// readmeCLI extracts the shell block with the aws commands from README.md's
// "## The server" section.
func readmeCLI(t *testing.T) readmeCLIBlock {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "\n## The server")
	if start < 0 {
		t.Fatal("README.md has no '## The server' section")
	}
	section := text[start+1:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	var block readmeCLIBlock
	for _, m := range regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(section, -1) {
		if !strings.Contains(m[1], "aws dynamodb") {
			continue
		}
		for _, line := range strings.Split(strings.ReplaceAll(m[1], "\\\n", " "), "\n") {
			line = strings.TrimSpace(line)
			switch {
			case strings.HasPrefix(line, "export "):
				block.env = append(block.env, strings.Fields(strings.TrimPrefix(line, "export "))...)
			case strings.HasPrefix(line, "aws "):
				block.commands = append(block.commands, line)
			}
		}
		break
	}
	var ops []string
	for _, c := range block.commands {
		ops = append(ops, strings.Fields(c)[2])
	}
	if want := []string{"create-table", "put-item", "get-item"}; !reflect.DeepEqual(ops, want) {
		t.Fatalf("README.md's server section runs aws dynamodb %v; this test checks %v: update it with the README", ops, want)
	}
	return block
}

// cliRunner runs aws commands against one server with an environment that
// holds only the README's exports (no user config, no pager).
type cliRunner struct {
	t   *testing.T
	aws string
	url string
	env []string
	srv *server
}

// cliResult is one finished aws command.
type cliResult struct {
	stdout, stderr string
	code           int
}

// run runs an aws command line through sh (so README quoting works as in a
// terminal); the program "aws" is this runner's CLI.
func (r *cliRunner) run(cmdline string) cliResult {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmdline = strings.Replace(cmdline, "aws ", `"$KVS_AWS_CLI" `, 1)
	cmd := exec.CommandContext(ctx, "sh", "-c", cmdline)
	cmd.Env = append(cleanAWSEnv(os.Environ()), r.env...)
	cmd.Env = append(cmd.Env,
		"KVS_AWS_CLI="+r.aws,
		"AWS_CONFIG_FILE="+os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE="+os.DevNull,
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_PAGER=",
		"PYTHONDONTWRITEBYTECODE=1",
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := cliResult{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		res.code = exit.ExitCode()
	case err != nil:
		r.t.Fatalf("running %s: %v", cmdline, err)
	}
	return res
}

// ok runs cmdline with --endpoint-url and --output json and fails unless
// it exits 0; it returns stdout.
func (r *cliRunner) ok(cmdline string) string {
	r.t.Helper()
	res := r.run(cmdline + " --endpoint-url " + r.url + " --output json")
	if res.code != 0 {
		r.t.Fatalf("%s\nexit %d\nstderr: %s\nstdout: %s\nserver log:\n%s", cmdline, res.code, res.stderr, res.stdout, r.srv.output())
	}
	return res.stdout
}

// fails runs cmdline and wants a non-zero exit with the CLI's one-line
// rendering of the service error (code, operation, message) on stderr.
func (r *cliRunner) fails(cmdline, code, op, msg string) {
	r.t.Helper()
	res := r.run(cmdline + " --endpoint-url " + r.url + " --output json")
	want := fmt.Sprintf("An error occurred (%s) when calling the %s operation: %s", code, op, msg)
	if res.code == 0 || strings.TrimSpace(res.stderr) != want {
		r.t.Errorf("%s\nexit %d, stderr %q\nwant a non-zero exit and %q", cmdline, res.code, strings.TrimSpace(res.stderr), want)
	}
}

// readmeCommands runs the README's own commands, adding only --output json
// and the server's endpoint in place of the README's.
func (r *cliRunner) readmeCommands(commands []string) {
	t := r.t
	var outs []string
	for _, c := range commands {
		if !strings.Contains(c, "--endpoint-url "+readmeEndpoint) {
			t.Fatalf("README command %q does not use --endpoint-url %s", c, readmeEndpoint)
		}
		c = strings.Replace(c, readmeEndpoint, r.url, 1)
		res := r.run(c + " --output json")
		if res.code != 0 {
			t.Fatalf("README command failed with exit %d: %s\nstderr: %s\nstdout: %s\nserver log:\n%s",
				res.code, c, res.stderr, res.stdout, r.srv.output())
		}
		outs = append(outs, res.stdout)
	}

	desc := mustJSON(t, outs[0])["TableDescription"].(map[string]any)
	wantFields(t, "create-table TableDescription", desc, map[string]string{
		"TableName":                      `"users"`,
		"KeySchema":                      `[{"AttributeName":"id","KeyType":"HASH"}]`,
		"AttributeDefinitions":           `[{"AttributeName":"id","AttributeType":"S"}]`,
		"ItemCount":                      `0`,
		"TableSizeBytes":                 `0`,
		"ProvisionedThroughput":          `{"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0}`,
		"BillingModeSummary/BillingMode": `"PAY_PER_REQUEST"`,
	})
	if s, _ := desc["TableStatus"].(string); s != "ACTIVE" && s != "CREATING" {
		t.Errorf("create-table TableStatus %q, want CREATING or ACTIVE", s)
	}
	if arn, _ := desc["TableArn"].(string); !regexp.MustCompile(`^arn:aws:dynamodb:us-east-1:\d{12}:table/users$`).MatchString(arn) {
		t.Errorf("create-table TableArn %q, want arn:aws:dynamodb:us-east-1:<account>:table/users", arn)
	}
	if strings.TrimSpace(outs[1]) != "" {
		t.Errorf("put-item printed %q, want nothing", outs[1])
	}
	wantJSONEqual(t, "get-item", outs[2], `{"Item":{"id":{"S":"u1"},"name":{"S":"Ann"}}}`)
}

// nextCommands goes on from the README's table.
func (r *cliRunner) nextCommands() {
	t := r.t
	if out := r.ok("aws dynamodb wait table-exists --table-name users"); strings.TrimSpace(out) != "" {
		t.Errorf("wait table-exists printed %q", out)
	}
	out := r.ok(`aws dynamodb batch-write-item --request-items '{"users":[` +
		`{"PutRequest":{"Item":{"id":{"S":"u2"},"name":{"S":"Bo"}}}},{"PutRequest":{"Item":{"id":{"S":"u3"}}}},` +
		`{"PutRequest":{"Item":{"id":{"S":"u4"}}}},{"PutRequest":{"Item":{"id":{"S":"u5"}}}}]}'`)
	wantJSONEqual(t, "batch-write-item", out, `{"UnprocessedItems":{}}`)

	out = r.ok(`aws dynamodb update-item --table-name users --key '{"id":{"S":"u1"}}' ` +
		`--update-expression 'SET visits = if_not_exists(visits, :zero) + :one, #n = :n' ` +
		`--expression-attribute-names '{"#n":"name"}' ` +
		`--expression-attribute-values '{":zero":{"N":"0"},":one":{"N":"1"},":n":{"S":"Ann B"}}' --return-values UPDATED_NEW`)
	wantJSONEqual(t, "update-item", out, `{"Attributes":{"visits":{"N":"1"},"name":{"S":"Ann B"}}}`)
	r.fails(`aws dynamodb put-item --table-name users --item '{"id":{"S":"u1"}}' --condition-expression 'attribute_not_exists(id)'`,
		"ConditionalCheckFailedException", "PutItem", "The conditional request failed")

	out = r.ok(`aws dynamodb query --table-name users --key-condition-expression 'id = :id' ` +
		`--expression-attribute-values '{":id":{"S":"u1"}}'`)
	wantJSONEqual(t, "query", out,
		`{"Items":[{"id":{"S":"u1"},"name":{"S":"Ann B"},"visits":{"N":"1"}}],"Count":1,"ScannedCount":1}`)

	// --max-items pages through the scan with NextToken; --page-size 1
	// makes the CLI follow LastEvaluatedKey between requests as well.
	var ids []string
	var pageSizes []int
	token := ""
	for i := 0; i < 10; i++ {
		cmd := "aws dynamodb scan --table-name users --max-items 2 --page-size 1"
		if token != "" {
			cmd += " --starting-token " + token
		}
		page := mustJSON(t, r.ok(cmd))
		items, _ := page["Items"].([]any)
		pageSizes = append(pageSizes, len(items))
		for _, it := range items {
			ids = append(ids, it.(map[string]any)["id"].(map[string]any)["S"].(string))
		}
		token, _ = page["NextToken"].(string)
		if token == "" {
			break
		}
	}
	if !reflect.DeepEqual(pageSizes, []int{2, 2, 1}) {
		t.Errorf("scan --max-items 2 pages had %v items, want [2 2 1]", pageSizes)
	}
	got := slices.Sorted(slices.Values(ids))
	if !reflect.DeepEqual(got, []string{"u1", "u2", "u3", "u4", "u5"}) {
		t.Errorf("scan pages returned ids %v, want u1..u5 once each", ids)
	}
	wantJSONEqual(t, "scan --select COUNT", r.ok("aws dynamodb scan --table-name users --select COUNT"),
		`{"Count":5,"ScannedCount":5}`)

	desc := mustJSON(t, r.ok("aws dynamodb delete-table --table-name users"))["TableDescription"].(map[string]any)
	wantFields(t, "delete-table TableDescription", desc, map[string]string{"TableName": `"users"`, "TableStatus": `"DELETING"`})
	if out := r.ok("aws dynamodb wait table-not-exists --table-name users"); strings.TrimSpace(out) != "" {
		t.Errorf("wait table-not-exists printed %q", out)
	}
	r.fails("aws dynamodb describe-table --table-name users",
		"ResourceNotFoundException", "DescribeTable", "Requested resource not found: Table: users not found")
}

func mustJSON(t *testing.T, s string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("output is not a JSON object (%v):\n%s", err, s)
	}
	// The CLI prints paginated outputs' absent members as null
	// ("ConsumedCapacity": null); they are not the server's answer.
	for k, x := range v {
		if x == nil {
			delete(v, k)
		}
	}
	return v
}

// wantJSONEqual compares JSON documents structurally.
func wantJSONEqual(t *testing.T, what, got, want string) {
	t.Helper()
	g, w := mustJSON(t, got), mustJSON(t, want)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s printed\n%s\nwant (as JSON)\n%s", what, got, want)
	}
}

// wantFields checks fields of obj (a/b is field b of object a) against JSON
// values.
func wantFields(t *testing.T, what string, obj map[string]any, want map[string]string) {
	t.Helper()
	for path, w := range want {
		var v any = obj
		for _, k := range strings.Split(path, "/") {
			m, _ := v.(map[string]any)
			v = m[k]
		}
		var wv any
		dec := json.NewDecoder(strings.NewReader(w))
		dec.UseNumber()
		if err := dec.Decode(&wv); err != nil {
			t.Fatalf("bad want %s: %v", w, err)
		}
		if !reflect.DeepEqual(v, wv) {
			gj, _ := json.Marshal(v)
			t.Errorf("%s %s = %s, want %s", what, path, gj, w)
		}
	}
}
