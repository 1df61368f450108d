package wirecorpus

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// KnownFailures maps "file.txt:LINE" (the line of a case's command) to the
// reason it is expected to fail against kvs.
type KnownFailures map[string]string

// LoadKnownFailures reads a KNOWN_FAILURES file: one "file.txt:LINE reason"
// per line; blank lines and lines starting with '#' are ignored. A missing
// file is an empty list.
func LoadKnownFailures(path string) (KnownFailures, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return KnownFailures{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	known := KnownFailures{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		pos, reason, _ := strings.Cut(l, " ")
		if !strings.Contains(pos, ".txt:") {
			return nil, fmt.Errorf("%s:%d: want \"file.txt:LINE reason\", got %q", path, n, l)
		}
		if _, dup := known[pos]; dup {
			return nil, fmt.Errorf("%s:%d: %s listed twice", path, n, pos)
		}
		known[pos] = strings.TrimSpace(reason)
	}
	return known, sc.Err()
}
