package expr

import (
	"unicode/utf8"
)

// tokKind classifies a token of the expression language.
type tokKind uint8

const (
	tEOF   tokKind = iota
	tIdent         // a bare name or keyword: [A-Za-z][A-Za-z0-9_]*
	tName          // an expression attribute name placeholder: #[A-Za-z0-9_]+
	tValue         // an expression attribute value placeholder: :[A-Za-z0-9_]+
	tInt           // a list index: [0-9]+
	tPunct         // = <> < <= > >= ( ) [ ] , . + -
	tBad           // any other character; always a syntax error
)

// token is one lexeme with its byte span in the source, which syntax
// errors quote.
type token struct {
	text       string
	start, end int32
	kind       tokKind
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isWord(c byte) bool  { return isAlpha(c) || isDigit(c) || c == '_' }

// lex splits s into tokens, ending with a tEOF token. It never fails:
// characters outside the language become tBad tokens so that the parser
// reports them with DynamoDB's "Syntax error; token:" message.
func lex(s string) []token {
	toks := make([]token, 0, len(s)/3+2)
	i := 0
	for i < len(s) {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		start := i
		kind := tBad
		switch {
		case isAlpha(c):
			for i < len(s) && isWord(s[i]) {
				i++
			}
			kind = tIdent
		case isDigit(c):
			for i < len(s) && isDigit(s[i]) {
				i++
			}
			kind = tInt
		case c == '#' || c == ':':
			i++
			for i < len(s) && isWord(s[i]) {
				i++
			}
			if i-start > 1 {
				kind = tName
				if c == ':' {
					kind = tValue
				}
			}
		case c == '<':
			i++
			if i < len(s) && (s[i] == '=' || s[i] == '>') {
				i++
			}
			kind = tPunct
		case c == '>':
			i++
			if i < len(s) && s[i] == '=' {
				i++
			}
			kind = tPunct
		case c == '=' || c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || c == '.' || c == '+' || c == '-':
			i++
			kind = tPunct
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
		toks = append(toks, token{kind: kind, text: s[start:i], start: int32(start), end: int32(i)})
	}
	toks = append(toks, token{kind: tEOF, text: "<EOF>", start: int32(len(s)), end: int32(len(s))})
	return toks
}

// equalFold reports whether ident equals the upper-case keyword kw, ignoring
// ASCII case, without allocating.
func equalFold(ident, kw string) bool {
	if len(ident) != len(kw) {
		return false
	}
	for i := 0; i < len(ident); i++ {
		c := ident[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != kw[i] {
			return false
		}
	}
	return true
}
