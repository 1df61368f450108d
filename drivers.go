package kvs

import "github.com/kvs-project/kvs/embedded"

// The embedded driver is built in, so mem:// and file:// need no setup:
//
//	mem://                          in memory
//	file:///var/lib/kvs             on disk, every acknowledged write synced
//	file:///var/lib/kvs?nosync=true on disk, unsynced (faster; the last writes
//	                                can be lost if the machine, not just the
//	                                process, crashes)
//
// Both accept ttl_sweep=<duration>|off to set the TTL sweeper's interval.
func init() {
	RegisterDriver("mem", embedded.OpenURL)
	RegisterDriver("file", embedded.OpenURL)
}
