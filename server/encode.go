package server

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
)

// Hand-written encoders for the hot operations' responses: items are
// appended with attr's wire encoder, without reflection. Cold members
// (capacity, collection metrics) go through encoding/json.

// marshalJSON is json.Marshal without its HTML escaping: DynamoDB writes
// '<', '>' and '&' as they are (see attr.AppendJSONString), also inside the
// items an output carries.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), nil
}

// appendJSON appends the encoding/json form of v; a nil pointer is "{}".
func appendJSON(dst []byte, v any) ([]byte, error) {
	b, err := marshalJSON(v)
	if err != nil {
		return nil, err
	}
	if string(b) == "null" {
		return append(dst, "{}"...), nil
	}
	return append(dst, b...), nil
}

// members appends `"name":value` pairs to a JSON object under construction.
type members struct {
	dst   []byte
	first bool
	err   error
}

func object(dst []byte) *members { return &members{dst: append(dst, '{'), first: true} }

func (m *members) key(name string) {
	if !m.first {
		m.dst = append(m.dst, ',')
	}
	m.first = false
	m.dst = append(m.dst, '"')
	m.dst = append(m.dst, name...)
	m.dst = append(m.dst, '"', ':')
}

func (m *members) item(name string, it attr.Item) {
	if it == nil {
		return
	}
	m.key(name)
	m.dst = attr.AppendItemJSON(m.dst, it)
}

func (m *members) int(name string, n int64) {
	m.key(name)
	m.dst = strconv.AppendInt(m.dst, n, 10)
}

// any appends v with encoding/json unless it is nil.
func (m *members) any(name string, v any, isNil bool) {
	if isNil || m.err != nil {
		return
	}
	b, err := marshalJSON(v)
	if err != nil {
		m.err = err
		return
	}
	m.key(name)
	m.dst = append(m.dst, b...)
}

func (m *members) end() ([]byte, error) {
	if m.err != nil {
		return nil, m.err
	}
	return append(m.dst, '}'), nil
}

func appendGetItemOutput(dst []byte, out *kvs.GetItemOutput) ([]byte, error) {
	m := object(dst)
	if out != nil {
		m.item("Item", out.Item)
		m.any("ConsumedCapacity", out.ConsumedCapacity, out.ConsumedCapacity == nil)
	}
	return m.end()
}

// appendWriteOutput encodes PutItem, UpdateItem and DeleteItem answers,
// which share their shape.
func appendWriteOutput(dst []byte, attrs attr.Item, cc *kvs.ConsumedCapacity, icm *kvs.ItemCollectionMetrics) ([]byte, error) {
	m := object(dst)
	m.item("Attributes", attrs)
	m.any("ConsumedCapacity", cc, cc == nil)
	m.any("ItemCollectionMetrics", icm, icm == nil)
	return m.end()
}

// appendQueryOutput encodes a Query or Scan page. Items is always present
// (an empty list when nothing matched), except for Select COUNT, where
// DynamoDB omits it.
func appendQueryOutput(dst []byte, out *kvs.QueryOutput, countOnly bool) ([]byte, error) {
	m := object(dst)
	if out == nil {
		out = &kvs.QueryOutput{}
	}
	if !countOnly {
		m.key("Items")
		m.dst = append(m.dst, '[')
		for i, it := range out.Items {
			if i > 0 {
				m.dst = append(m.dst, ',')
			}
			m.dst = attr.AppendItemJSON(m.dst, it)
		}
		m.dst = append(m.dst, ']')
	}
	m.int("Count", int64(out.Count))
	m.int("ScannedCount", int64(out.ScannedCount))
	m.item("LastEvaluatedKey", out.LastEvaluatedKey)
	m.any("ConsumedCapacity", out.ConsumedCapacity, out.ConsumedCapacity == nil)
	return m.end()
}
