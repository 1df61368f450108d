package server

import (
	"context"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
)

// The fast decoders of TransactWriteItems and TransactGetItems (see
// fastdecode.go and fastdecode_batch.go).

// actionMembers points at the members of one transaction action; keyName is
// "Item" for a Put and "Key" otherwise, update is nil except for an Update.
type actionMembers struct {
	tableName, condition, update, onFailure *string
	keyName                                 string
	key                                     *attr.Item
	names                                   *kvs.Names
	values                                  *kvs.Values
}

func (s *fastScanner) action(m actionMembers) bool {
	return s.fields(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "TableName":
			return 1 << 0, s.str(m.tableName)
		case m.keyName:
			return 1 << 1, s.item(m.key)
		case "ConditionExpression":
			return 1 << 2, s.str(m.condition)
		case "ExpressionAttributeNames":
			return 1 << 3, s.names(m.names)
		case "ExpressionAttributeValues":
			return 1 << 4, s.values(m.values)
		case "ReturnValuesOnConditionCheckFailure":
			return 1 << 5, s.str(m.onFailure)
		case "UpdateExpression":
			if m.update != nil {
				return 1 << 6, s.str(m.update)
			}
		}
		return 0, false
	})
}

func (s *fastScanner) transactWriteItem(dst *kvs.TransactWriteItem) bool {
	return s.fields(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "Put":
			a := &kvs.TransactPut{}
			dst.Put = a
			return 1 << 0, s.action(actionMembers{&a.TableName, &a.ConditionExpression, nil, &a.ReturnValuesOnConditionCheckFailure,
				"Item", &a.Item, &a.ExpressionAttributeNames, &a.ExpressionAttributeValues})
		case "Update":
			a := &kvs.TransactUpdate{}
			dst.Update = a
			return 1 << 1, s.action(actionMembers{&a.TableName, &a.ConditionExpression, &a.UpdateExpression, &a.ReturnValuesOnConditionCheckFailure,
				"Key", &a.Key, &a.ExpressionAttributeNames, &a.ExpressionAttributeValues})
		case "Delete":
			a := &kvs.TransactDelete{}
			dst.Delete = a
			return 1 << 2, s.action(actionMembers{&a.TableName, &a.ConditionExpression, nil, &a.ReturnValuesOnConditionCheckFailure,
				"Key", &a.Key, &a.ExpressionAttributeNames, &a.ExpressionAttributeValues})
		case "ConditionCheck":
			a := &kvs.ConditionCheck{}
			dst.ConditionCheck = a
			return 1 << 3, s.action(actionMembers{&a.TableName, &a.ConditionExpression, nil, &a.ReturnValuesOnConditionCheckFailure,
				"Key", &a.Key, &a.ExpressionAttributeNames, &a.ExpressionAttributeValues})
		}
		return 0, false
	})
}

func fastTransactWriteItems(body []byte, in *kvs.TransactWriteItemsInput) bool {
	s := fastScanner{b: body}
	return s.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "TransactItems":
			items := []kvs.TransactWriteItem{}
			ok := s.array(func() bool {
				items = append(items, kvs.TransactWriteItem{})
				return s.transactWriteItem(&items[len(items)-1])
			})
			in.TransactItems = items
			return 1 << 0, ok
		case "ClientRequestToken":
			return 1 << 1, s.str(&in.ClientRequestToken)
		case "ReturnConsumedCapacity":
			return 1 << 2, s.str(&in.ReturnConsumedCapacity)
		case "ReturnItemCollectionMetrics":
			return 1 << 3, s.str(&in.ReturnItemCollectionMetrics)
		}
		return 0, false
	})
}

func (s *fastScanner) transactGet(dst *kvs.TransactGetItem) bool {
	return s.fields(func(key []byte) (uint64, bool) {
		if string(key) != "Get" {
			return 0, false
		}
		g := &kvs.TransactGet{}
		dst.Get = g
		return 1, s.fields(func(key []byte) (uint64, bool) {
			switch string(key) {
			case "TableName":
				return 1 << 0, s.str(&g.TableName)
			case "Key":
				return 1 << 1, s.item(&g.Key)
			case "ProjectionExpression":
				return 1 << 2, s.str(&g.ProjectionExpression)
			case "ExpressionAttributeNames":
				return 1 << 3, s.names(&g.ExpressionAttributeNames)
			}
			return 0, false
		})
	})
}

func fastTransactGetItems(body []byte, in *kvs.TransactGetItemsInput) bool {
	s := fastScanner{b: body}
	return s.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "TransactItems":
			items := []kvs.TransactGetItem{}
			ok := s.array(func() bool {
				items = append(items, kvs.TransactGetItem{})
				return s.transactGet(&items[len(items)-1])
			})
			in.TransactItems = items
			return 1 << 0, ok
		case "ReturnConsumedCapacity":
			return 1 << 1, s.str(&in.ReturnConsumedCapacity)
		}
		return 0, false
	})
}

// simpleFast is simple (ops.go) with a fast decoder.
func simpleFast[In, Out any](method func(kvs.API, context.Context, *In) (*Out, error), fast func([]byte, *In) bool) operation {
	return func(c *call, dst []byte) ([]byte, error) {
		in := new(In)
		if err := decodeFast(c.body, in, fast); err != nil {
			return nil, err
		}
		out, err := method(c.api, c.ctx, in)
		if err != nil {
			return nil, err
		}
		return appendJSON(dst, out)
	}
}
