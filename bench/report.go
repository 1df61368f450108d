package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
)

// Results is everything one run measured; it is written as JSON under
// bench/results/ and rendered as markdown into docs/bench.md.
type Results struct {
	Command string         `json:"command"`
	Date    string         `json:"date"` // RFC 3339, UTC
	Machine Machine        `json:"machine"`
	Plan    PlanInfo       `json:"plan"`
	Servers []ServerResult `json:"servers"`
	Cells   []CellResult   `json:"cells"`
}

// Machine describes where the run happened.
type Machine struct {
	CPUs   int    `json:"cpus"`   // nproc
	Model  string `json:"model"`  // /proc/cpuinfo model name
	Kernel string `json:"kernel"` // /proc/sys/kernel/osrelease
	Go     string `json:"go"`
	Java   string `json:"java"`
	Node   string `json:"node"`
	// LoadAvg is /proc/loadavg's 1, 5 and 15 minute averages at the start
	// and the end of the run: the machine is shared, and this says how busy
	// it was.
	LoadAvgStart string `json:"loadavg_start,omitempty"`
	LoadAvgEnd   string `json:"loadavg_end,omitempty"`
}

// PlanInfo records the run's parameters.
type PlanInfo struct {
	Rounds      int   `json:"rounds"`
	SliceMs     int64 `json:"slice_ms"`
	WarmupMs    int64 `json:"warmup_ms"`
	GapMs       int64 `json:"gap_ms"`
	Concurrency []int `json:"concurrency"`
	StartTrials int   `json:"start_trials"`
	LoadItems   int   `json:"load_items"`
	LoadConc    int   `json:"load_concurrency"`
}

// ServerResult is what was measured once per server rather than per workload.
type ServerResult struct {
	Server        Kind      `json:"server"`
	StartMs       []float64 `json:"start_ms"`        // every trial, process start to first ListTables answer
	StartMedianMs float64   `json:"start_median_ms"` // median of StartMs
	IdleRSS       int64     `json:"idle_rss_bytes"`  // VmRSS shortly after the first answer, no tables yet
	LoadItems     int       `json:"load_items"`      // 1 KB items written by the load phase
	LoadSeconds   float64   `json:"load_seconds"`
	LoadedRSS     int64     `json:"loaded_rss_bytes"` // VmRSS after the load phase
	LoadError     string    `json:"load_error,omitempty"`
}

// CellResult summarises one server × workload × concurrency.
type CellResult struct {
	Server      Kind    `json:"server"`
	Workload    string  `json:"workload"`
	Concurrency int     `json:"concurrency"`
	Slices      int     `json:"slices"`
	Ops         int64   `json:"ops"`
	Errors      int64   `json:"errors"`
	FirstError  string  `json:"first_error,omitempty"`
	Seconds     float64 `json:"seconds"`
	OpsPerSec   float64 `json:"ops_per_sec"`
	P50Us       float64 `json:"p50_us"`
	P99Us       float64 `json:"p99_us"`
	CPUUsPerOp  float64 `json:"server_cpu_us_per_op"`
	// ClientCPUUsPerOp is the harness process's CPU per operation: what
	// the SDK client costs, taken from the same two cores as the server's.
	ClientCPUUsPerOp float64 `json:"client_cpu_us_per_op"`
}

// Summarise turns an accumulated cell into its reported numbers.
func Summarise(c *Cell) CellResult {
	s := sortedCopy(c.Latencies)
	r := CellResult{
		Server: c.Server, Workload: c.Workload, Concurrency: c.Concurrency,
		Slices: c.Slices, Ops: c.Ops, Errors: c.Errors, FirstError: c.FirstError,
		Seconds: c.Elapsed.Seconds(),
		P50Us:   us(Percentile(s, 0.50)),
		P99Us:   us(Percentile(s, 0.99)),
	}
	if c.Elapsed > 0 {
		r.OpsPerSec = float64(c.Ops) / c.Elapsed.Seconds()
	}
	if c.Ops > 0 {
		r.CPUUsPerOp = us(c.CPU) / float64(c.Ops)
		r.ClientCPUUsPerOp = us(c.ClientCPU) / float64(c.Ops)
	}
	return r
}

func us(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// Cell returns the result for server × workload × concurrency, if measured.
func (r *Results) Cell(k Kind, workload string, conc int) (CellResult, bool) {
	for _, c := range r.Cells {
		if c.Server == k && c.Workload == workload && c.Concurrency == conc {
			return c, true
		}
	}
	return CellResult{}, false
}

// Server returns the per-server result of k, if measured.
func (r *Results) Server(k Kind) (ServerResult, bool) {
	for _, s := range r.Servers {
		if s.Server == k {
			return s, true
		}
	}
	return ServerResult{}, false
}

// kinds returns the servers of the run in report order.
func (r *Results) kinds() []Kind {
	var ks []Kind
	for _, k := range AllKinds {
		if _, ok := r.Server(k); ok {
			ks = append(ks, k)
		}
	}
	return ks
}

// ReadJSON reads results written by WriteJSON.
func ReadJSON(path string) (*Results, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Results
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("bench: %s: %w", path, err)
	}
	return &r, nil
}

// WriteJSON writes r, indented, to path.
func WriteJSON(path string, r *Results) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// Markers delimit the generated part of docs/bench.md; text outside them
// (notes, profiles) is kept when a run rewrites the file.
const (
	BeginMarker = "<!-- BEGIN GENERATED RESULTS (kvsbench) -->"
	EndMarker   = "<!-- END GENERATED RESULTS -->"
)

// UpdateMarkdown writes the results between the markers of the file at
// path, creating the file (with only the results) if it does not exist.
func UpdateMarkdown(path string, r *Results) error {
	gen := BeginMarker + "\n" + Markdown(r) + EndMarker + "\n"
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	s := string(old)
	i, j := strings.Index(s, BeginMarker), strings.Index(s, EndMarker)
	if i < 0 || j < i {
		return os.WriteFile(path, []byte("# Benchmarks\n\n"+gen), 0o644)
	}
	// gen ends in a newline; drop the one that followed the old marker.
	rest := strings.TrimPrefix(s[j+len(EndMarker):], "\n")
	return os.WriteFile(path, []byte(s[:i]+gen+rest), 0o644)
}

// Markdown renders r as the tables of docs/bench.md.
func Markdown(r *Results) string {
	var b bytes.Buffer
	ks := r.kinds()
	fmt.Fprintf(&b, "Run on %s with\n\n```\n%s\n```\n\n", r.Date, r.Command)
	fmt.Fprintf(&b, "Machine: %d CPUs (`nproc`), %s, Linux %s; %s; Java %s; node %s.\n\n",
		r.Machine.CPUs, r.Machine.Model, r.Machine.Kernel, r.Machine.Go, r.Machine.Java, r.Machine.Node)
	if r.Machine.LoadAvgStart != "" {
		fmt.Fprintf(&b, "Load average (1, 5, 15 min; the machine is shared): %s at the start, %s at the end.\n\n",
			r.Machine.LoadAvgStart, r.Machine.LoadAvgEnd)
	}
	fmt.Fprintf(&b, "Plan: %d measured rounds after one warm-up round (%d ms slices); each round runs every workload × concurrency "+
		"for %d ms on each server in turn (server order rotated every round, %d ms idle between slices). "+
		"Start time is the median of %d starts. The load phase writes %d new 1 KB items with %d concurrent BatchWriteItem requests.\n\n",
		r.Plan.Rounds, r.Plan.WarmupMs, r.Plan.SliceMs, r.Plan.GapMs, r.Plan.StartTrials, r.Plan.LoadItems, r.Plan.LoadConc)

	header := func(title string) {
		fmt.Fprintf(&b, "### %s\n\n| workload | conc |", title)
		for _, k := range ks {
			fmt.Fprintf(&b, " %s |", k)
		}
		b.WriteString("\n|---|---:|")
		for range ks {
			b.WriteString("---:|")
		}
		b.WriteString("\n")
	}
	table := func(title string, cell func(CellResult) string) {
		header(title)
		for _, w := range Workloads {
			for _, conc := range r.Plan.Concurrency {
				fmt.Fprintf(&b, "| %s | %d |", w.Name, conc)
				for _, k := range ks {
					c, ok := r.Cell(k, w.Name, conc)
					if !ok {
						b.WriteString(" – |")
						continue
					}
					v := cell(c)
					if c.Errors > 0 {
						v += fmt.Sprintf(" (%d errors)", c.Errors)
					}
					fmt.Fprintf(&b, " %s |", v)
				}
				b.WriteString("\n")
			}
		}
		b.WriteString("\n")
	}
	table("Throughput (operations/s, higher is better)", func(c CellResult) string { return fmtNum(c.OpsPerSec) })
	table("Latency p50 / p99 (ms, client-side, lower is better)", func(c CellResult) string {
		return fmt.Sprintf("%.2f / %.2f", c.P50Us/1000, c.P99Us/1000)
	})
	table("Server CPU time per operation (µs, whole server process, lower is better)", func(c CellResult) string {
		return fmtNum(c.CPUUsPerOp)
	})

	b.WriteString("### Start and memory\n\n| server | start to first answer (ms) | idle RSS (MB) | load: items | load: s | load: items/s | RSS after load (MB) |\n|---|---:|---:|---:|---:|---:|---:|\n")
	for _, k := range ks {
		s, _ := r.Server(k)
		rate := "–"
		if s.LoadSeconds > 0 {
			rate = fmtNum(float64(s.LoadItems) / s.LoadSeconds)
		}
		loaded := "–"
		if s.LoadedRSS > 0 {
			loaded = fmt.Sprintf("%.1f", mb(s.LoadedRSS))
		}
		items := fmt.Sprint(s.LoadItems)
		if s.LoadError != "" {
			items += " (" + s.LoadError + ")"
		}
		fmt.Fprintf(&b, "| %s | %.0f | %.1f | %s | %.1f | %s | %s |\n",
			k, s.StartMedianMs, mb(s.IdleRSS), items, s.LoadSeconds, rate, loaded)
	}
	b.WriteString("\n")

	checks := CheckTargets(r)
	if len(checks) > 0 {
		b.WriteString("### Targets (computed from this run)\n\n| target | server | measured | limit | met? |\n|---|---|---:|---:|---|\n")
		for _, c := range checks {
			met := "**no**"
			if c.Met {
				met = "yes"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.Target, c.Server, c.Value, c.Limit, met)
		}
		b.WriteString("\n")
	}
	var errs []string
	for _, c := range r.Cells {
		if c.Errors > 0 {
			errs = append(errs, fmt.Sprintf("- %s %s ×%d: %d errors, first: %s", c.Server, c.Workload, c.Concurrency, c.Errors, c.FirstError))
		}
	}
	if len(errs) > 0 {
		slices.Sort(errs)
		b.WriteString("Errors:\n\n" + strings.Join(errs, "\n") + "\n\n")
	}
	return b.String()
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }

// fmtNum prints a number with about three significant digits.
func fmtNum(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.2f", v)
	}
}
