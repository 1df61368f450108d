// Package inproc runs the kvsbench workloads against kvs's HTTP handler
// inside the test binary, so that `go test -cpuprofile` sees the server's
// code. `kvs serve` exposes no profiling endpoint; this is the same handler
// (server.New over kvs.Open) behind an httptest server on 127.0.0.1, driven
// by the same aws-sdk-go-v2 client as the harness. The profile holds the
// client too: focus on the server side with
//
//	go tool pprof -top -focus 'net/http.\(\*conn\).serve' cpu.out
//
// See docs/bench.md ("Where the time goes").
package inproc
