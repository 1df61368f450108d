package attr_test

import (
	"testing"
	"time"

	"github.com/kvs-project/kvs/attr"
)

// FuzzUnmarshal feeds arbitrary valid values to Unmarshal with targets of
// many shapes: it must never panic, and whatever it stores must marshal
// again without error.
func FuzzUnmarshal(f *testing.F) {
	full, err := attr.MarshalItem(fullRecord())
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		full.String(),
		`{"M":{"Int":{"S":"1"},"List":{"SS":["a"]},"Arr":{"B":"AQIDBAU="},"Ptr":{"NULL":true}}}`,
		`{"L":[{"N":"1"},{"N":"-1.5"},{"NULL":true}]}`,
		`{"M":{"X":{"N":"1E+10"},"C":{"BOOL":true},"Own":{"N":"-0.001"}}}`,
		`{"NS":["1","300","1E+100"]}`,
		`{"S":"2024-01-01T00:00:00Z"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := attr.ParseValueJSON(data)
		if err != nil {
			return
		}
		targets := []any{
			new(record), new(tagged), new(visible), new(bench), new(any), new(map[string]any),
			new(map[int]string), new(map[textKey]celsius), new([]int), new([2]uint8), new([]byte),
			new(string), new(int8), new(uint64), new(float32), new(time.Time), new(*celsius),
			new(attr.Value), new(attr.Item), new([]*string), new(attr.Number),
		}
		for _, out := range targets {
			if err := attr.Unmarshal(v, out); err != nil {
				continue
			}
			if _, err := attr.Marshal(out); err != nil {
				t.Fatalf("Unmarshal(%s) into %T gave a value that does not marshal: %v", v, out, err)
			}
		}
	})
}
