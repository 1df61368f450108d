package schema

import "encoding/json"

// emptyNames holds the paths ("keySchema.1.member.attributeName") of the
// AttributeName members a decoded CreateTable request sent as "". A Go string
// cannot tell "" from a member left out, and DynamoDB reports them
// differently: a missing name is Coral's "Member must not be null", an empty
// one "Member must have length greater than or equal to 1" (the model's
// length constraint, 1 to 255 in the API reference; the ack-api-quirks
// catalogue of live answers shows DynamoDB reporting ” members by their
// length, e.g. "Value ” at 'timeToLiveSpecification.attributeName'"). A nil
// emptyNames (a Go caller) treats every "" as missing.
type emptyNames map[string]bool

// UnmarshalJSON decodes a CreateTable request as the wire server receives it,
// remembering which AttributeName members were sent as "".
func (d *TableDefinition) UnmarshalJSON(b []byte) error {
	type plain TableDefinition // the same fields without this method
	d.sentEmpty = nil
	if err := json.Unmarshal(b, (*plain)(d)); err != nil {
		return err
	}
	if !d.hasEmptyName() {
		return nil
	}
	type name struct {
		AttributeName *string `json:"AttributeName"`
	}
	type index struct {
		KeySchema []name `json:"KeySchema"`
	}
	var probe struct {
		AttributeDefinitions   []name  `json:"AttributeDefinitions"`
		KeySchema              []name  `json:"KeySchema"`
		LocalSecondaryIndexes  []index `json:"LocalSecondaryIndexes"`
		GlobalSecondaryIndexes []index `json:"GlobalSecondaryIndexes"`
	}
	if json.Unmarshal(b, &probe) != nil {
		return nil
	}
	d.sentEmpty = emptyNames{}
	mark := func(list string, names []name) {
		for i, n := range names {
			if n.AttributeName != nil && *n.AttributeName == "" {
				d.sentEmpty[member(list, i)+".attributeName"] = true
			}
		}
	}
	mark("attributeDefinitions", probe.AttributeDefinitions)
	mark("keySchema", probe.KeySchema)
	for i, ix := range probe.LocalSecondaryIndexes {
		mark(member("localSecondaryIndexes", i)+".keySchema", ix.KeySchema)
	}
	for i, ix := range probe.GlobalSecondaryIndexes {
		mark(member("globalSecondaryIndexes", i)+".keySchema", ix.KeySchema)
	}
	return nil
}

// hasEmptyName reports whether any attribute name of d is "".
func (d *TableDefinition) hasEmptyName() bool {
	for _, ad := range d.AttributeDefinitions {
		if ad.AttributeName == "" {
			return true
		}
	}
	keys := [][]KeySchemaElement{d.KeySchema}
	for _, ix := range d.LocalSecondaryIndexes {
		keys = append(keys, ix.KeySchema)
	}
	for _, ix := range d.GlobalSecondaryIndexes {
		keys = append(keys, ix.KeySchema)
	}
	for _, ks := range keys {
		for _, k := range ks {
			if k.AttributeName == "" {
				return true
			}
		}
	}
	return false
}
