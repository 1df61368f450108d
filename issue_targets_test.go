package kvs_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/diskengine"
	"github.com/kvs-project/kvs/engine/memengine"
)

// TestIssueTargets measures the API against the raw engine underneath it,
// side by side in one process, for the issue's three targets
// (docs/api-bench.md, "Issue targets"):
//
//	KVS_ISSUE_TARGETS=get,put go test -run TestIssueTargets -v .
//	KVS_ISSUE_TARGETS=load KVS_ISSUE_LOAD=1000000 KVS_ISSUE_MODE=sync go test -run TestIssueTargets -v -timeout 30m .
//
// API and engine rounds alternate (5 rounds of 1 s each by default), so a
// change in the machine's load hits both; the median per side is reported
// with /proc/loadavg. It is skipped unless KVS_ISSUE_TARGETS is set.
func TestIssueTargets(t *testing.T) {
	which := os.Getenv("KVS_ISSUE_TARGETS")
	if which == "" {
		t.Skip("set KVS_ISSUE_TARGETS=get,put,load")
	}
	if strings.Contains(which, "get") {
		issueGet(t, "mem://", func(string) engine.Engine { return memengine.New() })
		issueGet(t, "file://", openDisk(t, false))
	}
	if strings.Contains(which, "put") {
		issuePut(t)
	}
	if strings.Contains(which, "load") {
		issueLoad(t)
	}
}

// issueRecord is the size of the engine value of one benchItem record (the
// item's attributes in the embedded codec, about 1,040 bytes), so the raw
// engine reads and writes values as large as the API's.
const issueRecord = 1040

func openDisk(t *testing.T, noSync bool) func(string) engine.Engine {
	return func(dir string) engine.Engine {
		db, err := diskengine.Open(dir, diskengine.Options{NoSync: noSync})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
}

func openAPI(t *testing.T, u string) *kvs.Store {
	db, err := kvs.Open(context.Background(), u, kvs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	st, err := db.DefineStore(context.Background(), kvs.StoreDef{Name: "bench",
		PartitionKey: kvs.KeyAttr{Name: "pk"}, SortKey: kvs.KeyAttr{Name: "sk", Type: kvs.Number}})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func issueGet(t *testing.T, scheme string, open func(string) engine.Engine) {
	ctx := context.Background()
	u := scheme
	if scheme == "file://" {
		u += t.TempDir()
	}
	st := openAPI(t, u)
	items := make([]benchItem, 0, 10_000)
	for i := range 10_000 {
		items = append(items, benchItem{PK: "p" + strconv.Itoa(i/100), SK: i % 100, Payload: payload})
	}
	if err := st.UpsertMany(ctx, items); err != nil {
		t.Fatal(err)
	}
	eng := open(t.TempDir())
	defer eng.Close()
	val := make([]byte, issueRecord)
	keys := make([][]byte, 10_000)
	var b engine.Batch
	for i := range keys {
		h := uint16(uint32(i/100) * 2654435761 >> 16) // hashed partitions, as itemKey spreads them
		keys[i] = fmt.Appendf(nil, "\x00\x00\x00\x01%c%cp%d\x00\x00\x80%03d", byte(h>>8), byte(h), i/100, i%100)
		b.Set(keys[i], val)
		if b.Len() == 1000 {
			if _, err := eng.Apply(ctx, &b); err != nil {
				t.Fatal(err)
			}
			b.Reset()
		}
	}
	var it benchItem
	api := func(i int) {
		if found, err := st.Get(ctx, kvs.PKSK("p"+strconv.Itoa(i%100), (i/100)%100), &it); err != nil || !found {
			t.Fatal(found, err)
		}
	}
	raw := func(i int) {
		if _, err := eng.Get(ctx, keys[(i%100)*100+(i/100)%100]); err != nil {
			t.Fatal(err)
		}
	}
	var item attr.Item
	apiItem := func(i int) {
		if found, err := st.Get(ctx, kvs.PKSK("p"+strconv.Itoa(i%100), (i/100)%100), &item); err != nil || !found {
			t.Fatal(found, err)
		}
	}
	db := st.DB()
	apiGetItem := func(i int) {
		out, err := db.GetItem(ctx, &kvs.GetItemInput{TableName: "bench", Key: attr.Item{
			"pk": attr.S("p" + strconv.Itoa(i%100)), "sk": attr.N(strconv.Itoa((i / 100) % 100))}})
		if err != nil || out.Item == nil {
			t.Fatal(out, err)
		}
	}
	compare(t, "Get into a struct "+scheme, api, raw, time.Second)
	compare(t, "Get into an attr.Item "+scheme, apiItem, raw, time.Second)
	compare(t, "GetItem (DB level) "+scheme, apiGetItem, raw, time.Second)
}

func issuePut(t *testing.T) {
	ctx := context.Background()
	st := openAPI(t, "file://"+t.TempDir())
	eng := openDisk(t, false)(t.TempDir())
	defer eng.Close()
	val := make([]byte, issueRecord)
	var b engine.Batch
	api := func(i int) {
		if err := st.Upsert(ctx, benchItem{PK: "p", SK: i, Payload: payload}); err != nil {
			t.Fatal(err)
		}
	}
	raw := func(i int) {
		b.Reset()
		b.Set(fmt.Appendf(nil, "\x00\x00\x00\x01p\x00\x00%08d", i), val)
		if _, err := eng.Apply(ctx, &b); err != nil {
			t.Fatal(err)
		}
	}
	compare(t, "synced Put (file://) vs synced engine Apply", api, raw, time.Second)
}

// compare alternates rounds of api and raw and logs the medians of wall and
// CPU time per operation and their ratios.
func compare(t *testing.T, name string, api, raw func(int), round time.Duration) {
	rounds := 5
	if v, err := strconv.Atoi(os.Getenv("KVS_ISSUE_ROUNDS")); err == nil {
		rounds = v
	}
	var aw, ac, rw, rc []float64
	n := 0
	for range rounds {
		w, c := timeOps(api, &n, round)
		aw, ac = append(aw, w), append(ac, c)
		w, c = timeOps(raw, &n, round)
		rw, rc = append(rw, w), append(rc, c)
	}
	a, ra := median(aw), median(rw)
	c, rcm := median(ac), median(rc)
	t.Logf("%s: API %.1f µs wall %.1f µs CPU; engine %.1f µs wall %.1f µs CPU; ratio wall %.2fx CPU %.2fx; load %s",
		name, a, c, ra, rcm, a/ra, c/rcm, loadAvg())
}

// timeOps runs f for about d and returns µs of wall and CPU per call.
func timeOps(f func(int), n *int, d time.Duration) (wall, cpu float64) {
	start, cpu0 := time.Now(), cpuTime()
	ops := 0
	for time.Since(start) < d {
		for range 16 {
			f(*n)
			*n++
			ops++
		}
	}
	return float64(time.Since(start).Microseconds()) / float64(ops),
		float64((cpuTime() - cpu0).Microseconds()) / float64(ops)
}

func median(xs []float64) float64 {
	slices.Sort(xs)
	return xs[len(xs)/2]
}

func loadAvg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// procStatus returns a field of /proc/self/status, such as "VmRSS".
func procStatus(field string) string {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

// issueLoad loads KVS_ISSUE_LOAD items (default 200,000) of 1 KB with
// UpsertMany in calls of 10,000 into KVS_ISSUE_MODE (sync, nosync or mem;
// default all three, each in a fresh store) and logs items/s, items per
// CPU-second and the resident memory after the load.
func issueLoad(t *testing.T) {
	total := 200_000
	if v, err := strconv.Atoi(os.Getenv("KVS_ISSUE_LOAD")); err == nil {
		total = v
	}
	modes := []string{"sync", "nosync", "mem"}
	if m := os.Getenv("KVS_ISSUE_MODE"); m != "" {
		modes = strings.Split(m, ",")
	}
	for _, mode := range modes {
		u := map[string]string{"sync": "file://" + t.TempDir(), "nosync": "file://" + t.TempDir() + "?sync=false", "mem": "mem://"}[mode]
		st := openAPI(t, u)
		load0 := loadAvg()
		start, cpu0 := time.Now(), cpuTime()
		chunk := make([]benchItem, 10_000)
		for done := 0; done < total; done += len(chunk) {
			for i := range chunk {
				k := done + i
				chunk[i] = benchItem{PK: fmt.Sprintf("user-%07d", k/10), SK: k % 10, Payload: payload}
			}
			if err := st.UpsertMany(context.Background(), chunk); err != nil {
				t.Fatal(err)
			}
		}
		wall, cpu := time.Since(start), cpuTime()-cpu0
		t.Logf("UpsertMany %d items %s: %.1f s, %.0f items/s, %.0f items/CPU-s; VmRSS %s (peak VmHWM %s); load before %s after %s",
			total, mode, wall.Seconds(), float64(total)/wall.Seconds(), float64(total)/cpu.Seconds(),
			procStatus("VmRSS"), procStatus("VmHWM"), load0, loadAvg())
		// UpsertMany counts replaced items as new until a background
		// recount (embedded/lazystats.go): overwrite the last chunk's
		// items and see how long until DescribeTable is exact again, and
		// what the recount costs.
		start, cpu0 = time.Now(), cpuTime()
		if err := st.UpsertMany(context.Background(), chunk); err != nil {
			t.Fatal(err)
		}
		for {
			desc, err := st.DB().DescribeTable(context.Background(), &kvs.DescribeTableInput{TableName: "bench"})
			if err != nil {
				t.Fatal(err)
			}
			if desc.Table.ItemCount == int64(total) {
				break
			}
			if time.Since(start) > 5*time.Minute {
				t.Fatalf("ItemCount %d five minutes after the load, want %d", desc.Table.ItemCount, total)
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Logf("  %d items overwritten: ItemCount exact again after %.1f s (%.1f CPU-s; the recount starts 1 s after the last write); VmRSS %s", len(chunk), time.Since(start).Seconds(),
			(cpuTime() - cpu0).Seconds(), procStatus("VmRSS"))
	}
}
