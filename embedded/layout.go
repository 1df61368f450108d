package embedded

import (
	"encoding/binary"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/internal/keyenc"
)

// The engine key space (docs/embedded-design.md). Every key starts with a
// one-byte space tag.
const (
	spaceMeta    = 0x00 // meta records: format version, id counter, dirty flag
	spaceCatalog = 0x01 // table name → catalog record
	spaceItem    = 0x02 // table id · hash16(pk) · enc(pk) · enc(sk) → item
	spaceIndex   = 0x03 // table id · index id · hash16(ipk) · enc(ipk) · enc(isk) · enc(pk) · enc(sk)
	spaceStats   = 0x04 // table id → statistics checkpoint
	spaceToken   = 0x05 // client request token → idempotency record
)

// layoutVersion is stored under metaFormat; Open refuses other versions.
const layoutVersion = "1"

var (
	metaFormat      = []byte{spaceMeta, 'f', 'o', 'r', 'm', 'a', 't'}
	metaNextTableID = []byte{spaceMeta, 'n', 'e', 'x', 't', 'i', 'd'}
	// metaDirty is set while a driver has the store open and cleared by a
	// clean Close, so Open knows when the statistics checkpoints are stale.
	metaDirty = []byte{spaceMeta, 'd', 'i', 'r', 't', 'y'}
)

func catalogKey(table string) []byte {
	return append([]byte{spaceCatalog}, table...)
}

func statsKey(id uint32) []byte {
	return binary.BigEndian.AppendUint32([]byte{spaceStats}, id)
}

func tokenKey(token string) []byte {
	return append([]byte{spaceToken}, token...)
}

// hash16 is a fixed 16-bit hash of an encoded partition key. It must never
// change: it is part of every stored key. FNV-1a 64 followed by a
// murmur3-style finaliser, so that the top bits are well mixed.
func hash16(encPK []byte) uint16 {
	h := uint64(14695981039346656037)
	for _, c := range encPK {
		h ^= uint64(c)
		h *= 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return uint16(h >> 48)
}

// itemPrefix returns spaceItem · table id.
func itemPrefix(id uint32) []byte {
	b := make([]byte, 0, 64)
	b = append(b, spaceItem)
	return binary.BigEndian.AppendUint32(b, id)
}

// indexPrefix returns spaceIndex · table id · index id.
func indexPrefix(id uint32, idx uint16) []byte {
	b := make([]byte, 0, 96)
	b = append(b, spaceIndex)
	b = binary.BigEndian.AppendUint32(b, id)
	return binary.BigEndian.AppendUint16(b, idx)
}

// appendHashedKey appends hash16(enc(pk)) · enc(pk) · enc(sk) (sk may be
// the zero Value).
func appendHashedKey(dst []byte, pk, sk attr.Value) []byte {
	n := len(dst)
	dst = append(dst, 0, 0)
	dst = keyenc.AppendValue(dst, pk)
	binary.BigEndian.PutUint16(dst[n:], hash16(dst[n+2:]))
	if !sk.IsZero() {
		dst = keyenc.AppendValue(dst, sk)
	}
	return dst
}

// hashedPKPrefix appends hash16 · enc(pk): the prefix of every key of one
// partition.
func hashedPKPrefix(dst []byte, pk attr.Value) []byte {
	return appendHashedKey(dst, pk, attr.Value{})
}

// successor returns the smallest key greater than k: k · 0x00. Key
// encodings are self-delimiting, so nothing sorts between k and it.
func successor(k []byte) []byte {
	return append(append(make([]byte, 0, len(k)+1), k...), 0)
}

// prefixEnd is the exclusive upper bound of all keys starting with p.
func prefixEnd(p []byte) []byte { return keyenc.PrefixEnd(p) }

// appendKeyTail appends enc(pk) · enc(sk) (no hash): the table key that ends
// an index entry's key and makes it unique.
func appendKeyTail(dst []byte, pk, sk attr.Value) []byte {
	return keyenc.AppendKey(dst, pk, sk)
}
