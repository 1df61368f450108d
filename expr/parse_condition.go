package expr

// Functions valid in conditions and their operand counts.
var conditionFunctions = map[string]int{
	"attribute_exists":     1,
	"attribute_not_exists": 1,
	"attribute_type":       2,
	"begins_with":          2,
	"contains":             2,
	"size":                 1,
}

// ParseCondition parses a ConditionExpression, FilterExpression or
// KeyConditionExpression (kind says which, for error messages). The result
// is unresolved: see Resolver.Condition. Errors are ValidationExceptions
// with DynamoDB's messages.
//
// Precedence follows DynamoDB: comparisons, BETWEEN, IN and functions bind
// tightest, then NOT, then AND, then OR.
func ParseCondition(kind Kind, text string) (Cond, error) {
	if err := checkText(kind, text); err != nil {
		return nil, err
	}
	p := newParser(kind, text, conditionKeywords)
	var c Cond
	err := p.run(func() {
		c = p.parseOr()
		if p.peek().kind != tEOF {
			p.fail()
		}
		if p.ops > MaxOperators {
			p.deferErr(catLimits, "The expression contains too many operators; operator count: %d", p.ops)
		}
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (p *parser) parseOr() Cond {
	first := p.parseAnd()
	if !p.isKw("OR") {
		return first
	}
	terms := appendFlat(nil, first, true)
	for p.isKw("OR") {
		p.next()
		p.ops++
		terms = appendFlat(terms, p.parseAnd(), true)
	}
	return &Or{Terms: terms}
}

func (p *parser) parseAnd() Cond {
	first := p.parseNot()
	if !p.isKw("AND") {
		return first
	}
	terms := appendFlat(nil, first, false)
	for p.isKw("AND") {
		p.next()
		p.ops++
		terms = appendFlat(terms, p.parseNot(), false)
	}
	return &And{Terms: terms}
}

// appendFlat appends c to terms, splicing in the terms of a nested Or (or
// And) so that the tree has one canonical shape whatever the parentheses.
func appendFlat(terms []Cond, c Cond, or bool) []Cond {
	if or {
		if o, ok := c.(*Or); ok {
			return append(terms, o.Terms...)
		}
	} else if a, ok := c.(*And); ok {
		return append(terms, a.Terms...)
	}
	return append(terms, c)
}

func (p *parser) parseNot() Cond {
	if p.isKw("NOT") {
		p.next()
		p.ops++
		return &Not{X: p.parseNot()}
	}
	return p.parsePrimary()
}

// parsePrimary reads a parenthesised condition or a single comparison,
// BETWEEN, IN or function. A "(" starts an operand rather than a condition
// when its matching ")" is followed by a comparator, BETWEEN or IN.
func (p *parser) parsePrimary() Cond {
	if p.isPunct("(") {
		open := p.pos
		close := p.closing(open)
		if close < 0 || !p.comparisonFollows(close+1) {
			if p.redundantParens(open) {
				p.deferErr(catParens, "The expression has redundant parentheses;")
			}
			p.next()
			c := p.parseOr()
			p.expectPunct(")")
			return c
		}
	}
	return p.parseComparison()
}

func (p *parser) checkMisusedSize(c Cond) {
	if call, ok := c.(*Call); ok && call.Name == "size" {
		p.deferErr(catMisusedFunction, "The function is not allowed to be used this way in an expression; function: size")
	}
}

func (p *parser) comparisonFollows(i int) bool {
	t := p.peekAt(i)
	if t.kind == tPunct {
		switch t.text {
		case "=", "<>", "<", "<=", ">", ">=":
			return true
		}
		return false
	}
	return isKeyword(t, "BETWEEN") || isKeyword(t, "IN")
}

var comparators = map[string]CompareOp{"=": OpEQ, "<>": OpNE, "<": OpLT, "<=": OpLE, ">": OpGT, ">=": OpGE}

func (p *parser) parseComparison() Cond {
	x := p.parseCondOperand()
	t := p.peek()
	if t.kind == tPunct {
		if op, ok := comparators[t.text]; ok {
			p.next()
			p.ops++
			y := p.parseCondOperand()
			p.checkMisused(x, y)
			return &Compare{Op: op, L: x, R: y}
		}
	}
	switch {
	case isKeyword(t, "BETWEEN"):
		p.next()
		p.ops++
		lo := p.parseCondOperand()
		if !p.isKw("AND") {
			p.fail()
		}
		p.next()
		hi := p.parseCondOperand()
		p.checkMisused(x, lo, hi)
		return &Between{X: x, Lo: lo, Hi: hi}
	case isKeyword(t, "IN"):
		p.next()
		p.ops++
		list := p.parseArgs(p.parseCondOperand)
		p.checkMisused(x)
		p.checkMisused(list...)
		if len(list) > MaxInOperands {
			p.deferErr(catLimits, "The IN operator is provided with too many operands; number of operands: %d", len(list))
		}
		return &In{X: x, List: list}
	}
	if call, ok := x.(*Call); ok {
		p.checkMisusedSize(call)
		return call
	}
	p.fail()
	return nil
}

// checkMisused flags functions other than size used as operands.
func (p *parser) checkMisused(ops ...Operand) {
	for _, o := range ops {
		if c, ok := o.(*Call); ok && c.Name != "size" {
			p.deferErr(catMisusedFunction, "The function is not allowed to be used this way in an expression; function: %s", c.Name)
		}
	}
}

// parseCondOperand reads a path, a :value, a function call or a
// parenthesised operand.
func (p *parser) parseCondOperand() Operand {
	t := p.peek()
	switch t.kind {
	case tPunct:
		if t.text == "(" {
			if p.redundantParens(p.pos) {
				p.deferErr(catParens, "The expression has redundant parentheses;")
			}
			p.next()
			o := p.parseCondOperand()
			p.expectPunct(")")
			return o
		}
	case tValue:
		p.next()
		return &ValueRef{Name: t.text}
	case tIdent:
		if isPunctTok(p.peekAt(p.pos+1), "(") && !p.keyword(t) {
			p.next()
			if _, ok := conditionFunctions[t.text]; !ok {
				if _, ok := updateFunctions[t.text]; ok {
					p.deferErr(catUnknownFunction, "The function is not allowed in a condition expression; function: %s", t.text)
				} else {
					p.deferErr(catUnknownFunction, "Invalid function name; function: %s", t.text)
				}
			}
			p.ops++
			args := p.parseArgs(p.parseCondOperand)
			p.checkMisused(args...)
			return &Call{Name: t.text, Args: args}
		}
		return p.parsePath()
	case tName:
		return p.parsePath()
	}
	p.fail()
	return nil
}
