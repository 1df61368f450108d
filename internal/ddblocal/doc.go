// Package ddblocal starts Amazon's DynamoDB Local (the official jar, run with
// the machine's Java) and talks to it in raw DynamoDB JSON 1.0.
//
// It exists to record reference answers: tools such as tools/recordexpr send
// requests (some malformed on purpose) to DynamoDB Local and write down what
// it answered, so kvs's tests can replay the answers without Java. The client
// is deliberately raw — bytes in, status and bytes out — because an SDK would
// refuse to send the malformed requests the corpus needs.
//
// Nothing in `go test ./...` imports this package with a running server; it is
// used only by tools that are run by hand (see docs/recording.md).
package ddblocal
