// Package bench runs the same DynamoDB workloads, through aws-sdk-go-v2,
// against kvs (in memory and on disk), Amazon's DynamoDB Local, dynalite and
// a do-nothing Go HTTP server, side by side in one run.
//
// Every server is a child process started and stopped here, listening on
// 127.0.0.1. Workloads run in short slices, round-robin over the servers and
// repeated for several rounds, so that noise from the shared machine falls on
// all of them alike. Per server and workload the harness measures client-side
// throughput and latency percentiles and the server process's CPU time per
// operation (utime+stime from /proc/<pid>/stat around each slice); per server
// it measures the time from process start to the first answered request and
// resident memory idle and after loading a fixed number of 1 KB items.
//
// The files follow the concerns: servers.go and noop.go start processes,
// procstat.go reads /proc, client.go builds SDK clients, workloads.go defines
// the operations, runner.go schedules slices and measures them, latency.go
// summarises samples, report.go writes JSON and markdown and targets.go
// checks the project's performance targets. cmd/kvsbench is the command.
package bench
