package attr

// Set and list helpers for update expressions (ADD, DELETE) and the
// contains() function. They never modify their arguments.

// SetUnion returns the members of a followed by the members of b that a
// lacks (UpdateExpression ADD on a set). a and b must be sets of the same
// type; NS members compare numerically.
func SetUnion(a, b Value) Value {
	out := make([]string, len(a.set), len(a.set)+len(b.set))
	copy(out, a.set)
	has := memberIndex(a.t, a.set, len(b.set))
	for _, m := range b.set {
		if !has(m) {
			out = append(out, m)
		}
	}
	return Value{t: a.t, set: out}
}

// SetDifference returns the members of a that are not in b (UpdateExpression
// DELETE). empty is true when nothing remains, in which case DynamoDB
// removes the attribute (a set cannot be empty).
func SetDifference(a, b Value) (v Value, empty bool) {
	out := make([]string, 0, len(a.set))
	has := memberIndex(a.t, b.set, len(a.set))
	for _, m := range a.set {
		if !has(m) {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return Value{}, true
	}
	return Value{t: a.t, set: out}, false
}

// memberIndex returns a membership test for set that will be asked probes
// times: a linear scan for small work, a hash index otherwise (canonical NS
// members have one text per number, so string keys are exact).
func memberIndex(t Type, set []string, probes int) func(string) bool {
	if len(set)*probes <= 256 {
		return func(m string) bool { return setHas(t, set, m) }
	}
	idx := make(map[string]struct{}, len(set))
	for _, m := range set {
		idx[m] = struct{}{}
	}
	return func(m string) bool {
		_, ok := idx[m]
		return ok
	}
}

// SetContains reports whether set (an SS, NS or BS) has member, a scalar of
// the set's element type (S for SS, N for NS, B for BS).
func SetContains(set Value, member Value) bool {
	if set.t != elemSetType(member.t) {
		return false
	}
	return setHas(set.t, set.set, member.s)
}

// ListContains reports whether list (an L) has an element Equal to v.
func ListContains(list Value, v Value) bool {
	if list.t != TypeL {
		return false
	}
	for _, e := range list.list {
		if Equal(e, v) {
			return true
		}
	}
	return false
}

// elemSetType returns the set type whose members have scalar type t
// (TypeSS for TypeS, ...), or TypeInvalid.
func elemSetType(t Type) Type {
	switch t {
	case TypeS:
		return TypeSS
	case TypeN:
		return TypeNS
	case TypeB:
		return TypeBS
	}
	return TypeInvalid
}

// SetElemType returns the scalar type of a set type's members (TypeS for
// TypeSS, ...), or TypeInvalid when t is not a set type.
func SetElemType(t Type) Type {
	switch t {
	case TypeSS:
		return TypeS
	case TypeNS:
		return TypeN
	case TypeBS:
		return TypeB
	}
	return TypeInvalid
}
