package kvs

import (
	"github.com/kvs-project/kvs/internal/coral"
)

// The enum sets of request members, in the order DynamoDB lists them in its
// "Member must satisfy enum value set" messages.
var (
	enumReturnValues        = []string{ReturnAllNew, ReturnUpdatedOld, ReturnAllOld, ReturnNone, ReturnUpdatedNew}
	enumReturnOnCondFailure = []string{ReturnAllOld, ReturnNone}
	enumConsumedCapacity    = []string{CapacityIndexes, CapacityTotal, CapacityNone}
	enumCollectionMetrics   = []string{"SIZE", "NONE"}
	enumSelect              = []string{SelectSpecificAttributes, SelectCount, SelectAllAttributes, SelectAllProjectedAttributes}
)

// common checks the members most requests share, adding violations to v.
type common struct {
	table                  string
	tablePath              string // "" when the request has no TableName member
	returnValues           string
	returnOnCondFailure    string
	returnConsumedCapacity string
	returnCollMetrics      string
}

func (c common) check(v *coral.Violations) {
	if c.tablePath != "" {
		checkTableName(v, c.tablePath, c.table)
	}
	if c.returnValues != "" {
		v.Enum("returnValues", c.returnValues, enumReturnValues...)
	}
	if c.returnConsumedCapacity != "" {
		v.Enum("returnConsumedCapacity", c.returnConsumedCapacity, enumConsumedCapacity...)
	}
	if c.returnCollMetrics != "" {
		v.Enum("returnItemCollectionMetrics", c.returnCollMetrics, enumCollectionMetrics...)
	}
	if c.returnOnCondFailure != "" {
		v.Enum("returnValuesOnConditionCheckFailure", c.returnOnCondFailure, enumReturnOnCondFailure...)
	}
}

func checkTableName(v *coral.Violations, path, name string) {
	if name == "" {
		v.Null(path)
		return
	}
	v.Name(path, name, 3, 255)
}

func validateTableName(path, name string) error {
	var v coral.Violations
	checkTableName(&v, path, name)
	return v.Err()
}
