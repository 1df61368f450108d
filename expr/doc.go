// Package expr implements DynamoDB's expression language: condition and
// filter expressions, key conditions, update expressions and projection
// expressions.
//
// Expressions go through three steps, as in DynamoDB:
//
//  1. Parse (ParseCondition, ParseUpdate, ParseProjection, or a Cache):
//     text to an immutable AST that still holds #name and :value
//     placeholders. Syntax errors, reserved words, unknown functions and
//     similar problems are reported here. Parsed trees depend only on the
//     text, so they can be cached and shared between goroutines.
//  2. Resolve (Resolver): substitute one request's ExpressionAttributeNames
//     and ExpressionAttributeValues, giving a new tree, and check what
//     depends on them (undefined or unused placeholders, operand types,
//     overlapping update paths). One Resolver spans all expressions of a
//     request, so that Unused reports names no expression used.
//  3. Use the resolved tree: Eval a condition or filter against an item,
//     NewKeyCondition for a Query, Update.Apply to compute the new item, and
//     Projection.Apply or Extract to select parts of an item.
//
// A request with several expressions reports the first problem in
// DynamoDB's order: Params.Validate, then each expression (parse, then
// resolve) in the order UpdateExpression, ConditionExpression,
// KeyConditionExpression, FilterExpression, ProjectionExpression, then
// Resolver.Unused (names before values), then for a Query NewKeyCondition.
// Within one expression, syntax errors (characters outside the language
// first, then the 4 KB limit, then grammar) come before the other parse
// errors, which come before those found by resolution.
//
// The expected behaviour is pinned by testdata/*.txt, DynamoDB Local's
// answers recorded by tools/recordexpr and replayed by TestDataDriven.
//
// Every error a user can see is an *apierr.Error ValidationException whose
// message is DynamoDB's, word for word. Numbers stay exact decimals.
package expr
