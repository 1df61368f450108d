package enginetest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kvs-project/kvs/engine"
)

// ReplayEnv names the environment variable that makes RunRandomized replay a
// saved operation log instead of generating new ones:
//
//	KVS_ENGINE_REPLAY=/tmp/enginetest-123/ops.jsonl go test -run 'Conformance/Randomized' ./engine/diskengine
const ReplayEnv = "KVS_ENGINE_REPLAY"

// LogOp is one step of a randomized operation log (one JSON object per line
// in a saved log).
type LogOp struct {
	// Op is one of: get, apply, update, begin, tget, tset, tdel, titer,
	// commit, discard, snap, sget, siter, sclose, scan, reopen. An update
	// is engine.Update reading Key, iterating [Lower, Upper) and writing
	// Batch.
	Op      string    `json:"op"`
	ID      int       `json:"id,omitempty"` // transaction or snapshot
	Key     Bytes     `json:"key,omitempty"`
	Value   Bytes     `json:"value,omitempty"`
	Lower   Bytes     `json:"lower,omitempty"`
	Upper   Bytes     `json:"upper,omitempty"`
	Reverse bool      `json:"reverse,omitempty"`
	Limit   int       `json:"limit,omitempty"` // stop iterating after Limit keys; 0 = all
	Batch   []BatchOp `json:"batch,omitempty"`
}

// BatchOp is one write of an apply step.
type BatchOp struct {
	Key    Bytes `json:"key"`
	Value  Bytes `json:"value,omitempty"`
	Delete bool  `json:"delete,omitempty"`
}

// Bytes is a byte string that a log keeps readable and exact: in JSON it is
// Go-quoted ASCII without the quotes ("a\\xff"), since JSON strings cannot
// carry bytes that are not UTF-8.
type Bytes string

// MarshalText implements encoding.TextMarshaler.
func (b Bytes) MarshalText() ([]byte, error) {
	q := strconv.QuoteToASCII(string(b))
	return []byte(q[1 : len(q)-1]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (b *Bytes) UnmarshalText(text []byte) error {
	s, err := strconv.Unquote(`"` + string(text) + `"`)
	*b = Bytes(s)
	return err
}

// RandomizedOptions tunes RunRandomized; zero values pick the defaults.
type RandomizedOptions struct {
	Seeds int    // number of logs, default 4
	Steps int    // steps per log, default 1500
	Seed  uint64 // first seed, default time-based (logged)
}

// RunRandomized generates random operation logs (or replays the one named by
// $KVS_ENGINE_REPLAY) and runs each step by step against h.Open's engine and
// h.Reference's, failing at the first step whose results differ. The failing
// log is written to a file whose path the failure message gives. (The file
// goes to os.TempDir rather than t.TempDir, which is deleted when the test
// ends.)
func RunRandomized(t *testing.T, h Harness, o RandomizedOptions) {
	if h.Reference == nil {
		t.Skip("no reference engine")
	}
	if path := os.Getenv(ReplayEnv); path != "" {
		log, err := readLog(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("replaying %d steps from %s", len(log), path)
		runLog(t, h, log)
		return
	}
	if o.Seeds == 0 {
		o.Seeds = 4
	}
	if o.Steps == 0 {
		o.Steps = 1500
	}
	if o.Seed == 0 {
		o.Seed = uint64(time.Now().UnixNano())
	}
	for i := 0; i < o.Seeds; i++ {
		seed := o.Seed + uint64(i)
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			runLog(t, h, generate(seed, o.Steps, h.Persistent))
		})
	}
}

func readLog(path string) ([]LogOp, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var log []LogOp
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var op LogOp
		if err := json.Unmarshal(sc.Bytes(), &op); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, len(log)+1, err)
		}
		log = append(log, op)
	}
	return log, sc.Err()
}

func saveLog(log []LogOp) (string, error) {
	dir, err := os.MkdirTemp("", "enginetest-")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "ops.jsonl")
	var sb strings.Builder
	for _, op := range log {
		b, err := json.Marshal(op)
		if err != nil {
			return "", err
		}
		sb.Write(b)
		sb.WriteByte('\n')
	}
	return path, os.WriteFile(path, []byte(sb.String()), 0o644)
}

// runLog runs log against both engines, comparing every step's result.
func runLog(t *testing.T, h Harness, log []LogOp) {
	dir := t.TempDir()
	subject := &runner{e: h.Open(t, dir)}
	subject.reopen = func() engine.Engine { return h.Open(t, dir) }
	ref := &runner{e: h.Reference(t)}
	defer subject.close()
	defer ref.close()
	for i, op := range log {
		want := ref.step(op)
		got := subject.step(op)
		if got != want {
			path, err := saveLog(log[:i+1])
			if err != nil {
				t.Logf("saving the log: %v", err)
			}
			opJSON, _ := json.Marshal(op)
			t.Fatalf("step %d %s:\n  engine:    %s\n  reference: %s\nlog saved to %s; replay with %s=%s",
				i, opJSON, got, want, path, ReplayEnv, path)
		}
	}
}

// runner executes log steps on one engine and describes each result as a
// string.
type runner struct {
	e      engine.Engine
	reopen func() engine.Engine // nil: not persistent
	txns   map[int]engine.Txn
	snaps  map[int]engine.Snapshot
}

func (r *runner) close() {
	for _, tx := range r.txns {
		tx.Discard()
	}
	for _, s := range r.snaps {
		s.Close()
	}
	r.e.Close()
}

func describe(v []byte, err error) string {
	switch {
	case err == nil:
		return fmt.Sprintf("value %q", v)
	case errors.Is(err, engine.ErrNotFound):
		return "not found"
	case errors.Is(err, engine.ErrConflict):
		return "conflict"
	case errors.Is(err, engine.ErrTxnDone):
		return "txn done"
	case errors.Is(err, engine.ErrClosed):
		return "closed"
	}
	return "error: " + err.Error()
}

func iterate(r engine.Reader, op LogOp) string {
	it, err := r.NewIter(bg, engine.IterOptions{Lower: []byte(op.Lower), Upper: []byte(op.Upper), Reverse: op.Reverse})
	if err != nil {
		return describe(nil, err)
	}
	var sb strings.Builder
	n := 0
	for it.Next() {
		fmt.Fprintf(&sb, "%q=%q ", it.Key(), it.Value())
		if n++; op.Limit > 0 && n == op.Limit {
			break
		}
	}
	if err := it.Close(); err != nil {
		return sb.String() + describe(nil, err)
	}
	return sb.String()
}

func (r *runner) step(op LogOp) string {
	if r.txns == nil {
		r.txns, r.snaps = map[int]engine.Txn{}, map[int]engine.Snapshot{}
	}
	switch op.Op {
	case "get":
		return describe(r.e.Get(bg, []byte(op.Key)))
	case "apply":
		var b engine.Batch
		for _, w := range op.Batch {
			if w.Delete {
				b.Delete([]byte(w.Key))
			} else {
				b.Set([]byte(w.Key), []byte(w.Value))
			}
		}
		seq, err := r.e.Apply(bg, &b)
		return fmt.Sprintf("seq %d %s", seq, describe(nil, err))
	case "update":
		var read string
		seq, err := engine.Update(bg, r.e, func(tx engine.Txn) error {
			read = describe(tx.Get(bg, []byte(op.Key))) + "; " + iterate(tx, op)
			for _, w := range op.Batch {
				if w.Delete {
					if err := tx.Delete([]byte(w.Key)); err != nil {
						return err
					}
				} else if err := tx.Set([]byte(w.Key), []byte(w.Value)); err != nil {
					return err
				}
			}
			return nil
		})
		return fmt.Sprintf("%s; seq %d %s", read, seq, describe(nil, err))
	case "begin":
		tx, err := r.e.Begin(bg)
		if err != nil {
			return describe(nil, err)
		}
		r.txns[op.ID] = tx
		return fmt.Sprintf("seq %d", tx.Seq())
	case "tget":
		return describe(r.txns[op.ID].Get(bg, []byte(op.Key)))
	case "tset":
		return describe(nil, r.txns[op.ID].Set([]byte(op.Key), []byte(op.Value)))
	case "tdel":
		return describe(nil, r.txns[op.ID].Delete([]byte(op.Key)))
	case "titer":
		return iterate(r.txns[op.ID], op)
	case "commit":
		seq, err := r.txns[op.ID].Commit(bg)
		delete(r.txns, op.ID)
		return fmt.Sprintf("seq %d %s", seq, describe(nil, err))
	case "discard":
		r.txns[op.ID].Discard()
		delete(r.txns, op.ID)
		return "ok"
	case "snap":
		s, err := r.e.NewSnapshot(bg)
		if err != nil {
			return describe(nil, err)
		}
		r.snaps[op.ID] = s
		return fmt.Sprintf("seq %d", s.Seq())
	case "sget":
		return describe(r.snaps[op.ID].Get(bg, []byte(op.Key)))
	case "siter":
		return iterate(r.snaps[op.ID], op)
	case "sclose":
		err := r.snaps[op.ID].Close()
		delete(r.snaps, op.ID)
		return describe(nil, err)
	case "scan":
		s, err := r.e.NewSnapshot(bg)
		if err != nil {
			return describe(nil, err)
		}
		defer s.Close()
		return iterate(s, op)
	case "reopen":
		// Open transactions and snapshots end first, on every engine, so
		// the log means the same everywhere.
		for id, tx := range r.txns {
			tx.Discard()
			delete(r.txns, id)
		}
		for id, s := range r.snaps {
			s.Close()
			delete(r.snaps, id)
		}
		if r.reopen != nil {
			if err := r.e.Close(); err != nil {
				return "close: " + err.Error()
			}
			r.e = r.reopen()
		}
		return "ok"
	}
	return "unknown op " + op.Op
}

// generate makes a random log. Keys come from a small space (lengths 0-3
// over "\x00", "a", "b", "\xff") so that operations collide often and
// prefixes and extreme bytes are common.
func generate(seed uint64, steps int, persistent bool) []LogOp {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	alphabet := []string{"\x00", "a", "b", "\xff"}
	key := func() Bytes {
		n := rng.IntN(4)
		var sb strings.Builder
		for i := 0; i < n; i++ {
			sb.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return Bytes(sb.String())
	}
	value := func() Bytes { return Bytes(fmt.Sprintf("v%d", rng.IntN(1000))) }
	bounds := func(op *LogOp) {
		if rng.IntN(3) > 0 {
			op.Lower = key()
		}
		if rng.IntN(3) > 0 {
			op.Upper = key()
		}
		op.Reverse = rng.IntN(2) == 0
		if rng.IntN(3) == 0 {
			op.Limit = 1 + rng.IntN(4)
		}
	}
	var txns, snaps []int
	nextID := 1
	pick := func(ids []int) int { return ids[rng.IntN(len(ids))] }
	remove := func(ids []int, id int) []int {
		for i, x := range ids {
			if x == id {
				return append(ids[:i], ids[i+1:]...)
			}
		}
		return ids
	}
	var log []LogOp
	for len(log) < steps {
		var op LogOp
		switch r := rng.IntN(100); {
		case r < 4:
			op = LogOp{Op: "get", Key: key()}
		case r < 8:
			op = LogOp{Op: "update", Key: key()}
			bounds(&op)
			for n := rng.IntN(3); n > 0; n-- {
				op.Batch = append(op.Batch, BatchOp{Key: key(), Value: value(), Delete: rng.IntN(4) == 0})
			}
		case r < 20:
			op = LogOp{Op: "apply"}
			for n := 1 + rng.IntN(3); n > 0; n-- {
				op.Batch = append(op.Batch, BatchOp{Key: key(), Value: value(), Delete: rng.IntN(4) == 0})
			}
		case r < 26:
			if len(txns) >= 4 {
				continue
			}
			op = LogOp{Op: "begin", ID: nextID}
			txns = append(txns, nextID)
			nextID++
		case r < 60:
			if len(txns) == 0 {
				continue
			}
			op = LogOp{ID: pick(txns)}
			switch r2 := rng.IntN(100); {
			case r2 < 30:
				op.Op, op.Key = "tget", key()
			case r2 < 60:
				op.Op, op.Key, op.Value = "tset", key(), value()
			case r2 < 70:
				op.Op, op.Key = "tdel", key()
			case r2 < 85:
				op.Op = "titer"
				bounds(&op)
			case r2 < 97:
				op.Op = "commit"
				txns = remove(txns, op.ID)
			default:
				op.Op = "discard"
				txns = remove(txns, op.ID)
			}
		case r < 64:
			if len(snaps) >= 3 {
				continue
			}
			op = LogOp{Op: "snap", ID: nextID}
			snaps = append(snaps, nextID)
			nextID++
		case r < 82:
			if len(snaps) == 0 {
				continue
			}
			op = LogOp{ID: pick(snaps)}
			switch r2 := rng.IntN(10); {
			case r2 < 4:
				op.Op, op.Key = "sget", key()
			case r2 < 8:
				op.Op = "siter"
				bounds(&op)
			default:
				op.Op = "sclose"
				snaps = remove(snaps, op.ID)
			}
		case r < 98:
			op = LogOp{Op: "scan"}
			bounds(&op)
		default:
			if !persistent {
				continue
			}
			op = LogOp{Op: "reopen"}
			txns, snaps = nil, nil
		}
		log = append(log, op)
	}
	return log
}
