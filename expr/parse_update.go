package expr

// Functions valid in update expressions and their operand counts.
var updateFunctions = map[string]int{
	"if_not_exists": 2,
	"list_append":   2,
}

// ParseUpdate parses an UpdateExpression. The result is unresolved: see
// Resolver.Update. Errors are ValidationExceptions with DynamoDB's messages.
func ParseUpdate(text string) (*Update, error) {
	if err := checkText(KindUpdate, text); err != nil {
		return nil, err
	}
	p := newParser(KindUpdate, text, updateKeywords)
	u := &Update{}
	err := p.run(func() {
		var seen [4]bool
		for first := true; first || p.peek().kind != tEOF; first = false {
			t := p.peek()
			op := UpdateOp(255)
			for i, kw := range updateKeywords {
				if isKeyword(t, kw) {
					op = UpdateOp(i)
				}
			}
			if op == 255 {
				p.fail()
			}
			p.next()
			if seen[op] {
				p.deferErr(catSection, "The \"%s\" section can only be used once in an update expression;", op.String())
			}
			seen[op] = true
			for {
				u.Actions = append(u.Actions, p.parseAction(op))
				if !p.isPunct(",") {
					break
				}
				p.next()
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

func (p *parser) parseAction(op UpdateOp) UpdateAction {
	a := UpdateAction{Op: op, Path: p.parsePath()}
	switch op {
	case UpdateSet:
		p.expectPunct("=")
		a.Value = p.parseSetValue()
	case UpdateAdd, UpdateDelete:
		t := p.peek()
		if t.kind != tValue {
			p.fail()
		}
		p.next()
		a.Value = &ValueRef{Name: t.text}
	}
	return a
}

// parseSetValue reads the right side of a SET action: an operand, or
// operand + operand, or operand - operand, optionally in parentheses.
func (p *parser) parseSetValue() Operand {
	if p.isPunct("(") {
		close := p.closing(p.pos)
		after := p.peekAt(close + 1)
		if close >= 0 && !isPunctTok(after, "+") && !isPunctTok(after, "-") {
			p.next()
			v := p.parseArith()
			p.expectPunct(")")
			return v
		}
	}
	return p.parseArith()
}

func (p *parser) parseArith() Operand {
	x := p.parseUpdateOperand()
	if p.isPunct("+") || p.isPunct("-") {
		op := p.next().text[0]
		y := p.parseUpdateOperand()
		for _, o := range []Operand{x, y} {
			if c, ok := o.(*Call); ok && c.Name == "list_append" {
				p.deferErr(catMisusedFunction, "The function is not allowed to be used this way in an expression; function: list_append")
			}
		}
		return &Arith{Op: op, L: x, R: y}
	}
	return x
}

func (p *parser) parseUpdateOperand() Operand {
	t := p.peek()
	switch t.kind {
	case tPunct:
		if t.text == "(" {
			p.next()
			o := p.parseUpdateOperand()
			p.expectPunct(")")
			return o
		}
	case tValue:
		p.next()
		return &ValueRef{Name: t.text}
	case tIdent:
		if isPunctTok(p.peekAt(p.pos+1), "(") && !p.keyword(t) {
			p.next()
			if _, ok := updateFunctions[t.text]; !ok {
				if _, ok := conditionFunctions[t.text]; ok {
					p.deferErr(catUnknownFunction, "The function is not allowed in an update expression; function: %s", t.text)
				} else {
					p.deferErr(catUnknownFunction, "Invalid function name; function: %s", t.text)
				}
			}
			return &Call{Name: t.text, Args: p.parseArgs(p.parseUpdateOperand)}
		}
		return p.parsePath()
	case tName:
		return p.parsePath()
	}
	p.fail()
	return nil
}
