package server

import (
	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
)

// The fast decoders of BatchWriteItem and BatchGetItem (see fastdecode.go):
// a load of 25 items per request spent ~40% of the handler's time in
// encoding/json's reflection. Like the others they give up on anything
// unusual — null, legacy AttributesToGet, a table named twice, a struct
// member repeated — and leave it to encoding/json.

// array calls elem for each element of the JSON array at the cursor.
func (s *fastScanner) array(elem func() bool) bool {
	if s.i >= len(s.b) || s.b[s.i] != '[' {
		return false
	}
	s.i++
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == ']' {
		s.i++
		return true
	}
	for {
		if !elem() {
			return false
		}
		s.ws()
		if s.i >= len(s.b) {
			return false
		}
		if s.b[s.i] == ']' {
			s.i++
			return true
		}
		if s.b[s.i] != ',' {
			return false
		}
		s.i++
		s.ws()
	}
}

// tables reads a RequestItems map, calling entry for each table name
// positioned at its value. A name given twice gives up: encoding/json would
// keep the last, which the fast path does not bother to reproduce.
func (s *fastScanner) tables(entry func(name string) bool) bool {
	seen := map[string]bool{}
	return s.members(func(key []byte) bool {
		name := string(key)
		if seen[name] {
			return false
		}
		seen[name] = true
		return entry(name)
	})
}

// writeRequest reads one {"PutRequest":{"Item":…}} or
// {"DeleteRequest":{"Key":…}}.
func (s *fastScanner) writeRequest(dst *kvs.WriteRequest) bool {
	return s.fields(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "PutRequest":
			p := &kvs.PutRequest{}
			dst.PutRequest = p
			return 1 << 0, s.fields(func(key []byte) (uint64, bool) {
				if string(key) == "Item" {
					return 1, s.item(&p.Item)
				}
				return 0, false
			})
		case "DeleteRequest":
			d := &kvs.DeleteRequest{}
			dst.DeleteRequest = d
			return 1 << 1, s.fields(func(key []byte) (uint64, bool) {
				if string(key) == "Key" {
					return 1, s.item(&d.Key)
				}
				return 0, false
			})
		}
		return 0, false
	})
}

func fastBatchWriteItem(body []byte, in *kvs.BatchWriteItemInput) bool {
	s := fastScanner{b: body}
	return s.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "RequestItems":
			m := map[string][]kvs.WriteRequest{}
			in.RequestItems = m
			return 1 << 0, s.tables(func(name string) bool {
				reqs := []kvs.WriteRequest{}
				ok := s.array(func() bool {
					reqs = append(reqs, kvs.WriteRequest{})
					return s.writeRequest(&reqs[len(reqs)-1])
				})
				m[name] = reqs
				return ok
			})
		case "ReturnConsumedCapacity":
			return 1 << 1, s.str(&in.ReturnConsumedCapacity)
		case "ReturnItemCollectionMetrics":
			return 1 << 2, s.str(&in.ReturnItemCollectionMetrics)
		}
		return 0, false
	})
}

// keysAndAttributes reads one BatchGetItem table entry; AttributesToGet
// (legacy) takes the slow path.
func (s *fastScanner) keysAndAttributes(ka *keysAndAttributes) bool {
	return s.fields(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "Keys":
			keys := []attr.Item{}
			ok := s.array(func() bool {
				var k attr.Item
				if !s.item(&k) {
					return false
				}
				keys = append(keys, k)
				return true
			})
			ka.Keys = keys
			return 1 << 0, ok
		case "ProjectionExpression":
			return 1 << 1, s.str(&ka.ProjectionExpression)
		case "ExpressionAttributeNames":
			return 1 << 2, s.names(&ka.ExpressionAttributeNames)
		case "ConsistentRead":
			return 1 << 3, s.boolPtr(&ka.ConsistentRead)
		}
		return 0, false
	})
}

func fastBatchGetItem(body []byte, in *batchGetItemRequest) bool {
	s := fastScanner{b: body}
	return s.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "RequestItems":
			m := map[string]*keysAndAttributes{}
			in.RequestItems = m
			return 1 << 0, s.tables(func(name string) bool {
				ka := &keysAndAttributes{}
				m[name] = ka
				return s.keysAndAttributes(ka)
			})
		case "ReturnConsumedCapacity":
			return 1 << 1, s.str(&in.ReturnConsumedCapacity)
		}
		return 0, false
	})
}
