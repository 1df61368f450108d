package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzRequest sends arbitrary bodies and headers through the whole handler:
// nothing may panic (the recover middleware would answer 500) and nothing a
// client sends may produce a 5xx.
func FuzzRequest(f *testing.F) {
	seeds := []struct{ op, body string }{
		{"GetItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}},"AttributesToGet":["a","a"]}`},
		{"PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"},"n":{"N":"1e5"},"b":{"B":"AAE="}},"Expected":{"n":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"1"},{"N":"2"}]}}}`},
		{"UpdateItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}},"AttributeUpdates":{"l":{"Action":"ADD","Value":{"L":[{"NULL":true}]}}},"Expected":{"a":{"Exists":false},"b":{"Value":{"SS":["x"]}}},"ConditionalOperator":"OR"}`},
		{"Query", `{"TableName":"tab","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}},"QueryFilter":{"x":{"ComparisonOperator":"IN","AttributeValueList":[{"N":"1"}]}},"Select":"COUNT"}`},
		{"Scan", `{"TableName":"tab","ScanFilter":{"x":{"ComparisonOperator":"NOT_CONTAINS","AttributeValueList":[{"BOOL":true}]}},"Segment":1,"TotalSegments":2}`},
		{"BatchGetItem", `{"RequestItems":{"tab":{"Keys":[{"pk":{"S":"a"}}],"AttributesToGet":["n"]},"t2":null}}`},
		{"BatchWriteItem", `{"RequestItems":{"tab":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}},{}]}}`},
		{"TransactWriteItems", `{"TransactItems":[{"Put":{"TableName":"tab","Item":{"pk":{"S":"a"}}}},{}]}`},
		{"TransactGetItems", `{"TransactItems":[{"Get":null}]}`},
		{"CreateTable", `{"TableName":"tab","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"ProvisionedThroughput":{"ReadCapacityUnits":1e99}}`},
		{"ListTables", `{"Limit":-1}`},
		{"DescribeEndpoints", `null`},
		{"Foo", `{`},
	}
	for _, s := range seeds {
		f.Add(s.op, s.body, testAuth, "application/x-amz-json-1.0", "", "gzip")
	}
	f.Add("ListTables", "{}", "AWS4-HMAC-SHA256 Credential=/////", "application/json; charset=x", "gzip", "")
	f.Add("ListTables", "", "", "", "", "")

	h := New(&recorder{}, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxRequestBytes: 1 << 16})
	f.Fuzz(func(t *testing.T, op, body, auth, contentType, contentEncoding, acceptEncoding string) {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+op)
		req.Header.Set("Authorization", auth)
		req.Header.Set("X-Amz-Date", "20260101T000000Z")
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Content-Encoding", contentEncoding)
		req.Header.Set("Accept-Encoding", acceptEncoding)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("status %d for %s %q: %s", w.Code, op, body, w.Body.Bytes())
		}
	})
}
