package compat_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestKillDuringTransactions kills kvs serve with SIGKILL while transfers
// run as TransactWriteItems: after each restart the accounts still hold the
// same total (no transaction is half applied) and each acknowledged
// transfer's log item is there.
func TestKillDuringTransactions(t *testing.T) {
	if testing.Short() {
		t.Skip("restarts kvs serve several times")
	}
	dir := t.TempDir()
	ctx := context.Background()
	const table, accounts, start = "bank", 6, 1000
	srv := startServer(t, "--data-dir", dir)
	c := newClient(t, srv.URL)
	createActive(t, c, &dynamodb.CreateTableInput{
		TableName:            aws.String(table),
		BillingMode:          types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
	})
	acct := func(i int) item { return item{"pk": s(fmt.Sprint("acct", i))} }
	for i := range accounts {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item{"pk": s(fmt.Sprint("acct", i)), "bal": n(strconv.Itoa(start))}})
		must(t, "PutItem", err)
	}

	var acked []string // log ids of acknowledged transfers
	for round := range 3 {
		var mu sync.Mutex
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for w := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := rand.New(rand.NewPCG(uint64(round), uint64(w)))
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					from, to := r.IntN(accounts), r.IntN(accounts)
					if from == to {
						continue
					}
					amt := n(strconv.Itoa(1 + r.IntN(50)))
					id := fmt.Sprintf("log-r%d-w%d-%d", round, w, i)
					rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
					_, err := c.TransactWriteItems(rctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
						{Update: &types.Update{TableName: aws.String(table), Key: acct(from), UpdateExpression: aws.String("SET bal = bal - :a"),
							ConditionExpression: aws.String("bal >= :a"), ExpressionAttributeValues: item{":a": amt}}},
						{Update: &types.Update{TableName: aws.String(table), Key: acct(to), UpdateExpression: aws.String("SET bal = bal + :a"),
							ExpressionAttributeValues: item{":a": amt}}},
						{Put: &types.Put{TableName: aws.String(table), Item: item{"pk": s(id), "amt": amt}}},
					}})
					cancel()
					if err == nil {
						mu.Lock()
						acked = append(acked, id)
						mu.Unlock()
					}
				}
			}()
		}
		time.Sleep(time.Duration(300+200*round) * time.Millisecond)
		if err := srv.stop(syscall.SIGKILL); err == nil {
			t.Fatal("kvs serve exited cleanly on SIGKILL?")
		}
		close(stop)
		wg.Wait()

		srv = startServer(t, "--data-dir", dir)
		c = newClient(t, srv.URL)
		total := 0
		for i := range accounts {
			g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: acct(i), ConsistentRead: aws.Bool(true)})
			must(t, "GetItem after restart", err)
			v, err := strconv.Atoi(str(g.Item["bal"]))
			if err != nil || v < 0 {
				t.Fatalf("round %d: account %d holds %v after restart", round, i, g.Item)
			}
			total += v
		}
		if total != accounts*start {
			t.Fatalf("round %d: accounts total %d after SIGKILL and restart, want %d: a transaction was half applied", round, total, accounts*start)
		}
		for _, id := range acked {
			g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: item{"pk": s(id)}, ConsistentRead: aws.Bool(true)})
			must(t, "GetItem log", err)
			if g.Item == nil {
				t.Fatalf("round %d: acknowledged transfer %s lost", round, id)
			}
		}
		t.Logf("round %d: %d acknowledged transfers, total intact", round, len(acked))
	}
	if len(acked) == 0 {
		t.Error("no transfer was acknowledged: the test exercised nothing")
	}
	if err := srv.stop(syscall.SIGTERM); err != nil {
		t.Fatalf("kvs serve after SIGTERM: %v\n%s", err, srv.output())
	}
}

// TestKillDuringIndexBackfill adds a global index to a table with items and
// kills kvs serve right after UpdateTable is acknowledged: after the restart
// the index becomes ACTIVE and holds every item.
func TestKillDuringIndexBackfill(t *testing.T) {
	if testing.Short() {
		t.Skip("restarts kvs serve")
	}
	dir := t.TempDir()
	ctx := context.Background()
	const table, count = "backfill", 2000
	srv := startServer(t, "--data-dir", dir)
	c := newClient(t, srv.URL)
	createActive(t, c, &dynamodb.CreateTableInput{
		TableName:            aws.String(table),
		BillingMode:          types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
	})
	var reqs []types.WriteRequest
	for i := range count {
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: item{"pk": s(fmt.Sprint("k", i)), "cat": s(fmt.Sprint("c", i%4))}}})
		if len(reqs) == 25 {
			batchWriteAll(t, c, table, reqs)
			reqs = nil
		}
	}
	_, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{
		TableName:            aws.String(table),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("cat"), AttributeType: types.ScalarAttributeTypeS}},
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
			IndexName:  aws.String("byCat"),
			KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String("cat"), KeyType: types.KeyTypeHash}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
		}}},
	})
	must(t, "UpdateTable create GSI", err)
	if err := srv.stop(syscall.SIGKILL); err == nil {
		t.Fatal("kvs serve exited cleanly on SIGKILL?")
	}

	srv = startServer(t, "--data-dir", dir)
	c = newClient(t, srv.URL)
	d := waitTable(t, c, table, func(d *types.TableDescription) bool {
		return len(d.GlobalSecondaryIndexes) == 1 && d.GlobalSecondaryIndexes[0].IndexStatus == types.IndexStatusActive
	})
	if aws.ToString(d.GlobalSecondaryIndexes[0].IndexName) != "byCat" {
		t.Fatalf("index %+v after restart", d.GlobalSecondaryIndexes[0])
	}
	total := 0
	for cat := range 4 {
		p := dynamodb.NewQueryPaginator(c, &dynamodb.QueryInput{TableName: aws.String(table), IndexName: aws.String("byCat"),
			KeyConditionExpression: aws.String("cat = :c"), ExpressionAttributeValues: item{":c": s(fmt.Sprint("c", cat))}, Select: types.SelectCount})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			must(t, "Query byCat", err)
			total += int(out.Count)
		}
	}
	if total != count {
		t.Errorf("index byCat holds %d items after a crash during its backfill, want %d", total, count)
	}
	if err := srv.stop(syscall.SIGTERM); err != nil {
		t.Fatalf("kvs serve after SIGTERM: %v\n%s", err, srv.output())
	}
}

// TestControlPlaneSurvivesRestart: table settings acknowledged before a
// SIGKILL — indexes, TTL, tags, billing mode, deletion protection, a
// deleted table — are as they were after the restart.
func TestControlPlaneSurvivesRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("restarts kvs serve")
	}
	dir := t.TempDir()
	ctx := context.Background()
	srv := startServer(t, "--data-dir", dir)
	c := newClient(t, srv.URL)
	createActive(t, c, indexedTableInput("settings"))
	keyTableNamed(t, c, "doomed")
	_, err := c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("settings"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("exp"), Enabled: aws.Bool(true)}})
	must(t, "UpdateTimeToLive", err)
	d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("settings")})
	must(t, "DescribeTable", err)
	arn := d.Table.TableArn
	_, err = c.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: arn, Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("core")}}})
	must(t, "TagResource", err)
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("settings"), DeletionProtectionEnabled: aws.Bool(true),
		BillingMode: types.BillingModeProvisioned, ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(6)},
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Update: &types.UpdateGlobalSecondaryIndexAction{IndexName: aws.String("byG"),
			ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(6)}}}}})
	if err != nil {
		// Some DynamoDB versions want the billing switch alone; do it in two steps.
		_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("settings"), BillingMode: types.BillingModeProvisioned,
			ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(6)},
			GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Update: &types.UpdateGlobalSecondaryIndexAction{IndexName: aws.String("byG"),
				ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(6)}}}}})
		must(t, "UpdateTable billing", err)
		waitTable(t, c, "settings", func(d *types.TableDescription) bool { return d.TableStatus == types.TableStatusActive })
		_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("settings"), DeletionProtectionEnabled: aws.Bool(true)})
		must(t, "UpdateTable deletion protection", err)
	}
	waitTable(t, c, "settings", func(d *types.TableDescription) bool { return d.TableStatus == types.TableStatusActive })
	_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("doomed")})
	must(t, "DeleteTable", err)
	waitGone(t, c, "doomed")

	if err := srv.stop(syscall.SIGKILL); err == nil {
		t.Fatal("kvs serve exited cleanly on SIGKILL?")
	}
	srv = startServer(t, "--data-dir", dir)
	c = newClient(t, srv.URL)

	d, err = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("settings")})
	must(t, "DescribeTable after restart", err)
	tb := d.Table
	if len(tb.GlobalSecondaryIndexes) != 1 || len(tb.LocalSecondaryIndexes) != 1 {
		t.Errorf("indexes after restart: %d global, %d local", len(tb.GlobalSecondaryIndexes), len(tb.LocalSecondaryIndexes))
	}
	if !aws.ToBool(tb.DeletionProtectionEnabled) {
		t.Error("deletion protection lost in the restart")
	}
	if tb.BillingModeSummary == nil || tb.BillingModeSummary.BillingMode != types.BillingModeProvisioned ||
		aws.ToInt64(tb.ProvisionedThroughput.WriteCapacityUnits) != 6 {
		t.Errorf("billing after restart: %+v %+v", tb.BillingModeSummary, tb.ProvisionedThroughput)
	}
	if aws.ToString(tb.TableArn) != aws.ToString(arn) {
		t.Errorf("TableArn %q after restart, was %q", aws.ToString(tb.TableArn), aws.ToString(arn))
	}
	ttl, err := c.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String("settings")})
	must(t, "DescribeTimeToLive", err)
	if aws.ToString(ttl.TimeToLiveDescription.AttributeName) != "exp" || ttl.TimeToLiveDescription.TimeToLiveStatus == types.TimeToLiveStatusDisabled {
		t.Errorf("TTL after restart: %+v", ttl.TimeToLiveDescription)
	}
	tags := listTags(t, c, arn)
	if tags["team"] != "core" {
		t.Errorf("tags after restart: %v", tags)
	}
	_, err = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("doomed")})
	wantAPIError(t, err, "ResourceNotFoundException", "")
	stopCleanly(t, srv, syscall.SIGTERM)
}
