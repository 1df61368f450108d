package compat_test

import (
	"context"
	"fmt"
	"maps"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestRestartKeepsAcknowledgedWrites stops kvs serve with SIGTERM and then,
// several times, with SIGKILL in the middle of concurrent writes; after each
// restart on the same data directory every acknowledged write is there.
func TestRestartKeepsAcknowledgedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("restarts kvs serve several times")
	}
	dir := t.TempDir()
	ctx := context.Background()
	const table = "durable"

	srv := startServer(t, "--data-dir", dir)
	c := newClient(t, srv.URL)
	createActive(t, c, &dynamodb.CreateTableInput{
		TableName:            aws.String(table),
		BillingMode:          types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
	})
	acked := map[string]string{} // key → value of every acknowledged write
	for i := range 50 {
		k, v := fmt.Sprintf("graceful-%03d", i), strconv.Itoa(i)
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item{"pk": s(k), "v": s(v)}})
		must(t, "PutItem", err)
		acked[k] = v
	}
	stopCleanly(t, srv, syscall.SIGTERM)

	counterAcked := 0 // acknowledged ADD 1s on the counter item
	counterSent := 0  // ADD 1s sent, acknowledged or not
	deadline := time.Now().Add(40 * time.Second)
	for round := 0; round < 5 && time.Now().Before(deadline); round++ {
		srv = startServer(t, "--data-dir", dir)
		c = newClient(t, srv.URL)
		checkAcked(t, c, table, acked, round)
		checkCounter(t, c, table, counterAcked, counterSent, round)

		// Writers run until the kill; each records what was acknowledged.
		var mu sync.Mutex
		stopWriters := make(chan struct{})
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					select {
					case <-stopWriters:
						return
					default:
					}
					rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
					if w == 2 {
						mu.Lock()
						counterSent++
						mu.Unlock()
						_, err := c.UpdateItem(rctx, &dynamodb.UpdateItemInput{
							TableName: aws.String(table), Key: item{"pk": s("counter")},
							UpdateExpression: aws.String("ADD n :one"), ExpressionAttributeValues: item{":one": n("1")},
						})
						cancel()
						if err == nil {
							mu.Lock()
							counterAcked++
							mu.Unlock()
						}
						continue
					}
					if w == 3 {
						// A batch of five: every item of an acknowledged
						// batch with nothing unprocessed must survive.
						var reqs []types.WriteRequest
						batch := map[string]string{}
						for j := range 5 {
							k, v := fmt.Sprintf("r%d-b-%05d-%d", round, i, j), fmt.Sprintf("batch %d.%d.%d", round, i, j)
							batch[k] = v
							reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: item{"pk": s(k), "v": s(v)}}})
						}
						out, err := c.BatchWriteItem(rctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{table: reqs}})
						cancel()
						if err == nil && len(out.UnprocessedItems) == 0 {
							mu.Lock()
							maps.Copy(acked, batch)
							mu.Unlock()
						}
						continue
					}
					k, v := fmt.Sprintf("r%d-w%d-%05d", round, w, i), fmt.Sprintf("%d.%d.%d", round, w, i)
					_, err := c.PutItem(rctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item{"pk": s(k), "v": s(v)}})
					cancel()
					if err == nil {
						mu.Lock()
						acked[k] = v
						mu.Unlock()
					}
				}
			}()
		}
		time.Sleep(time.Duration(200+150*round) * time.Millisecond)
		if err := srv.stop(syscall.SIGKILL); err == nil {
			t.Fatalf("round %d: kvs serve exited cleanly on SIGKILL?", round)
		}
		close(stopWriters)
		wg.Wait()
		t.Logf("round %d: %d acknowledged puts in total, counter %d acknowledged of %d sent", round, len(acked), counterAcked, counterSent)
	}

	// A last clean start: everything is there and SIGINT stops it cleanly.
	srv = startServer(t, "--data-dir", dir)
	c = newClient(t, srv.URL)
	checkAcked(t, c, table, acked, -1)
	checkCounter(t, c, table, counterAcked, counterSent, -1)
	stopCleanly(t, srv, syscall.SIGINT)
}

// stopCleanly sends sig and fails unless kvs serve exits 0 saying it stopped.
func stopCleanly(t *testing.T, srv *server, sig syscall.Signal) {
	t.Helper()
	if err := srv.stop(sig); err != nil {
		t.Fatalf("kvs serve after %v: %v\n%s", sig, err, srv.output())
	}
	if out := srv.output(); !strings.Contains(out, "kvs serve: stopped") {
		t.Errorf("kvs serve did not say it stopped after %v:\n%s", sig, out)
	}
}

// checkAcked fails unless every acknowledged key has its value, and the
// table reports no more items than a scan finds.
func checkAcked(t *testing.T, c *dynamodb.Client, table string, acked map[string]string, round int) {
	t.Helper()
	found := map[string]string{}
	p := dynamodb.NewScanPaginator(c, &dynamodb.ScanInput{TableName: aws.String(table), ConsistentRead: aws.Bool(true)})
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		must(t, fmt.Sprintf("round %d: Scan after restart", round), err)
		for _, it := range out.Items {
			found[str(it["pk"])] = str(it["v"])
		}
	}
	missing := 0
	for k, v := range acked {
		if got, ok := found[k]; !ok || got != v {
			if missing < 5 {
				t.Errorf("round %d: acknowledged write %s=%s is %q after restart (present: %v)", round, k, v, got, ok)
			}
			missing++
		}
	}
	if missing > 0 {
		t.Fatalf("round %d: %d of %d acknowledged writes lost", round, missing, len(acked))
	}
	// Point reads agree with the scan.
	for k, v := range acked {
		g, err := c.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String(table), Key: item{"pk": s(k)}, ConsistentRead: aws.Bool(true)})
		must(t, "GetItem after restart", err)
		if str(g.Item["v"]) != v {
			t.Fatalf("round %d: GetItem %s = %v, want %s", round, k, g.Item, v)
		}
		break
	}
}

// checkCounter fails unless the counter holds at least every acknowledged
// increment and at most every one sent.
func checkCounter(t *testing.T, c *dynamodb.Client, table string, acked, sent, round int) {
	t.Helper()
	g, err := c.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String(table), Key: item{"pk": s("counter")}, ConsistentRead: aws.Bool(true)})
	must(t, "GetItem counter", err)
	got := 0
	if g.Item != nil {
		got, _ = strconv.Atoi(str(g.Item["n"]))
	}
	if got < acked || got > sent {
		t.Fatalf("round %d: counter %d after restart; %d increments acknowledged, %d sent", round, got, acked, sent)
	}
}

// TestDataDirInUse: a second kvs serve on a data directory in use refuses
// to start, and the first keeps serving.
func TestDataDirInUse(t *testing.T) {
	dir := t.TempDir()
	first := startServer(t, "--data-dir", dir)
	c := newClient(t, first.URL)
	keyTableNamed(t, c, "inuse")

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, kvsBin, "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dir).CombinedOutput()
	if err == nil || ctx.Err() != nil {
		t.Fatalf("a second kvs serve on the same data directory: err %v (context %v), output:\n%s", err, ctx.Err(), out)
	}
	if strings.Contains(string(out), "listening on") {
		t.Errorf("the second kvs serve listened before failing:\n%s", out)
	}
	t.Logf("second kvs serve: %v: %s", err, strings.TrimSpace(string(out)))
	_, err = c.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String("inuse"), Item: item{"pk": s("still")}})
	must(t, "PutItem on the first server", err)
	stopCleanly(t, first, syscall.SIGTERM)
}
