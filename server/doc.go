// Package server answers DynamoDB's JSON 1.0 wire protocol over HTTP, as a
// thin translation layer over kvs.API: every AWS SDK, the AWS CLI and
// existing DynamoDB tools can talk to kvs unchanged.
//
// One transport-independent core (core.go) answers every request; two
// adapters put it on the wire: New, an http.Handler for net/http, and
// NewHTTP1, kvs's own lean HTTP/1.1 server (internal/http1) that kvs serve
// uses, at a fraction of net/http's CPU per request. Both send the same
// bytes (a test compares them).
//
// A request goes through the same steps, in the same order, as on DynamoDB:
//
//  1. method and content type (anything but POST of JSON is answered with
//     404 <UnknownOperationException/>, like DynamoDB; GET / is the health
//     check);
//  2. the body is read (gunzipped when Content-Encoding is gzip, bounded by
//     Options.MaxRequestBytes) and must be JSON (SerializationException);
//  3. X-Amz-Target must name a known DynamoDB_20120810 operation
//     (UnknownOperationException);
//  4. the Authorization header must be a SigV4 header
//     (MissingAuthenticationTokenException, IncompleteSignatureException);
//     the access key id and region of its credential scope are put in the
//     request's context as a RequestInfo. Signatures are not verified yet;
//  5. the body is decoded straight into the kvs request structs (attribute
//     values have their own fast decoder), legacy parameters (Expected,
//     AttributesToGet, KeyConditions, ...) are rewritten into expressions by
//     package legacy, and the kvs.API method runs;
//  6. the answer is encoded (by hand for the hot operations), gzipped when
//     the client accepts gzip, and sent with x-amz-crc32 over the exact bytes
//     sent (the compressed ones when gzipped: that is what the AWS SDKs
//     verify) and an x-amzn-RequestId.
//
// # Choices where DynamoDB Local and DynamoDB differ
//
// DynamoDB Local (the reference used for kvs's recorded answers) is not
// DynamoDB in its protocol layer: it answers malformed JSON, a missing
// X-Amz-Target and a malformed Authorization header with a 500
// InternalFailure, a missing Authorization header with a Local-only text, a
// GET / with MissingAuthenticationToken, and spells every message member
// "Message". kvs answers like DynamoDB itself instead (as recorded by
// dynalite and ScyllaDB Alternator, which are tested against DynamoDB), and
// never with a 5xx for anything a client sends:
//
//   - GET / answers 200 "healthy: dynamodb.<region>.amazonaws.com";
//   - malformed JSON is 400 com.amazon.coral.service#SerializationException;
//   - a missing or unknown target is 400
//     com.amazon.coral.service#UnknownOperationException;
//   - a missing Authorization header is 400 MissingAuthenticationTokenException
//     "Request is missing Authentication Token";
//   - error bodies spell the member "message", except
//     TransactionCanceledException and SerializationException, which use
//     "Message" on DynamoDB;
//   - ValidationException's namespace is com.amazon.coral.validate, as on
//     both DynamoDB and DynamoDB Local;
//   - every response, errors included, carries x-amz-crc32;
//   - a fractional number where an integer is expected is truncated, a
//     string there is a SerializationException (Local converts both);
//   - DescribeContinuousBackups (unknown to DynamoDB Local) answers what
//     DynamoDB answers for a new table, for tools such as Terraform.
package server
