package kvs

import (
	"math"
	"testing"

	"github.com/kvs-project/kvs/attr"
)

// TestMarshalValueFastPath checks that the key types marshalValue handles
// without reflection give exactly what attr.Marshal gives.
func TestMarshalValueFastPath(t *testing.T) {
	for _, v := range []any{"", "p1", "ü€😀", 0, -7, math.MaxInt, math.MinInt, int64(0), int64(math.MinInt64), int64(42)} {
		got, err := marshalValue(v)
		if err != nil {
			t.Fatal(v, err)
		}
		want, err := attr.Marshal(v)
		if err != nil {
			t.Fatal(v, err)
		}
		if !attr.Equal(got, want) || got.Type() != want.Type() {
			t.Errorf("marshalValue(%#v) = %v, attr.Marshal gives %v", v, got, want)
		}
	}
}
