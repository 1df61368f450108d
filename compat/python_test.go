package compat_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// TestPythonBoto3 runs compat/py's unittest suites (test_*.py), written against boto3's
// low-level client and its resource API as Python programs for DynamoDB use
// them, against kvs serve.
func TestPythonBoto3(t *testing.T) {
	python := findPythonWithBoto3()
	if python == "" {
		t.Skip("no python3 that can import boto3 (tried python3 and /usr/bin/python3): " +
			"install python3-boto3 (Debian) or pip install boto3 to run compat/py")
	}
	dir, err := filepath.Abs("py")
	if err != nil {
		t.Fatal(err)
	}
	// Both engines: the in-memory one and the on-disk one a user's
	// `kvs serve` runs by default.
	for _, engine := range []string{"memory", "disk"} {
		t.Run(engine, func(t *testing.T) {
			flags := []string{"--in-memory"}
			if engine == "disk" {
				flags = []string{"--data-dir", t.TempDir()}
			}
			runPythonSuite(t, python, dir, startServer(t, flags...))
		})
	}
}

// runPythonSuite runs every compat/py/test_*.py against srv.
func runPythonSuite(t *testing.T, python, dir string, srv *server) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "-m", "unittest", "discover", "-v", "-s", ".", "-p", "test_*.py")
	cmd.Dir = dir
	cmd.Env = append(cleanAWSEnv(os.Environ()), pythonAWSEnv(srv.URL)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s -m unittest discover (compat/py) against %s: %v\n%s\nserver log:\n%s",
			python, srv.URL, err, out, srv.output())
	}
	m := unittestRan.FindSubmatch(out)
	if m == nil || string(m[1]) == "0" {
		t.Fatalf("unittest ran no tests:\n%s", out)
	}
	t.Logf("%s -m unittest:\n%s", python, out)
}

// unittestRan matches unittest's summary line.
var unittestRan = regexp.MustCompile(`(?m)^Ran (\d+) tests? in `)

// findPythonWithBoto3 returns the first of python3 on PATH and Debian's
// /usr/bin/python3 that can import boto3, or "".
func findPythonWithBoto3() string {
	for _, name := range []string{"python3", "/usr/bin/python3"} {
		path, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err = exec.CommandContext(ctx, path, "-c", "import boto3").Run()
		cancel()
		if err == nil {
			return path
		}
	}
	return ""
}

// pythonAWSEnv is the environment boto3 and the AWS CLI get: fixed
// credentials and region, no instance metadata lookups, no bytecode files
// written into the source tree, and the server's endpoint in KVS_ENDPOINT.
func pythonAWSEnv(url string) []string {
	return []string{
		"KVS_ENDPOINT=" + url,
		"AWS_ACCESS_KEY_ID=AKIDCOMPATPY",
		"AWS_SECRET_ACCESS_KEY=compat-py-secret",
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_REGION=us-east-1",
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE=" + os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE=" + os.DevNull,
		"PYTHONDONTWRITEBYTECODE=1",
		"PYTHONUNBUFFERED=1",
	}
}
