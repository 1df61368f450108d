//go:build race

package http1

// raceEnabled turns raw I/O off under the race detector: net.Conn's Read
// and Write tell the detector that a read synchronises with the write that
// sent the bytes, raw system calls cannot (the detector would report a
// client's and a server's goroutines, in one test process, as racing).
const raceEnabled = true
