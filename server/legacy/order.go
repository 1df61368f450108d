package legacy

import (
	"bytes"
	"encoding/json"
	"sort"
)

// DynamoDB checks the entries of Expected, KeyConditions, QueryFilter,
// ScanFilter and AttributeUpdates in the order the request lists them
// (DynamoDB Local, and architect/dynalite, which walks the decoded JSON
// objects): with two faulty entries, the first written is reported. The
// map types below remember that order when they are decoded from JSON; a
// map built in Go (position 0 everywhere) is taken in name order.

// ExpectedMap is the Expected parameter.
type ExpectedMap map[string]ExpectedAttributeValue

// Conditions is a KeyConditions, QueryFilter or ScanFilter parameter.
type Conditions map[string]Condition

// AttributeUpdatesMap is the AttributeUpdates parameter.
type AttributeUpdatesMap map[string]AttributeValueUpdate

func (e ExpectedAttributeValue) position() int { return e.pos }
func (c Condition) position() int              { return c.pos }
func (u AttributeValueUpdate) position() int   { return u.pos }

// UnmarshalJSON decodes the map and numbers its entries in request order.
func (m *ExpectedMap) UnmarshalJSON(b []byte) error {
	return decodeOrdered(b, (*map[string]ExpectedAttributeValue)(m), func(v *ExpectedAttributeValue, pos int) { v.pos = pos })
}

// UnmarshalJSON decodes the map and numbers its entries in request order.
func (m *Conditions) UnmarshalJSON(b []byte) error {
	return decodeOrdered(b, (*map[string]Condition)(m), func(v *Condition, pos int) { v.pos = pos })
}

// UnmarshalJSON decodes the map and numbers its entries in request order.
func (m *AttributeUpdatesMap) UnmarshalJSON(b []byte) error {
	return decodeOrdered(b, (*map[string]AttributeValueUpdate)(m), func(v *AttributeValueUpdate, pos int) { v.pos = pos })
}

// decodeOrdered decodes the JSON object b into *m and gives each entry its
// position (from 1) among the object's members.
func decodeOrdered[V any](b []byte, m *map[string]V, setPos func(*V, int)) error {
	var plain map[string]V
	if err := json.Unmarshal(b, &plain); err != nil {
		return err
	}
	for i, k := range ObjectKeys(b) {
		if v, ok := plain[k]; ok {
			setPos(&v, i+1)
			plain[k] = v
		}
	}
	*m = plain
	return nil
}

// ObjectKeys returns the member names of the JSON object b in order (nil
// if b is not an object). A name written twice is listed twice.
func ObjectKeys(b []byte) []string {
	d := json.NewDecoder(bytes.NewReader(b))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var keys []string
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return keys
		}
		k, _ := t.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if d.Decode(&skip) != nil {
			return keys
		}
	}
	return keys
}

// orderedKeys returns m's keys in request order (entries decoded later
// win a repeated name), then those without a position in name order.
func orderedKeys[V interface{ position() int }](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		pi, pj := m[keys[i]].position(), m[keys[j]].position()
		if pi != pj {
			if pi == 0 || pj == 0 {
				return pj == 0
			}
			return pi < pj
		}
		return keys[i] < keys[j]
	})
	return keys
}
