// Package legacy rewrites DynamoDB's legacy (pre-expression) request
// parameters into expressions: Expected and ConditionalOperator into a
// ConditionExpression, AttributeUpdates into an UpdateExpression,
// AttributesToGet into a ProjectionExpression, KeyConditions into a
// KeyConditionExpression, and QueryFilter/ScanFilter into a FilterExpression.
//
// The rewrite is the only place legacy parameters exist: the kvs API below
// knows expressions only. Attribute names and values are never spliced into
// the expression text; they go through generated placeholders (#legacy0,
// :legacy0, ...) added to the request's ExpressionAttributeNames and
// ExpressionAttributeValues, skipping any name the request already uses.
// DynamoDB rejects requests that mix the two styles (CheckMixed), so user
// placeholders and generated ones normally never meet.
//
// Validation messages are DynamoDB's, checked against DynamoDB Local. The
// checks that need the table's key schema (a key condition on a non-key
// attribute, a filter on a key attribute, an update of a key attribute) are
// left to the kvs layer, which reports them for the rewritten expression.
//
// Entries are checked in the order the request lists them (order.go: the
// map types ExpectedMap, Conditions and AttributeUpdatesMap remember it when
// decoded from JSON; maps built in Go go by name). ExpectedShape, CheckAction
// and CheckUpdate expose the checks that need no decoded values, for the
// server to apply to a raw request whose values fail to decode, since
// DynamoDB reports those faults first.
//
// Every function is pure: it reads its arguments and writes only the
// Placeholders it is given.
package legacy
