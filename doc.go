// Package kvs is a key-value store with DynamoDB's semantics, in Go.
//
// One set of semantics has three faces: this package's Go API, the
// DynamoDB-compatible server (`kvs serve`, package server) and declarative
// store definitions. The Go API has two levels:
//
//   - the DynamoDB level: DB methods named and shaped like DynamoDB's
//     operations (PutItem, Query, TransactWriteItems, CreateTable, ...), with
//     expression strings, ExpressionAttributeNames and ExpressionAttributeValues;
//   - the store level: Store values defined with a partition key, an optional
//     sort key and secondary indexes, read and written with Go structs and
//     expression builders (Get, GetAll, Upsert, Update, Delete, Query, Scan).
//
// Every request is validated and normalised once, in this package, with
// DynamoDB's error codes and messages, before a driver (package driver) runs
// it. Errors are *apierr.Error values: match them with errors.As.
package kvs
