package server

import (
	"errors"
	"strconv"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// This file turns errors into DynamoDB's error bodies:
//
//	{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"..."}
//
// with the extra members some codes carry (CancellationReasons, Item).

// msgInternal is DynamoDB's text for its own faults; the real cause is logged,
// never sent.
const msgInternal = "Internal server error"

// wireType is the "__type" of an error body.
func wireType(c apierr.Code) string {
	if c == apierr.Validation {
		// DynamoDB (and DynamoDB Local) report validation failures from the
		// Coral validation layer, whatever found them.
		return "com.amazon.coral.validate#ValidationException"
	}
	return c.Namespace() + "#" + string(c)
}

// messageKey is the member that holds the message: DynamoDB spells it
// "Message" for a few codes and "message" for the rest.
func messageKey(c apierr.Code) string {
	switch c {
	case apierr.TransactionCanceled, apierr.Serialization:
		return "Message"
	}
	return "message"
}

// reasonCode is the code a cancellation reason carries: DynamoDB names them
// without the "Exception" suffix (ConditionalCheckFailed, TransactionConflict,
// ValidationError, ...).
func reasonCode(c apierr.Code) string {
	switch c {
	case apierr.ConditionalCheckFailed:
		return "ConditionalCheckFailed"
	case apierr.TransactionConflict:
		return "TransactionConflict"
	case apierr.Validation:
		return "ValidationError"
	case apierr.ProvisionedThroughputExceeded:
		return "ProvisionedThroughputExceeded"
	case apierr.ItemCollectionSizeLimitExceeded:
		return "ItemCollectionSizeLimitExceeded"
	case apierr.RequestLimitExceeded:
		return "ThrottlingError"
	case "":
		return string(apierr.None)
	}
	return string(c)
}

// asAPIError returns err as an *apierr.Error, or nil when it is not one (an
// internal fault).
func asAPIError(err error) *apierr.Error {
	var e *apierr.Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// appendErrorBody appends the wire body of e to dst.
func appendErrorBody(dst []byte, e *apierr.Error) []byte {
	dst = append(dst, `{"__type":`...)
	dst = strconv.AppendQuote(dst, wireType(e.Code))
	if e.Code == apierr.TransactionCanceled && e.CancellationReasons != nil {
		dst = append(dst, `,"CancellationReasons":[`...)
		for i, r := range e.CancellationReasons {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, '{')
			if r.Item != nil {
				dst = append(dst, `"Item":`...)
				dst = appendAnyItem(dst, r.Item)
				dst = append(dst, ',')
			}
			dst = append(dst, `"Code":`...)
			dst = attr.AppendJSONString(dst, reasonCode(r.Code))
			if r.Message != "" {
				dst = append(dst, `,"Message":`...)
				dst = attr.AppendJSONString(dst, r.Message)
			}
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	// DynamoDB Local sends an IdempotentParameterMismatchException with an
	// empty message member rather than none.
	if e.Message != "" || e.Code == apierr.IdempotentParameterMismatch {
		dst = append(dst, ',', '"')
		dst = append(dst, messageKey(e.Code)...)
		dst = append(dst, '"', ':')
		dst = attr.AppendJSONString(dst, e.Message)
	}
	if e.Item != nil && e.Code == apierr.ConditionalCheckFailed {
		dst = append(dst, `,"Item":`...)
		dst = appendAnyItem(dst, e.Item)
	}
	return append(dst, '}')
}

// appendAnyItem appends an item carried as `any` by apierr (an attr.Item in
// practice).
func appendAnyItem(dst []byte, item any) []byte {
	switch it := item.(type) {
	case attr.Item:
		return attr.AppendItemJSON(dst, it)
	case map[string]attr.Value:
		return attr.AppendItemJSON(dst, it)
	}
	b, err := marshalJSON(item)
	if err != nil {
		return append(dst, "{}"...)
	}
	return append(dst, b...)
}
