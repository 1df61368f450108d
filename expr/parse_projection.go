package expr

// ParseProjection parses a ProjectionExpression: comma-separated document
// paths. The result is unresolved: see Resolver.Projection.
func ParseProjection(text string) (*Projection, error) {
	if err := checkText(KindProjection, text); err != nil {
		return nil, err
	}
	p := newParser(KindProjection, text, nil)
	pr := &Projection{}
	err := p.run(func() {
		for {
			pr.Paths = append(pr.Paths, p.parsePath())
			if !p.isPunct(",") {
				break
			}
			p.next()
		}
		if p.peek().kind != tEOF {
			p.fail()
		}
	})
	if err != nil {
		return nil, err
	}
	return pr, nil
}
