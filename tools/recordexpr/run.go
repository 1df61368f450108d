package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/kvs-project/kvs/internal/wirecase"
	"net/http"
	"strings"

	"github.com/kvs-project/kvs/internal/ddblocal"
)

// recorder executes cases against DynamoDB Local exactly as
// expr/testdata/README.md specifies and renders the answers.
type recorder struct {
	c      *ddblocal.Client
	tables map[string]bool // tables created so far
}

// obj is a JSON request object whose values are raw JSON.
type obj map[string]json.RawMessage

func str(s string) json.RawMessage { b, _ := json.Marshal(s); return b }

// answer is either a successful response body or a DynamoDB error.
type answer struct {
	body []byte
	err  *ddblocal.Error
}

func (a answer) errLine() string { return "error: " + a.err.Code + ": " + a.err.Message }

// call sends op with body; transport failures and undecodable bodies are
// recorder failures, DynamoDB errors are answers.
func (r *recorder) call(ctx context.Context, op string, body []byte) (answer, error) {
	status, out, err := r.c.Do(ctx, op, body)
	if err != nil {
		return answer{}, err
	}
	if status == http.StatusOK {
		return answer{body: out}, nil
	}
	e, ok := ddblocal.ParseError(status, out)
	if !ok {
		return answer{}, fmt.Errorf("%s: status %d with non-error body %s", op, status, out)
	}
	return answer{err: e}, nil
}

// callObj marshals req and calls op.
func (r *recorder) callObj(ctx context.Context, op string, req obj) (answer, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return answer{}, fmt.Errorf("%s: building request: %w", op, err)
	}
	return r.call(ctx, op, body)
}

// mustOK runs a setup request that has to succeed.
func (r *recorder) mustOK(ctx context.Context, op string, req obj) ([]byte, error) {
	a, err := r.callObj(ctx, op, req)
	if err != nil {
		return nil, err
	}
	if a.err != nil {
		return nil, fmt.Errorf("setup %s failed: %s", op, a.errLine())
	}
	return a.body, nil
}

// run executes one case and returns its output lines.
func (r *recorder) run(ctx context.Context, c *wirecase.Case) ([]string, error) {
	if c.Cmd == "item" {
		// The input is raw JSON, not "field: value" lines.
		return r.runItem(ctx, strings.Join(c.Input, "\n"))
	}
	f, err := fields(c)
	if err != nil {
		return nil, err
	}
	switch c.Cmd {
	case "condition":
		return r.runCondition(ctx, f)
	case "filter":
		return r.runFilter(ctx, f)
	case "update":
		return r.runUpdate(ctx, f)
	case "projection":
		return r.runProjection(ctx, f)
	case "query":
		return r.runQuery(ctx, c, f)
	}
	return nil, fmt.Errorf("unknown command %q", c.Cmd)
}

// exprParams copies names and values into req, and expr under key exprKey.
// A field that is present but empty is sent (as "" for expr).
func exprParams(req obj, f map[string]string, exprKey string) {
	if e, ok := f["expr"]; ok {
		req[exprKey] = str(e)
	}
	if n, ok := f["names"]; ok {
		req["ExpressionAttributeNames"] = json.RawMessage(n)
	}
	if v, ok := f["values"]; ok {
		req["ExpressionAttributeValues"] = json.RawMessage(v)
	}
}

const keyK = `{"pk":{"S":"k"}}`

// resetItem puts the case's item, or deletes key k when there is none.
func (r *recorder) resetItem(ctx context.Context, table string, f map[string]string) error {
	if err := r.ensureTable(ctx, table); err != nil {
		return err
	}
	if item, ok := f["item"]; ok {
		_, err := r.mustOK(ctx, "PutItem", obj{"TableName": str(physical(table)), "Item": json.RawMessage(item)})
		return err
	}
	_, err := r.mustOK(ctx, "DeleteItem", obj{"TableName": str(physical(table)), "Key": json.RawMessage(keyK)})
	return err
}

func (r *recorder) runCondition(ctx context.Context, f map[string]string) ([]string, error) {
	if err := r.resetItem(ctx, "t", f); err != nil {
		return nil, err
	}
	item, ok := f["item"]
	if !ok {
		item = keyK
	}
	req := obj{"TableName": str(physical("t")), "Item": json.RawMessage(item)}
	exprParams(req, f, "ConditionExpression")
	a, err := r.callObj(ctx, "PutItem", req)
	switch {
	case err != nil:
		return nil, err
	case a.err == nil:
		return []string{"true"}, nil
	case a.err.Code == "ConditionalCheckFailedException":
		return []string{"false"}, nil
	}
	return []string{a.errLine()}, nil
}

func (r *recorder) runFilter(ctx context.Context, f map[string]string) ([]string, error) {
	item, ok := f["item"]
	if !ok {
		return nil, fmt.Errorf("filter case needs an item")
	}
	if err := r.emptyTable(ctx, "t"); err != nil {
		return nil, err
	}
	if _, err := r.mustOK(ctx, "PutItem", obj{"TableName": str(physical("t")), "Item": json.RawMessage(item)}); err != nil {
		return nil, err
	}
	req := obj{"TableName": str(physical("t"))}
	exprParams(req, f, "FilterExpression")
	a, err := r.callObj(ctx, "Scan", req)
	if err != nil {
		return nil, err
	}
	if a.err != nil {
		return []string{a.errLine()}, nil
	}
	var out struct{ Items []json.RawMessage }
	if err := json.Unmarshal(a.body, &out); err != nil {
		return nil, err
	}
	return []string{fmt.Sprint(len(out.Items) > 0)}, nil
}

func (r *recorder) runUpdate(ctx context.Context, f map[string]string) ([]string, error) {
	var lines []string
	for _, rv := range []string{"UPDATED_OLD", "UPDATED_NEW"} {
		if err := r.resetItem(ctx, "t", f); err != nil {
			return nil, err
		}
		req := obj{"TableName": str(physical("t")), "Key": json.RawMessage(keyK), "ReturnValues": str(rv)}
		exprParams(req, f, "UpdateExpression")
		a, err := r.callObj(ctx, "UpdateItem", req)
		if err != nil {
			return nil, err
		}
		if a.err != nil {
			if len(lines) > 0 {
				return nil, fmt.Errorf("UPDATED_OLD succeeded but UPDATED_NEW failed: %s", a.errLine())
			}
			return []string{a.errLine()}, nil
		}
		var out struct{ Attributes json.RawMessage }
		if err := json.Unmarshal(a.body, &out); err != nil {
			return nil, err
		}
		lines = append(lines, strings.ToLower(rv)+": "+render(out.Attributes, "{}"))
	}
	got, err := r.mustOK(ctx, "GetItem", obj{"TableName": str(physical("t")), "Key": json.RawMessage(keyK), "ConsistentRead": json.RawMessage("true")})
	if err != nil {
		return nil, err
	}
	var out struct{ Item json.RawMessage }
	if err := json.Unmarshal(got, &out); err != nil {
		return nil, err
	}
	return append(lines, "new: "+render(out.Item, "{}")), nil
}

func (r *recorder) runProjection(ctx context.Context, f map[string]string) ([]string, error) {
	item, ok := f["item"]
	if !ok {
		return nil, fmt.Errorf("projection case needs an item")
	}
	if err := r.ensureTable(ctx, "t"); err != nil {
		return nil, err
	}
	if _, err := r.mustOK(ctx, "PutItem", obj{"TableName": str(physical("t")), "Item": json.RawMessage(item)}); err != nil {
		return nil, err
	}
	req := obj{"TableName": str(physical("t")), "Key": json.RawMessage(keyK)}
	exprParams(req, f, "ProjectionExpression")
	a, err := r.callObj(ctx, "GetItem", req)
	if err != nil {
		return nil, err
	}
	if a.err != nil {
		return []string{a.errLine()}, nil
	}
	var out struct{ Item json.RawMessage }
	if err := json.Unmarshal(a.body, &out); err != nil {
		return nil, err
	}
	return []string{render(out.Item, "{}")}, nil
}

func (r *recorder) runQuery(ctx context.Context, c *wirecase.Case, f map[string]string) ([]string, error) {
	table := "q"
	if sk, ok := c.Args["sk"]; ok {
		table = "q_" + sk
	}
	if err := r.emptyTable(ctx, table); err != nil {
		return nil, err
	}
	var items []json.RawMessage
	if s, ok := f["items"]; ok {
		if err := json.Unmarshal([]byte(s), &items); err != nil {
			return nil, fmt.Errorf("items: %w", err)
		}
	}
	for _, it := range items {
		if _, err := r.mustOK(ctx, "PutItem", obj{"TableName": str(physical(table)), "Item": it}); err != nil {
			return nil, err
		}
	}
	req := obj{"TableName": str(physical(table))}
	exprParams(req, f, "KeyConditionExpression")
	a, err := r.callObj(ctx, "Query", req)
	if err != nil {
		return nil, err
	}
	if a.err != nil {
		return []string{a.errLine()}, nil
	}
	var out struct{ Items []map[string]json.RawMessage }
	if err := json.Unmarshal(a.body, &out); err != nil {
		return nil, err
	}
	keys := make([]any, 0, len(out.Items))
	for _, it := range out.Items {
		k := map[string]any{"pk": decode(it["pk"])}
		if table != "q" {
			k["sk"] = decode(it["sk"])
		}
		keys = append(keys, k)
	}
	return []string{marshal(keys)}, nil
}

func (r *recorder) runItem(ctx context.Context, raw string) ([]string, error) {
	if err := r.ensureTable(ctx, "t"); err != nil {
		return nil, err
	}
	body := `{"TableName":"` + physical("t") + `","Item":` + raw + `}`
	a, err := r.call(ctx, "PutItem", []byte(body))
	if err != nil {
		return nil, err
	}
	if a.err != nil {
		return []string{a.errLine()}, nil
	}
	var item map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &item); err != nil {
		return nil, fmt.Errorf("put succeeded but item is not a JSON object: %w", err)
	}
	key := obj{"pk": item["pk"]}
	got, err := r.mustOK(ctx, "GetItem", obj{"TableName": str(physical("t")), "Key": mustJSON(key), "ConsistentRead": json.RawMessage("true")})
	if err != nil {
		return nil, err
	}
	var out struct{ Item json.RawMessage }
	if err := json.Unmarshal(got, &out); err != nil {
		return nil, err
	}
	return []string{render(out.Item, "{}")}, nil
}

// render re-encodes a JSON value compactly with sorted map keys, or returns
// empty when raw is absent.
func render(raw json.RawMessage, empty string) string {
	if len(raw) == 0 || string(raw) == "null" {
		return empty
	}
	return marshal(decode(raw))
}

func decode(raw json.RawMessage) any {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return string(raw)
	}
	return v
}

func marshal(v any) string {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
