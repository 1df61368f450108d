package inproc

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/kvs-project/kvs/bench"
)

// The Raw benchmarks send the same requests as the SDK workloads, but as
// prebuilt bytes through a plain net/http client, so that the client costs
// a few microseconds instead of the SDK's ~100 and most samples of a CPU
// profile land in the server. kvs does not verify signatures yet, so a
// well-formed Authorization header is enough.

const rawAuth = "AWS4-HMAC-SHA256 Credential=kvsbench/20260101/us-east-1/dynamodb/aws4_request, " +
	"SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000"

// rawBody returns the JSON body of one operation of the named workload.
func rawBody(name string, r *rand.Rand) []byte {
	i := r.IntN(bench.Keyspace)
	pk, sk := i/bench.PartitionItems, i%bench.PartitionItems
	switch name {
	case "GetItem":
		return fmt.Appendf(nil, `{"TableName":%q,"Key":{"pk":{"S":"p#%d"},"sk":{"N":"%d"}},"ConsistentRead":true}`, bench.Table, pk, sk)
	case "PutItem":
		data := make([]byte, bench.ItemBytes)
		for k := range data {
			data[k] = 'a' + byte(r.IntN(26))
		}
		return fmt.Appendf(nil, `{"TableName":%q,"Item":{"pk":{"S":"p#%d"},"sk":{"N":"%d"},"data":{"S":"%s"}}}`, bench.Table, pk, sk, data)
	case "UpdateItem":
		return fmt.Appendf(nil, `{"TableName":%q,"Key":{"pk":{"S":"p#%d"},"sk":{"N":"%d"}},"UpdateExpression":"ADD #n :one",`+
			`"ExpressionAttributeNames":{"#n":"n"},"ExpressionAttributeValues":{":one":{"N":"1"}}}`, bench.Table, pk, sk)
	case "Query":
		return fmt.Appendf(nil, `{"TableName":%q,"KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"p#%d"}}}`, bench.Table, pk)
	}
	panic("no raw body for " + name)
}

func runRaw(b *testing.B, op string) {
	t := serve(b, "mem://")
	url := t.URL
	// 256 prebuilt bodies, cycled: random keys without paying for JSON
	// encoding inside the timed loop.
	r := rand.New(rand.NewPCG(3, 4))
	bodies := make([][]byte, 256)
	for i := range bodies {
		bodies[i] = rawBody(op, r)
	}
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}}
	b.ReportAllocs()
	b.ResetTimer()
	b.SetParallelism(8)
	var worker atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		i := int(worker.Add(1)) * 37
		for pb.Next() {
			i++
			req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, url, bytes.NewReader(bodies[i%len(bodies)]))
			req.Header.Set("Content-Type", "application/x-amz-json-1.0")
			req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+op)
			req.Header.Set("X-Amz-Date", "20260101T000000Z")
			req.Header.Set("Authorization", rawAuth)
			resp, err := hc.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("%s: status %d", op, resp.StatusCode)
				return
			}
		}
	})
}

func BenchmarkRawGet(b *testing.B)    { runRaw(b, "GetItem") }
func BenchmarkRawPut(b *testing.B)    { runRaw(b, "PutItem") }
func BenchmarkRawUpdate(b *testing.B) { runRaw(b, "UpdateItem") }
func BenchmarkRawQuery(b *testing.B)  { runRaw(b, "Query") }
