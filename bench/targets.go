package bench

import "fmt"

// TargetCheck is one of the project's performance targets checked against
// one kvs server of a run.
type TargetCheck struct {
	Target string
	Server Kind
	Value  string // what was measured
	Limit  string // the bound it must meet
	Met    bool
}

// Targets from the performance issue (a kvs server against DynamoDB Local
// and the do-nothing floor):
//
//   - server CPU per GetItem and per PutItem at most 1/10 of DynamoDB
//     Local's and at most 2× the do-nothing server's (per request);
//   - p50 latency at concurrency 1 at most half of DynamoDB Local's on
//     every workload;
//   - throughput at concurrency 32 at least 3× DynamoDB Local's on get,
//     put, update and mix;
//   - start to first answer under 100 ms;
//   - idle RSS under 40 MB.
const (
	cpuVsDDBLocal       = 0.1
	cpuVsNoop           = 2.0
	latencyVsDDBLocal   = 0.5
	throughputVsDDBL    = 3.0
	throughputConc      = 32
	latencyConc         = 1
	maxStartMs          = 100.0
	maxIdleRSSMegabytes = 40.0
)

// CheckTargets evaluates every target for kvs-mem and kvs-disk, skipping
// those whose reference was not measured in r. CPU targets are checked at
// every concurrency of the run.
func CheckTargets(r *Results) []TargetCheck {
	var out []TargetCheck
	for _, k := range []Kind{KvsMem, KvsDisk} {
		if _, ok := r.Server(k); !ok {
			continue
		}
		for _, conc := range r.Plan.Concurrency {
			for _, w := range []string{"get", "put"} {
				c, ok := r.Cell(k, w, conc)
				if !ok {
					continue
				}
				if d, ok := r.Cell(DDBLocal, w, conc); ok && d.CPUUsPerOp > 0 {
					limit := d.CPUUsPerOp * cpuVsDDBLocal
					out = append(out, TargetCheck{
						Target: fmt.Sprintf("CPU/op %s ×%d ≤ 1/10 DynamoDB Local", w, conc), Server: k,
						Value: fmt.Sprintf("%.0f µs", c.CPUUsPerOp),
						Limit: fmt.Sprintf("%.0f µs (DDB Local %.0f)", limit, d.CPUUsPerOp),
						Met:   c.CPUUsPerOp <= limit,
					})
				}
				for _, floor := range []Kind{Noop, NoopLean} {
					n, ok := r.Cell(floor, "get", conc)
					if !ok || n.CPUUsPerOp <= 0 {
						continue
					}
					limit := n.CPUUsPerOp * cpuVsNoop
					out = append(out, TargetCheck{
						Target: fmt.Sprintf("CPU/op %s ×%d ≤ 2× do-nothing (%s)", w, conc, floorNames[floor]), Server: k,
						Value: fmt.Sprintf("%.0f µs", c.CPUUsPerOp),
						Limit: fmt.Sprintf("%.0f µs (%s %.0f)", limit, floor, n.CPUUsPerOp),
						Met:   c.CPUUsPerOp <= limit,
					})
				}
			}
		}
		for _, w := range Workloads {
			c, ok1 := r.Cell(k, w.Name, latencyConc)
			d, ok2 := r.Cell(DDBLocal, w.Name, latencyConc)
			if !ok1 || !ok2 {
				continue
			}
			limit := d.P50Us * latencyVsDDBLocal
			out = append(out, TargetCheck{
				Target: fmt.Sprintf("p50 %s ×1 ≤ ½ DynamoDB Local", w.Name), Server: k,
				Value: fmt.Sprintf("%.3f ms", c.P50Us/1000),
				Limit: fmt.Sprintf("%.3f ms", limit/1000),
				Met:   c.P50Us <= limit,
			})
		}
		for _, w := range []string{"get", "put", "update", "mix"} {
			c, ok1 := r.Cell(k, w, throughputConc)
			d, ok2 := r.Cell(DDBLocal, w, throughputConc)
			if !ok1 || !ok2 {
				continue
			}
			limit := d.OpsPerSec * throughputVsDDBL
			out = append(out, TargetCheck{
				Target: fmt.Sprintf("ops/s %s ×32 ≥ 3× DynamoDB Local", w), Server: k,
				Value: fmtNum(c.OpsPerSec),
				Limit: fmtNum(limit),
				Met:   c.OpsPerSec >= limit && c.Errors == 0,
			})
		}
		s, _ := r.Server(k)
		out = append(out,
			TargetCheck{Target: "start to first answer < 100 ms", Server: k,
				Value: fmt.Sprintf("%.0f ms", s.StartMedianMs), Limit: "100 ms", Met: s.StartMedianMs < maxStartMs},
			TargetCheck{Target: "idle RSS < 40 MB", Server: k,
				Value: fmt.Sprintf("%.1f MB", mb(s.IdleRSS)), Limit: "40 MB", Met: mb(s.IdleRSS) < maxIdleRSSMegabytes},
		)
	}
	return out
}

// floorNames says which HTTP stack each do-nothing server stands on: the
// "≤ 2× do-nothing" targets are checked against both that ran. noop, on
// Go's net/http, is the do-nothing server, a floor any Go server
// sits on; noop-lean, on internal/http1, is the stricter floor of the
// transport kvs serve itself uses.
var floorNames = map[Kind]string{Noop: "net/http", NoopLean: "kvs's HTTP stack"}
