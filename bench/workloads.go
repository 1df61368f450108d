package bench

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddb "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The data set every workload runs on: table Table holds Partitions
// partitions of PartitionItems items each, every item about ItemBytes big.
// Writes overwrite items of this key space, so the data set stays the same
// size however long a run is and a Query always finds PartitionItems items.
const (
	Table          = "bench"
	LoadTable      = "load"
	Partitions     = 200
	PartitionItems = 10
	Keyspace       = Partitions * PartitionItems
	ItemBytes      = 1000 // the "data" attribute; with keys and names an item is ~1 KB
	BatchItems     = 25   // BatchWriteItem's maximum
)

// Workload is one kind of operation the harness times.
type Workload struct {
	Name string // short name used in reports and JSON
	Desc string // what one operation is
	// Floor is true for the GetItem-shaped workload that also runs against
	// the do-nothing server.
	Floor bool
	// Op performs one operation. r is the calling worker's own generator.
	Op func(ctx context.Context, c *dynamodb.Client, r *rand.Rand) error
}

// Workloads are the workloads in report order.
var Workloads = []Workload{
	{Name: "get", Desc: "GetItem of a random 1 KB item (strongly consistent)", Floor: true, Op: getOp},
	{Name: "put", Desc: "PutItem of a 1 KB item over a random existing key", Op: putOp},
	{Name: "update", Desc: "UpdateItem ADD n :1 (atomic counter) on a random item", Op: updateOp},
	{Name: "query", Desc: "Query of one random partition: 10 items, 10 KB", Op: queryOp},
	{Name: "batch", Desc: "BatchWriteItem of 25 1 KB items (one operation = one request)", Op: batchOp},
	{Name: "mix", Desc: "50% GetItem, 50% PutItem", Op: mixOp},
}

// key returns the primary key of item i of the key space.
func key(i int) map[string]ddb.AttributeValue {
	return map[string]ddb.AttributeValue{
		"pk": &ddb.AttributeValueMemberS{Value: "p#" + strconv.Itoa(i/PartitionItems)},
		"sk": &ddb.AttributeValueMemberN{Value: strconv.Itoa(i % PartitionItems)},
	}
}

// item returns item i with fresh random data, so that no store can
// compress it away.
func item(i int, r *rand.Rand) map[string]ddb.AttributeValue {
	it := key(i)
	it["data"] = &ddb.AttributeValueMemberS{Value: randomText(r, ItemBytes)}
	return it
}

const textAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// randomText returns n random characters, six bits of randomness each.
func randomText(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := 0; i < n; {
		for u, k := r.Uint64(), 0; k < 10 && i < n; k, i = k+1, i+1 {
			b[i] = textAlphabet[u&63]
			u >>= 6
		}
	}
	return string(b)
}

func getOp(ctx context.Context, c *dynamodb.Client, r *rand.Rand) error {
	out, err := c.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(Table), Key: key(r.IntN(Keyspace)), ConsistentRead: aws.Bool(true),
	})
	if err == nil && out.Item == nil {
		err = errors.New("GetItem found no item")
	}
	return err
}

func putOp(ctx context.Context, c *dynamodb.Client, r *rand.Rand) error {
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(Table), Item: item(r.IntN(Keyspace), r)})
	return err
}

var (
	counterNames  = map[string]string{"#n": "n"}
	counterValues = map[string]ddb.AttributeValue{":one": &ddb.AttributeValueMemberN{Value: "1"}}
)

func updateOp(ctx context.Context, c *dynamodb.Client, r *rand.Rand) error {
	_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(Table),
		Key:                       key(r.IntN(Keyspace)),
		UpdateExpression:          aws.String("ADD #n :one"),
		ExpressionAttributeNames:  counterNames,
		ExpressionAttributeValues: counterValues,
	})
	return err
}

func queryOp(ctx context.Context, c *dynamodb.Client, r *rand.Rand) error {
	out, err := c.Query(ctx, &dynamodb.QueryInput{
		TableName:              aws.String(Table),
		KeyConditionExpression: aws.String("pk = :p"),
		ExpressionAttributeValues: map[string]ddb.AttributeValue{
			":p": &ddb.AttributeValueMemberS{Value: "p#" + strconv.Itoa(r.IntN(Partitions))},
		},
	})
	if err == nil && out.Count != PartitionItems {
		err = fmt.Errorf("Query returned %d items, want %d", out.Count, PartitionItems)
	}
	return err
}

// batchOp writes BatchItems consecutive items of the key space from a
// random start (wrapping), so the keys of one request are distinct.
func batchOp(ctx context.Context, c *dynamodb.Client, r *rand.Rand) error {
	start := r.IntN(Keyspace)
	reqs := make([]ddb.WriteRequest, BatchItems)
	for k := range reqs {
		reqs[k] = ddb.WriteRequest{PutRequest: &ddb.PutRequest{Item: item((start+k)%Keyspace, r)}}
	}
	return batchWrite(ctx, c, Table, reqs)
}

func mixOp(ctx context.Context, c *dynamodb.Client, r *rand.Rand) error {
	if r.IntN(2) == 0 {
		return getOp(ctx, c, r)
	}
	return putOp(ctx, c, r)
}

// batchWrite sends one BatchWriteItem. Unprocessed items are an error: none
// of these servers throttles, so any would mean a failure.
func batchWrite(ctx context.Context, c *dynamodb.Client, table string, reqs []ddb.WriteRequest) error {
	out, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{
		RequestItems: map[string][]ddb.WriteRequest{table: reqs},
	})
	if err == nil && len(out.UnprocessedItems) > 0 {
		err = fmt.Errorf("BatchWriteItem left %d items unprocessed", len(out.UnprocessedItems[table]))
	}
	return err
}

// Setup creates Table on a server and fills its key space.
func Setup(ctx context.Context, c *dynamodb.Client) error {
	if err := createTable(ctx, c, Table, true); err != nil {
		return err
	}
	_, _, err := fill(ctx, c, Table, Keyspace, 4, time.Time{}, key)
	return err
}

// Load creates LoadTable and writes n new 1 KB items into it with conc
// concurrent BatchWriteItem requests, stopping early at deadline. It
// returns how many items were written and how long it took.
func Load(ctx context.Context, c *dynamodb.Client, n, conc int, deadline time.Time) (int, time.Duration, error) {
	if err := createTable(ctx, c, LoadTable, false); err != nil {
		return 0, 0, err
	}
	return fill(ctx, c, LoadTable, n, conc, deadline, func(i int) map[string]ddb.AttributeValue {
		return map[string]ddb.AttributeValue{"pk": &ddb.AttributeValueMemberS{Value: "l#" + strconv.Itoa(i)}}
	})
}

// fill writes items keyOf(0..n-1), each with ItemBytes of data, in batches
// of BatchItems from conc goroutines. A zero deadline means none.
func fill(ctx context.Context, c *dynamodb.Client, table string, n, conc int, deadline time.Time,
	keyOf func(int) map[string]ddb.AttributeValue) (int, time.Duration, error) {
	t0 := time.Now()
	var next, written atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, conc)
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, 0x10ad))
			for ctx.Err() == nil && (deadline.IsZero() || time.Now().Before(deadline)) {
				start := int(next.Add(BatchItems)) - BatchItems
				if start >= n {
					return
				}
				reqs := make([]ddb.WriteRequest, 0, BatchItems)
				for i := start; i < start+BatchItems && i < n; i++ {
					it := keyOf(i)
					it["data"] = &ddb.AttributeValueMemberS{Value: randomText(r, ItemBytes)}
					reqs = append(reqs, ddb.WriteRequest{PutRequest: &ddb.PutRequest{Item: it}})
				}
				if err := batchWrite(ctx, c, table, reqs); err != nil {
					errs <- fmt.Errorf("bench: filling %s: %w", table, err)
					return
				}
				written.Add(int64(len(reqs)))
			}
		}(uint64(w))
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return int(written.Load()), time.Since(t0), err
	}
	return int(written.Load()), time.Since(t0), ctx.Err()
}

// createTable creates an on-demand table keyed by pk (and sk when
// sorted) and waits until it is ACTIVE.
func createTable(ctx context.Context, c *dynamodb.Client, name string, sorted bool) error {
	in := &dynamodb.CreateTableInput{
		TableName:   aws.String(name),
		BillingMode: ddb.BillingModePayPerRequest,
		AttributeDefinitions: []ddb.AttributeDefinition{
			{AttributeName: aws.String("pk"), AttributeType: ddb.ScalarAttributeTypeS},
		},
		KeySchema: []ddb.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: ddb.KeyTypeHash}},
	}
	if sorted {
		in.AttributeDefinitions = append(in.AttributeDefinitions,
			ddb.AttributeDefinition{AttributeName: aws.String("sk"), AttributeType: ddb.ScalarAttributeTypeN})
		in.KeySchema = append(in.KeySchema, ddb.KeySchemaElement{AttributeName: aws.String("sk"), KeyType: ddb.KeyTypeRange})
	}
	if _, err := c.CreateTable(ctx, in); err != nil {
		return fmt.Errorf("bench: creating %s: %w", name, err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; {
		out, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
		if err == nil && out.Table.TableStatus == ddb.TableStatusActive {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("bench: table %s not ACTIVE after 30s (%v)", name, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}
