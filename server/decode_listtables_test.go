package server

import (
	"testing"

	"github.com/kvs-project/kvs"
)

// TestDecodeTruncatesTopLevelUnmarshaler: a request type with its own
// UnmarshalJSON (kvs.ListTablesInput) gets the body without its leading
// whitespace, so encoding/json's error offsets are the body's and Limit
// 1.5 still reads as 1 after whitespace.
func TestDecodeTruncatesTopLevelUnmarshaler(t *testing.T) {
	for _, body := range []string{`{"Limit":1.5}`, " \n\t{\"Limit\":1.5}", ` {"Limit":1.5,"ExclusiveStartTableName":"abc"}`} {
		var in kvs.ListTablesInput
		if err := decode([]byte(body), &in); err != nil {
			t.Fatalf("%q: %v", body, err)
		}
		if in.Limit == nil || *in.Limit != 1 {
			t.Fatalf("%q: Limit %v, want 1", body, in.Limit)
		}
	}
}

// TestDecodeFirstTypeErrorBeforeLegacyMap: a type error inside Expected
// (decoded by its own UnmarshalJSON, which stops the decoding at once)
// does not win over an earlier member's.
func TestDecodeFirstTypeErrorBeforeLegacyMap(t *testing.T) {
	var in putItemRequest
	err := decode([]byte(`{"TableName":5,"Item":{"pk":{"S":"a"}},"Expected":{"x":{"Exists":"yes"}}}`), &in)
	const want = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"
	if e := asAPIError(err); e == nil || e.Message != want {
		t.Fatalf("got %v, want SerializationException %q", err, want)
	}
}
