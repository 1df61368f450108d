package diskengine_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/diskengine"
)

// The crash tests re-execute the test binary as a child process (selected by
// crashChildEnv) that commits keys from several goroutines and prints each
// key on stdout once its commit is acknowledged. The parent SIGKILLs the
// child at a random moment, reopens the store, and checks what survived.
const (
	crashChildEnv = "KVS_DISKENGINE_CRASH_CHILD" // "dir|round|nosync"
	crashWorkers  = 4
)

func TestCrashChild(t *testing.T) {
	spec := os.Getenv(crashChildEnv)
	if spec == "" {
		t.Skip("only runs as the child of TestCrash")
	}
	parts := strings.Split(spec, "|")
	db, err := diskengine.Open(parts[0], diskengine.Options{NoSync: parts[2] == "nosync"})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		os.Exit(2)
	}
	var out sync.Mutex
	ack := func(key string) {
		out.Lock()
		os.Stdout.WriteString(key + "\n") // unbuffered: one write(2) per ack
		out.Unlock()
	}
	deadline := time.Now().Add(10 * time.Second) // never outlive a lost parent
	var wg sync.WaitGroup
	for w := 0; w < crashWorkers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			for i := 0; time.Now().Before(deadline); i++ {
				key := fmt.Sprintf("r%s/w%d/%06d", parts[1], w, i)
				if i%3 == 0 {
					// A transaction writing a pair: both or neither survive.
					tx, err := db.Begin(ctx)
					if err != nil {
						os.Exit(3)
					}
					tx.Set([]byte(key), []byte(key))
					tx.Set([]byte(key+"/twin"), []byte(key))
					if _, err := tx.Commit(ctx); err != nil {
						fmt.Fprintln(os.Stderr, "child commit:", err)
						os.Exit(3)
					}
				} else {
					var b engine.Batch
					b.Set([]byte(key), []byte(key))
					if _, err := db.Apply(ctx, &b); err != nil {
						fmt.Fprintln(os.Stderr, "child apply:", err)
						os.Exit(3)
					}
				}
				ack(key)
			}
		}()
	}
	wg.Wait()
	os.Exit(0)
}

// crashRounds runs rounds of commit-and-kill against one directory and
// returns how many acknowledged keys were lost in total.
func crashRounds(t *testing.T, rounds int, nosync bool) (acked, lost int) {
	dir := t.TempDir()
	mode := "sync"
	if nosync {
		mode = "nosync"
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	var allAcked []string
	for round := 0; round < rounds; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s|%d|%s", crashChildEnv, dir, round, mode))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan []string, 1)
		first := make(chan struct{})
		go func() {
			var got []string
			r := bufio.NewReader(stdout)
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					break // a partial last line is no acknowledgement
				}
				if len(got) == 0 {
					close(first)
				}
				got = append(got, strings.TrimSuffix(line, "\n"))
			}
			if len(got) == 0 {
				close(first)
			}
			lines <- got
		}()
		<-first // the child is committing
		time.Sleep(time.Duration(rng.IntN(150)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		got := <-lines
		err = cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("round %d: child did not die by SIGKILL: %v\n%s", round, err, stderr.String())
		}
		if len(got) == 0 {
			t.Fatalf("round %d: child acknowledged nothing\n%s", round, stderr.String())
		}
		allAcked = append(allAcked, got...)

		db, err := diskengine.Open(dir, diskengine.Options{})
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v", round, err)
		}
		lost = 0
		for _, k := range allAcked {
			if _, err := db.Get(context.Background(), []byte(k)); errors.Is(err, engine.ErrNotFound) {
				lost++
				if !nosync {
					t.Errorf("round %d: acknowledged key %s lost", round, k)
				}
			} else if err != nil {
				t.Fatal(err)
			}
		}
		checkTwins(t, db)
		if err := db.Close(); err != nil {
			t.Fatalf("round %d: close: %v", round, err)
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	return len(allAcked), lost
}

// checkTwins verifies transaction atomicity: every surviving transaction key
// has its twin and vice versa.
func checkTwins(t *testing.T, db engine.Engine) {
	s, err := db.NewSnapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	it, err := s.NewIter(context.Background(), engine.IterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	keys := map[string]bool{}
	for it.Next() {
		keys[string(it.Key())] = true
	}
	for k := range keys {
		base, isTwin := strings.CutSuffix(k, "/twin")
		var i int
		fmt.Sscanf(base[strings.LastIndexByte(base, '/')+1:], "%d", &i)
		if isTwin && !keys[base] {
			t.Errorf("%s survived without %s", k, base)
		}
		if !isTwin && i%3 == 0 && !keys[k+"/twin"] {
			t.Errorf("%s survived without its twin", k)
		}
	}
}

func TestCrash(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		t.Skip("child")
	}
	start := time.Now()
	acked, _ := crashRounds(t, 20, false)
	t.Logf("20 SIGKILL rounds, %d acknowledged commits, none lost, in %v", acked, time.Since(start).Round(time.Millisecond))
}

// TestCrashNoSync measures what Options.NoSync loses on a process crash. It
// does not fail on losses (they are documented behaviour) but checks that
// the store reopens and that transactions stay atomic.
func TestCrashNoSync(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		t.Skip("child")
	}
	if testing.Short() {
		t.Skip("short")
	}
	acked, lost := crashRounds(t, 10, true)
	t.Logf("NoSync: 10 SIGKILL rounds, %d acknowledged commits, %d lost", acked, lost)
}
