// Package wirecase reads, runs and renders the wire conformance corpus
// (compat/testdata/wire/*.txt): raw DynamoDB JSON 1.0 requests and the
// normalised answers DynamoDB Local gave to them.
//
// The recorder (tools/recordwire) and the replay test (compat/wirecorpus)
// share this package, so a request is built and an answer normalised the
// same way on both sides. docs/wire-corpus.md lists the case syntax and
// every normalisation rule.
//
// Its case-file parser (casefile.go) is format-generic: tools/recordexpr
// uses it for the expression cases in expr/testdata too.
//
// A case looks like
//
//	call op=PutItem
//	{"TableName":"t1","Item":{"pk":{"S":"a"}}}
//	----
//	200
//	{}
//
// Command args: op=NAME (X-Amz-Target DynamoDB_20120810.NAME), target=RAW
// (the header verbatim), notarget, contenttype=RAW, nocontenttype, noauth
// (no Authorization header), raw (the body need not be JSON), unordered
// (the top-level Items list is compared as a multiset) and doc-override (the
// output was written by hand from DynamoDB's documentation; the recorder
// leaves it alone).
package wirecase
