package server

import (
	"context"
	"sort"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
)

// call is one decoded-to-be request on its way to the API.
type call struct {
	ctx  context.Context
	api  kvs.API
	body []byte
	host string
	opts *Options
}

// operation decodes c.body, calls the API and appends the JSON answer to dst.
type operation func(c *call, dst []byte) ([]byte, error)

// operations routes X-Amz-Target operation names to their handlers.
var operations map[string]operation

func init() {
	operations = map[string]operation{
		"CreateTable":        simple(kvs.API.CreateTable),
		"DeleteTable":        simple(kvs.API.DeleteTable),
		"DescribeTable":      simple(kvs.API.DescribeTable),
		"ListTables":         listTables,
		"UpdateTable":        simple(kvs.API.UpdateTable),
		"UpdateTimeToLive":   simple(kvs.API.UpdateTimeToLive),
		"DescribeTimeToLive": simple(kvs.API.DescribeTimeToLive),
		"TagResource":        noOutput(kvs.API.TagResource),
		"UntagResource":      noOutput(kvs.API.UntagResource),
		"ListTagsOfResource": listTagsOfResource,
		"DescribeEndpoints":  describeEndpoints,
		"DescribeLimits":     describeLimits,

		"DescribeContinuousBackups": describeContinuousBackups,

		"GetItem":            rejectEmptyExpressions(getItem, "ProjectionExpression"),
		"PutItem":            rejectEmptyExpressions(putItem, "ConditionExpression"),
		"UpdateItem":         rejectEmptyExpressions(updateItem, "UpdateExpression", "ConditionExpression"),
		"DeleteItem":         rejectEmptyExpressions(deleteItem, "ConditionExpression"),
		"Query":              query,
		"Scan":               scan,
		"BatchGetItem":       batchGetItem,
		"BatchWriteItem":     batchWriteItem,
		"TransactWriteItems": simpleFast(kvs.API.TransactWriteItems, fastTransactWriteItems),
		"TransactGetItems":   transactGetItems,
	}
}

// Operations returns the names of the operations the server answers, sorted,
// for documentation and tests.
func Operations() []string {
	names := make([]string, 0, len(operations))
	for n := range operations {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// simple adapts an API method whose request and response need no
// translation: decode, call, encode with encoding/json.
func simple[In, Out any](method func(kvs.API, context.Context, *In) (*Out, error)) operation {
	return func(c *call, dst []byte) ([]byte, error) {
		in := new(In)
		if err := decode(c.body, in); err != nil {
			return nil, err
		}
		out, err := method(c.api, c.ctx, in)
		if err != nil {
			return nil, err
		}
		return appendJSON(dst, out)
	}
}

// noOutput adapts an API method that answers nothing: DynamoDB sends HTTP
// 200 with an empty body (the API reference of TagResource and
// UntagResource: "an HTTP 200 response with an empty HTTP body").
func noOutput[In any](method func(kvs.API, context.Context, *In) error) operation {
	return func(c *call, dst []byte) ([]byte, error) {
		in := new(In)
		if err := decode(c.body, in); err != nil {
			return nil, err
		}
		if err := method(c.api, c.ctx, in); err != nil {
			return nil, err
		}
		return dst, nil
	}
}

func listTables(c *call, dst []byte) ([]byte, error) {
	var in kvs.ListTablesInput
	if err := decode(c.body, &in); err != nil {
		return nil, err
	}
	out, err := c.api.ListTables(c.ctx, &in)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = &kvs.ListTablesOutput{}
	}
	if out.TableNames == nil {
		out.TableNames = []string{}
	}
	return appendJSON(dst, out)
}

func listTagsOfResource(c *call, dst []byte) ([]byte, error) {
	var in kvs.ListTagsOfResourceInput
	if err := decode(c.body, &in); err != nil {
		return nil, err
	}
	out, err := c.api.ListTagsOfResource(c.ctx, &in)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = &kvs.ListTagsOfResourceOutput{}
	}
	if out.Tags == nil {
		out.Tags = []kvs.Tag{}
	}
	return appendJSON(dst, out)
}

// endpointCachePeriodMinutes is what DynamoDB answers in DescribeEndpoints.
const endpointCachePeriodMinutes = 1440

func describeEndpoints(c *call, dst []byte) ([]byte, error) {
	var in struct{}
	if err := decode(c.body, &in); err != nil {
		return nil, err
	}
	addr := c.opts.EndpointAddress
	if addr == "" {
		addr = c.host
	}
	m := object(dst)
	m.key("Endpoints")
	m.dst = append(m.dst, `[{"Address":`...)
	m.dst = attr.AppendJSONString(m.dst, addr)
	m.dst = append(m.dst, `,"CachePeriodInMinutes":1440}]`...)
	return m.end()
}

// describeLimitsBody holds DynamoDB's default account and table quotas.
const describeLimitsBody = `{"AccountMaxReadCapacityUnits":80000,"AccountMaxWriteCapacityUnits":80000,` +
	`"TableMaxReadCapacityUnits":40000,"TableMaxWriteCapacityUnits":40000}`

func describeLimits(c *call, dst []byte) ([]byte, error) {
	var in struct{}
	if err := decode(c.body, &in); err != nil {
		return nil, err
	}
	return append(dst, describeLimitsBody...), nil
}
