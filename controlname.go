package kvs

import (
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
// kvs cannot tell a missing TableName from an empty one, so "" is reported
// as missing (DynamoDB: the length sentence).
func validateControlTableName(name string) error {
	if name == "" {
		return schema.ErrTableNameRequired()
	}
	if n := len(utf16.Encode([]rune(name))); n < 3 || n > 255 {
		return apierr.New(apierr.Validation, "TableName must be at least 3 characters long and at most 255 characters long")
	}
	return validateTableName("tableName", name)
}
