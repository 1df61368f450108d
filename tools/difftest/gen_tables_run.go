package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/kvs-project/kvs/internal/ddblocal"
	"github.com/kvs-project/kvs/server"
)

// The table round's runner (-tables): it sends TableGen's requests to both
// servers, lets the generator learn from DynamoDB Local's answers, waits
// for index creations and deletions to finish on both servers, and after a
// write whose answers differ deletes the table on both, so that one
// difference does not cascade.

// tablesRound is the -tables flag.
var tablesRound bool

// tablesKVSURL opens kvs for the table round with no resource allocation or
// deletion phase for GSIs: the runner waits for both servers to finish an
// index change anyway (DynamoDB Local takes a fraction of a second), and
// the phase itself is pinned by control.txt's doc-override cases.
const tablesKVSURL = "mem://?index_create_delay=0s&index_delete_delay=0s"

// settleTimeout bounds the wait for an index change to finish.
const settleTimeout = 15 * time.Second

func (p *pair) runTables(seed uint64, steps int, verbose, showAccepted bool) (int, error) {
	g := NewTableGen(seed)
	kinds := map[string]int{}
	var order []string
	real, acc := 0, 0
	for step := 1; step <= steps; step++ {
		req := g.Next()
		la, ka, err := p.send(req.Op, req.Body)
		if err != nil {
			return 0, err
		}
		g.Observe(req, la.Status, la.Body)
		if gsiChanging(req) && (la.Status == 200 || ka.Status == 200) {
			name := req.Body["TableName"].(string)
			if stuck, err := p.settle(name); err != nil {
				return 0, err
			} else if stuck != "" {
				// DynamoDB Local sometimes leaves a deleted GSI DELETING for
				// good; start that table afresh on both servers.
				b, _ := json.Marshal(req.Body)
				fmt.Printf("step %d: %s after %s %s; table dropped\n", step, stuck, req.Op, b)
				if err := p.dropTable(name); err != nil {
					return 0, err
				}
				g.Observe(Request{Op: "DeleteTable", Body: map[string]any{"TableName": name}}, 200, nil)
			}
		}
		d := compare(step, req, la, ka)
		if d == nil {
			continue
		}
		report(d, kinds, &order, verbose, showAccepted, &real, &acc)
		// A difference of a write that is not accepted, or where one server
		// refused what the other did (accepted or not), may leave the tables
		// different. Tags show in no other answer, so tagging cannot cascade.
		if req.Write && (d.Accepted == "" || la.Status != ka.Status) && req.Op != "TagResource" && req.Op != "UntagResource" {
			name, _ := req.Body["TableName"].(string)
			if err := p.dropTable(name); err != nil {
				return 0, err
			}
			g.Observe(Request{Op: "DeleteTable", Body: map[string]any{"TableName": name}}, 200, nil)
		}
	}
	fmt.Printf("seed %d (tables): %d steps, %d differences (%d kinds), %d accepted\n", seed, steps, real, len(order), acc)
	for _, s := range order {
		fmt.Printf("  %4d x %s\n", kinds[s], s)
	}
	return real, nil
}

// settle waits until neither server describes the table or one of its
// GSIs in a transitional state. It returns a note naming what is still in
// transition after settleTimeout.
func (p *pair) settle(name string) (string, error) {
	deadline := time.Now().Add(settleTimeout)
	for {
		var busy []string
		for i, c := range p.clients() {
			st, body, err := c.Do(p.ctx, "DescribeTable", []byte(`{"TableName":"`+name+`"}`))
			if err != nil {
				return "", err
			}
			if st == 200 && transitional(body) {
				busy = append(busy, []string{"DynamoDB Local", "kvs"}[i])
			}
		}
		if len(busy) == 0 {
			return "", nil
		}
		if time.Now().After(deadline) {
			return fmt.Sprintf("table %s: an index change did not finish within %v on %s", name, settleTimeout, strings.Join(busy, " and ")), nil
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// transitional reports whether a DescribeTable answer shows the table or
// one of its GSIs CREATING, UPDATING or DELETING, or a GSI backfilling.
func transitional(body []byte) bool {
	var resp struct {
		Table struct {
			TableStatus            string
			GlobalSecondaryIndexes []struct {
				IndexStatus string
				Backfilling bool
			}
		}
	}
	if json.Unmarshal(body, &resp) != nil {
		return false
	}
	if resp.Table.TableStatus != "ACTIVE" {
		return true
	}
	for _, x := range resp.Table.GlobalSecondaryIndexes {
		if x.IndexStatus != "ACTIVE" || x.Backfilling {
			return true
		}
	}
	return false
}

// dropTable deletes a table on both servers (turning deletion protection
// off first), ignoring a table that is not there.
func (p *pair) dropTable(name string) error {
	if name == "" || !strings.HasPrefix(name, "tbx") {
		return nil
	}
	for _, c := range p.clients() {
		if _, _, err := c.Do(p.ctx, "UpdateTable", []byte(`{"TableName":"`+name+`","DeletionProtectionEnabled":false}`)); err != nil {
			return err
		}
		if _, _, err := c.Do(p.ctx, "DeleteTable", []byte(`{"TableName":"`+name+`"}`)); err != nil {
			return err
		}
	}
	return nil
}

// clients returns both servers' clients.
func (p *pair) clients() []*ddblocal.Client { return []*ddblocal.Client{p.local, p.kvs} }

// kvsARN is the ARN prefix of the in-process kvs server's tables.
const kvsARN = "arn:aws:dynamodb:" + server.DefaultRegion + ":" + server.DefaultAccountID + ":"
