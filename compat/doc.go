// Package compat holds kvs's black-box compatibility tests: they build the
// kvs binary, run `kvs serve` as a real child process on a loopback port and
// drive it with real DynamoDB clients — aws-sdk-go-v2 from Go, and the AWS SDK
// for JavaScript v3 (the seed's handlers, in compat/js) from node.
//
// Nothing here imports kvs's own packages: if a test passes, an unmodified
// DynamoDB application works against kvs in the same way.
package compat
