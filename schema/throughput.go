package schema

import (
	"encoding/json"

	"github.com/kvs-project/kvs/internal/coral"
)

// UnmarshalJSON decodes a ProvisionedThroughput and remembers which of its
// members the request left out or sent as null: DynamoDB reports those as
// Coral's "Member must not be null" violations, not as values below the
// minimum (architect/dynalite's updateTable tests, recorded against
// DynamoDB: {} answers "Value null at 'provisionedThroughput.writeCapacityUnits'
// failed to satisfy constraint: Member must not be null" and the same for
// readCapacityUnits).
func (p *ProvisionedThroughput) UnmarshalJSON(b []byte) error {
	var raw struct {
		ReadCapacityUnits  *int64 `json:"ReadCapacityUnits"`
		WriteCapacityUnits *int64 `json:"WriteCapacityUnits"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*p = ProvisionedThroughput{readNull: raw.ReadCapacityUnits == nil, writeNull: raw.WriteCapacityUnits == nil}
	if raw.ReadCapacityUnits != nil {
		p.ReadCapacityUnits = *raw.ReadCapacityUnits
	}
	if raw.WriteCapacityUnits != nil {
		p.WriteCapacityUnits = *raw.WriteCapacityUnits
	}
	return nil
}

// throughputConstraint adds Coral's violations for a ProvisionedThroughput
// at path, WriteCapacityUnits before ReadCapacityUnits as DynamoDB lists
// them: a member missing from the request is null, a present one must be at
// least MinCapacityUnits. (A Go caller cannot leave a member out, so
// only decoded requests report nulls.)
func throughputConstraint(v *coral.Violations, path string, pt *ProvisionedThroughput) {
	if pt == nil {
		return
	}
	if pt.writeNull {
		v.Null(path + ".writeCapacityUnits")
	} else {
		v.Min(path+".writeCapacityUnits", pt.WriteCapacityUnits, MinCapacityUnits)
	}
	if pt.readNull {
		v.Null(path + ".readCapacityUnits")
	} else {
		v.Min(path+".readCapacityUnits", pt.ReadCapacityUnits, MinCapacityUnits)
	}
}
