package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/kvs-project/kvs/bench"
)

// ab is `kvsbench ab [flags] SERVER...`: an interleaved A/B of server
// variants on the get and put workloads, printing server CPU per
// operation. A SERVER is a kvs binary (started as kvs-mem; a wrapper
// script sets flags or environment, e.g. `exec kvs "$@" --http std`), or
// noop / noop-lean for the do-nothing servers. Every round runs each
// workload × concurrency on each server in turn, the order rotated every
// round, after one unmeasured warm-up round: noise falls on every variant
// alike, which is the only fair way to compare on a shared machine.
func ab(args []string) int {
	fs := flag.NewFlagSet("kvsbench ab", flag.ExitOnError)
	rounds := fs.Int("rounds", 4, "measured rounds")
	slice := fs.Duration("slice", time.Second, "length of one slice")
	fs.Parse(args)
	if fs.NArg() == 0 {
		return fail(fmt.Errorf("ab: name at least one server"))
	}
	self, err := os.Executable()
	if err != nil {
		return fail(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	defer bench.StopAll()

	names := fs.Args()
	targets := make([]bench.Target, len(names))
	for i, name := range names {
		k := bench.KvsMem
		if bench.Kind(name).IsNoop() {
			k = bench.Kind(name)
		}
		p, err := bench.Start(ctx, k, bench.Programs{Kvs: name, Self: self}, time.Minute)
		if err != nil {
			return fail(err)
		}
		c := bench.NewClient(p.URL, 32)
		if !k.IsNoop() {
			if err := bench.Setup(ctx, c); err != nil {
				return fail(err)
			}
		}
		targets[i] = bench.Target{Proc: p, Client: c}
	}

	type cell struct {
		server int
		w      string
		conc   int
	}
	cpu, ops := map[cell]time.Duration{}, map[cell]int64{}
	workloads := []bench.Workload{bench.Workloads[0], bench.Workloads[1]} // get, put
	concs := []int{1, 32}
	fmt.Printf("load average at start: %s\n", bench.LoadAvg())
	for round := -1; round < *rounds; round++ {
		for _, w := range workloads {
			for _, conc := range concs {
				for j := range targets {
					i := (j + max(round, 0)) % len(targets)
					if targets[i].Proc.Kind.IsNoop() && !w.Floor {
						continue
					}
					r, err := bench.RunSlice(ctx, targets[i], w, conc, *slice)
					if err != nil {
						return fail(err)
					}
					if round >= 0 {
						cpu[cell{i, w.Name, conc}] += r.CPU
						ops[cell{i, w.Name, conc}] += r.Ops
					}
					time.Sleep(100 * time.Millisecond)
				}
			}
		}
	}
	fmt.Printf("load average at end: %s\n", bench.LoadAvg())
	fmt.Printf("server CPU µs per operation (%d rounds of %v slices)\n\n| server |", *rounds, *slice)
	for _, w := range workloads {
		for _, conc := range concs {
			fmt.Printf(" %s ×%d |", w.Name, conc)
		}
	}
	fmt.Printf("\n|---|%s\n", strings.Repeat("---:|", len(workloads)*len(concs)))
	for i, name := range names {
		fmt.Printf("| %s |", name)
		for _, w := range workloads {
			for _, conc := range concs {
				if n := ops[cell{i, w.Name, conc}]; n > 0 {
					fmt.Printf(" %.1f |", float64(cpu[cell{i, w.Name, conc}].Microseconds())/float64(n))
				} else {
					fmt.Printf(" – |")
				}
			}
		}
		fmt.Println()
	}
	return 0
}
