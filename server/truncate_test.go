package server

import (
	"testing"

	"github.com/kvs-project/kvs"
)

// TestDecodeTruncatesFractions: a number with a fraction or an exponent
// where an integer is expected is truncated, as on DynamoDB; one that does
// not fit stays a SerializationException.
func TestDecodeTruncatesFractions(t *testing.T) {
	for _, tt := range []struct {
		body  string
		limit int32
		seg   int32
	}{
		{`{"Limit":1.5}`, 1, 0},
		{`{"Limit":1.5,"Segment":2.99}`, 1, 2},
		{`{"Limit":2e1 , "Segment":-0.5}`, 20, 0},
		{`{"Limit":1.25E1}`, 12, 0},
	} {
		var in kvs.ScanInput
		if err := decode([]byte(tt.body), &in); err != nil {
			t.Fatalf("%s: %v", tt.body, err)
		}
		var seg int32
		if in.Segment != nil {
			seg = *in.Segment
		}
		if in.Limit == nil || *in.Limit != tt.limit || seg != tt.seg {
			t.Fatalf("%s: Limit %v Segment %v, want %d %d", tt.body, in.Limit, in.Segment, tt.limit, tt.seg)
		}
	}
	for _, body := range []string{`{"Limit":3e10}`, `{"Limit":1e999999999}`, `{"Limit":2147483648.5}`} {
		var in kvs.ScanInput
		if err := decode([]byte(body), &in); err == nil {
			t.Fatalf("%s: decoded as Limit %d, want a SerializationException", body, *in.Limit)
		}
	}
}

// TestDecodeIgnoresTrailingBytes: the first JSON value is decoded and the
// bytes after it ignored, as DynamoDB Local does ({"Limit":1}} is Limit 1).
func TestDecodeIgnoresTrailingBytes(t *testing.T) {
	for _, body := range []string{`{"Limit":1}}`, `{"Limit":1} x`, `{"Limit":1.5}]`} {
		var in kvs.ScanInput
		if err := decode([]byte(body), &in); err != nil || in.Limit == nil || *in.Limit != 1 {
			t.Fatalf("%s: Limit %v, err %v; want Limit 1", body, in.Limit, err)
		}
	}
	for _, body := range []string{`{"Limit":1`, `x{}`, ``} {
		var in kvs.ScanInput
		if err := decode([]byte(body), &in); err == nil {
			t.Fatalf("%q: decoded, want a SerializationException", body)
		}
	}
}
