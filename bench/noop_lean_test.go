package bench

import (
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kvs-project/kvs/internal/http1"
)

// TestNoopLeanThroughSDK runs the get workload against the do-nothing
// server on internal/http1 through the real SDK client, which must accept
// its answers.
func TestNoopLeanThroughSDK(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http1.Server{Handler: NoopHandler1()}
	go srv.Serve(ln)
	defer srv.Close()
	c := NewClient("http://"+ln.Addr().String(), 2)
	res, err := RunSlice(t.Context(), Target{Proc: &Process{Pid: os.Getpid()}, Client: c}, Workloads[0], 2, 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if res.Errors != 0 || res.Ops == 0 {
		t.Fatalf("ops %d, errors %d (%s)", res.Ops, res.Errors, res.FirstError)
	}
}

// TestCheckTargetsFloor: the "≤ 2× do-nothing" rows are checked against
// each do-nothing server that ran, named by its HTTP stack.
func TestCheckTargetsFloor(t *testing.T) {
	r := &Results{
		Plan:    PlanInfo{Concurrency: []int{1}},
		Servers: []ServerResult{{Server: KvsMem}},
		Cells: []CellResult{
			{Server: KvsMem, Workload: "get", Concurrency: 1, CPUUsPerOp: 50},
			{Server: Noop, Workload: "get", Concurrency: 1, CPUUsPerOp: 60},
			{Server: NoopLean, Workload: "get", Concurrency: 1, CPUUsPerOp: 20},
		},
	}
	checks := func() map[string]TargetCheck {
		m := map[string]TargetCheck{}
		for _, c := range CheckTargets(r) {
			if strings.HasPrefix(c.Target, "CPU/op get ×1 ≤ 2× do-nothing") {
				m[c.Target] = c
			}
		}
		return m
	}
	m := checks()
	if c := m["CPU/op get ×1 ≤ 2× do-nothing (net/http)"]; !c.Met || !strings.Contains(c.Limit, "noop 60") {
		t.Errorf("against noop: %+v, want met (50 ≤ 120)", c)
	}
	if c, ok := m["CPU/op get ×1 ≤ 2× do-nothing (kvs's HTTP stack)"]; !ok || c.Met || !strings.Contains(c.Limit, "noop-lean 20") {
		t.Errorf("against noop-lean: %+v, want unmet (50 > 40)", c)
	}
	r.Cells = r.Cells[:2]
	if m := checks(); len(m) != 1 {
		t.Errorf("without noop-lean: %d do-nothing rows, want 1", len(m))
	}
}
