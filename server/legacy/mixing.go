package legacy

import "strings"

// CheckMixed returns DynamoDB's error for a request that uses both legacy
// (non-expression) and expression parameters. nonExpression and expression
// list the parameters present, in the order DynamoDB lists them for the
// operation (e.g. {AttributesToGet, QueryFilter, ConditionalOperator,
// KeyConditions} and {ProjectionExpression, FilterExpression,
// KeyConditionExpression} for Query).
func CheckMixed(nonExpression, expression []string) error {
	if len(nonExpression) == 0 || len(expression) == 0 {
		return nil
	}
	return validationf("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {%s} Expression parameters: {%s}",
		strings.Join(nonExpression, ", "), strings.Join(expression, ", "))
}

// CheckNoExpressionMaps returns DynamoDB's error for a request that uses no
// expression but gives ExpressionAttributeNames or ExpressionAttributeValues.
// valueExpressions names the operation's expression parameters that take
// values, in DynamoDB's order (e.g. {UpdateExpression, ConditionExpression}).
func CheckNoExpressionMaps(hasNames, hasValues bool, valueExpressions []string) error {
	if hasNames {
		return validationf("ExpressionAttributeNames can only be specified when using expressions")
	}
	if hasValues {
		verb := "is"
		if len(valueExpressions) > 1 {
			verb = "are"
		}
		return validationf("ExpressionAttributeValues can only be specified when using expressions: %s %s null",
			strings.Join(valueExpressions, " and "), verb)
	}
	return nil
}
