package compat_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSeedJavaScript runs the KV Store seed's handlers, written for the AWS
// SDK for JavaScript v3 (@aws-sdk/client-dynamodb and @aws-sdk/lib-dynamodb),
// against kvs serve: compat/js's tests (seed.test.js: the handlers;
// sdk.test.js: the same packages' paginators, transactions and exceptions)
// under node's built-in test runner.
func TestSeedJavaScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the JavaScript seed tests (compat/js) need node >= 18 and npm")
	}
	dir, err := filepath.Abs("js")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()

	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@aws-sdk", "lib-dynamodb")); err != nil {
		npm, err := exec.LookPath("npm")
		if err != nil {
			t.Fatal("compat/js/node_modules is missing and npm is not installed to install it")
		}
		install := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund")
		install.Dir = dir
		if out, err := install.CombinedOutput(); err != nil {
			t.Fatalf("npm ci in compat/js: %v\n%s", err, out)
		}
	}

	srv := startServer(t, "--in-memory")
	cmd := exec.CommandContext(ctx, node, "--test")
	cmd.Dir = dir
	cmd.Env = append(cleanAWSEnv(os.Environ()),
		"AWS_ENDPOINT_URL_DYNAMODB="+srv.URL,
		"AWS_REGION=us-east-1",
		"AWS_ACCESS_KEY_ID=AKIDCOMPATJS",
		"AWS_SECRET_ACCESS_KEY=compat-js-secret",
		// The SDK warns on every start about node < 22; keep the log to the tests.
		"AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE=1",
		"NODE_NO_WARNINGS=1",
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test in compat/js against %s: %v\n%s\nserver log:\n%s", srv.URL, err, out, srv.output())
	}
	summary := string(out)
	if !strings.Contains(summary, "# fail 0") || strings.Contains(summary, "# pass 0\n") {
		t.Fatalf("node --test did not report passing tests:\n%s", out)
	}
	t.Logf("node --test:\n%s", out)
}

// cleanAWSEnv drops the AWS settings of whoever runs the tests, so that no
// profile, credential or endpoint of theirs reaches the JavaScript SDK.
func cleanAWSEnv(env []string) []string {
	var kept []string
	for _, kv := range env {
		if strings.HasPrefix(kv, "AWS_") {
			continue
		}
		kept = append(kept, kv)
	}
	return kept
}
