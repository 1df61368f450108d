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
// a Key keep their bare text; nil when no ExpressionAttributeValues entry
// (top-level, or of a TransactWriteItems action) explains e.
func valueKeyContext(body []byte, e *apierr.Error) *apierr.Error {
	if e.Code != apierr.Validation {
		return nil
	}
	var top struct {
		ExpressionAttributeValues map[string]json.RawMessage
		// TransactWriteItems carries the maps one level down, one per action.
		TransactItems []map[string]struct {
			ExpressionAttributeValues map[string]json.RawMessage
		}
	}
	if json.Unmarshal(body, &top) != nil {
		return nil
	}
	maps := []map[string]json.RawMessage{top.ExpressionAttributeValues}
	for _, it := range top.TransactItems {
		for _, kind := range []string{"ConditionCheck", "Put", "Delete", "Update"} {
			if a, ok := it[kind]; ok {
				maps = append(maps, a.ExpressionAttributeValues)
			}
		}
	}
	for _, m := range maps {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			_, err := attr.ParseValueJSON(m[k])
			var ve *apierr.Error
			if errors.As(err, &ve) && ve.Code == apierr.Validation && ve.Message == e.Message {
				return apierr.New(apierr.Validation, "ExpressionAttributeValues contains invalid value: "+ve.Message+" for key "+k)
			}
		}
	}
	return nil
}
