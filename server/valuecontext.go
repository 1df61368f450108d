package server

import (
	"encoding/json"
	"errors"
	"sort"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// valueKeyContext names the ExpressionAttributeValues entry an attribute
// value error came from, as DynamoDB does: "ExpressionAttributeValues
// contains invalid value: Supplied AttributeValue is empty, must contain
// exactly one of the supported datatypes for key :v" (DynamoDB Local answers
// the same text, and logs of DynamoDB clients quote it). The attribute
// decoder reports the bare reason while the request is decoded; this finds
// the placeholder whose value fails with that reason. Errors in an Item or
// a Key keep their bare text; nil when no top-level ExpressionAttributeValues
// entry explains e.
func valueKeyContext(body []byte, e *apierr.Error) *apierr.Error {
	if e.Code != apierr.Validation {
		return nil
	}
	var top struct {
		ExpressionAttributeValues map[string]json.RawMessage
	}
	if json.Unmarshal(body, &top) != nil {
		return nil
	}
	keys := make([]string, 0, len(top.ExpressionAttributeValues))
	for k := range top.ExpressionAttributeValues {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		_, err := attr.ParseValueJSON(top.ExpressionAttributeValues[k])
		var ve *apierr.Error
		if errors.As(err, &ve) && ve.Code == apierr.Validation && ve.Message == e.Message {
			return apierr.New(apierr.Validation, "ExpressionAttributeValues contains invalid value: "+ve.Message+" for key "+k)
		}
	}
	return nil
}
