package server

import (
	"bytes"
	"encoding/json"

	"github.com/kvs-project/kvs/apierr"
)

// rejectEmptyExpressions wraps op so that an expression member that is
// present but empty ("ConditionExpression": "") answers DynamoDB's
// "Invalid ConditionExpression: The expression can not be empty;"
// (architect/dynalite's tests, recorded against DynamoDB: deleteItem.js,
// getItem.js, batchGetItem.js "for empty ... Expression"). kvs's request
// types cannot tell an empty expression from a missing one, so the check
// reads the body. members are in the order DynamoDB checks them.
//
// The check runs before the operation's own validation: a request that is
// also invalid in another way may get this error where DynamoDB reports the
// other one first.
func rejectEmptyExpressions(op operation, members ...string) operation {
	keys := make([][]byte, len(members))
	for i, m := range members {
		keys[i] = []byte(`"` + m + `"`)
	}
	return func(c *call, dst []byte) ([]byte, error) {
		// An empty string is two adjacent quotes wherever it is; most
		// bodies have none, and one search for them is cheaper than one
		// per member through a 1 KB item.
		if bytes.Index(c.body, emptyString) < 0 {
			return op(c, dst)
		}
		for _, k := range keys {
			if hasEmptyMember(c.body, k) {
				if err := emptyExpressionErr(c.body, members); err != nil {
					return nil, err
				}
				break
			}
		}
		return op(c, dst)
	}
}

// emptyString is the JSON empty string.
var emptyString = []byte(`""`)

// hasEmptyMember is a cheap filter: whether body contains key followed by
// a colon and an empty string, at any depth.
func hasEmptyMember(body, key []byte) bool {
	for {
		i := bytes.Index(body, key)
		if i < 0 {
			return false
		}
		rest := bytes.TrimLeft(body[i+len(key):], " \t\r\n")
		if len(rest) > 0 && rest[0] == ':' {
			if bytes.HasPrefix(bytes.TrimLeft(rest[1:], " \t\r\n"), []byte(`""`)) {
				return true
			}
		}
		body = body[i+len(key):]
	}
}

// emptyExpressionErr decodes the top level of body and returns the error for
// the first of members that is an empty string, or nil. Malformed bodies
// are left to the operation's decoder.
func emptyExpressionErr(body []byte, members []string) error {
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil {
		return nil
	}
	for _, m := range members {
		if raw, ok := top[m]; ok && string(raw) == `""` {
			return apierr.Validationf("Invalid %s: The expression can not be empty;", m)
		}
	}
	return nil
}
