// Package keyenc encodes DynamoDB key values (S, N and B) and (partition,
// sort) key pairs as bytes whose order is DynamoDB's order, and decodes them
// back. The embedded driver builds every engine key with it, so the engine can
// stay a plain ordered byte store.
//
// # Guarantees
//
// For two values a and b of the same type,
//
//	sign(bytes.Compare(AppendValue(nil, a), AppendValue(nil, b))) == DynamoDB's order of a and b
//
// (S by UTF-8 bytes, N numerically, B by unsigned bytes), and DecodeValue
// returns a value equal to the one encoded, with N in canonical text. Every
// encoding is self-delimiting and no encoding is a proper prefix of another,
// so a concatenation of encodings (AppendKey) sorts by its first value, then
// its second. Values of different types also sort consistently (by type tag),
// though DynamoDB never compares them: a key column has one type.
//
// # Format (version 1)
//
// Every value starts with a one-byte tag:
//
//	0x05 negative N   0x06 zero N   0x07 positive N   0x12 S   0x13 B
//
// S and B: the bytes with each 0x00 escaped as 0x00 0xFF, then the terminator
// 0x00 0x01 (as in CockroachDB's bytes encoding). The escape keeps 0x00 in the
// data sorting above the terminator, so a prefix sorts first.
//
// N: a nonzero number is written as 0.d1d2...dn × 10^E with d1 != 0 and dn != 0.
// After the tag come E + 0x8000 as a big-endian uint16, then the digits in
// pairs (the last pair padded with a 0 digit), pair p written as the byte 2p+1,
// except the last pair, written as 2p. Odd bytes continue and an even byte
// ends the number, so the mantissa is self-delimiting and a shorter mantissa
// sorts before a longer one that extends it (as in CockroachDB's decimal
// encoding). For a negative number the exponent and mantissa bytes are
// complemented (x -> ^x), which reverses their order. Zero is the tag alone.
// DynamoDB's range (1E-130 to 9.99...E+125, 38 digits) needs E in [-129, 126]
// and at most 19 mantissa bytes: a number key takes at most 22 bytes.
//
// Because no encoding is a prefix of another, append(k, 0x00) is the
// smallest key above k (an exclusive bound for "<= k"), and
// PrefixEnd(AppendValue(nil, pk)) bounds every key of partition pk.
//
// Decoding accepts exactly the encodings AppendValue produces: re-encoding a
// decoded value gives back the bytes that were consumed. Any other input gives
// an error, never a panic.
//
// The format is on disk: a change to it must bump FormatVersion, and the
// embedded engine records the version it wrote with.
package keyenc

// FormatVersion identifies the byte format described in the package comment.
// It is stored by the embedded engine so that a future format can refuse, or
// migrate, data written by an older one.
const FormatVersion = 1
