package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// replay sends hand-written requests to both servers and prints both
// answers, to pin down a difference the random run found. Each non-blank
// line of r that does not start with '#' is "Op {json body}".
func (p *pair) replay(r io.Reader, w io.Writer) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		op, body, ok := strings.Cut(line, " ")
		if !ok {
			return fmt.Errorf("replay: %q: want \"Op {body}\"", line)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			return fmt.Errorf("replay: %q: %w", line, err)
		}
		la, ka, err := p.send(op, m)
		if err != nil {
			return err
		}
		req := Request{Op: op, Body: m}
		l, k := render(req, la), render(req, ka)
		mark := "same"
		if l != k {
			mark = "DIFFERENT"
		}
		fmt.Fprintf(w, "> %s %s\n--- DynamoDB Local:\n%s\n", op, body, l)
		if l != k {
			fmt.Fprintf(w, "--- kvs:\n%s\n", k)
		}
		fmt.Fprintf(w, "(%s)\n\n", mark)
	}
	return sc.Err()
}
