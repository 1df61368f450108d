package bench

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"
)

// Config is one whole benchmark run.
type Config struct {
	Programs    Programs
	Kinds       []Kind // servers to run, a subset of AllKinds
	Plan        Plan
	StartTrials int           // starts per server for the start-time median (the last one stays up)
	StartWait   time.Duration // bound on one start (the JVM is slow)
	IdleWait    time.Duration // pause after a start before reading idle RSS
	LoadItems   int           // 1 KB items the load phase writes (0: no load phase)
	LoadConc    int
	LoadTimeout time.Duration // per server; a slower server reports how far it got
	Progress    io.Writer
}

// Bench starts the servers, measures them and stops them. The returned
// Results lack Command, Date and Machine, which the caller knows. Every
// process it starts is stopped before it returns, error or not.
func Bench(ctx context.Context, cfg Config) (*Results, error) {
	res := &Results{Plan: PlanInfo{
		Rounds: cfg.Plan.Rounds, SliceMs: cfg.Plan.Slice.Milliseconds(), WarmupMs: cfg.Plan.Warmup.Milliseconds(),
		GapMs: cfg.Plan.Gap.Milliseconds(), Concurrency: cfg.Plan.Concurrency, StartTrials: cfg.StartTrials,
		LoadItems: cfg.LoadItems, LoadConc: cfg.LoadConc,
	}}
	targets := map[Kind]Target{}
	defer func() {
		for _, t := range targets {
			t.Proc.Stop()
		}
	}()
	maxConc := slices.Max(cfg.Plan.Concurrency)
	for _, k := range cfg.Kinds {
		sr := ServerResult{Server: k}
		var proc *Process
		for trial := 0; trial < cfg.StartTrials; trial++ {
			if proc != nil {
				proc.Stop()
			}
			p, err := Start(ctx, k, cfg.Programs, cfg.StartWait)
			if err != nil {
				return res, err
			}
			proc = p
			sr.StartMs = append(sr.StartMs, float64(p.StartToAnswer.Microseconds())/1000)
		}
		targets[k] = Target{Proc: proc, Client: NewClient(proc.URL, maxConc)}
		sr.StartMedianMs = median(sr.StartMs)
		if err := sleep(ctx, cfg.IdleWait); err != nil {
			return res, err
		}
		rss, err := RSS(proc.Pid)
		if err != nil {
			return res, err
		}
		sr.IdleRSS = rss
		fmt.Fprintf(cfg.Progress, "%s: pid %d at %s, start %v ms, idle RSS %.1f MB\n", k, proc.Pid, proc.URL, sr.StartMs, mb(rss))
		res.Servers = append(res.Servers, sr)
	}
	for _, k := range cfg.Kinds {
		if k.IsNoop() {
			continue
		}
		t0 := time.Now()
		if err := Setup(ctx, targets[k].Client); err != nil {
			return res, fmt.Errorf("bench: setting up %s: %w", k, err)
		}
		fmt.Fprintf(cfg.Progress, "%s: %d items loaded in %v\n", k, Keyspace, time.Since(t0).Round(time.Millisecond))
	}
	cells, err := Run(ctx, targets, cfg.Plan, cfg.Progress)
	for _, c := range cells {
		res.Cells = append(res.Cells, Summarise(c))
	}
	if err != nil {
		return res, err
	}
	if cfg.LoadItems > 0 {
		for i, k := range cfg.Kinds {
			if k.IsNoop() {
				continue
			}
			sr := &res.Servers[i]
			n, d, err := Load(ctx, targets[k].Client, cfg.LoadItems, cfg.LoadConc, time.Now().Add(cfg.LoadTimeout))
			sr.LoadItems, sr.LoadSeconds = n, d.Seconds()
			if err != nil {
				if ctx.Err() != nil {
					return res, ctx.Err()
				}
				sr.LoadError = err.Error()
			} else if n < cfg.LoadItems {
				sr.LoadError = fmt.Sprintf("stopped after %v", cfg.LoadTimeout)
			}
			if err := sleep(ctx, cfg.IdleWait); err != nil {
				return res, err
			}
			if sr.LoadedRSS, err = RSS(targets[k].Proc.Pid); err != nil {
				return res, err
			}
			fmt.Fprintf(cfg.Progress, "%s: loaded %d items in %.1fs, RSS %.1f MB %s\n", k, n, d.Seconds(), mb(sr.LoadedRSS), sr.LoadError)
		}
	}
	return res, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
