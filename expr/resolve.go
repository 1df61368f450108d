package expr

import (
	"sort"
	"strconv"
	"strings"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// Params are a request's ExpressionAttributeNames and
// ExpressionAttributeValues. They are shared by every expression of the
// request (condition, filter, key condition, update, projection).
type Params struct {
	Names  map[string]string
	Values map[string]attr.Value
}

// Validate checks the maps themselves, as DynamoDB does before looking at
// any expression: not empty when given, well-formed keys, valid values.
func (p Params) Validate() error {
	if p.Names != nil && len(p.Names) == 0 {
		return apierr.New(apierr.Validation, "ExpressionAttributeNames must not be empty")
	}
	names := sortedKeys(p.Names)
	for _, k := range names {
		if !validPlaceholder(k, '#') {
			return apierr.Validationf("ExpressionAttributeNames contains invalid key: Syntax error; key: \"%s\"", k)
		}
	}
	for _, k := range names {
		if p.Names[k] == "" {
			return apierr.Validationf("ExpressionAttributeNames contains invalid value: Empty attribute name for key %s", k)
		}
	}
	if p.Values != nil && len(p.Values) == 0 {
		return apierr.New(apierr.Validation, "ExpressionAttributeValues must not be empty")
	}
	keys := sortedKeys(p.Values)
	for _, k := range keys {
		if !validPlaceholder(k, ':') {
			return apierr.Validationf("ExpressionAttributeValues contains invalid key: Syntax error; key: \"%s\"", k)
		}
	}
	for _, k := range keys {
		if err := attr.Validate(p.Values[k]); err != nil {
			msg := err.Error()
			if e, ok := err.(*apierr.Error); ok {
				msg = e.Message
			}
			return apierr.Validationf("ExpressionAttributeValues contains invalid value: %s for key %s", msg, k)
		}
	}
	return nil
}

func validPlaceholder(k string, prefix byte) bool {
	if len(k) < 2 || k[0] != prefix {
		return false
	}
	for i := 1; i < len(k); i++ {
		if !isWord(k[i]) {
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Resolver substitutes a request's names and values into parsed
// expressions, checks what DynamoDB checks once names and values are known
// (undefined placeholders, operand counts and types, overlapping paths), and
// tracks which names and values the request's expressions used. Use one
// Resolver per request and call Unused after resolving every expression.
// A Resolver is not safe for concurrent use.
type Resolver struct {
	p          Params
	usedNames  map[string]bool
	usedValues map[string]bool
}

// NewResolver returns a Resolver for one request's parameters.
func NewResolver(p Params) *Resolver {
	return &Resolver{p: p, usedNames: map[string]bool{}, usedValues: map[string]bool{}}
}

// Unused returns DynamoDB's error for names or values that no expression of
// the request used, or nil. Keys are listed sorted.
func (r *Resolver) Unused() error {
	if r.allUsed() {
		return nil
	}
	var names, values []string
	for _, k := range sortedKeys(r.p.Names) {
		if !r.usedNames[k] {
			names = append(names, k)
		}
	}
	if len(names) > 0 {
		return apierr.Validationf("Value provided in ExpressionAttributeNames unused in expressions: keys: {%s}", strings.Join(names, ", "))
	}
	for _, k := range sortedKeys(r.p.Values) {
		if !r.usedValues[k] {
			values = append(values, k)
		}
	}
	if len(values) > 0 {
		return apierr.Validationf("Value provided in ExpressionAttributeValues unused in expressions: keys: {%s}", strings.Join(values, ", "))
	}
	return nil
}

// allUsed is the common case of Unused, without sorting or allocating.
func (r *Resolver) allUsed() bool {
	for k := range r.p.Names {
		if !r.usedNames[k] {
			return false
		}
	}
	for k := range r.p.Values {
		if !r.usedValues[k] {
			return false
		}
	}
	return true
}

// checks collects the first problem of each category DynamoDB reports
// after parsing, so that the caller can return them in DynamoDB's order.
type checks struct {
	undefined  string // first undefined name or value (conditions)
	undefName  string // first undefined name (updates)
	undefValue string // first undefined value (updates)
	operand    string // wrong operand count (conditions)
	distinct   string
	function   string
	overlap    string
	conflict   string
	updOperand string // ADD/DELETE operand type (updates)
}

func setFirst(dst *string, msg string) {
	if *dst == "" {
		*dst = msg
	}
}

func (r *Resolver) path(p Path, ck *checks) Path {
	var out Path
	for i, e := range p {
		if e.Kind != ElemPlaceholder {
			continue
		}
		name, ok := r.p.Names[e.Name]
		if !ok {
			msg := "An expression attribute name used in the document path is not defined; attribute name: " + e.Name
			setFirst(&ck.undefined, msg)
			setFirst(&ck.undefName, msg)
			continue
		}
		r.usedNames[e.Name] = true
		if out == nil {
			out = make(Path, len(p))
			copy(out, p)
		}
		out[i] = PathElem{Kind: ElemName, Name: name}
	}
	if out == nil {
		return p
	}
	return out
}

func (r *Resolver) value(v *ValueRef, ck *checks) *ValueRef {
	val, ok := r.p.Values[v.Name]
	if !ok {
		msg := "An expression attribute value used in expression is not defined; attribute value: " + v.Name
		setFirst(&ck.undefined, msg)
		setFirst(&ck.undefValue, msg)
		return v
	}
	r.usedValues[v.Name] = true
	return &ValueRef{Name: v.Name, Value: val}
}

// operand resolves o; update says which function rules apply.
func (r *Resolver) operand(o Operand, ck *checks, update bool) Operand {
	switch o := o.(type) {
	case Path:
		return r.path(o, ck)
	case *ValueRef:
		return r.value(o, ck)
	case *Call:
		args := make([]Operand, len(o.Args))
		for i, a := range o.Args {
			args[i] = r.operand(a, ck, update)
		}
		c := &Call{Name: o.Name, Args: args}
		if update {
			checkUpdateCall(c, ck)
		} else {
			checkConditionCall(c, ck)
		}
		return c
	case *Arith:
		a := &Arith{Op: o.Op, L: r.operand(o.L, ck, update), R: r.operand(o.R, ck, update)}
		for _, x := range []Operand{a.L, a.R} {
			if t, ok := immediateType(x); ok && t != attr.TypeN {
				setFirst(&ck.function, "Incorrect operand type for operator or function; operator or function: "+string(a.Op)+", operand type: "+t.String())
			}
		}
		return a
	}
	return o
}

// immediateType is the type of a :value operand.
func immediateType(o Operand) (attr.Type, bool) {
	if v, ok := o.(*ValueRef); ok && !v.Value.IsZero() {
		return v.Value.Type(), true
	}
	return 0, false
}

// staticType is the type an operand is known to have before evaluation:
// that of a :value, N for size(), BOOL for other functions.
func staticType(o Operand) (attr.Type, bool) {
	switch o := o.(type) {
	case *ValueRef:
		return immediateType(o)
	case *Call:
		if o.Name == "size" {
			return attr.TypeN, true
		}
		return attr.TypeBOOL, true
	}
	return 0, false
}

func checkDistinct(op string, a, b Operand, ck *checks) {
	pa, ok1 := a.(Path)
	pb, ok2 := b.(Path)
	if ok1 && ok2 && pa.Equal(pb) {
		setFirst(&ck.distinct, "The first operand must be distinct from the remaining operands for this operator or function; operator: "+op+", first operand: "+pathList(pa))
	}
}

var validTypeNames = map[string]bool{"S": true, "N": true, "B": true, "NULL": true, "SS": true, "BOOL": true, "L": true, "BS": true, "NS": true, "M": true}

func checkConditionCall(c *Call, ck *checks) {
	want := conditionFunctions[c.Name]
	if len(c.Args) != want {
		setFirst(&ck.operand, "Incorrect number of operands for operator or function; operator or function: "+c.Name+", number of operands: "+itoa(len(c.Args)))
		return
	}
	if want == 2 {
		checkDistinct(c.Name, c.Args[0], c.Args[1], ck)
	}
	badType := func(t string) {
		setFirst(&ck.function, "Incorrect operand type for operator or function; operator or function: "+c.Name+", operand type: "+t)
	}
	switch c.Name {
	case "attribute_exists", "attribute_not_exists":
		if _, ok := c.Args[0].(Path); !ok {
			setFirst(&ck.function, "Operator or function requires a document path; operator or function: "+c.Name)
		}
	case "begins_with":
		for _, a := range c.Args {
			if t, ok := staticType(a); ok && t != attr.TypeS && t != attr.TypeB {
				badType(t.String())
				return
			}
		}
	case "attribute_type":
		t, ok := staticType(c.Args[1])
		if !ok {
			badType("{NS,SS,L,BS,N,M,B,BOOL,NULL,S}")
			return
		}
		if t != attr.TypeS {
			badType(t.String())
			return
		}
		if name := c.Args[1].(*ValueRef).Value.Str(); !validTypeNames[name] {
			setFirst(&ck.function, "Invalid attribute type name found; type: "+name+", valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}")
		}
	case "size":
		if t, ok := staticType(c.Args[0]); ok && (t == attr.TypeN || t == attr.TypeBOOL || t == attr.TypeNULL) {
			badType(t.String())
		}
	}
}

func checkUpdateCall(c *Call, ck *checks) {
	want := updateFunctions[c.Name]
	if len(c.Args) != want {
		setFirst(&ck.function, "Incorrect number of operands for operator or function; operator or function: "+c.Name+", number of operands: "+itoa(len(c.Args)))
		return
	}
	switch c.Name {
	case "if_not_exists":
		if _, ok := c.Args[0].(Path); !ok {
			setFirst(&ck.function, "Operator or function requires a document path; operator or function: if_not_exists")
		}
	case "list_append":
		for _, a := range c.Args {
			if t, ok := immediateType(a); ok && t != attr.TypeL {
				setFirst(&ck.function, "Incorrect operand type for operator or function; operator or function: list_append, operand type: "+t.String())
				return
			}
		}
	}
}

// Condition resolves a parsed condition, filter or key condition. The
// result is a new tree; c is not modified.
func (r *Resolver) Condition(kind Kind, c Cond) (Cond, error) {
	out, msg := r.cond(c)
	if msg != "" {
		return nil, invalidf(kind, "%s", msg)
	}
	return out, nil
}

func (r *Resolver) cond(c Cond) (Cond, string) {
	switch c := c.(type) {
	case *And:
		terms, msg := r.terms(c.Terms)
		return &And{Terms: terms}, msg
	case *Or:
		terms, msg := r.terms(c.Terms)
		return &Or{Terms: terms}, msg
	case *Not:
		x, msg := r.cond(c.X)
		return &Not{X: x}, msg
	}
	var ck checks
	var out Cond
	switch c := c.(type) {
	case *Compare:
		n := &Compare{Op: c.Op, L: r.operand(c.L, &ck, false), R: r.operand(c.R, &ck, false)}
		checkDistinct(c.Op.String(), n.L, n.R, &ck)
		if c.Op != OpEQ && c.Op != OpNE {
			checkScalar(c.Op.String(), &ck, n.L, n.R)
		}
		out = n
	case *Between:
		n := &Between{X: r.operand(c.X, &ck, false), Lo: r.operand(c.Lo, &ck, false), Hi: r.operand(c.Hi, &ck, false)}
		checkDistinct("BETWEEN", n.X, n.Lo, &ck)
		checkDistinct("BETWEEN", n.X, n.Hi, &ck)
		checkBetween(n, &ck)
		out = n
	case *In:
		n := &In{X: r.operand(c.X, &ck, false), List: make([]Operand, len(c.List))}
		for i, o := range c.List {
			n.List[i] = r.operand(o, &ck, false)
			checkDistinct("IN", n.X, n.List[i], &ck)
		}
		out = n
	case *Call:
		out = r.operand(c, &ck, false).(*Call)
	}
	for _, msg := range []string{ck.undefined, ck.operand, ck.distinct, ck.function} {
		if msg != "" {
			return nil, msg
		}
	}
	return out, ""
}

func (r *Resolver) terms(in []Cond) ([]Cond, string) {
	out := make([]Cond, len(in))
	for i, t := range in {
		var msg string
		out[i], msg = r.cond(t)
		if msg != "" {
			return nil, msg
		}
	}
	return out, ""
}

// checkScalar requires operands of an ordering operator to be S, N or B
// when their type is known before evaluation.
func checkScalar(op string, ck *checks, ops ...Operand) bool {
	for _, o := range ops {
		if t, ok := staticType(o); ok && t != attr.TypeS && t != attr.TypeN && t != attr.TypeB {
			setFirst(&ck.function, "Incorrect operand type for operator or function; operator or function: "+op+", operand type: "+t.String())
			return false
		}
	}
	return true
}

func checkBetween(b *Between, ck *checks) {
	if !checkScalar("BETWEEN", ck, b.X, b.Lo, b.Hi) {
		return
	}
	lo, ok1 := b.Lo.(*ValueRef)
	hi, ok2 := b.Hi.(*ValueRef)
	if !ok1 || !ok2 || lo.Value.IsZero() || hi.Value.IsZero() {
		return
	}
	bounds := "lower bound operand: AttributeValue: {" + avText(lo.Value) + "}, upper bound operand: AttributeValue: {" + avText(hi.Value) + "}"
	if lo.Value.Type() != hi.Value.Type() {
		setFirst(&ck.function, "The BETWEEN operator requires same data type for lower and upper bounds; "+bounds)
		return
	}
	if c, ok := attr.Compare(lo.Value, hi.Value); ok && c > 0 {
		setFirst(&ck.function, "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "+bounds)
	}
}

// avText renders a value as DynamoDB's messages do: "N:1", "S:abc".
func avText(v attr.Value) string {
	t := v.Type()
	switch t {
	case attr.TypeS, attr.TypeN:
		return t.String() + ":" + v.Str()
	case attr.TypeB:
		// DynamoDB's Java model prints a binary as its ByteBuffer (DynamoDB
		// Local; found by tools/difftest).
		n := strconv.Itoa(len(v.Bytes()))
		return "B:java.nio.HeapByteBuffer[pos=0 lim=" + n + " cap=" + n + "]"
	case attr.TypeBOOL:
		if v.Bool() {
			return "BOOL:true"
		}
		return "BOOL:false"
	case attr.TypeNULL:
		return "NULL:true"
	}
	return t.String() + ":" + v.String()
}

// Update resolves a parsed update expression.
func (r *Resolver) Update(u *Update) (*Update, error) {
	var ck checks
	out := &Update{Actions: make([]UpdateAction, len(u.Actions))}
	paths := make([]Path, 0, len(u.Actions))
	// An operand error of a function or operator (`+`, `-`, list_append,
	// if_not_exists) is reported for the last SET action that has one
	// (DynamoDB Local; found by tools/difftest: "SET a = :b - :m, n = :s -
	// :b2" names the S operand).
	lastFunction := ""
	for i, a := range u.Actions {
		n := UpdateAction{Op: a.Op, Path: r.path(a.Path, &ck)}
		if a.Value != nil {
			outer := ck.function
			ck.function = ""
			n.Value = r.operand(a.Value, &ck, true)
			if ck.function != "" {
				lastFunction = ck.function
			}
			ck.function = outer
		}
		if a.Op == UpdateAdd || a.Op == UpdateDelete {
			if t, ok := immediateType(n.Value); ok && !t.IsSet() && !(a.Op == UpdateAdd && t == attr.TypeN) {
				setFirst(&ck.updOperand, "Incorrect operand type for operator or function; operator: "+a.Op.String()+", operand type: "+longTypeName[t]+", typeSet: ALLOWED_FOR_"+a.Op.String()+"_OPERAND")
			}
		}
		out.Actions[i] = n
		paths = append(paths, n.Path)
	}
	if lastFunction != "" {
		ck.function = lastFunction
	}
	checkOverlaps(paths, &ck)
	for _, msg := range []string{ck.undefName, ck.undefValue, ck.overlap, ck.conflict, ck.updOperand, ck.function} {
		if msg != "" {
			return nil, invalidf(KindUpdate, "%s", msg)
		}
	}
	return out, nil
}

var longTypeName = map[attr.Type]string{attr.TypeS: "STRING", attr.TypeN: "NUMBER", attr.TypeB: "BINARY",
	attr.TypeNULL: "NULL", attr.TypeBOOL: "BOOLEAN", attr.TypeL: "LIST", attr.TypeM: "MAP"}

// checkOverlaps finds overlapping paths (one is a prefix of the other) and
// conflicting ones (one indexes a list where the other names a map member)
// as DynamoDB Local does: it takes each path in the order of localOrder
// (the top-level names' HashMap buckets, highest first, the later path
// first within a bucket) and compares it with the paths written after it,
// in the order written, stopping at a conflict. The first path found to
// overlap is path one, and path two is the first of the paths written after
// it in localOrder, whether or not it is the overlapping one
// ("b, b.a[2], m" → [b], [m]; "a, c, a" → [a], [c]); a conflict names the
// conflicting pair. Fitted to 40 projections and updates of three paths
// (found by tools/difftest).
func checkOverlaps(paths []Path, ck *checks) {
	order := localOrder(paths)
	for _, i := range order {
		p1 := paths[i]
	next:
		for _, p2 := range paths[i+1:] {
			for x := 0; x < len(p1) && x < len(p2); x++ {
				if (p1[x].Kind == ElemIndex) != (p2[x].Kind == ElemIndex) {
					setFirst(&ck.conflict, "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: "+pathList(p1)+", path two: "+pathList(p2))
					break next
				}
				if p1[x] != p2[x] {
					continue next
				}
			}
			two := -1
			for _, j := range order {
				if j > i {
					two = j
					break
				}
			}
			ck.overlap = "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: " + pathList(p1) + ", path two: " + pathList(paths[two])
			return
		}
	}
}

// Projection resolves a parsed projection expression.
func (r *Resolver) Projection(p *Projection) (*Projection, error) {
	var ck checks
	out := &Projection{Paths: make([]Path, len(p.Paths))}
	for i, q := range p.Paths {
		out.Paths[i] = r.path(q, &ck)
	}
	if ck.undefined == "" {
		checkOverlaps(out.Paths, &ck)
	}
	for _, msg := range []string{ck.undefined, ck.overlap, ck.conflict} {
		if msg != "" {
			return nil, invalidf(KindProjection, "%s", msg)
		}
	}
	return out, nil
}
