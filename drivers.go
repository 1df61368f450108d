package kvs

import "github.com/kvs-project/kvs/embedded"

// The embedded driver is built in, so mem:// and file:// need no setup:
//
//	mem://                          in memory
//	file:///var/lib/kvs             on disk, every acknowledged write synced
//	file:///var/lib/kvs?sync=false  on disk, unsynced: faster, but a crash can
//	                                lose the last acknowledged writes
//
// Both accept ttl_sweep=<duration>|off, index_create_delay=<duration> and
// index_delete_delay=<duration>; see embedded.OpenURL for details.
func init() {
	RegisterDriver("mem", embedded.OpenURL)
	RegisterDriver("file", embedded.OpenURL)
}
