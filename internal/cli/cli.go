// Package cli implements kvs's commands. Run is main without the process:
// it takes arguments, output streams and a context that is canceled on
// SIGINT/SIGTERM, and returns the exit code, so tests can drive it.
package cli

import (
	"context"
	"fmt"
	"io"
)

// Version is the kvs version, set at build time with -ldflags "-X ...".
var Version = "dev"

const usage = `kvs — DynamoDB semantics on your machine

Usage:
  kvs serve [flags]    run a DynamoDB-compatible endpoint (kvs serve -h for flags)
  kvs version          print the version
`

// Run runs one kvs command and returns its exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, "kvs", Version)
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "kvs: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
}
