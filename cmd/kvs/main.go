// Command kvs is kvs's command line: `kvs serve` runs a DynamoDB-compatible
// endpoint. The commands live in internal/cli so they can be tested.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/kvs-project/kvs/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
