// Package wirecorpus replays the wire conformance corpus
// (compat/testdata/wire/*.txt, recorded from DynamoDB Local by
// tools/recordwire) against kvs's DynamoDB-compatible server.
//
// The test starts a fresh kvs server (server.New over kvs.Open("mem://"))
// on a loopback socket for every case file, sends each case's request raw,
// normalises the answer with internal/wirecase exactly as the recorder did,
// and compares it with the recorded output. Cases listed in
// compat/testdata/wire/KNOWN_FAILURES are reported as skips; a listed case
// that passes fails the test, so the list only shrinks. It needs no Java.
package wirecorpus
