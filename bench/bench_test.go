package bench

import (
	"hash/crc32"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var s []time.Duration
	for i := 1; i <= 100; i++ {
		s = append(s, time.Duration(i))
	}
	for _, tc := range []struct {
		q    float64
		want time.Duration
	}{{0.5, 50}, {0.99, 99}, {1, 100}, {0.001, 1}} {
		if got := Percentile(s, tc.q); got != tc.want {
			t.Errorf("Percentile(1..100, %v) = %v, want %v", tc.q, got, tc.want)
		}
	}
	if got := Percentile(nil, 0.5); got != 0 {
		t.Errorf("Percentile(nil) = %v, want 0", got)
	}
	if got := Percentile([]time.Duration{7}, 0.99); got != 7 {
		t.Errorf("Percentile([7], 0.99) = %v, want 7", got)
	}
}

func TestProcStatSelf(t *testing.T) {
	pid := os.Getpid()
	before, err := CPUTime(pid)
	if err != nil {
		t.Fatal(err)
	}
	// Burn CPU until the tick-granular counter moves.
	deadline := time.Now().Add(5 * time.Second)
	x := 0
	for time.Now().Before(deadline) {
		for i := 0; i < 1e6; i++ {
			x += i
		}
		if after, _ := CPUTime(pid); after > before {
			break
		}
	}
	after, err := CPUTime(pid)
	if err != nil {
		t.Fatal(err)
	}
	if after <= before {
		t.Errorf("CPU time did not grow: %v then %v (x=%d)", before, after, x)
	}
	rss, err := RSS(pid)
	if err != nil {
		t.Fatal(err)
	}
	if rss < 1<<20 || rss > 1<<40 {
		t.Errorf("RSS = %d bytes, not plausible", rss)
	}
	if _, err := CPUTime(1 << 30); err == nil {
		t.Error("CPUTime of a missing process succeeded")
	}
}

func TestNoopHandler(t *testing.T) {
	ts := httptest.NewServer(NoopHandler())
	defer ts.Close()
	resp, err := http.Post(ts.URL, "application/x-amz-json-1.0", strings.NewReader(`{"TableName":"t"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != NoopBody {
		t.Fatalf("got %d %q", resp.StatusCode, body)
	}
	if got, want := resp.Header.Get("X-Amz-Crc32"), strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10); got != want {
		t.Errorf("x-amz-crc32 = %s, want %s", got, want)
	}
}

// TestNoopThroughSDK runs the get workload against the do-nothing server
// through the real SDK client: the SDK must accept its answer (CRC32
// included) as a GetItem output with an item.
func TestNoopThroughSDK(t *testing.T) {
	ts := httptest.NewServer(NoopHandler())
	defer ts.Close()
	c := NewClient(ts.URL, 2)
	res, err := RunSlice(t.Context(), Target{Proc: &Process{Pid: os.Getpid()}, Client: c}, Workloads[0], 2, 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if res.Errors != 0 || res.Ops == 0 {
		t.Fatalf("ops %d, errors %d (%s)", res.Ops, res.Errors, res.FirstError)
	}
	if len(res.Latencies) != int(res.Ops) {
		t.Errorf("%d latencies for %d ops", len(res.Latencies), res.Ops)
	}
}

func TestRandomText(t *testing.T) {
	r := newTestRand()
	a, b := randomText(r, ItemBytes), randomText(r, ItemBytes)
	if len(a) != ItemBytes || a == b {
		t.Fatalf("len %d, equal %v", len(a), a == b)
	}
	for _, c := range a {
		if !strings.ContainsRune(textAlphabet, c) {
			t.Fatalf("character %q outside the alphabet", c)
		}
	}
}

func TestUpdateMarkdownKeepsNotes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bench.md")
	r := &Results{Plan: PlanInfo{Concurrency: []int{1}}, Servers: []ServerResult{{Server: KvsMem, StartMedianMs: 12}}}
	if err := UpdateMarkdown(path, r); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	s := strings.Replace(string(b), BeginMarker, "intro\n\n"+BeginMarker, 1) + "\n## Notes\n\nkept\n"
	os.WriteFile(path, []byte(s), 0o644)
	r.Servers[0].StartMedianMs = 34
	if err := UpdateMarkdown(path, r); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(path)
	got := string(b)
	for _, want := range []string{"intro\n", "## Notes\n\nkept\n", "| kvs-mem | 34 |"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "| kvs-mem | 12 |") || strings.Count(got, BeginMarker) != 1 {
		t.Errorf("old results not replaced:\n%s", got)
	}
}

func TestCheckTargets(t *testing.T) {
	r := &Results{
		Plan: PlanInfo{Concurrency: []int{1, 32}},
		Servers: []ServerResult{
			{Server: KvsMem, StartMedianMs: 15, IdleRSS: 20 << 20},
			{Server: DDBLocal, StartMedianMs: 3000, IdleRSS: 200 << 20},
		},
		Cells: []CellResult{
			{Server: KvsMem, Workload: "get", Concurrency: 32, CPUUsPerOp: 50, OpsPerSec: 3000},
			{Server: DDBLocal, Workload: "get", Concurrency: 32, CPUUsPerOp: 1000, OpsPerSec: 1500},
			{Server: KvsMem, Workload: "put", Concurrency: 1, P50Us: 200},
			{Server: DDBLocal, Workload: "put", Concurrency: 1, P50Us: 1000},
		},
	}
	met := map[string]bool{}
	for _, c := range CheckTargets(r) {
		met[c.Target] = c.Met
	}
	want := map[string]bool{
		"CPU/op get ×32 ≤ 1/10 DynamoDB Local": true,  // 50 ≤ 100
		"ops/s get ×32 ≥ 3× DynamoDB Local":    false, // 3000 < 4500
		"p50 put ×1 ≤ ½ DynamoDB Local":        true,  // 0.2 ≤ 0.5 ms
		"start to first answer < 100 ms":       true,
		"idle RSS < 40 MB":                     true,
	}
	for k, v := range want {
		got, ok := met[k]
		if !ok || got != v {
			t.Errorf("%s: met=%v (present %v), want %v", k, got, ok, v)
		}
	}
	if len(met) != len(want) {
		t.Errorf("checked %d targets, want %d: %v", len(met), len(want), met)
	}
}

func newTestRand() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }
