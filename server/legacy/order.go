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

// UnmarshalJSON decodes the map, numbers its entries in request order and
// marks those written as null.
func (m *ExpectedMap) UnmarshalJSON(b []byte) error {
	return decodeOrdered(b, (*map[string]ExpectedAttributeValue)(m), func(v *ExpectedAttributeValue, pos int, null bool) { v.pos, v.null = pos, null })
}

// UnmarshalJSON decodes the map, numbers its entries in request order and
// marks those written as null.
func (m *Conditions) UnmarshalJSON(b []byte) error {
	return decodeOrdered(b, (*map[string]Condition)(m), func(v *Condition, pos int, null bool) { v.pos, v.null = pos, null })
}

// UnmarshalJSON decodes the map and numbers its entries in request order.
func (m *AttributeUpdatesMap) UnmarshalJSON(b []byte) error {
	return decodeOrdered(b, (*map[string]AttributeValueUpdate)(m), func(v *AttributeValueUpdate, pos int, _ bool) { v.pos = pos })
}

// decodeOrdered decodes the JSON object b into *m and gives each entry its
// position (from 1) among the object's members, and whether it is null.
func decodeOrdered[V any](b []byte, m *map[string]V, set func(v *V, pos int, null bool)) error {
	var plain map[string]V
	if err := json.Unmarshal(b, &plain); err != nil {
		return err
	}
	for i, mb := range objectMembers(b) {
		if v, ok := plain[mb.key]; ok {
			set(&v, i+1, mb.null)
			plain[mb.key] = v
		}
	}
	*m = plain
	return nil
}

// ObjectKeys returns the member names of the JSON object b in order (nil
// if b is not an object). A name written twice is listed twice.
func ObjectKeys(b []byte) []string {
	var keys []string
	for _, mb := range objectMembers(b) {
		keys = append(keys, mb.key)
	}
	return keys
}

// member is one member of a JSON object.
type member struct {
	key  string
	null bool
}

// objectMembers returns the members of the JSON object b in order.
func objectMembers(b []byte) []member {
	d := json.NewDecoder(bytes.NewReader(b))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var out []member
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return out
		}
		k, _ := t.(string)
		var raw json.RawMessage
		if d.Decode(&raw) != nil {
			return out
		}
		out = append(out, member{key: k, null: string(raw) == "null"})
	}
	return out
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
