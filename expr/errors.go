package expr

import (
	"strings"

	"github.com/kvs-project/kvs/apierr"
)

// Kind says which request parameter an expression came from. It decides
// the grammar (conditions, filters and key conditions share one) and the
// "Invalid <Kind>:" prefix of DynamoDB's error messages.
type Kind uint8

// The five expression parameters of the DynamoDB API.
const (
	KindCondition Kind = iota + 1
	KindFilter
	KindKeyCondition
	KindUpdate
	KindProjection
)

var kindNames = [...]string{"", "ConditionExpression", "FilterExpression",
	"KeyConditionExpression", "UpdateExpression", "ProjectionExpression"}

// String returns the request parameter name, e.g. "ConditionExpression".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return ""
}

// MaxExpressionLength is DynamoDB's limit on the length of one expression
// string, in bytes.
const MaxExpressionLength = 4096

// MaxPathDepth is the deepest document path DynamoDB accepts.
const MaxPathDepth = 32

// MaxOperators is the largest number of operators and functions in one
// condition expression.
const MaxOperators = 300

// MaxInOperands is the largest number of values on the right of IN.
const MaxInOperands = 100

// invalidf returns the ValidationException DynamoDB gives for a bad
// expression: "Invalid <Kind>: <message>".
func invalidf(k Kind, format string, args ...any) *apierr.Error {
	return apierr.Validationf("Invalid "+k.String()+": "+format, args...)
}

// Runtime errors of update application and evaluation; DynamoDB's texts.
var (
	errAttrMissing = func() error {
		return apierr.New(apierr.Validation, "The provided expression refers to an attribute that does not exist in the item")
	}
	errBadOperandType = func() error {
		return apierr.New(apierr.Validation, "An operand in the update expression has an incorrect data type")
	}
	errBadUpdatePath = func() error {
		return apierr.New(apierr.Validation, "The document path provided in the update expression is invalid for update")
	}
)

// pathList renders a path the way DynamoDB's overlap/conflict/distinct
// messages do: "[a, b, [3]]".
func pathList(p Path) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, e := range p {
		if i > 0 {
			b.WriteString(", ")
		}
		if e.Kind == ElemIndex {
			b.WriteByte('[')
			b.WriteString(itoa(e.Index))
			b.WriteByte(']')
		} else {
			b.WriteString(e.Name)
		}
	}
	b.WriteByte(']')
	return b.String()
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	neg := i < 0
	if neg {
		i = -i
	}
	var buf [20]byte
	n := len(buf)
	for i > 0 {
		n--
		buf[n] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		n--
		buf[n] = '-'
	}
	return string(buf[n:])
}
