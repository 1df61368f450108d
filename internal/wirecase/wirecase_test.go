package wirecase

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestParseRoundTrip(t *testing.T) {
	text := `# comment

call op=PutItem noauth target=X
{"a":1}
----
200
{
 "x": 1
}

call op=ListTables raw
----
----
400

raw
----
----

# trailing
`
	f, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) != 2 {
		t.Fatalf("%d cases", len(f.Cases))
	}
	c := f.Cases[0]
	if c.Line != 3 || c.Args["op"] != "PutItem" || c.Args["target"] != "X" || !c.Has("noauth") || c.Has("raw") {
		t.Errorf("case 0 = %+v", c)
	}
	if string(c.Body()) != `{"a":1}` || len(c.Output) != 4 {
		t.Errorf("body %q output %q", c.Body(), c.Output)
	}
	if d := f.Cases[1]; !d.Double || len(d.Input) != 0 || strings.Join(d.Output, "|") != "400||raw" {
		t.Errorf("case 1 = %+v", d)
	}
	if got := f.String(); got != text {
		t.Errorf("String() changed the file:\n%s", got)
	}
	if _, err := Parse("call op=X\n{}\n"); err == nil {
		t.Error("a case without ---- parsed")
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		text string
		ok   bool
	}{
		{"call op=ListTables\n{}\n----\n", true},
		{"call op=ListTables\n{\n----\n", false},
		{"call op=ListTables raw\n{\n----\n", true},
		{"call notarget\n{}\n----\n", true},
		{"call\n{}\n----\n", false},
		{"call op=X bogus\n{}\n----\n", false},
		{"put op=X\n{}\n----\n", false},
	} {
		f, err := Parse(tc.text)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Cases[0].Validate(); (err == nil) != tc.ok {
			t.Errorf("%q: Validate() = %v", tc.text, err)
		}
	}
}

func render(t *testing.T, cmd, body string) string {
	t.Helper()
	f, err := Parse(cmd + "\n{}\n----\n")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(Render(f.Cases[0], 200, []byte(body)), "\n")
}

func TestRenderNormalises(t *testing.T) {
	for _, tc := range []struct {
		name, cmd, body, want string
	}{
		{"empty body", "call op=TagResource", "", "200"},
		{"empty object", "call op=PutItem", "{}", "200\n{}"},
		{"not JSON", "call op=X", "<x/>\n", "200\nraw: \"<x/>\\n\""},
		{"two values", "call op=X", "{} {}", "200\nraw: \"{} {}\""},
		{"sorted members, numbers as written, no HTML escaping", "call op=X",
			`{"b":{"N":"1.50"},"a":"<&>"}`, "200\n{\n \"a\": \"<&>\",\n \"b\": {\"N\":\"1.50\"}\n}"},
		{"sets sorted", "call op=GetItem",
			`{"Item":{"s":{"SS":["b","a"]},"n":{"NS":["2","10"]},"l":{"L":[{"S":"b"},{"S":"a"}]}}}`,
			"200\n{\n \"Item\": {\"l\":{\"L\":[{\"S\":\"b\"},{\"S\":\"a\"}]},\"n\":{\"NS\":[\"10\",\"2\"]},\"s\":{\"SS\":[\"a\",\"b\"]}}\n}"},
		{"timestamps, table id, zero dates", "call op=DescribeTable",
			`{"Table":{"CreationDateTime":1.7E9,"TableId":"abc","ProvisionedThroughput":{"LastDecreaseDateTime":0,"LastIncreaseDateTime":12}}}`,
			"200\n{\n \"Table\": {\"CreationDateTime\":\"<timestamp>\",\"ProvisionedThroughput\":{\"LastIncreaseDateTime\":\"<timestamp>\"}}\n}"},
		{"ARNs and stream labels", "call op=DescribeTable",
			`{"Table":{"TableArn":"arn:aws:dynamodb:ddblocal:000000000000:table/t","LatestStreamLabel":"2026-01-01T00:00:00.000","LatestStreamArn":"arn:aws:dynamodb:us-east-1:123:table/t/stream/2026-01-01T00:00:00.000"}}`,
			"200\n{\n \"Table\": {\"LatestStreamArn\":\"arn:aws:dynamodb:<region>:<account>:table/t/stream/<stream-label>\",\"LatestStreamLabel\":\"<stream-label>\",\"TableArn\":\"arn:aws:dynamodb:<region>:<account>:table/t\"}\n}"},
		{"ARN in a message", "call op=TagResource",
			`{"__type":"x#ResourceNotFoundException","message":"ResourcArn: arn:aws:dynamodb:eu-west-1:42:table/t not found"}`,
			"200\n{\n \"__type\": \"x#ResourceNotFoundException\",\n \"message\": \"ResourcArn: arn:aws:dynamodb:<region>:<account>:table/t not found\"\n}"},
		{"schema lists sorted by name", "call op=DescribeTable",
			`{"Table":{"AttributeDefinitions":[{"AttributeName":"z"},{"AttributeName":"a"}],"KeySchema":[{"AttributeName":"z"},{"AttributeName":"a"}],"GlobalSecondaryIndexes":[{"IndexName":"b","Projection":{"NonKeyAttributes":["y","x"]}},{"IndexName":"a"}]}}`,
			"200\n{\n \"Table\": {\"AttributeDefinitions\":[{\"AttributeName\":\"a\"},{\"AttributeName\":\"z\"}],\"GlobalSecondaryIndexes\":[{\"IndexName\":\"a\"},{\"IndexName\":\"b\",\"Projection\":{\"NonKeyAttributes\":[\"x\",\"y\"]}}],\"KeySchema\":[{\"AttributeName\":\"z\"},{\"AttributeName\":\"a\"}]}\n}"},
		{"item attributes named like schema members are left alone", "call op=GetItem",
			`{"Item":{"TableId":{"S":"x"},"Address":{"S":"y"},"Tags":{"L":[{"S":"b"},{"S":"a"}]},"CreationDateTime":{"N":"0"}}}`,
			"200\n{\n \"Item\": {\"Address\":{\"S\":\"y\"},\"CreationDateTime\":{\"N\":\"0\"},\"TableId\":{\"S\":\"x\"},\"Tags\":{\"L\":[{\"S\":\"b\"},{\"S\":\"a\"}]}}\n}"},
		{"endpoint address", "call op=DescribeEndpoints",
			`{"Endpoints":[{"Address":"127.0.0.1:1234","CachePeriodInMinutes":1440}]}`,
			"200\n{\n \"Endpoints\": [{\"Address\":\"<address>\",\"CachePeriodInMinutes\":1440}]\n}"},
		{"BatchGetItem responses are multisets", "call op=BatchGetItem",
			`{"Responses":{"t":[{"k":{"S":"b"}},{"k":{"S":"a"}}]},"ConsumedCapacity":[{"TableName":"u"},{"TableName":"t"}]}`,
			"200\n{\n \"ConsumedCapacity\": [{\"TableName\":\"t\"},{\"TableName\":\"u\"}],\n \"Responses\": {\"t\":[{\"k\":{\"S\":\"a\"}},{\"k\":{\"S\":\"b\"}}]}\n}"},
		{"Query items keep their order", "call op=Query",
			`{"Items":[{"k":{"S":"b"}},{"k":{"S":"a"}}]}`,
			"200\n{\n \"Items\": [{\"k\":{\"S\":\"b\"}},{\"k\":{\"S\":\"a\"}}]\n}"},
		{"unordered scans are multisets", "call op=Scan unordered",
			`{"Items":[{"k":{"S":"b"}},{"k":{"S":"a"}}]}`,
			"200\n{\n \"Items\": [{\"k\":{\"S\":\"a\"}},{\"k\":{\"S\":\"b\"}}]\n}"},
	} {
		if got := render(t, tc.cmd, tc.body); got != tc.want {
			t.Errorf("%s:\n got: %s\nwant: %s", tc.name, got, tc.want)
		}
	}
}

// TestDoSendsTheCase checks the request a case becomes: target, content
// type, signature (or none) and the body byte for byte.
func TestDoSendsTheCase(t *testing.T) {
	var got *http.Request
	var gotBody string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got, gotBody = r, string(b)
		w.WriteHeader(418)
		w.Write([]byte(`{"ok":true}`))
	}))
	defer ts.Close()
	for _, tc := range []struct {
		cmd, body              string
		target, ctype, authPfx string
	}{
		{"call op=GetItem", `{"x":1}`, "DynamoDB_20120810.GetItem", "application/x-amz-json-1.0", "AWS4-HMAC-SHA256 Credential=kvsrecorder/"},
		{"call target=Foo.Bar contenttype=application/json noauth raw", `{`, "Foo.Bar", "application/json", ""},
		{"call notarget nocontenttype", `{}`, "", "", "AWS4-HMAC-SHA256"},
	} {
		f, err := Parse(tc.cmd + "\n" + tc.body + "\n----\n")
		if err != nil {
			t.Fatal(err)
		}
		status, body, err := f.Cases[0].Do(context.Background(), &http.Client{Timeout: 10 * time.Second}, ts.URL, DefaultCredentials)
		if err != nil || status != 418 || string(body) != `{"ok":true}` {
			t.Fatalf("%s: Do = %d %s %v", tc.cmd, status, body, err)
		}
		if gotBody != tc.body || got.Header.Get("X-Amz-Target") != tc.target || got.Header.Get("Content-Type") != tc.ctype {
			t.Errorf("%s: sent body %q target %q content type %q", tc.cmd, gotBody, got.Header.Get("X-Amz-Target"), got.Header.Get("Content-Type"))
		}
		if a := got.Header.Get("Authorization"); !strings.HasPrefix(a, tc.authPfx) || (tc.authPfx == "") != (a == "") {
			t.Errorf("%s: Authorization %q", tc.cmd, a)
		}
	}
}
