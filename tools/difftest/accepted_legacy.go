package main

import "strings"

// The accepted differences of the legacy round (gen_legacy.go): places
// where DynamoDB Local deviates from DynamoDB in the legacy parameters and
// kvs follows DynamoDB. docs/difftest.md lists them with their evidence.

func init() {
	rules = append(rules, legacyRules...)
}

var legacyRules = []rule{
	// An AttributeUpdates entry without an Action is a PUT: "Valid values
	// are PUT (default), DELETE, and ADD" (API reference,
	// AttributeValueUpdate), and architect/dynalite's test/updateItem.js,
	// recorded against DynamoDB, reads back such entries' values ("should
	// return all old values when they exist"). DynamoDB Local ignores the
	// update (the corpus's legacy.txt doc-overrides). The generator sends
	// such entries only as PUTs without a condition, so both succeed and
	// only the item differs; the runner then copies Local's tables.
	{"AttributeUpdates default Action", func(req Request, l, k map[string]any) {
		if req.Op != "UpdateItem" || !hasDefaultAction(req) || l["__type"] != nil || k["__type"] != nil {
			return
		}
		replaceWith(l, k)
	}},
	// Action is a modelled enum, so an unknown one is Coral's constraint
	// error with its path (the corpus's legacy.txt doc-override; dynalite's
	// tests of the other legacy enums, recorded against DynamoDB); DynamoDB
	// Local sends the constraint alone.
	{"AttributeUpdates Action enum", func(req Request, l, k map[string]any) {
		lm, _ := l["message"].(string)
		km, _ := k["message"].(string)
		if req.Op == "UpdateItem" && lm == "Member must satisfy enum value set: [ADD, DELETE, PUT]" && isActionEnumError(km) {
			k["message"] = lm
		}
	}},
	// The request's own faults come before the item's: an AttributeUpdates
	// entry whose action does not take its value (ADD of a string, DELETE
	// of a number, PUT without a value), an unknown Action (Coral's enum),
	// and an invalid value in AttributeUpdates or Expected (a number of 39
	// digits or beyond 1E+125). architect/dynalite's
	// validations/updateItem.js checks all of these before the table and
	// the item, and its test/updateItem.js, recorded against DynamoDB,
	// gets "The parameter cannot be converted to a numeric value" for an
	// AttributeUpdates value on a table that does not exist. DynamoDB
	// Local checks them attribute by attribute while it applies the
	// update: after the Expected condition, and after other attributes'
	// type mismatches and key attributes. Between two entries' own faults
	// both go by request order (server/legacy_order.go), but an unknown
	// Action, Coral's enum, comes first on DynamoDB.
	{"AttributeUpdates checked with the request", func(req Request, l, k map[string]any) {
		if req.Op != "UpdateItem" || req.Body["AttributeUpdates"] == nil {
			return
		}
		km, _ := k["message"].(string)
		lm, _ := l["message"].(string)
		lt, _ := l["__type"].(string)
		if !isAttributeUpdatesValueError(km) && !isActionEnumError(km) && !isValueError(km) {
			return
		}
		itemTime := strings.HasSuffix(lt, "#ConditionalCheckFailedException") || lm == "Type mismatch for attribute to update" ||
			strings.HasPrefix(lm, "One or more parameter values were invalid: Cannot update attribute ")
		// Coral's enum comes before every entry's own checks, which
		// DynamoDB Local makes entry by entry.
		coralFirst := isActionEnumError(km) && (isAttributeUpdatesValueError(lm) || isValueError(lm) ||
			lm == "Member must satisfy enum value set: [ADD, DELETE, PUT]")
		if itemTime || coralFirst {
			replaceWith(l, k)
		}
	}},
}

// isActionEnumError reports whether msg is Coral's error for an unknown
// AttributeUpdates Action.
func isActionEnumError(msg string) bool {
	return strings.HasPrefix(msg, "1 validation error detected: Value '") && strings.Contains(msg, "' at 'attributeUpdates.") &&
		strings.HasSuffix(msg, ".member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, DELETE, PUT]")
}

// isValueError reports whether msg is an attribute value's validation
// error (checked when the request is read).
func isValueError(msg string) bool {
	for _, s := range []string{"Number overflow", "Number underflow", "Attempting to store more than 38 significant digits",
		"cannot be converted to a numeric value", "contains duplicates", "may not contain an empty"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// hasDefaultAction reports whether an UpdateItem's AttributeUpdates has an
// entry without an Action.
func hasDefaultAction(req Request) bool {
	ups, _ := req.Body["AttributeUpdates"].(map[string]any)
	for _, u := range ups {
		if m, ok := u.(map[string]any); ok && m["Action"] == nil {
			return true
		}
	}
	return false
}

// isAttributeUpdatesValueError reports whether msg is one of the checks of
// an AttributeUpdates entry's action against its value.
func isAttributeUpdatesValueError(msg string) bool {
	const p = "One or more parameter values were invalid: "
	return strings.HasPrefix(msg, p+"ADD action is not supported for the type ") ||
		strings.HasPrefix(msg, p+"DELETE action with value is not supported for the type ") ||
		msg == p+"Only DELETE action is allowed when no attribute value is specified"
}

// replaceWith makes dst a copy of src.
func replaceWith(dst, src map[string]any) {
	for key := range dst {
		delete(dst, key)
	}
	for key, v := range src {
		dst[key] = v
	}
}
