package kvs

import (
	"encoding/base64"
	"strings"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// Page tokens are the store level's resumable cursors: an opaque string
// standing for a Query's or Scan's LastEvaluatedKey. The format is
//
//	"1" + base64url-without-padding(wire JSON of the LastEvaluatedKey)
//
// where "1" is the format version, so that a later format can be told apart
// from this one. A token carries no secret and no signature: it is a key,
// checked against the table's key schema like any ExclusiveStartKey. Tokens
// stay valid across processes and restarts, for as long as the key schema
// does.

// pageTokenV1 is the version prefix of the current token format.
const pageTokenV1 = "1"

// msgBadToken is DynamoDB's prefix for a bad ExclusiveStartKey.
const msgBadToken = "The provided starting key is invalid: "

// EncodePageToken returns the page token for a LastEvaluatedKey, or "" for
// a nil or empty key (no more pages).
func EncodePageToken(lastKey attr.Item) string {
	if len(lastKey) == 0 {
		return ""
	}
	return pageTokenV1 + base64.RawURLEncoding.EncodeToString(attr.AppendItemJSON(nil, lastKey))
}

// DecodePageToken returns the key a page token stands for; "" decodes to a
// nil key (start from the beginning). A token that is not one kvs made is a
// ValidationException "The provided starting key is invalid: ...".
func DecodePageToken(token string) (attr.Item, error) {
	if token == "" {
		return nil, nil
	}
	body, ok := strings.CutPrefix(token, pageTokenV1)
	if !ok {
		return nil, apierr.New(apierr.Validation, msgBadToken+"unknown page token version")
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return nil, apierr.New(apierr.Validation, msgBadToken+"malformed page token")
	}
	it, err := attr.ParseItemJSON(raw)
	if err != nil || len(it) == 0 {
		return nil, apierr.New(apierr.Validation, msgBadToken+"malformed page token")
	}
	return it, nil
}
