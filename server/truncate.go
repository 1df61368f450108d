package server

import (
	"encoding/json"
	"errors"
	"math/big"
	"reflect"
	"strconv"
	"strings"
)

// maxTruncatedExponent bounds the exponent of a literal truncateIntegerLiteral
// expands, so that "1e999999999" cannot make it build a huge number; any
// literal that large overflows every integer member anyway.
const maxTruncatedExponent = 40

// truncateIntegerLiteral handles err when it is encoding/json's complaint
// about a number with a fraction or an exponent (1.5, 2e1) decoded into an
// integer member: it returns body with that literal replaced by its integer
// part, truncated toward zero, when the result fits the member. Anything
// else (other errors, overflow) reports false and stays an error.
func truncateIntegerLiteral(body []byte, err error) ([]byte, bool) {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) || te.Type == nil {
		return nil, false
	}
	lit, ok := strings.CutPrefix(te.Value, "number ")
	if !ok || !strings.ContainsAny(lit, ".eE") {
		return nil, false
	}
	t := te.Type
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	end := int(te.Offset)
	start := end - len(lit)
	if start < 0 || end > len(body) || string(body[start:end]) != lit {
		return nil, false
	}
	if i := strings.IndexAny(lit, "eE"); i >= 0 {
		exp, err := strconv.Atoi(lit[i+1:])
		if err != nil || exp > maxTruncatedExponent || exp < -maxTruncatedExponent {
			return nil, false
		}
	}
	r, ok := new(big.Rat).SetString(lit)
	if !ok {
		return nil, false
	}
	n := new(big.Int).Quo(r.Num(), r.Denom()) // Quo truncates toward zero
	if !fits(n, t) {
		return nil, false
	}
	out := make([]byte, 0, len(body))
	out = append(out, body[:start]...)
	out = n.Append(out, 10)
	return append(out, body[end:]...), true
}

// fits reports whether n is in the range of integer type t.
func fits(n *big.Int, t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return n.IsInt64() && !reflect.Zero(t).OverflowInt(n.Int64())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return n.IsUint64() && !reflect.Zero(t).OverflowUint(n.Uint64())
	}
	return false
}
