package schema

import (
	"encoding/json"
	"math/big"
	"strconv"
	"strings"

	"github.com/kvs-project/kvs/internal/coral"
)

// UnmarshalJSON decodes a ProvisionedThroughput and remembers which of its
// members the request left out or sent as null: DynamoDB reports those as
// Coral's "Member must not be null" violations, not as values below the
// minimum (architect/dynalite's updateTable tests, recorded against
// DynamoDB: {} answers "Value null at 'provisionedThroughput.writeCapacityUnits'
// failed to satisfy constraint: Member must not be null" and the same for
// readCapacityUnits).
//
// A number with a fraction or an exponent is truncated to an integer, as
// DynamoDB's Coral deserialiser does for every integer member (DynamoDB
// Local: ReadCapacityUnits 1.5 creates a table with 1; the server does the
// same for top-level members, server/truncate.go, but cannot see into this
// method's bytes).
func (p *ProvisionedThroughput) UnmarshalJSON(b []byte) error {
	var raw struct {
		ReadCapacityUnits  json.RawMessage `json:"ReadCapacityUnits"`
		WriteCapacityUnits json.RawMessage `json:"WriteCapacityUnits"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*p = ProvisionedThroughput{readNull: isNull(raw.ReadCapacityUnits), writeNull: isNull(raw.WriteCapacityUnits)}
	var err error
	if !p.readNull {
		if p.ReadCapacityUnits, err = capacityUnits(raw.ReadCapacityUnits); err != nil {
			return err
		}
	}
	if !p.writeNull {
		if p.WriteCapacityUnits, err = capacityUnits(raw.WriteCapacityUnits); err != nil {
			return err
		}
	}
	return nil
}

func isNull(m json.RawMessage) bool { return len(m) == 0 || string(m) == "null" }

// capacityUnits decodes a capacity member: an integer, or a number with a
// fraction or a small exponent truncated toward zero. Anything else is
// encoding/json's error for an int64, as before.
func capacityUnits(m json.RawMessage) (int64, error) {
	var n int64
	err := json.Unmarshal(m, &n)
	if err == nil {
		return n, nil
	}
	lit := string(m)
	if len(lit) > 64 || !strings.ContainsAny(lit, ".eE") || (lit[0] != '-' && (lit[0] < '0' || lit[0] > '9')) {
		return 0, err
	}
	if i := strings.IndexAny(lit, "eE"); i >= 0 {
		// A huge exponent would make big.Rat build a huge number.
		if exp, perr := strconv.Atoi(lit[i+1:]); perr != nil || exp > 30 || exp < -30 {
			return 0, err
		}
	}
	r, ok := new(big.Rat).SetString(lit)
	if !ok {
		return 0, err
	}
	q := new(big.Int).Quo(r.Num(), r.Denom()) // truncates toward zero
	if !q.IsInt64() {
		return 0, err
	}
	return q.Int64(), nil
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
