package schema

import (
	"strconv"

	"github.com/kvs-project/kvs/internal/coral"
)

// Model-level ("coral") constraint checks are shared with the data plane in
// internal/coral; these short names keep the validators readable.
var (
	quote            = coral.Quote
	member           = coral.Member
	renderStrings    = coral.RenderStrings
	javaStringHash   = coral.JavaStringHash
	javaHashSetOrder = coral.JavaHashSetOrder
	validNameChars   = coral.ValidNameChars
)

// renderKeySchema renders a key schema list the way DynamoDB's Java model
// prints it in a length violation: each element is
// com.amazonaws.dynamodb.v20120810.KeySchemaElement@<hashCode in hex>, where
// the model's hashCode is 1 + hash(AttributeName) + hash(KeyType) with Java
// String hashes (0 for a null member). Verified against DynamoDB's own
// message for [{KeyType:HASH},{AttributeName:a},{KeyType:Woop,AttributeName:a}]:
// @21b90f, @62, @293b3b.
func renderKeySchema(ks []KeySchemaElement) string {
	parts := make([]string, len(ks))
	for i, k := range ks {
		h := 1 + javaStringHash(k.AttributeName) + javaStringHash(k.KeyType)
		parts[i] = "com.amazonaws.dynamodb.v20120810.KeySchemaElement@" + strconv.FormatUint(uint64(uint32(h)), 16)
	}
	return renderStrings(parts)
}
