package schema

import "github.com/kvs-project/kvs/apierr"

// ErrTableNameRequired is DynamoDB's answer to a control-plane request
// (CreateTable, DescribeTable, DeleteTable) without a TableName: a
// ValidationException from the request's deserialisation, before any model
// constraint, so no "N validation errors detected" list. The text is DynamoDB's
// as captured from the service (DescribeTable, 2018) and by a 2020s
// conformance suite run against it (CreateTable); dynalite recorded an older
// spelling ("The paramater 'tableName' is required ..."). DynamoDB Local
// answers the model constraint instead ("Value null at 'tableName' ...").
// kvs cannot tell a missing TableName from an empty one, so "" answers this
// too.
func ErrTableNameRequired() error {
	return apierr.New(apierr.Validation, "The parameter 'TableName' is required but was not present in the request")
}
