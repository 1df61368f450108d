package kvs

import (
	"encoding/json"
	"unicode/utf16"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/schema"
)

// validateControlTableName checks the TableName of DescribeTable and
// DeleteTable the way DynamoDB does. These operations do not report a
// missing or badly sized name as a Coral model constraint, unlike the data
// plane (GetItem's "Value null at 'tableName' ..."): a missing name is "The
// parameter 'TableName' is required ...", a name shorter than 3 or longer
// than 255 characters has its own sentence, and only a bad character is a
// Coral pattern violation. Texts as recorded from DynamoDB by
// architect/dynalite (test/describeTable.js, test/deleteTable.js) and
// captured from DescribeTable in 2018. DynamoDB Local answers "Invalid
// table/index name. ..." and "Value null at 'tableName' ..." instead.
//
// missing says that a decoded wire request left TableName out (or sent
// null); an empty name is a length error. (Only the wire can leave a member
// out; the flag records absence so that a complete request decodes to the
// same value a Go caller builds.)
func validateControlTableName(name string, missing bool) error {
	if missing {
		return schema.ErrTableNameRequired()
	}
	if n := len(utf16.Encode([]rune(name))); n < 3 || n > 255 {
		return apierr.New(apierr.Validation, "TableName must be at least 3 characters long and at most 255 characters long")
	}
	return validateTableName("tableName", name)
}

// UnmarshalJSON decodes a DescribeTable request, remembering whether it
// carried a TableName (an empty one is a length error, a missing one is not).
func (in *DescribeTableInput) UnmarshalJSON(b []byte) error {
	name, missing, err := decodeTableName(b)
	*in = DescribeTableInput{TableName: name, tableNameMissing: missing}
	return err
}

// UnmarshalJSON decodes a DeleteTable request like DescribeTableInput's.
func (in *DeleteTableInput) UnmarshalJSON(b []byte) error {
	name, missing, err := decodeTableName(b)
	*in = DeleteTableInput{TableName: name, tableNameMissing: missing}
	return err
}

func decodeTableName(b []byte) (name string, missing bool, err error) {
	var raw struct {
		TableName *string `json:"TableName"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return "", false, err
	}
	if raw.TableName == nil {
		return "", true, nil
	}
	return *raw.TableName, false, nil
}

// UnmarshalJSON decodes a ListTables request, remembering whether it
// carried ExclusiveStartTableName: an empty one is a Coral violation
// (architect/dynalite test/listTables.js), a missing one is not. DynamoDB
// Local answers its "Invalid table/index name" text.
func (in *ListTablesInput) UnmarshalJSON(b []byte) error {
	var raw struct {
		ExclusiveStartTableName *string `json:"ExclusiveStartTableName"`
		Limit                   *int32  `json:"Limit"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*in = ListTablesInput{Limit: raw.Limit}
	if raw.ExclusiveStartTableName != nil {
		in.ExclusiveStartTableName = *raw.ExclusiveStartTableName
		// Only an empty name is flagged, so that any other request decodes
		// to the value a Go caller builds.
		in.emptyStartSent = *raw.ExclusiveStartTableName == ""
	}
	return nil
}
