package expr

import (
	"fmt"
	"strconv"

	"github.com/kvs-project/kvs/apierr"
)

// parser is the state shared by the three recursive-descent grammars.
//
// A syntax error stops parsing at once (the parser panics with *syntaxError
// and the entry point recovers it). Other problems DynamoDB reports only
// after a successful parse, in a fixed order of categories whatever their
// position; the parser records the first of each category in deferred and
// the entry point returns the most important one.
type parser struct {
	kind     Kind
	src      string
	toks     []token
	pos      int
	deferred [numCategories]string
	keywords []string
	ops      int // operators and functions seen, for MaxOperators
}

// Categories of non-syntax parse errors, most important first. Each grammar
// uses the subset DynamoDB has; the order of the subset is the same.
const (
	catParens = iota
	catUnknownFunction
	catMisusedFunction
	catReserved
	catSection
	catLimits
	numCategories
)

// The order in which DynamoDB reports the deferred categories, per grammar.
var (
	conditionOrder  = []int{catParens, catUnknownFunction, catMisusedFunction, catReserved, catLimits}
	updateOrder     = []int{catReserved, catUnknownFunction, catMisusedFunction, catSection, catLimits}
	projectionOrder = []int{catReserved, catLimits}
)

type syntaxError struct{ err *apierr.Error }

var conditionKeywords = []string{"AND", "OR", "NOT", "BETWEEN", "IN"}
var updateKeywords = []string{"SET", "REMOVE", "ADD", "DELETE"}

func newParser(kind Kind, src string, keywords []string) *parser {
	return &parser{kind: kind, src: src, toks: lex(src), keywords: keywords}
}

// closing returns the index of the ")" matching the "(" at i, or -1.
func (p *parser) closing(i int) int {
	depth := 0
	for j := i; j < len(p.toks); j++ {
		t := p.toks[j]
		if t.kind != tPunct || len(t.text) != 1 {
			continue
		}
		switch t.text[0] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// checkText applies the checks DynamoDB makes before parsing.
func checkText(kind Kind, src string) error {
	if src == "" {
		return invalidf(kind, "The expression can not be empty;")
	}
	return nil
}

// checkLength applies the 4 KB limit, which DynamoDB checks after a
// successful parse (a long expression with a syntax error reports the
// syntax error). Only condition-like expressions quote the size.
func checkLength(kind Kind, src string) error {
	if len(src) <= MaxExpressionLength {
		return nil
	}
	if kind == KindUpdate || kind == KindProjection {
		return invalidf(kind, "Expression size has exceeded the maximum allowed size;")
	}
	return invalidf(kind, "Expression size has exceeded the maximum allowed size; expression size: %d", len(src))
}

// run calls parse and converts a syntax error panic, or the first deferred
// error, into the returned error.
func (p *parser) run(parse func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*syntaxError)
			if !ok {
				panic(r)
			}
			err = se.err
		}
	}()
	// DynamoDB's lexer runs over the whole text before the size check and
	// the parser: a character outside the language is reported even in an
	// over-long expression, a grammar error only in one within the limit.
	for i, t := range p.toks {
		if t.kind == tBad {
			p.failAt(i)
		}
	}
	if err := checkLength(p.kind, p.src); err != nil {
		return err
	}
	parse()
	order := conditionOrder
	switch p.kind {
	case KindUpdate:
		order = updateOrder
	case KindProjection:
		order = projectionOrder
	}
	for _, cat := range order {
		if msg := p.deferred[cat]; msg != "" {
			return invalidf(p.kind, "%s", msg)
		}
	}
	return nil
}

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) peekAt(i int) token {
	if i >= len(p.toks) {
		return p.toks[len(p.toks)-1]
	}
	return p.toks[i]
}
func (p *parser) next() token {
	t := p.toks[p.pos]
	if p.pos < len(p.toks)-1 {
		p.pos++
	}
	return t
}

// fail reports a syntax error at the current token, quoting the source
// from the previous token to the next one as DynamoDB does.
func (p *parser) fail() {
	p.failAt(p.pos)
}

func (p *parser) failAt(i int) {
	t := p.toks[i]
	from := 0
	if i > 0 {
		from = int(p.toks[i-1].start)
	}
	to := int(t.end)
	if i+1 < len(p.toks) {
		to = int(p.toks[i+1].end)
	}
	panic(&syntaxError{invalidf(p.kind, "Syntax error; token: \"%s\", near: \"%s\"", t.text, p.src[from:to])})
}

// deferErr records a non-syntax problem; the first of each category wins.
func (p *parser) deferErr(cat int, format string, args ...any) {
	if p.deferred[cat] == "" {
		if len(args) > 0 {
			p.deferred[cat] = fmt.Sprintf(format, args...)
		} else {
			p.deferred[cat] = format
		}
	}
}

func (p *parser) isPunct(s string) bool {
	t := p.toks[p.pos]
	return t.kind == tPunct && t.text == s
}

func (p *parser) expectPunct(s string) {
	if !p.isPunct(s) {
		p.fail()
	}
	p.next()
}

// isKeyword reports whether token t is the keyword kw (upper case).
func isKeyword(t token, kw string) bool { return t.kind == tIdent && equalFold(t.text, kw) }

func (p *parser) isKw(kw string) bool { return isKeyword(p.toks[p.pos], kw) }

// keyword reports whether t is one of the grammar's keywords, which can
// never be attribute names.
func (p *parser) keyword(t token) bool {
	if t.kind != tIdent {
		return false
	}
	for _, kw := range p.keywords {
		if equalFold(t.text, kw) {
			return true
		}
	}
	return false
}

// parsePath reads name ( "." name | "[" int "]" )*.
func (p *parser) parsePath() Path {
	path := Path{p.pathName()}
	for {
		switch {
		case p.isPunct("."):
			p.next()
			path = append(path, p.pathName())
		case p.isPunct("["):
			p.next()
			t := p.peek()
			if t.kind != tInt {
				p.fail()
			}
			n, err := strconv.Atoi(t.text)
			if err != nil || n > 1<<31-1 {
				p.fail()
			}
			p.next()
			p.expectPunct("]")
			path = append(path, PathElem{Kind: ElemIndex, Index: n})
		default:
			if len(path) > MaxPathDepth {
				p.deferErr(catLimits, "The document path has too many nesting levels; nesting levels: %d", len(path))
			}
			return path
		}
	}
}

func (p *parser) pathName() PathElem {
	t := p.peek()
	switch {
	case t.kind == tName:
		p.next()
		return PathElem{Kind: ElemPlaceholder, Name: t.text}
	case t.kind == tIdent && !p.keyword(t):
		p.next()
		if isReserved(t.text) {
			p.deferErr(catReserved, "Attribute name is a reserved keyword; reserved keyword: %s", t.text)
		}
		return PathElem{Kind: ElemName, Name: t.text}
	}
	p.fail()
	return PathElem{}
}

// parseArgs reads "(" operand ("," operand)* ")" with the given operand
// reader; the "(" is the current token.
func (p *parser) parseArgs(operand func() Operand) []Operand {
	p.expectPunct("(")
	args := []Operand{operand()}
	for p.isPunct(",") {
		p.next()
		args = append(args, operand())
	}
	p.expectPunct(")")
	return args
}

// redundantParens reports whether the "(" at i directly encloses another
// parenthesised group: "((x))".
func (p *parser) redundantParens(i int) bool {
	if !isPunctTok(p.peekAt(i+1), "(") {
		return false
	}
	c1, c2 := p.closing(i), p.closing(i+1)
	return c1 >= 0 && c2 >= 0 && c2+1 == c1
}

func isPunctTok(t token, s string) bool { return t.kind == tPunct && t.text == s }
