package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kvs-project/kvs"
)

// benchBatchWriteBody is the harness's batch workload: 25 puts of 1 KB items.
var benchBatchWriteBody = func() string {
	var b strings.Builder
	b.WriteString(`{"RequestItems":{"bench":[`)
	for i := range 25 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"PutRequest":{"Item":{"pk":{"S":"p#%d"},"sk":{"N":"%d"},"data":{"S":"%s"}}}}`, i/10, i%10, strings.Repeat("abcdefghij", 100))
	}
	b.WriteString(`]}}`)
	return b.String()
}()

// BenchmarkDecodeBatchWriteItem compares the fast decoder of a 25-item
// BatchWriteItem with encoding/json.
func BenchmarkDecodeBatchWriteItem(b *testing.B) {
	body := []byte(benchBatchWriteBody)
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			var in kvs.BatchWriteItemInput
			if !fastBatchWriteItem(body, &in) {
				b.Fatal("fast path gave up")
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			var in kvs.BatchWriteItemInput
			if err := decode(body, &in); err != nil {
				b.Fatal(err)
			}
		}
	})
}
