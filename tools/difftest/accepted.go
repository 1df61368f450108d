package main

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"

	"github.com/kvs-project/kvs/attr"
)

// rule is a known, accepted difference: DynamoDB Local deviates from
// DynamoDB there and kvs follows DynamoDB (docs/difftest.md gives the
// evidence for each). fix rewrites the two decoded answers so that the
// difference disappears; it is applied only after the answers differed.
type rule struct {
	name string
	fix  func(req Request, local, kv map[string]any)
}

var rules = []rule{
	// DynamoDB trims leading and trailing zeros and expands exponents
	// ("Leading and trailing zeroes are trimmed", Developer Guide, Data
	// types); DynamoDB Local keeps numbers nested in L and M, and set
	// members built by ADD, as they were written.
	{"number spelling", func(_ Request, l, k map[string]any) { canonNumbers(l); canonNumbers(k) }},
	// ConsumedCapacity is returned only when ReturnConsumedCapacity asks
	// for it (API reference); DynamoDB Local sends it for DeleteItem always.
	{"unrequested ConsumedCapacity", func(req Request, l, _ map[string]any) {
		if req.Body["ReturnConsumedCapacity"] == nil {
			delete(l, "ConsumedCapacity")
		}
	}},
	// Limit is the number of items evaluated: "If DynamoDB processes the
	// number of items up to the limit while processing the results, it
	// stops the operation and returns the matching values up to that
	// point, and a key in LastEvaluatedKey" (API reference, Query/Scan
	// Limit). DynamoDB Local leaves the key out when no item is left in
	// the key range after the last one evaluated.
	{"LastEvaluatedKey at Limit", func(req Request, l, k map[string]any) {
		limit, ok := req.Body["Limit"].(int)
		if !ok || l["LastEvaluatedKey"] != nil || k["LastEvaluatedKey"] == nil {
			return
		}
		scanned, _ := k["ScannedCount"].(json.Number)
		if n, _ := scanned.Int64(); int(n) == limit {
			delete(k, "LastEvaluatedKey")
		}
	}},
	// "Value provided in ExpressionAttributeNames unused in expressions:
	// keys: {#a, #b}" lists the keys in hash order; DynamoDB documents no
	// order, kvs sorts them.
	{"unused keys order", func(_ Request, l, k map[string]any) {
		lm, _ := l["message"].(string)
		km, _ := k["message"].(string)
		if lm != km && sortKeyList(lm) == sortKeyList(km) {
			k["message"] = lm
		}
	}},
	// "Transaction request cannot include multiple operations on one item"
	// is a ValidationException of the request (API reference,
	// TransactWriteItems); DynamoDB Local evaluates conditions and updates
	// on the items first and may cancel, or report an update's error on the
	// item, instead. The duplicate is visible in the request alone.
	{"duplicate transaction item", func(req Request, l, k map[string]any) {
		km, _ := k["message"].(string)
		lm, _ := l["message"].(string)
		itemErr := lm == "The provided expression refers to an attribute that does not exist in the item" ||
			lm == "An operand in the update expression has an incorrect data type" ||
			lm == "The document path provided in the update expression is invalid for update"
		if req.Op == "TransactWriteItems" && km == "Transaction request cannot include multiple operations on one item" && (l["CancellationReasons"] != nil || itemErr) {
			for key := range l {
				delete(l, key)
			}
			for key, v := range k {
				l[key] = v
			}
		}
	}},
	// A Query's Select rules carry Coral's prefix in DynamoDB ("1
	// validation error detected: Cannot specify the ProjectionExpression
	// when choosing to get only the Count", getmoto/moto's aws_verified
	// test_projection_expression_rejected_for_non_specific_select; the
	// corpus's query_scan.txt doc-overrides): a Coral constraint, so DynamoDB
	// checks it before the table and the expressions. DynamoDB Local has no
	// prefix and checks it after them.
	{"Query select prefix", func(req Request, l, k map[string]any) {
		km, _ := k["message"].(string)
		rest, ok := strings.CutPrefix(km, "1 validation error detected: ")
		if req.Op != "Query" || !ok || !isSelectRule(rest) {
			return
		}
		if lm, _ := l["message"].(string); lm == rest || l["__type"] != nil {
			for key := range l {
				delete(l, key)
			}
			for key, v := range k {
				l[key] = v
			}
		}
	}},
	// A Scan's ExclusiveStartKey that does not match the schema: DynamoDB
	// adds the reason (dynalite test/scan.js, recorded against DynamoDB; the
	// corpus's query_scan.txt doc-override).
	{"starting key reason", func(req Request, l, k map[string]any) {
		lm, _ := l["message"].(string)
		km, _ := k["message"].(string)
		if req.Op == "Scan" && lm == "The provided starting key is invalid" &&
			km == lm+": The provided key element does not match the schema" {
			k["message"] = lm
		}
	}},
	// Query and Scan report expression errors before the index checks:
	// dynalite validates the expressions (validations/query.js, scan.js)
	// before its operation looks up the table and the index, and its tests
	// of those errors, recorded against DynamoDB, use tables that do not
	// exist. DynamoDB Local looks up the index (and on a Scan refuses a
	// consistent read of a GSI) first.
	{"expressions before index checks", func(req Request, l, k map[string]any) {
		lm, _ := l["message"].(string)
		km, _ := k["message"].(string)
		if (req.Op == "Query" || req.Op == "Scan") && isExpressionError(km) &&
			(strings.HasPrefix(lm, "The table does not have the specified index: ") || lm == "Consistent reads are not supported on global secondary indexes") {
			l["message"] = km
		}
	}},
	// UPDATED_OLD and UPDATED_NEW of a nested path: DynamoDB returns the
	// item projected on the updated paths, DynamoDB Local the whole
	// top-level attribute (the corpus's update.txt doc-overrides, from
	// ScyllaDB Alternator's test_returnvalues.py, verified against
	// DynamoDB). Accepted when the two differ only in attributes the update
	// reaches into.
	{"UPDATED_* of nested paths", func(req Request, l, k map[string]any) {
		rv, _ := req.Body["ReturnValues"].(string)
		if req.Op != "UpdateItem" || (rv != "UPDATED_OLD" && rv != "UPDATED_NEW") {
			return
		}
		la, _ := l["Attributes"].(map[string]any)
		ka, _ := k["Attributes"].(map[string]any)
		if la == nil {
			return
		}
		nested := nestedTargets(req)
		for name, v := range la {
			kv, ok := ka[name]
			if !ok && !nested[name] {
				return
			}
			if ok && string(encode(kv)) == string(encode(v)) {
				continue
			}
			if !nested[name] {
				return
			}
			if ok {
				la[name] = kv
			} else {
				delete(la, name)
			}
		}
		if len(la) == 0 && len(ka) == 0 {
			delete(l, "Attributes")
		}
	}},
	// Item operations report expression errors before the key's: dynalite
	// validates the expressions (validations/putItem.js etc.) before its
	// operation looks up the table and checks the key against its schema,
	// and its tests were recorded against DynamoDB. DynamoDB Local checks
	// the key first.
	{"expressions before key checks", func(req Request, l, k map[string]any) {
		lm, _ := l["message"].(string)
		km, _ := k["message"].(string)
		switch req.Op {
		case "PutItem", "UpdateItem", "DeleteItem", "GetItem":
		default:
			return
		}
		if isExpressionError(km) && (lm == "One of the required keys was not given a value" ||
			lm == "One or more parameter values were invalid: Type mismatch for key" ||
			strings.HasPrefix(lm, "One or more parameter values were invalid: Missing the key ")) {
			l["message"] = km
		}
	}},
	// A Scan's Segment and TotalSegments: DynamoDB's texts are dynalite's
	// (validations/scan.js, whose tests were recorded against DynamoDB);
	// DynamoDB Local words them as a Coral constraint or its own sentence.
	{"segment texts", func(req Request, l, k map[string]any) {
		lm, _ := l["message"].(string)
		km, _ := k["message"].(string)
		if req.Op != "Scan" {
			return
		}
		if (strings.HasPrefix(lm, "1 validation error detected: Value '") && strings.Contains(lm, "' at 'segment' failed to satisfy constraint: Member must have value less than or equal to ") &&
			strings.HasPrefix(km, "The Segment parameter is zero-based and must be less than parameter TotalSegments: ")) ||
			(lm == "If segment is specified, total segment must also be specified" &&
				km == "The TotalSegments parameter is required but was not present in the request when Segment parameter is present") ||
			(lm == "If total segments is specified, a particular segment must also be specified for this request" &&
				km == "The Segment parameter is required but was not present in the request when parameter TotalSegments is present") {
			k["message"] = lm
		}
	}},
	// The wire corpus's doc-override cases (items.txt "Item validation"):
	// DynamoDB names the missing key and the mismatched types.
	{"key message", func(_ Request, l, k map[string]any) {
		lm, _ := l["message"].(string)
		km, _ := k["message"].(string)
		const missing = "One or more parameter values were invalid: Missing the key "
		const mismatch = "One or more parameter values were invalid: Type mismatch for key"
		// expr/testdata/item.txt's doc-overrides: DynamoDB's text for a
		// number of more than 38 digits (dynalite's tests).
		if r := strings.ReplaceAll(lm, "DynamoDB only supports precision up to 38 digits",
			"Attempting to store more than 38 significant digits in a Number"); r != lm && r == km {
			k["message"] = lm
		}
		if (lm == "One of the required keys was not given a value" && strings.HasPrefix(km, missing)) ||
			(lm == mismatch && strings.HasPrefix(km, mismatch+" ")) {
			k["message"] = lm
		}
	}},
}

// startKeyAtRangeEnd: a Query whose ExclusiveStartKey is the key
// condition's inclusive bound in the direction of travel (sk <= 2 forward,
// sk >= 2 backward, from sk = 2). DynamoDB returns a LastEvaluatedKey
// whenever Limit items were evaluated (API reference, Query Limit; the "LastEvaluatedKey
// at Limit" rule), so such a key is what its paginators send next, and the
// next page is empty; DynamoDB Local, which leaves that key out, refuses it:
// "The provided starting key does not match the range key predicate". kvs
// still refuses a key outside the condition.
func startKeyAtRangeEnd(req Request, ls int, l map[string]any, ks int, k map[string]any) bool {
	if req.Op != "Query" || req.Body["ExclusiveStartKey"] == nil || ls != 400 || ks != 200 {
		return false
	}
	lm, _ := l["message"].(string)
	sc, _ := k["ScannedCount"].(json.Number)
	return lm == "The provided starting key does not match the range key predicate" && sc == "0"
}

// isExpressionError reports whether msg is an error of the request's
// expressions or their name and value maps.
func isExpressionError(msg string) bool {
	for _, p := range []string{"Invalid FilterExpression: ", "Invalid ProjectionExpression: ", "Invalid KeyConditionExpression: ",
		"Invalid ConditionExpression: ", "Invalid UpdateExpression: ",
		"Value provided in ExpressionAttributeNames unused", "Value provided in ExpressionAttributeValues unused",
		"ExpressionAttributeNames contains invalid", "ExpressionAttributeValues contains invalid", "ExpressionAttributeNames can only",
		"ExpressionAttributeValues can only"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// nestedTargets returns the top-level attributes an UpdateItem's
// expression reaches into with '.' or '[' (names resolved).
func nestedTargets(req Request) map[string]bool {
	ue, _ := req.Body["UpdateExpression"].(string)
	names, _ := req.Body["ExpressionAttributeNames"].(map[string]any)
	out := map[string]bool{}
	for _, f := range strings.FieldsFunc(ue, func(r rune) bool { return r == ' ' || r == ',' || r == '=' || r == '(' || r == ')' }) {
		i := strings.IndexAny(f, ".[")
		if i <= 0 {
			continue
		}
		top := f[:i]
		if n, ok := names[top].(string); ok {
			top = n
		}
		out[top] = true
	}
	return out
}

// isSelectRule reports whether msg is one of the Select rules' texts.
func isSelectRule(msg string) bool {
	return strings.HasPrefix(msg, "Cannot specify the ProjectionExpression when choosing to get ") ||
		strings.HasPrefix(msg, "Cannot specify the AttributesToGet when choosing to get ") ||
		msg == "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName" ||
		msg == "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"
}

// acceptedAs applies the rules one after another and returns the names of
// those needed to make the answers equal, or "" if they stay different.
func acceptedAs(req Request, local, kv Answer) string {
	if s := acceptedTableStatus(req, local, kv); s != "" {
		return s
	}
	l, lok := decodeObject(local.Body)
	k, kok := decodeObject(kv.Body)
	if lok && kok && startKeyAtRangeEnd(req, local.Status, l, kv.Status, k) {
		return "start key at the range's end"
	}
	if !lok || !kok || local.Status != kv.Status {
		return ""
	}
	var used []string
	for _, r := range rules {
		before := render(req, Answer{local.Status, encode(l)}) + render(req, Answer{kv.Status, encode(k)})
		r.fix(req, l, k)
		lr, kr := render(req, Answer{local.Status, encode(l)}), render(req, Answer{kv.Status, encode(k)})
		if lr+kr != before {
			used = append(used, r.name)
		}
		if lr == kr {
			return strings.Join(used, ", ")
		}
	}
	return ""
}

// sortKeyList sorts the members of a trailing "{a, b}" list in msg.
func sortKeyList(msg string) string {
	i := strings.LastIndex(msg, "{")
	if i < 0 || !strings.HasSuffix(msg, "}") {
		return msg
	}
	keys := strings.Split(msg[i+1:len(msg)-1], ", ")
	sort.Strings(keys)
	return msg[:i+1] + strings.Join(keys, ", ") + "}"
}

func decodeObject(b []byte) (map[string]any, bool) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if d.Decode(&m) != nil || m == nil {
		return nil, false
	}
	// Error bodies: Local spells the member "Message".
	if msg, ok := m["Message"]; ok {
		if _, isErr := m["__type"]; isErr {
			delete(m, "Message")
			m["message"] = msg
		}
	}
	return m, true
}

func encode(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// canonNumbers rewrites every N and NS attribute value in v to DynamoDB's
// canonical spelling.
func canonNumbers(v any) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			canonNumbers(e)
		}
	case map[string]any:
		if len(x) == 1 {
			if s, ok := x["N"].(string); ok {
				if c, err := attr.CanonicalNumber(s); err == nil {
					x["N"] = c
				}
				return
			}
			if l, ok := x["NS"].([]any); ok {
				for i, e := range l {
					if s, ok := e.(string); ok {
						if c, err := attr.CanonicalNumber(s); err == nil {
							l[i] = c
						}
					}
				}
				sort.Slice(l, func(i, j int) bool { a, _ := l[i].(string); b, _ := l[j].(string); return a < b })
				return
			}
		}
		for _, e := range x {
			canonNumbers(e)
		}
	}
}
