package diskengine

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble"
)

// On-disk format, version 1. Pebble holds one keyspace; it is split by the
// first byte:
//
//	0x00 'f'        -> format version, one byte (1)
//	0x00 's'        -> last commit sequence, 8 bytes big-endian; written in
//	                   every commit's batch, so it is atomic with the data
//	0x01 <user key> -> user value
//
// Values are stored as given.
const (
	metaPrefix    = 0x00
	userPrefix    = 0x01
	userPrefixEnd = 0x02
	formatVersion = 1
)

var (
	formatKey = []byte{metaPrefix, 'f'}
	seqKey    = []byte{metaPrefix, 's'}
)

// userKey returns the Pebble key of a user key.
func userKey(key []byte) []byte {
	k := make([]byte, 1+len(key))
	k[0] = userPrefix
	copy(k[1:], key)
	return k
}

// checkFormat initializes a new store or checks an existing one's format,
// and returns its last commit sequence.
func checkFormat(db *pebble.DB) (uint64, error) {
	v, closer, err := db.Get(formatKey)
	switch {
	case errors.Is(err, pebble.ErrNotFound):
		b := db.NewBatch()
		defer b.Close()
		_ = b.Set(formatKey, []byte{formatVersion}, nil)
		_ = b.Set(seqKey, make([]byte, 8), nil)
		return 0, db.Apply(b, pebble.Sync)
	case err != nil:
		return 0, err
	}
	ok := len(v) == 1 && v[0] == formatVersion
	closer.Close()
	if !ok {
		return 0, fmt.Errorf("diskengine: unsupported on-disk format version %x (this build reads %d)", v, formatVersion)
	}
	v, closer, err = db.Get(seqKey)
	if err != nil {
		return 0, fmt.Errorf("diskengine: reading commit sequence: %w", err)
	}
	defer closer.Close()
	if len(v) != 8 {
		return 0, fmt.Errorf("diskengine: corrupt commit sequence %x", v)
	}
	return binary.BigEndian.Uint64(v), nil
}
