// Command difftest is a differential random test: it sends the same random
// sequence of DynamoDB requests to DynamoDB Local and to an in-process kvs
// server and reports every answer that differs after the wire corpus's
// normalisation (internal/wirecase). It needs Java and is run by hand, never
// by `go test` (see docs/difftest.md):
//
//	go run ./tools/difftest -jar-dir /work/ddbl -seed 1 -steps 2000
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"sort"
	"strings"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/internal/ddblocal"
	"github.com/kvs-project/kvs/server"
)

func main() {
	jarDir := flag.String("jar-dir", "", "DynamoDB Local location (jar dir, npm package or npm prefix); default $"+ddblocal.EnvDir)
	endpoint := flag.String("endpoint", "", "use an already running DynamoDB Local instead of starting one")
	seed := flag.Uint64("seed", 1, "random seed")
	steps := flag.Int("steps", 1000, "number of random requests")
	invalid := flag.Float64("invalid", 0.05, "share of deliberately invalid requests")
	verbose := flag.Bool("v", false, "print every difference, not only the first of each kind")
	showAccepted := flag.Bool("accepted", false, "also print accepted (known) differences")
	replayFile := flag.String("replay", "", "instead of random requests, send the \"Op {body}\" lines of this file (- for stdin) to both servers after creating the tables")
	flag.BoolVar(&tablesRound, "tables", false, "run the table-operations round (gen_tables.go) instead of the item operations")
	flag.Parse()
	replay = *replayFile
	n, err := run(*jarDir, *endpoint, *seed, *steps, *invalid, *verbose, *showAccepted)
	if err != nil {
		fmt.Fprintln(os.Stderr, "difftest:", err)
		os.Exit(2)
	}
	if n > 0 {
		os.Exit(1)
	}
}

// replay is the -replay file; "" runs random requests.
var replay string

func run(jarDir, endpoint string, seed uint64, steps int, invalid float64, verbose, showAccepted bool) (int, error) {
	ctx := context.Background()
	if endpoint == "" {
		srv, err := ddblocal.Start(ctx, ddblocal.Options{Dir: jarDir})
		if err != nil {
			return 0, err
		}
		defer srv.Stop()
		endpoint = srv.Endpoint
	}
	local := ddblocal.NewClient(endpoint)
	// A fresh access key is a fresh database in DynamoDB Local.
	local.AccessKey = fmt.Sprintf("difftest%dx%d", seed, os.Getpid())

	url := "mem://"
	if tablesRound {
		url = tablesKVSURL
	}
	db, err := kvs.Open(ctx, url, kvs.Options{})
	if err != nil {
		return 0, err
	}
	defer db.Close()
	ts := httptest.NewServer(server.New(db, server.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer ts.Close()
	kv := ddblocal.NewClient(ts.URL)

	p := &pair{ctx: ctx, local: local, kvs: kv}
	for _, body := range CreateTableBodies() {
		if err := p.both("CreateTable", body); err != nil {
			return 0, err
		}
	}

	if tablesRound && replay == "" {
		return p.runTables(seed, steps, verbose, showAccepted)
	}

	if replay != "" {
		f := os.Stdin
		if replay != "-" {
			if f, err = os.Open(replay); err != nil {
				return 0, err
			}
			defer f.Close()
		}
		return 0, p.replay(f, os.Stdout)
	}

	g := NewGen(seed)
	g.Invalid = invalid
	kinds := map[string]int{}
	var order []string
	real, acc := 0, 0
	for step := 1; step <= steps; step++ {
		req := g.Next()
		var la, ka Answer
		var err error
		if req.Segments > 0 {
			la, ka, err = p.sendSegments(req)
		} else {
			la, ka, err = p.send(req.Op, req.Body)
		}
		if err != nil {
			return 0, err
		}
		d := compare(step, req, la, ka)
		if d == nil {
			if req.Op == "Query" || req.Op == "Scan" {
				if err := p.pageOn(step, req, la, ka, func(d *Diff) { report(d, kinds, &order, verbose, showAccepted, &real, &acc) }); err != nil {
					return 0, err
				}
			}
			continue
		}
		report(d, kinds, &order, verbose, showAccepted, &real, &acc)
		if req.Write {
			// Keep later steps meaningful: make kvs hold what Local holds.
			if err := p.resync(); err != nil {
				return 0, err
			}
		}
	}
	fmt.Printf("seed %d: %d steps, %d differences (%d kinds), %d accepted\n", seed, steps, real, len(order), acc)
	for _, s := range order {
		fmt.Printf("  %4d x %s\n", kinds[s], s)
	}
	return real, nil
}

func report(d *Diff, kinds map[string]int, order *[]string, verbose, showAccepted bool, real, acc *int) {
	if d.Accepted != "" {
		*acc++
		if showAccepted {
			fmt.Printf("step %d: accepted difference (%s)\n", d.Step, d.Accepted)
		}
		return
	}
	*real++
	sig := d.signature()
	if kinds[sig] == 0 {
		*order = append(*order, sig)
	}
	kinds[sig]++
	if kinds[sig] > 1 && !verbose {
		return
	}
	req, _ := json.Marshal(d.Req.Body)
	fmt.Printf("=== step %d: %s differs\n%s\n--- DynamoDB Local:\n%s\n--- kvs:\n%s\n\n", d.Step, d.Req.Op, req, d.Local, d.KVS)
}

// pair sends every request to both servers.
type pair struct {
	ctx        context.Context
	local, kvs *ddblocal.Client
}

func (p *pair) send(op string, body map[string]any) (Answer, Answer, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return Answer{}, Answer{}, err
	}
	ls, lb, err := p.local.Do(p.ctx, op, b)
	if err != nil {
		return Answer{}, Answer{}, err
	}
	// Requests name resources by DynamoDB Local's ARNs; kvs has its own.
	ks, kb, err := p.kvs.Do(p.ctx, op, bytes.ReplaceAll(b, []byte(localARN), []byte(kvsARN)))
	if err != nil {
		return Answer{}, Answer{}, err
	}
	return Answer{ls, lb}, Answer{ks, kb}, nil
}

// both sends a setup request that must succeed on both servers.
func (p *pair) both(op string, body map[string]any) error {
	if err := p.local.Call(p.ctx, op, body, nil); err != nil {
		return fmt.Errorf("DynamoDB Local: %s: %w", op, err)
	}
	if err := p.kvs.Call(p.ctx, op, body, nil); err != nil {
		return fmt.Errorf("kvs: %s: %w", op, err)
	}
	return nil
}

// pageOn follows LastEvaluatedKey while both answers agree, comparing every
// page (the key is taken from Local's answer and sent to both).
func (p *pair) pageOn(step int, req Request, la, ka Answer, onDiff func(*Diff)) error {
	if req.Partial || req.StatusOnly || req.Segments > 0 {
		return nil
	}
	for pages := 0; pages < 20 && la.Status == 200; pages++ {
		var m map[string]json.RawMessage
		if json.Unmarshal(la.Body, &m) != nil || m["LastEvaluatedKey"] == nil {
			return nil
		}
		body := map[string]any{}
		for k, v := range req.Body {
			body[k] = v
		}
		body["ExclusiveStartKey"] = m["LastEvaluatedKey"]
		next := Request{Op: req.Op, Body: body, Unordered: req.Unordered}
		var err error
		la, ka, err = p.send(req.Op, body)
		if err != nil {
			return err
		}
		if d := compare(step, next, la, ka); d != nil {
			onDiff(d)
			return nil
		}
	}
	return nil
}

// resync makes every kvs table hold exactly the items of Local's.
func (p *pair) resync() error {
	for _, t := range tables {
		want, err := scanAll(p.ctx, p.local, t.Name)
		if err != nil {
			return err
		}
		have, err := scanAll(p.ctx, p.kvs, t.Name)
		if err != nil {
			return err
		}
		keep := map[string]bool{}
		for _, it := range want {
			keep[keyID(it)] = true
			if err := p.kvs.Call(p.ctx, "PutItem", map[string]any{"TableName": t.Name, "Item": it}, nil); err != nil {
				return fmt.Errorf("resync put: %w", err)
			}
		}
		for _, it := range have {
			if keep[keyID(it)] {
				continue
			}
			key := map[string]any{"pk": it["pk"]}
			if sk, ok := it["sk"]; ok {
				key["sk"] = sk
			}
			if err := p.kvs.Call(p.ctx, "DeleteItem", map[string]any{"TableName": t.Name, "Key": key}, nil); err != nil {
				return fmt.Errorf("resync delete: %w", err)
			}
		}
	}
	return nil
}

func keyID(it map[string]json.RawMessage) string {
	return string(it["pk"]) + "|" + string(it["sk"])
}

// scanAll reads every item of a table.
func scanAll(ctx context.Context, c *ddblocal.Client, table string) ([]map[string]json.RawMessage, error) {
	var all []map[string]json.RawMessage
	var start map[string]json.RawMessage
	for {
		body := map[string]any{"TableName": table}
		if start != nil {
			body["ExclusiveStartKey"] = start
		}
		var resp struct {
			Items            []map[string]json.RawMessage
			LastEvaluatedKey map[string]json.RawMessage
		}
		if err := c.Call(ctx, "Scan", body, &resp); err != nil {
			return nil, err
		}
		all = append(all, resp.Items...)
		if resp.LastEvaluatedKey == nil {
			sort.Slice(all, func(i, j int) bool { return strings.Compare(keyID(all[i]), keyID(all[j])) < 0 })
			return all, nil
		}
		start = resp.LastEvaluatedKey
	}
}
