package kvs

import (
	"encoding/json"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/internal/coral"
	"github.com/kvs-project/kvs/schema"
)

// ttlPresence records which members of an UpdateTimeToLive request were
// left out or sent as null. A Go caller always sets every member; only a
// decoded wire request can leave one out, and DynamoDB reports that as
// Coral's "Member must not be null".
type ttlPresence struct {
	specNull, nameNull, enabledNull bool
}

// UnmarshalJSON decodes an UpdateTimeToLive request as the wire server
// receives it, remembering the members it lacks.
func (in *UpdateTimeToLiveInput) UnmarshalJSON(b []byte) error {
	var raw struct {
		TableName               string `json:"TableName"`
		TimeToLiveSpecification *struct {
			AttributeName *string `json:"AttributeName"`
			Enabled       *bool   `json:"Enabled"`
		} `json:"TimeToLiveSpecification"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*in = UpdateTimeToLiveInput{TableName: raw.TableName}
	spec := raw.TimeToLiveSpecification
	if spec == nil {
		in.presence.specNull = true
		return nil
	}
	in.presence.nameNull, in.presence.enabledNull = spec.AttributeName == nil, spec.Enabled == nil
	if spec.AttributeName != nil {
		in.TimeToLiveSpecification.AttributeName = *spec.AttributeName
	}
	if spec.Enabled != nil {
		in.TimeToLiveSpecification.Enabled = *spec.Enabled
	}
	return nil
}

// validateUpdateTimeToLive applies DynamoDB's checks that need no table, in
// its order: a missing TableName, the model's constraints (all reported together), then an
// empty attribute name, with the text architect/dynalite recorded from
// DynamoDB. (DynamoDB Local answers its own texts: "TimeToLiveSpecification
// cannot be null", "AttributeName cannot be null when time to live is being
// enabled".)
func validateUpdateTimeToLive(in *UpdateTimeToLiveInput) error {
	if in.TableName == "" {
		return schema.ErrTableNameRequired() // as dynalite's test/updateTimeToLive.js records
	}
	var v coral.Violations
	checkTableName(&v, "tableName", in.TableName)
	switch p := in.presence; {
	case p.specNull:
		v.Null("timeToLiveSpecification")
	default:
		if p.nameNull {
			v.Null("timeToLiveSpecification.attributeName")
		}
		if p.enabledNull {
			v.Null("timeToLiveSpecification.enabled")
		}
		// The model's length limit (API reference, TimeToLiveSpecification:
		// "Maximum length of 255"); DynamoDB Local answers its "Names of key
		// attributes ... between 1 and 255 characters" (found by
		// tools/difftest -tables: kvs accepted 256).
		if !p.nameNull {
			v.StrLen("timeToLiveSpecification.attributeName", in.TimeToLiveSpecification.AttributeName, 0, 255)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	if in.TimeToLiveSpecification.AttributeName == "" {
		return apierr.Validationf("TimeToLiveSpecification.AttributeName must be non empty")
	}
	return nil
}
