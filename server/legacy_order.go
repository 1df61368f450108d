package server

import (
	"encoding/json"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/server/legacy"
)

// The server decodes attribute values (and checks their numbers, sets and
// sizes) while it reads a request, but DynamoDB looks at a request's legacy
// parameters first: a request that mixes legacy and expression parameters
// is refused as such whatever its values hold, and an Expected entry of the
// wrong shape is refused before the values inside it are read
// (architect/dynalite's validations check mixing before any value, and
// DynamoDB Local does both). decodeLegacy redoes those checks on the raw
// request when its values fail.

// decodeLegacy decodes body like decodeFast; when an attribute value is
// invalid, it returns the error of a fault of the legacy parameters that
// DynamoDB reports before the values', if there is one.
func decodeLegacy[T any](op string, body []byte, in *T, fast func([]byte, *T) bool) error {
	err := decodeFast(body, in, fast)
	if err == nil {
		return nil
	}
	if e := asAPIError(err); e == nil || e.Code != apierr.Validation {
		return err
	}
	if lerr := legacyBeforeValues(op, body); lerr != nil {
		return lerr
	}
	return err
}

// rawLegacy holds the parameters decodeLegacy looks at, values undecoded.
type rawLegacy struct {
	Expected                  map[string]rawExpected
	ConditionalOperator       string
	AttributeUpdates          json.RawMessage
	AttributesToGet           []string
	KeyConditions             json.RawMessage
	QueryFilter               json.RawMessage
	ScanFilter                json.RawMessage
	ConditionExpression       string
	UpdateExpression          string
	ProjectionExpression      string
	FilterExpression          string
	KeyConditionExpression    string
	ExpressionAttributeNames  json.RawMessage
	ExpressionAttributeValues json.RawMessage
	Item                      json.RawMessage
	Key                       json.RawMessage
}

// rawExpected is an Expected entry with its values undecoded.
type rawExpected struct {
	Value              json.RawMessage
	Exists             *bool
	ComparisonOperator string
	AttributeValueList []json.RawMessage
}

func isSet(m json.RawMessage) bool { return len(m) > 0 && string(m) != "null" }

// legacyBeforeValues returns the first fault of the raw request's legacy
// parameters that DynamoDB reports before its attribute values', or nil.
func legacyBeforeValues(op string, body []byte) error {
	var r rawLegacy
	if json.Unmarshal(body, &r) != nil {
		return nil
	}
	var nonExpr, expr, valueExprs []string
	switch op {
	case "PutItem", "DeleteItem", "UpdateItem":
		if op == "UpdateItem" {
			nonExpr = present(isSet(r.AttributeUpdates), "AttributeUpdates")
			expr = present(r.UpdateExpression != "", "UpdateExpression")
			valueExprs = []string{"UpdateExpression"}
		}
		nonExpr = append(nonExpr, present(r.Expected != nil, "Expected", r.ConditionalOperator != "", "ConditionalOperator")...)
		expr = append(expr, present(r.ConditionExpression != "", "ConditionExpression")...)
		valueExprs = append(valueExprs, "ConditionExpression")
	case "GetItem":
		nonExpr = present(len(r.AttributesToGet) > 0, "AttributesToGet")
		expr = present(r.ProjectionExpression != "", "ProjectionExpression")
	case "Query":
		valueExprs = []string{"FilterExpression", "KeyConditionExpression"}
		nonExpr = present(len(r.AttributesToGet) > 0, "AttributesToGet", isSet(r.QueryFilter), "QueryFilter",
			r.ConditionalOperator != "", "ConditionalOperator",
			isSet(r.KeyConditions) && r.KeyConditionExpression != "", "KeyConditions")
		expr = present(r.ProjectionExpression != "", "ProjectionExpression", r.FilterExpression != "", "FilterExpression",
			r.KeyConditionExpression != "", "KeyConditionExpression")
	case "Scan":
		valueExprs = []string{"FilterExpression"}
		nonExpr = present(len(r.AttributesToGet) > 0, "AttributesToGet", isSet(r.ScanFilter), "ScanFilter",
			r.ConditionalOperator != "", "ConditionalOperator")
		expr = present(r.ProjectionExpression != "", "ProjectionExpression", r.FilterExpression != "", "FilterExpression")
	default:
		return nil
	}
	if len(nonExpr) == 0 {
		return nil
	}
	if err := legacy.CheckMixed(nonExpr, expr); err != nil {
		return err
	}
	// Then, as the handlers do, expression maps without expressions.
	if len(expr) == 0 || op != "Query" {
		hasValues := isSet(r.ExpressionAttributeValues) && op != "GetItem"
		if err := legacy.CheckNoExpressionMaps(isSet(r.ExpressionAttributeNames), hasValues, valueExprs); err != nil {
			return err
		}
	}
	// The item's or key's own values come before Expected, and so do an
	// update's (dynalite's order); only when they are valid can the fault
	// be Expected's.
	for _, m := range []json.RawMessage{r.Item, r.Key} {
		if isSet(m) {
			var it attr.Item
			if err := json.Unmarshal(m, &it); err != nil {
				if ae := asAPIError(err); ae != nil && ae.Code == apierr.Validation {
					return ae
				}
				return nil
			}
		}
	}
	if isSet(r.AttributeUpdates) {
		if err := updatesBeforeValues(r.AttributeUpdates); err != nil {
			return err
		}
	}
	// Entry by entry in request order: its members, its values, its
	// operator's arguments (DynamoDB Local).
	var top struct{ Expected json.RawMessage }
	_ = json.Unmarshal(body, &top)
	var rawEntries map[string]json.RawMessage
	_ = json.Unmarshal(top.Expected, &rawEntries)
	for _, name := range legacy.ObjectKeys(top.Expected) {
		e := r.Expected[name]
		shape := legacy.ExpectedShape{
			Null:     string(rawEntries[name]) == "null",
			HasValue: isSet(e.Value), Exists: e.Exists, ComparisonOperator: e.ComparisonOperator,
			HasList: e.AttributeValueList != nil, Args: len(e.AttributeValueList),
		}
		if err := shape.CheckMembers(name); err != nil {
			return err
		}
		for _, raw := range append([]json.RawMessage{e.Value}, e.AttributeValueList...) {
			if !isSet(raw) {
				continue
			}
			var v attr.Value
			if err := json.Unmarshal(raw, &v); err != nil {
				if ae := asAPIError(err); ae != nil {
					return ae
				}
				return nil
			}
		}
		if err := shape.CheckOperator(); err != nil {
			return err
		}
	}
	return nil
}

// updatesBeforeValues checks AttributeUpdates as DynamoDB does when a value
// is invalid: every Action against Coral's enum, then entry by entry in
// request order its value and whether its Action takes that value
// (architect/dynalite's validations/updateItem.js), so that an earlier
// entry's ADD of a string is reported before a later entry's invalid
// number. It returns the first error, the value's own included.
func updatesBeforeValues(raw json.RawMessage) error {
	var ups map[string]struct {
		Action string
		Value  json.RawMessage
	}
	if json.Unmarshal(raw, &ups) != nil {
		return nil
	}
	names := legacy.ObjectKeys(raw)
	for _, name := range names {
		if err := legacy.CheckAction(name, ups[name].Action); err != nil {
			return err
		}
	}
	for _, name := range names {
		if err := legacy.CheckName(name); err != nil {
			return err
		}
		u := ups[name]
		var v *attr.Value
		if isSet(u.Value) {
			v = new(attr.Value)
			if err := json.Unmarshal(u.Value, v); err != nil {
				if ae := asAPIError(err); ae != nil {
					return ae
				}
				return nil
			}
		}
		action := u.Action
		if action == "" {
			action = legacy.ActionPut
		}
		if err := legacy.CheckUpdate(action, v); err != nil {
			return err
		}
	}
	return nil
}
