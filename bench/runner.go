package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// Target is a running server with a client for it.
type Target struct {
	Proc   *Process
	Client *dynamodb.Client
}

// Plan says how long and in what order the interleaved rounds run.
type Plan struct {
	Rounds      int           // measured rounds
	Slice       time.Duration // one workload × concurrency on one server, per round
	Warmup      time.Duration // slice length of one unmeasured round before (0: none)
	Gap         time.Duration // idle pause after each slice, so one server's leftover work (GC, compaction) mostly lands in its own slice
	Concurrency []int
}

// Cell accumulates one server × workload × concurrency over all rounds.
type Cell struct {
	Server      Kind
	Workload    string
	Concurrency int
	Slices      int
	Ops         int64
	Errors      int64
	FirstError  string
	Elapsed     time.Duration // wall time of all slices
	CPU         time.Duration // server process CPU during all slices
	ClientCPU   time.Duration // harness (client) process CPU during all slices
	Latencies   []time.Duration
}

// HarnessGCPercent is the garbage collector's GOGC in the harness process
// while Run runs. The harness and the server under test share the machine's
// two cores, and with Go's default of 100 the client's garbage collection
// (marking, and write barriers while it marks) took a sizable share of the
// CPU that a fast server needs: an SDK round trip allocates ~35 KB against a
// live heap of a few MB. 400 collects a quarter as often for a heap of tens
// of MB. It changes only the client, the same for every server; server
// processes, the do-nothing one included, keep their own defaults.
const HarnessGCPercent = 400

// Run runs plan over targets: in every round, for each workload and
// concurrency, one slice on each server in turn, the order of servers
// rotated each round. Servers of kind Noop only run Floor workloads. It
// returns the cells in report order.
func Run(ctx context.Context, targets map[Kind]Target, plan Plan, progress io.Writer) ([]*Cell, error) {
	defer debug.SetGCPercent(debug.SetGCPercent(HarnessGCPercent))
	var kinds []Kind
	for _, k := range AllKinds {
		if _, ok := targets[k]; ok {
			kinds = append(kinds, k)
		}
	}
	cells := map[string]*Cell{}
	var order []*Cell
	cellOf := func(k Kind, w Workload, conc int) *Cell {
		id := fmt.Sprintf("%s/%s/%d", k, w.Name, conc)
		if c := cells[id]; c != nil {
			return c
		}
		c := &Cell{Server: k, Workload: w.Name, Concurrency: conc}
		cells[id] = c
		order = append(order, c)
		return c
	}
	for _, w := range Workloads {
		for _, conc := range plan.Concurrency {
			for _, k := range kinds {
				if !k.IsNoop() || w.Floor {
					cellOf(k, w, conc)
				}
			}
		}
	}
	rounds := plan.Rounds
	first := 0
	if plan.Warmup > 0 {
		first = -1 // round -1 is the warm-up
	}
	for round := first; round < rounds; round++ {
		d := plan.Slice
		if round < 0 {
			d = plan.Warmup
		}
		if round < 0 {
			fmt.Fprintf(progress, "warm-up round (slices of %v, not measured)\n", d)
		} else {
			fmt.Fprintf(progress, "round %d/%d (slices of %v)\n", round+1, rounds, d)
		}
		for _, w := range Workloads {
			for _, conc := range plan.Concurrency {
				for i := range kinds {
					k := kinds[(i+max(round, 0))%len(kinds)]
					if k.IsNoop() && !w.Floor {
						continue
					}
					res, err := RunSlice(ctx, targets[k], w, conc, d)
					if err != nil {
						return order, err
					}
					if round >= 0 {
						cellOf(k, w, conc).add(res)
					}
					if plan.Gap > 0 {
						select {
						case <-ctx.Done():
							return order, ctx.Err()
						case <-time.After(plan.Gap):
						}
					}
				}
			}
		}
	}
	return order, nil
}

// SliceResult is what one slice measured.
type SliceResult struct {
	Ops, Errors int64
	FirstError  string
	Elapsed     time.Duration
	CPU         time.Duration
	ClientCPU   time.Duration // the harness's own CPU: the client's cost
	Latencies   []time.Duration
}

func (c *Cell) add(r SliceResult) {
	c.Slices++
	c.Ops += r.Ops
	c.Errors += r.Errors
	if c.FirstError == "" {
		c.FirstError = r.FirstError
	}
	c.Elapsed += r.Elapsed
	c.CPU += r.CPU
	c.ClientCPU += r.ClientCPU
	c.Latencies = append(c.Latencies, r.Latencies...)
}

// RunSlice runs w on t with conc workers for d and measures it. Failed
// operations are counted, not timed. An error is returned only when the
// server's CPU time cannot be read (it died) or ctx ended.
func RunSlice(ctx context.Context, t Target, w Workload, conc int, d time.Duration) (SliceResult, error) {
	var res SliceResult
	cpu0, err := CPUTime(t.Proc.Pid)
	if err != nil {
		return res, fmt.Errorf("bench: %s: %w", t.Proc.Kind, err)
	}
	self0, err := CPUTime(os.Getpid())
	if err != nil {
		return res, err
	}
	type workerResult struct {
		lat      []time.Duration
		errs     int64
		firstErr error
	}
	results := make([]workerResult, conc)
	var wg sync.WaitGroup
	t0 := time.Now()
	deadline := t0.Add(d)
	for i := range conc {
		wg.Add(1)
		go func(wr *workerResult, seed uint64) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, uint64(t0.UnixNano())))
			wr.lat = make([]time.Duration, 0, 1024)
			for ctx.Err() == nil {
				start := time.Now()
				if !start.Before(deadline) {
					return
				}
				if err := w.Op(ctx, t.Client, r); err != nil {
					wr.errs++
					if wr.firstErr == nil {
						wr.firstErr = err
					}
					continue
				}
				wr.lat = append(wr.lat, time.Since(start))
			}
		}(&results[i], uint64(i))
	}
	wg.Wait()
	res.Elapsed = time.Since(t0)
	cpu1, err := CPUTime(t.Proc.Pid)
	if err != nil {
		return res, fmt.Errorf("bench: %s: %w", t.Proc.Kind, err)
	}
	res.CPU = cpu1 - cpu0
	self1, err := CPUTime(os.Getpid())
	if err != nil {
		return res, err
	}
	res.ClientCPU = self1 - self0
	for _, wr := range results {
		res.Ops += int64(len(wr.lat))
		res.Errors += wr.errs
		if wr.firstErr != nil && res.FirstError == "" {
			res.FirstError = wr.firstErr.Error()
		}
		res.Latencies = append(res.Latencies, wr.lat...)
	}
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	return res, nil
}
