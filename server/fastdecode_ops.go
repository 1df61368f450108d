package server

import "github.com/kvs-project/kvs"

// The fast decoders of the hot requests (see fastdecode.go). Each returns
// false when the body needs encoding/json; the caller then resets the
// request and decodes it the slow way. Legacy parameters always take the
// slow path.

func fastGetItem(body []byte, in *getItemRequest) bool {
	s := fastScanner{b: body}
	return s.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "TableName":
			return 1 << 0, s.str(&in.TableName)
		case "Key":
			return 1 << 1, s.item(&in.Key)
		case "ProjectionExpression":
			return 1 << 2, s.str(&in.ProjectionExpression)
		case "ExpressionAttributeNames":
			return 1 << 3, s.names(&in.ExpressionAttributeNames)
		case "ConsistentRead":
			return 1 << 4, s.boolPtr(&in.ConsistentRead)
		case "ReturnConsumedCapacity":
			return 1 << 5, s.str(&in.ReturnConsumedCapacity)
		}
		return 0, false
	})
}

// writeMembers holds the members PutItem, UpdateItem and DeleteItem share.
type writeMembers struct {
	TableName, ConditionExpression, ReturnValues, ReturnValuesOnConditionCheckFailure,
	ReturnConsumedCapacity, ReturnItemCollectionMetrics *string
	Names  *kvs.Names
	Values *kvs.Values
}

// member decodes one shared write member; known is false for other keys.
func (s *fastScanner) writeMember(key []byte, w writeMembers) (bit uint64, ok, known bool) {
	switch string(key) {
	case "TableName":
		return 1 << 0, s.str(w.TableName), true
	case "ConditionExpression":
		return 1 << 1, s.str(w.ConditionExpression), true
	case "ExpressionAttributeNames":
		return 1 << 2, s.names(w.Names), true
	case "ExpressionAttributeValues":
		return 1 << 3, s.values(w.Values), true
	case "ReturnValues":
		return 1 << 4, s.str(w.ReturnValues), true
	case "ReturnValuesOnConditionCheckFailure":
		return 1 << 5, s.str(w.ReturnValuesOnConditionCheckFailure), true
	case "ReturnConsumedCapacity":
		return 1 << 6, s.str(w.ReturnConsumedCapacity), true
	case "ReturnItemCollectionMetrics":
		return 1 << 7, s.str(w.ReturnItemCollectionMetrics), true
	}
	return 0, false, false
}

func fastPutItem(body []byte, in *putItemRequest) bool {
	s := fastScanner{b: body}
	w := writeMembers{&in.TableName, &in.ConditionExpression, &in.ReturnValues, &in.ReturnValuesOnConditionCheckFailure,
		&in.ReturnConsumedCapacity, &in.ReturnItemCollectionMetrics, &in.ExpressionAttributeNames, &in.ExpressionAttributeValues}
	return s.object(func(key []byte) (uint64, bool) {
		if bit, ok, known := s.writeMember(key, w); known {
			return bit, ok
		}
		if string(key) == "Item" {
			return 1 << 8, s.item(&in.Item)
		}
		return 0, false
	})
}

func fastDeleteItem(body []byte, in *deleteItemRequest) bool {
	s := fastScanner{b: body}
	w := writeMembers{&in.TableName, &in.ConditionExpression, &in.ReturnValues, &in.ReturnValuesOnConditionCheckFailure,
		&in.ReturnConsumedCapacity, &in.ReturnItemCollectionMetrics, &in.ExpressionAttributeNames, &in.ExpressionAttributeValues}
	return s.object(func(key []byte) (uint64, bool) {
		if bit, ok, known := s.writeMember(key, w); known {
			return bit, ok
		}
		if string(key) == "Key" {
			return 1 << 8, s.item(&in.Key)
		}
		return 0, false
	})
}

func fastUpdateItem(body []byte, in *updateItemRequest) bool {
	s := fastScanner{b: body}
	w := writeMembers{&in.TableName, &in.ConditionExpression, &in.ReturnValues, &in.ReturnValuesOnConditionCheckFailure,
		&in.ReturnConsumedCapacity, &in.ReturnItemCollectionMetrics, &in.ExpressionAttributeNames, &in.ExpressionAttributeValues}
	return s.object(func(key []byte) (uint64, bool) {
		if bit, ok, known := s.writeMember(key, w); known {
			return bit, ok
		}
		switch string(key) {
		case "Key":
			return 1 << 8, s.item(&in.Key)
		case "UpdateExpression":
			return 1 << 9, s.str(&in.UpdateExpression)
		}
		return 0, false
	})
}

func fastQuery(body []byte, in *queryRequest) bool {
	s := fastScanner{b: body}
	return s.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "TableName":
			return 1 << 0, s.str(&in.TableName)
		case "IndexName":
			return 1 << 1, s.str(&in.IndexName)
		case "KeyConditionExpression":
			return 1 << 2, s.str(&in.KeyConditionExpression)
		case "FilterExpression":
			return 1 << 3, s.str(&in.FilterExpression)
		case "ProjectionExpression":
			return 1 << 4, s.str(&in.ProjectionExpression)
		case "ExpressionAttributeNames":
			return 1 << 5, s.names(&in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			return 1 << 6, s.values(&in.ExpressionAttributeValues)
		case "Select":
			return 1 << 7, s.str(&in.Select)
		case "Limit":
			return 1 << 8, s.int32Ptr(&in.Limit)
		case "ExclusiveStartKey":
			return 1 << 9, s.item(&in.ExclusiveStartKey)
		case "ScanIndexForward":
			return 1 << 10, s.boolPtr(&in.ScanIndexForward)
		case "ConsistentRead":
			return 1 << 11, s.boolPtr(&in.ConsistentRead)
		case "ReturnConsumedCapacity":
			return 1 << 12, s.str(&in.ReturnConsumedCapacity)
		}
		return 0, false
	})
}

// decodeFast decodes body into in with fast when it can, and with
// encoding/json (after resetting in) when it cannot.
func decodeFast[T any](body []byte, in *T, fast func([]byte, *T) bool) error {
	if fast(body, in) {
		return nil
	}
	var zero T
	*in = zero
	return decode(body, in)
}

func fastScan(body []byte, in *scanRequest) bool {
	s := fastScanner{b: body}
	return s.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "TableName":
			return 1 << 0, s.str(&in.TableName)
		case "IndexName":
			return 1 << 1, s.str(&in.IndexName)
		case "FilterExpression":
			return 1 << 2, s.str(&in.FilterExpression)
		case "ProjectionExpression":
			return 1 << 3, s.str(&in.ProjectionExpression)
		case "ExpressionAttributeNames":
			return 1 << 4, s.names(&in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			return 1 << 5, s.values(&in.ExpressionAttributeValues)
		case "Select":
			return 1 << 6, s.str(&in.Select)
		case "Limit":
			return 1 << 7, s.int32Ptr(&in.Limit)
		case "ExclusiveStartKey":
			return 1 << 8, s.item(&in.ExclusiveStartKey)
		case "Segment":
			return 1 << 9, s.int32Ptr(&in.Segment)
		case "TotalSegments":
			return 1 << 10, s.int32Ptr(&in.TotalSegments)
		case "ConsistentRead":
			return 1 << 11, s.boolPtr(&in.ConsistentRead)
		case "ReturnConsumedCapacity":
			return 1 << 12, s.str(&in.ReturnConsumedCapacity)
		}
		return 0, false
	})
}
