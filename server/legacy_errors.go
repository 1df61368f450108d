package server

import (
	"strings"

	"github.com/kvs-project/kvs/apierr"
)

// The kvs layer checks the expressions the server rewrote legacy parameters
// into, so its messages name the expression parameter. DynamoDB names the
// legacy parameter the client sent; relabel puts that name back.

// Wording pairs for relabel: the kvs text and DynamoDB's for the legacy
// parameter.
var (
	queryFilterWording = [2]string{
		"Filter Expression can only contain non-primary key attributes",
		"QueryFilter can only contain non-primary key attributes",
	}
	attributesToGetWording = [2]string{
		"Cannot specify the ProjectionExpression when choosing",
		"Cannot specify the AttributesToGet when choosing",
	}
	// An AttributeUpdates ADD or DELETE whose value does not suit the
	// attribute's current type (ADD of a number to a string set, DELETE of
	// a number set from a string set, ADD of a list to a number) is "Type
	// mismatch for attribute to update" on DynamoDB (architect/dynalite's
	// test/updateItem.js, recorded against DynamoDB, and DynamoDB Local).
	// The rewritten ADD, DELETE and list_append report it as an operand
	// error, and nothing else in the rewrite can.
	attributeUpdatesWording = [2]string{
		"An operand in the update expression has an incorrect data type",
		"Type mismatch for attribute to update",
	}
)

// relabel returns err with the first wording of each pair that its message
// contains replaced by DynamoDB's; any other error is returned as is.
func relabel(err error, pairs ...[2]string) error {
	e := asAPIError(err)
	if e == nil || e.Code != apierr.Validation {
		return err
	}
	msg := e.Message
	for _, p := range pairs {
		msg = strings.Replace(msg, p[0], p[1], 1)
	}
	if msg == e.Message {
		return err
	}
	return apierr.New(e.Code, msg)
}

// legacyWordings lists the pairs that apply to a Query or Scan that used
// these legacy parameters.
func legacyWordings(filter, attributesToGet bool) [][2]string {
	var pairs [][2]string
	if filter {
		pairs = append(pairs, queryFilterWording)
	}
	if attributesToGet {
		pairs = append(pairs, attributesToGetWording)
	}
	return pairs
}
