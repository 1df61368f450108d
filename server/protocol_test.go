package server

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

const (
	bodyUnknownOp     = `{"__type":"com.amazon.coral.service#UnknownOperationException"}`
	bodySerialization = `{"__type":"com.amazon.coral.service#SerializationException"}`
	bodyMissingAuth   = `{"__type":"com.amazon.coral.service#MissingAuthenticationTokenException","message":"Request is missing Authentication Token"}`
)

func TestProtocolErrors(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, &recorder{}, Options{})
		tests := []struct {
			name   string
			op     string
			body   string
			hdr    []string
			status int
			want   string
		}{
			{"unknown operation", "Foo", `{}`, nil, 400, bodyUnknownOp},
			{"missing target", "", `{}`, nil, 400, bodyUnknownOp},
			{"other API version", "", `{}`, []string{"X-Amz-Target", "DynamoDB_20111205.GetItem"}, 400, bodyUnknownOp},
			{"streams target", "", `{}`, []string{"X-Amz-Target", "DynamoDBStreams_20120810.ListStreams"}, 400, bodyUnknownOp},
			{"malformed JSON", "ListTables", `{`, nil, 400, bodySerialization},
			// Bytes after a complete value are ignored, as DynamoDB Local does.
			{"trailing garbage", "ListTables", `{} x`, nil, 200, `{"TableNames":[]}`},
			{"trailing garbage with an unknown target", "Foo", `{}}`, nil, 400, bodyUnknownOp},
			{"malformed JSON wins over unknown target", "Foo", `{`, nil, 400, bodySerialization},
			{"malformed JSON wins over missing auth", "ListTables", `{`, []string{"Authorization", ""}, 400, bodySerialization},
			{"empty body", "ListTables", ``, nil, 400, bodySerialization},
			{"missing Authorization", "ListTables", `{}`, []string{"Authorization", ""}, 400, bodyMissingAuth},
			{"not SigV4", "ListTables", `{}`, []string{"Authorization", "Bearer x"}, 400, bodyMissingAuth},
			{"unknown target wins over auth", "Foo", `{}`, []string{"Authorization", ""}, 400, bodyUnknownOp},
			{"incomplete signature", "ListTables", `{}`, []string{"Authorization", "AWS4-HMAC-SHA256 Credential=a/b/c/d/e"}, 400,
				`{"__type":"com.amazon.coral.service#IncompleteSignatureException","message":"Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Credential=a/b/c/d/e"}`},
			{"no date", "ListTables", `{}`, []string{"X-Amz-Date", ""}, 400,
				`{"__type":"com.amazon.coral.service#IncompleteSignatureException","message":"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=` + testAuth + `"}`},
			{"algorithm", "ListTables", `{}`, []string{"Authorization", "AWS4-HMAC-SHA1 Credential=a/b/c/d/e, SignedHeaders=host, Signature=x"}, 400,
				`{"__type":"com.amazon.coral.service#IncompleteSignatureException","message":"Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1' (only AWS4-HMAC-SHA256 for now). "}`},
			{"credential scope", "ListTables", `{}`, []string{"Authorization", "AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=x"}, 400,
				`{"__type":"com.amazon.coral.service#IncompleteSignatureException","message":"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'a/b/c/d'"}`},
			{"type mismatch string", "DescribeTable", `{"TableName":true}`, nil, 400,
				`{"__type":"com.amazon.coral.service#SerializationException","Message":"class java.lang.Boolean can not be converted to an String"}`},
			{"type mismatch bool", "GetItem", `{"TableName":"t","ConsistentRead":"yes"}`, nil, 400,
				`{"__type":"com.amazon.coral.service#SerializationException","Message":"class java.lang.String can not be converted to an Boolean"}`},
			{"list for struct", "ListTables", `[]`, nil, 400,
				`{"__type":"com.amazon.coral.service#SerializationException","Message":"Start of list found where not expected"}`},
			{"bad number in an item", "PutItem", `{"TableName":"t","Item":{"pk":{"N":"x"}}}`, nil, 400,
				`{"__type":"com.amazon.coral.validate#ValidationException","message":"The parameter cannot be converted to a numeric value: x"}`},
			{"wrong type in an item", "PutItem", `{"TableName":"t","Item":{"pk":{"S":1}}}`, nil, 400,
				`{"__type":"com.amazon.coral.service#SerializationException","Message":"class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"}`},
			{"empty attribute value", "GetItem", `{"TableName":"t","Key":{"pk":{}}}`, nil, 400,
				`{"__type":"com.amazon.coral.validate#ValidationException","message":"Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"}`},
			{"number for string", "PutItem", `{"TableName":"t","Item":{"pk":{"S":"a"}},"ReturnValues":1}`, nil, 400,
				`{"__type":"com.amazon.coral.service#SerializationException","Message":"class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"}`},
			{"type errors win over value errors", "PutItem", `{"TableName":"t","Item":{"pk":{"N":"x"}},"ReturnValues":true}`, nil, 400,
				`{"__type":"com.amazon.coral.service#SerializationException","Message":"class java.lang.Boolean can not be converted to an String"}`},
			{"type errors in later items win", "BatchWriteItem", `{"RequestItems":{"t":[{"PutRequest":{"Item":{"pk":{"N":"x"}}}},{"PutRequest":{"Item":{"pk":{"S":false}}}}]}}`, nil, 400,
				`{"__type":"com.amazon.coral.service#SerializationException","Message":"class java.lang.Boolean can not be converted to an String"}`},
			{"map for string", "DescribeTable", `{"TableName":{}}`, nil, 400,
				`{"__type":"com.amazon.coral.service#SerializationException","Message":"Start of structure or map found where not expected."}`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := post(t, ts, tt.op, tt.body, tt.hdr...)
				r.want(t, tt.status, tt.want)
				if ct := r.header.Get("Content-Type"); ct != "application/x-amz-json-1.0" {
					t.Errorf("Content-Type = %q", ct)
				}
				if id := r.header.Get("X-Amzn-Requestid"); len(id) != 52 {
					t.Errorf("x-amzn-RequestId = %q, want 52 characters", id)
				}
				if r.header.Get("X-Amz-Crc32") == "" {
					t.Error("no x-amz-crc32")
				}
			})
		}
	})
}

func TestNotPostOfJSON(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, &recorder{}, Options{})
		for _, tc := range []struct{ method, ct, body string }{
			{http.MethodPut, "application/x-amz-json-1.0", "{}"},
			{http.MethodGet, "", ""}, // GET of a path other than /
			{http.MethodPost, "text/plain", "{}"},
			{http.MethodPost, "application/xml", "{}"},
		} {
			path := "/"
			if tc.method == http.MethodGet {
				path = "/x"
			}
			req, _ := http.NewRequest(tc.method, ts.URL+path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.ct)
			req.Header.Set("X-Amz-Target", "DynamoDB_20120810.ListTables")
			do(t, req).want(t, 404, "<UnknownOperationException/>\n")
		}
	})
}

func TestJSONContentTypes(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		rec := &recorder{}
		ts := startOn(t, tr, rec, Options{})
		r := post(t, ts, "ListTables", `{}`, "Content-Type", "application/json")
		r.want(t, 200, `{"TableNames":[]}`)
		if ct := r.header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q, want application/json (mirrored)", ct)
		}
		post(t, ts, "ListTables", `{}`, "Content-Type", "application/x-amz-json-1.0; charset=utf-8").want(t, 200, `{"TableNames":[]}`)
	})
}

func TestHealthCheck(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, &recorder{}, Options{Region: "eu-west-3"})
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/", nil)
		do(t, req).want(t, 200, "healthy: dynamodb.eu-west-3.amazonaws.com")
	})
}

func TestAPIErrors(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		rec := &recorder{}
		ts := startOn(t, tr, rec, Options{})
		tests := []struct {
			name   string
			err    error
			status int
			want   string
		}{
			{"not found", apierr.New(apierr.ResourceNotFound, "Requested resource not found"), 400,
				`{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}`},
			{"validation", apierr.Validationf("Invalid UpdateExpression: Syntax error; token: \"<\", near: \"a < \""), 400,
				`{"__type":"com.amazon.coral.validate#ValidationException","message":"Invalid UpdateExpression: Syntax error; token: \"<\", near: \"a < \""}`},
			{"conditional check", apierr.New(apierr.ConditionalCheckFailed, "The conditional request failed"), 400,
				`{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}`},
			{"conditional check with item", &apierr.Error{Code: apierr.ConditionalCheckFailed, Message: "The conditional request failed",
				Item: attr.Item{"pk": attr.S("a")}}, 400,
				`{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"pk":{"S":"a"}}}`},
			{"transaction canceled", &apierr.Error{Code: apierr.TransactionCanceled,
				Message: "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]",
				CancellationReasons: []apierr.CancellationReason{
					{Code: apierr.ConditionalCheckFailed, Message: "The conditional request failed", Item: attr.Item{"n": attr.N("1")}},
					{Code: apierr.None},
				}}, 400,
				`{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException","CancellationReasons":[{"Item":{"n":{"N":"1"}},"Code":"ConditionalCheckFailed","Message":"The conditional request failed"},{"Code":"None"}],"Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]"}`},
			{"internal", errors.New("disk on fire"), 500,
				`{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"Internal server error"}`},
			{"wrapped", errors.Join(errors.New("ctx"), apierr.New(apierr.ResourceInUse, "Table already exists: t")), 400,
				`{"__type":"com.amazonaws.dynamodb.v20120810#ResourceInUseException","message":"Table already exists: t"}`},
			{"control characters escaped", apierr.Validationf("a\nb\t\"c\"\\\x01"), 400,
				`{"__type":"com.amazon.coral.validate#ValidationException","message":"a\nb\t\"c\"\\\u0001"}`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rec.reply = func(string, any) (any, error) { return nil, tt.err }
				post(t, ts, "PutItem", `{"TableName":"t","Item":{"pk":{"S":"a"}}}`).want(t, tt.status, tt.want)
			})
		}
	})
}

func TestRecoverFromPanic(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		rec := &recorder{reply: func(string, any) (any, error) { panic("boom") }}
		ts := startOn(t, tr, rec, Options{})
		post(t, ts, "ListTables", `{}`).want(t, 500,
			`{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"Internal server error"}`)
		rec.reply = nil
		post(t, ts, "ListTables", `{}`).want(t, 200, `{"TableNames":[]}`)
	})
}

func TestRequestTooLarge(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, &recorder{}, Options{MaxRequestBytes: 100})
		r := post(t, ts, "ListTables", `{"ExclusiveStartTableName":"`+strings.Repeat("a", 200)+`"}`)
		if r.status != http.StatusRequestEntityTooLarge {
			t.Fatalf("status = %d, want 413", r.status)
		}
		// The limit applies after gunzip too.
		var zb bytes.Buffer
		zw := gzip.NewWriter(&zb)
		io.WriteString(zw, `{"ExclusiveStartTableName":"`+strings.Repeat("a", 200)+`"}`)
		zw.Close()
		r = post(t, ts, "ListTables", zb.String(), "Content-Encoding", "gzip")
		if r.status != http.StatusRequestEntityTooLarge {
			t.Fatalf("gzip: status = %d, want 413", r.status)
		}
	})
}

func TestGzip(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		rec := &recorder{reply: func(string, any) (any, error) {
			return &kvs.GetItemOutput{Item: attr.Item{"pk": attr.S(strings.Repeat("x", 1000))}}, nil
		}}
		ts := startOn(t, tr, rec, Options{})
		want := `{"Item":{"pk":{"S":"` + strings.Repeat("x", 1000) + `"}}}`

		// Compressed request body.
		var zb bytes.Buffer
		zw := gzip.NewWriter(&zb)
		io.WriteString(zw, `{"TableName":"tab","Key":{"pk":{"S":"a"}}}`)
		zw.Close()
		r := post(t, ts, "GetItem", zb.String(), "Content-Encoding", "gzip")
		r.want(t, 200, want)
		if _, in := rec.last(); in.(*kvs.GetItemInput).TableName != "tab" {
			t.Fatalf("decoded %+v", in)
		}

		// Corrupt gzip is a serialization error, not a 5xx.
		post(t, ts, "GetItem", "not gzip", "Content-Encoding", "gzip").want(t, 400, bodySerialization)

		// Compressed response: the CRC32 covers the compressed bytes (do checks it).
		r = post(t, ts, "GetItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}}}`, "Accept-Encoding", "gzip, deflate")
		if r.header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("Content-Encoding = %q", r.header.Get("Content-Encoding"))
		}
		if len(r.body) >= len(want) {
			t.Fatalf("compressed body is %d bytes, plain %d", len(r.body), len(want))
		}
		zr, err := gzip.NewReader(bytes.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := io.ReadAll(zr)
		if string(plain) != want {
			t.Fatalf("gunzipped %s", plain)
		}

		// q=0 refuses gzip; identity is honoured.
		for _, ae := range []string{"gzip;q=0", "identity"} {
			r = post(t, ts, "GetItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}}}`, "Accept-Encoding", ae)
			if r.header.Get("Content-Encoding") != "" {
				t.Fatalf("Accept-Encoding %q: Content-Encoding = %q", ae, r.header.Get("Content-Encoding"))
			}
			r.want(t, 200, want)
		}
	})
}

// TestGzipError: an API error answered to a gzipped request that accepts a
// gzipped answer (the path that takes the most pooled buffers: body,
// gunzip, output, error body, gzip) is the error, never a 500.
func TestGzipError(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		rec := &recorder{reply: func(string, any) (any, error) {
			return nil, apierr.New(apierr.Validation, "bad key")
		}}
		ts := startOn(t, tr, rec, Options{})
		var zb bytes.Buffer
		zw := gzip.NewWriter(&zb)
		io.WriteString(zw, `{"TableName":"tab","Key":{"pk":{"S":"a"}}}`)
		zw.Close()
		r := post(t, ts, "GetItem", zb.String(), "Content-Encoding", "gzip", "Accept-Encoding", "gzip")
		if r.status != 400 || r.header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("status %d, Content-Encoding %q; want 400, gzip", r.status, r.header.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := io.ReadAll(zr)
		if !strings.Contains(string(plain), `"message":"bad key"`) {
			t.Fatalf("body %s", plain)
		}
	})
}

func TestRequestInfo(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		rec := &recorder{}
		ts := startOn(t, tr, rec, Options{AccountID: "123456789012"})
		r := post(t, ts, "ListTables", `{}`)
		info := RequestInfoFrom(rec.ctx)
		if info == nil {
			t.Fatal("no RequestInfo in the API's context")
		}
		want := RequestInfo{Operation: "ListTables", RequestID: r.header.Get("X-Amzn-Requestid"),
			AccessKeyID: "AKIDTEST", Region: "eu-west-3", AccountID: "123456789012"}
		if *info != want {
			t.Fatalf("RequestInfo = %+v, want %+v", *info, want)
		}
	})
}

func TestRequestIDs(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := newRequestID()
		if len(id) != 52 || strings.Trim(id, requestIDAlphabet) != "" {
			t.Fatalf("bad id %q", id)
		}
		if seen[id] {
			t.Fatalf("duplicate id %q", id)
		}
		seen[id] = true
	}
}

func TestCORS(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, &recorder{}, Options{})
		req, _ := http.NewRequest(http.MethodOptions, ts.URL+"/", nil)
		req.Header.Set("Origin", "http://localhost:3000")
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type,x-amz-target,authorization,x-amz-date")
		r := do(t, req)
		r.want(t, 200, "")
		for k, v := range map[string]string{
			"Access-Control-Allow-Origin":  "*",
			"Access-Control-Allow-Methods": "POST",
			"Access-Control-Allow-Headers": "content-type,x-amz-target,authorization,x-amz-date",
			"Access-Control-Max-Age":       "172800",
		} {
			if got := r.header.Get(k); got != v {
				t.Errorf("%s = %q, want %q", k, got, v)
			}
		}
		r = post(t, ts, "ListTables", `{}`, "Origin", "http://localhost:3000")
		r.want(t, 200, `{"TableNames":[]}`)
		if r.header.Get("Access-Control-Allow-Origin") != "*" {
			t.Error("no Access-Control-Allow-Origin on a cross-origin POST")
		}
	})
}

// TestConcurrentRequests shares the buffer and gzip pools between
// goroutines (run with -race).
func TestConcurrentRequests(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, openTestDB(t), Options{})
		if r := post(t, ts, "CreateTable", `{"TableName":"con","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`); r.status != 200 {
			t.Fatalf("CreateTable: %s", r.body)
		}
		done := make(chan error)
		for g := range 8 {
			go func() {
				var err error
				defer func() { done <- err }()
				for i := range 20 {
					pk := strings.Repeat("k", g+1) + strings.Repeat("i", i)
					ae := []string{"gzip", "identity"}[i%2]
					r := post(t, ts, "PutItem", `{"TableName":"con","Item":{"pk":{"S":"`+pk+`"}}}`, "Accept-Encoding", ae)
					if r.status != 200 {
						err = errors.New(string(r.body))
						return
					}
					r = post(t, ts, "GetItem", `{"TableName":"con","Key":{"pk":{"S":"`+pk+`"}}}`)
					if string(r.body) != `{"Item":{"pk":{"S":"`+pk+`"}}}` {
						err = errors.New("GetItem answered " + string(r.body))
						return
					}
				}
			}()
		}
		for range 8 {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
	})
}
