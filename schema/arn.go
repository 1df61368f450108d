package schema

// TableARN is the ARN DynamoDB gives a table:
// arn:aws:dynamodb:<region>:<account>:table/<name>.
func TableARN(region, account, table string) string {
	return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table
}

// IndexARN is the ARN of a secondary index: the table ARN followed by
// /index/<name>.
func IndexARN(region, account, table, index string) string {
	return TableARN(region, account, table) + "/index/" + index
}

// StreamARN is the ARN of a table's change stream with the given label (the
// stream's creation time, e.g. 2026-10-08T23:07:31.275).
func StreamARN(region, account, table, label string) string {
	return TableARN(region, account, table) + "/stream/" + label
}
