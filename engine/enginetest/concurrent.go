package enginetest

import (
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/kvs-project/kvs/engine"
)

// clients is the concurrency the engines are designed for.
const clients = 32

// testConcurrentCounters increments shared counters from many goroutines
// with read-modify-write transactions retried on conflict: any lost update
// (a missed conflict) shows as a short count.
func testConcurrentCounters(t *testing.T, h Harness) {
	e := open(t, h)
	const counters, perClient = 4, 20
	var conflicts atomic.Int64
	var wg sync.WaitGroup
	errc := make(chan error, clients)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perClient; i++ {
				key := []byte(fmt.Sprintf("counter%d", (c+i)%counters))
				for {
					err := increment(e, key)
					if err == nil {
						break
					}
					if !errors.Is(err, engine.ErrConflict) {
						errc <- err
						return
					}
					conflicts.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Fatal(err)
	}
	wantCounterSum(t, e, counters, clients*perClient)
	t.Logf("%d conflicts retried", conflicts.Load())
}

// wantCounterSum checks that the counters "counter0".."counter<n-1>" sum to
// want: a short sum is a lost update.
func wantCounterSum(t *testing.T, e engine.Engine, n, want int) {
	t.Helper()
	total := 0
	for i := range n {
		v, err := e.Get(bg, []byte(fmt.Sprintf("counter%d", i)))
		if err != nil {
			t.Fatal(err)
		}
		c, _ := strconv.Atoi(string(v))
		total += c
	}
	if total != want {
		t.Fatalf("counters sum to %d; want %d (lost updates)", total, want)
	}
}

func increment(e engine.Engine, key []byte) error {
	tx, err := e.Begin(bg)
	if err != nil {
		return err
	}
	defer tx.Discard()
	if err := incrementIn(tx, key); err != nil {
		return err
	}
	_, err = tx.Commit(bg)
	return err
}

// incrementIn adds one to the counter at key within tx.
func incrementIn(tx engine.Txn, key []byte) error {
	n := 0
	v, err := tx.Get(bg, key)
	switch {
	case err == nil:
		n, _ = strconv.Atoi(string(v))
	case !errors.Is(err, engine.ErrNotFound):
		return err
	}
	runtime.Gosched() // widen the read-to-commit window so clients interleave
	return tx.Set(key, []byte(strconv.Itoa(n+1)))
}

// testConcurrentBank moves money between accounts with transactions that
// find the accounts by scanning (exercising range reads), while readers check
// that every snapshot sees the same total and that commit sequences only
// grow.
func testConcurrentBank(t *testing.T, h Harness) {
	e := open(t, h)
	const accounts, initial = 16, 100
	var b engine.Batch
	for i := 0; i < accounts; i++ {
		b.Set(keyf("acct/%02d", i), []byte(strconv.Itoa(initial)))
	}
	if _, err := e.Apply(bg, &b); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var stop atomic.Bool
	errc := make(chan error, 2*clients)
	const transfers = 15
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < transfers; i++ {
				from, to := (c*7+i)%accounts, (c*3+i*5+1)%accounts
				if from == to {
					continue
				}
				for {
					err := transfer(e, from, to, 1+(c+i)%5, i%4 == 0)
					if err == nil {
						break
					}
					if !errors.Is(err, engine.ErrConflict) {
						errc <- err
						return
					}
				}
			}
		}()
	}
	var readers sync.WaitGroup
	for r := 0; r < 2; r++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			var last uint64
			for !stop.Load() {
				s, err := e.NewSnapshot(bg)
				if err != nil {
					errc <- err
					return
				}
				if s.Seq() < last {
					errc <- fmt.Errorf("snapshot seq went back from %d to %d", last, s.Seq())
				}
				last = s.Seq()
				sum, n, err := total(s)
				s.Close()
				if err != nil {
					errc <- err
					return
				}
				if sum != accounts*initial || n != accounts {
					errc <- fmt.Errorf("snapshot %d: %d accounts summing to %d; want %d", last, n, sum, accounts*initial)
					return
				}
			}
		}()
	}
	wg.Wait()
	stop.Store(true)
	readers.Wait()
	close(errc)
	for err := range errc {
		t.Fatal(err)
	}
	s := snapshot(t, e)
	if sum, _, err := total(s); err != nil || sum != accounts*initial {
		t.Fatalf("final total %d, %v", sum, err)
	}
}

func total(r engine.Reader) (sum, n int, err error) {
	it, err := r.NewIter(bg, engine.IterOptions{Lower: []byte("acct/"), Upper: []byte("acct0")})
	if err != nil {
		return 0, 0, err
	}
	defer it.Close()
	for it.Next() {
		v, err := strconv.Atoi(string(it.Value()))
		if err != nil {
			return 0, 0, err
		}
		sum += v
		n++
	}
	return sum, n, it.Err()
}

func transfer(e engine.Engine, from, to, amount int, byScan bool) error {
	tx, err := e.Begin(bg)
	if err != nil {
		return err
	}
	defer tx.Discard()
	bal := map[int]int{}
	if byScan {
		it, err := tx.NewIter(bg, engine.IterOptions{Lower: []byte("acct/"), Upper: []byte("acct0")})
		if err != nil {
			return err
		}
		i := 0
		for it.Next() {
			bal[i], _ = strconv.Atoi(string(it.Value()))
			i++
		}
		if err := it.Close(); err != nil {
			return err
		}
	} else {
		for _, a := range []int{from, to} {
			v, err := tx.Get(bg, keyf("acct/%02d", a))
			if err != nil {
				return err
			}
			bal[a], _ = strconv.Atoi(string(v))
		}
	}
	if err := tx.Set(keyf("acct/%02d", from), []byte(strconv.Itoa(bal[from]-amount))); err != nil {
		return err
	}
	if err := tx.Set(keyf("acct/%02d", to), []byte(strconv.Itoa(bal[to]+amount))); err != nil {
		return err
	}
	_, err = tx.Commit(bg)
	return err
}
