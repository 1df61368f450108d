// Package apierr defines the one error type that kvs returns to its callers.
//
// Every error a user can see carries a Code named exactly like the DynamoDB
// exception it stands for and a Message that reproduces DynamoDB's text, so the
// Go API, the wire server and the drivers agree on one vocabulary. Callers match
// errors with errors.As, never by substring:
//
//	var e *apierr.Error
//	if errors.As(err, &e) && e.Code == apierr.ConditionalCheckFailed { ... }
//
// apierr sits at the bottom of the dependency graph: it imports nothing of kvs.
package apierr

import (
	"errors"
	"fmt"
	"net/http"
)

// Code is a DynamoDB error code (the part after '#' in the wire "__type").
type Code string

// The codes DynamoDB returns. Names follow DynamoDB's exception names.
const (
	Validation                      Code = "ValidationException"
	ConditionalCheckFailed          Code = "ConditionalCheckFailedException"
	ResourceNotFound                Code = "ResourceNotFoundException"
	TableNotFound                   Code = "TableNotFoundException" // backup operations' missing table
	ResourceInUse                   Code = "ResourceInUseException"
	LimitExceeded                   Code = "LimitExceededException"
	TransactionCanceled             Code = "TransactionCanceledException"
	TransactionConflict             Code = "TransactionConflictException"
	TransactionInProgress           Code = "TransactionInProgressException"
	IdempotentParameterMismatch     Code = "IdempotentParameterMismatchException"
	ProvisionedThroughputExceeded   Code = "ProvisionedThroughputExceededException"
	ItemCollectionSizeLimitExceeded Code = "ItemCollectionSizeLimitExceededException"
	RequestLimitExceeded            Code = "RequestLimitExceeded"
	Serialization                   Code = "SerializationException"
	UnknownOperation                Code = "UnknownOperationException"
	MissingAuthenticationToken      Code = "MissingAuthenticationTokenException"
	IncompleteSignature             Code = "IncompleteSignatureException"
	InvalidSignature                Code = "InvalidSignatureException"
	UnrecognizedClient              Code = "UnrecognizedClientException"
	AccessDenied                    Code = "AccessDeniedException"
	InternalServerError             Code = "InternalServerError"
	// None is the cancellation-reason code for a transaction action that did
	// not fail; it never appears as an error's own code.
	None Code = "None"
)

// Error is a DynamoDB error: a code, DynamoDB's message, and for some codes
// extra detail.
type Error struct {
	Code    Code
	Message string

	// CancellationReasons holds one reason per action of a canceled
	// transaction, in request order (Code None for actions that passed).
	CancellationReasons []CancellationReason

	// Item is the item as it was when a condition failed, when the request
	// asked for it (ReturnValuesOnConditionCheckFailure ALL_OLD). Its dynamic
	// type is attr.Item; apierr does not import attr to stay at the bottom of
	// the dependency graph.
	Item any
}

// CancellationReason explains why one action of a transaction failed.
type CancellationReason struct {
	Code    Code
	Message string
	Item    any // attr.Item, see Error.Item
}

// Error implements the error interface as "Code: Message".
func (e *Error) Error() string {
	if e.Message == "" {
		return string(e.Code)
	}
	return string(e.Code) + ": " + e.Message
}

// New returns an error with the given code and message.
func New(code Code, msg string) *Error { return &Error{Code: code, Message: msg} }

// Newf returns an error with the given code and a formatted message.
func Newf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Validationf returns a ValidationException with a formatted message.
func Validationf(format string, args ...any) *Error {
	return Newf(Validation, format, args...)
}

// Is reports whether err (or any error it wraps) is an *Error with the given code.
func Is(err error, code Code) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

// HTTPStatus is the status DynamoDB answers with for the code: 500 for
// server-side faults, 400 for everything the client did.
func (c Code) HTTPStatus() int {
	switch c {
	case InternalServerError:
		return http.StatusInternalServerError
	default:
		return http.StatusBadRequest
	}
}

// Namespace is the prefix DynamoDB puts before the code in the wire "__type".
// Most codes live under com.amazonaws.dynamodb.v20120810; a few protocol-level
// ones come from the Coral framework.
func (c Code) Namespace() string {
	switch c {
	case Validation:
		// DynamoDB sends every ValidationException from the Coral validator's
		// namespace, model constraint or not.
		return "com.amazon.coral.validate"
	case Serialization:
		return "com.amazon.coral.service"
	case UnknownOperation, MissingAuthenticationToken, IncompleteSignature,
		InvalidSignature, UnrecognizedClient, AccessDenied, RequestLimitExceeded:
		return "com.amazon.coral.service"
	default:
		return "com.amazonaws.dynamodb.v20120810"
	}
}
