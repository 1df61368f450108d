package kvs

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/schema"
)

// The store level of the Go API: a Store is a table seen through its key
// schema, read and written with Go values. Every method calls the
// DynamoDB-level methods of DB, so requests are validated once, with
// DynamoDB's codes and messages, and errors are *apierr.Error values (match
// them with errors.As). Go values are converted with attr.MarshalItem and
// attr.UnmarshalItem (`dynamodbav` struct tags); an attr.Item is used as is.
// Errors converting Go values are plain errors prefixed "kvs:" or "attr:".

// AttrType is the scalar type of a key attribute.
type AttrType string

// Key attribute types. The zero AttrType means String.
const (
	String AttrType = schema.TypeS
	Number AttrType = schema.TypeN
	Binary AttrType = schema.TypeB
)

// KeyAttr names a key attribute and its type (String when Type is empty).
type KeyAttr struct {
	Name string
	Type AttrType
}

func (k KeyAttr) typ() string {
	if k.Type == "" {
		return string(String)
	}
	return string(k.Type)
}

// IndexDef defines a secondary index of a store.
type IndexDef struct {
	Name string
	// PartitionKey is the index's partition key. For a Local index it may be
	// left empty: a local index always shares the table's partition key.
	PartitionKey KeyAttr
	// SortKey is optional for global indexes (empty Name: none) and required
	// for local ones.
	SortKey KeyAttr
	// Local makes a local secondary index (created with the table only);
	// otherwise the index is global.
	Local bool
	// Projection is the attributes copied into the index; the zero value
	// means all of them (see ProjectKeysOnly and ProjectInclude).
	Projection Projection
}

// ProjectKeysOnly is the projection of the table and index keys only.
func ProjectKeysOnly() Projection { return Projection{ProjectionType: schema.ProjectKeysOnly} }

// ProjectInclude is the projection of the keys and the named attributes.
func ProjectInclude(attrs ...string) Projection {
	return Projection{ProjectionType: schema.ProjectInclude, NonKeyAttributes: slices.Clone(attrs)}
}

// SSESpecification is a table's requested encryption setting.
type SSESpecification = schema.SSESpecification

// StoreDef defines a store: a table with its key schema, indexes and
// settings. DefineStore turns it into CreateTable and UpdateTimeToLive.
type StoreDef struct {
	Name         string
	PartitionKey KeyAttr
	SortKey      KeyAttr // empty Name: no sort key
	Indexes      []IndexDef
	// TTLAttribute, when set, enables time to live on that attribute: items
	// whose value there is a number of epoch seconds in the past expire.
	TTLAttribute string
	// BillingMode is PAY_PER_REQUEST (the default) or PROVISIONED, which
	// needs Throughput (used for the table and every global index).
	BillingMode string
	Throughput  *ProvisionedThroughput
	// Encryption is the SSESpecification; nil keeps the default key.
	Encryption *SSESpecification
}

// Store is one table seen through its key schema. It is a small handle,
// safe for concurrent use; the key schema is looked up (and cached by the DB)
// on each call, so a Store can be made before its table exists.
type Store struct {
	db   *DB
	name string
	ti   atomic.Pointer[storeTable] // see Store.table
}

// Store returns the store for an existing table (or one that will exist):
// no I/O happens until a method is called.
func (db *DB) Store(name string) *Store { return &Store{db: db, name: name} }

// Name returns the store's table name.
func (s *Store) Name() string { return s.name }

// DB returns the database the store belongs to.
func (s *Store) DB() *DB { return s.db }

// DefinitionMismatchError is what DefineStore returns when the table exists
// with a different definition. It wraps a ValidationException, so both
// errors.As(err, &*DefinitionMismatchError) and errors.As(err, &*apierr.Error)
// match it.
type DefinitionMismatchError struct {
	Store string
	// Diffs describes each difference, as "what: existing X, defined Y".
	Diffs []string
	Err   *apierr.Error
}

func (e *DefinitionMismatchError) Error() string { return e.Err.Error() }

// Unwrap returns the ValidationException.
func (e *DefinitionMismatchError) Unwrap() error { return e.Err }

// DefineStore creates the store's table (and its TTL setting) and returns
// the Store. If the table exists with the same definition it is a no-op; if
// it exists with a different key schema, index set, billing mode,
// encryption or TTL attribute it returns a *DefinitionMismatchError
// (wrapping a ValidationException) and changes nothing. An invalid
// definition is CreateTable's ValidationException.
func (db *DB) DefineStore(ctx context.Context, def StoreDef) (*Store, error) {
	td := def.tableDefinition()
	_, err := db.CreateTable(ctx, td)
	if err != nil && !apierr.Is(err, apierr.ResourceInUse) {
		return nil, err
	}
	if err != nil {
		out, derr := db.DescribeTable(ctx, &DescribeTableInput{TableName: def.Name})
		if derr != nil {
			return nil, derr
		}
		diffs := diffDefinitions(canonicalDef(td), canonicalDesc(out.Table))
		ttl, derr := db.DescribeTimeToLive(ctx, &DescribeTimeToLiveInput{TableName: def.Name})
		if derr != nil {
			return nil, derr
		}
		cur := ttl.TimeToLiveDescription
		enabled := cur.TimeToLiveStatus == "ENABLED" || cur.TimeToLiveStatus == "ENABLING"
		switch {
		case enabled && cur.AttributeName != def.TTLAttribute:
			diffs = append(diffs, fmt.Sprintf("TTL attribute: existing %q, defined %q", cur.AttributeName, def.TTLAttribute))
		case !enabled && def.TTLAttribute != "" && len(diffs) == 0:
			// A crash between CreateTable and UpdateTimeToLive: finish the job.
			if err := db.enableTTL(ctx, def); err != nil {
				return nil, err
			}
		}
		if len(diffs) > 0 {
			return nil, &DefinitionMismatchError{Store: def.Name, Diffs: diffs, Err: apierr.Validationf(
				"kvs: store %s exists with a different definition: %s", def.Name, strings.Join(diffs, "; "))}
		}
		return db.Store(def.Name), nil
	}
	if def.TTLAttribute != "" {
		if err := db.enableTTL(ctx, def); err != nil {
			return nil, err
		}
	}
	return db.Store(def.Name), nil
}

func (db *DB) enableTTL(ctx context.Context, def StoreDef) error {
	_, err := db.UpdateTimeToLive(ctx, &UpdateTimeToLiveInput{TableName: def.Name,
		TimeToLiveSpecification: schema.TimeToLiveSpecification{AttributeName: def.TTLAttribute, Enabled: true}})
	return err
}

// tableDefinition translates a StoreDef into CreateTable's input.
func (def StoreDef) tableDefinition() *TableDefinition {
	td := &TableDefinition{TableName: def.Name, BillingMode: def.BillingMode, SSESpecification: def.Encryption}
	if td.BillingMode == "" {
		td.BillingMode = schema.BillingPayPerRequest
	}
	if td.BillingMode == schema.BillingProvisioned && def.Throughput != nil {
		pt := *def.Throughput
		td.ProvisionedThroughput = &pt
	}
	types := map[string]string{}
	var order []string
	define := func(k KeyAttr) {
		if _, ok := types[k.Name]; !ok {
			order = append(order, k.Name)
		}
		types[k.Name] = k.typ()
	}
	keySchema := func(pk, sk KeyAttr) []KeySchemaElement {
		define(pk)
		ks := []KeySchemaElement{{AttributeName: pk.Name, KeyType: schema.KeyTypeHash}}
		if sk.Name != "" {
			define(sk)
			ks = append(ks, KeySchemaElement{AttributeName: sk.Name, KeyType: schema.KeyTypeRange})
		}
		return ks
	}
	td.KeySchema = keySchema(def.PartitionKey, def.SortKey)
	for _, ix := range def.Indexes {
		p := ix.Projection
		if p.ProjectionType == "" {
			p.ProjectionType = schema.ProjectAll
		}
		if ix.Local {
			pk := ix.PartitionKey
			if pk.Name == "" {
				pk = def.PartitionKey
			}
			td.LocalSecondaryIndexes = append(td.LocalSecondaryIndexes, LocalSecondaryIndex{
				IndexName: ix.Name, KeySchema: keySchema(pk, ix.SortKey), Projection: p})
			continue
		}
		g := GlobalSecondaryIndex{IndexName: ix.Name, KeySchema: keySchema(ix.PartitionKey, ix.SortKey), Projection: p}
		if td.ProvisionedThroughput != nil {
			pt := *td.ProvisionedThroughput
			g.ProvisionedThroughput = &pt
		}
		td.GlobalSecondaryIndexes = append(td.GlobalSecondaryIndexes, g)
	}
	for _, name := range order {
		td.AttributeDefinitions = append(td.AttributeDefinitions, AttributeDefinition{AttributeName: name, AttributeType: types[name]})
	}
	return td
}

// canonical is the comparable essence of a table definition.
type canonical struct {
	key     string
	indexes map[string]string
	billing string
	sse     bool
}

func keyString(ks []KeySchemaElement, defs []AttributeDefinition) string {
	var b strings.Builder
	for _, e := range ks {
		t := "?"
		for _, d := range defs {
			if d.AttributeName == e.AttributeName {
				t = d.AttributeType
			}
		}
		fmt.Fprintf(&b, "%s %s(%s) ", e.KeyType, e.AttributeName, t)
	}
	return strings.TrimSpace(b.String())
}

func projString(p Projection) string {
	t := p.ProjectionType
	if t == "" {
		t = schema.ProjectAll
	}
	if t != schema.ProjectInclude {
		return t
	}
	attrs := slices.Clone(p.NonKeyAttributes)
	slices.Sort(attrs)
	return t + "[" + strings.Join(attrs, ",") + "]"
}

func sseOn(s *SSESpecification) bool {
	return s != nil && (s.Enabled == nil || *s.Enabled) && (s.Enabled != nil || s.SSEType != "")
}

func canonicalDef(td *TableDefinition) canonical {
	c := canonical{key: keyString(td.KeySchema, td.AttributeDefinitions), indexes: map[string]string{},
		billing: td.BillingMode, sse: sseOn(td.SSESpecification)}
	for _, l := range td.LocalSecondaryIndexes {
		c.indexes[l.IndexName] = "local " + keyString(l.KeySchema, td.AttributeDefinitions) + " " + projString(l.Projection)
	}
	for _, g := range td.GlobalSecondaryIndexes {
		c.indexes[g.IndexName] = "global " + keyString(g.KeySchema, td.AttributeDefinitions) + " " + projString(g.Projection)
	}
	return c
}

func canonicalDesc(d *TableDescription) canonical {
	c := canonical{key: keyString(d.KeySchema, d.AttributeDefinitions), indexes: map[string]string{},
		billing: schema.BillingProvisioned, sse: d.SSEDescription != nil}
	if d.BillingModeSummary != nil {
		c.billing = d.BillingModeSummary.BillingMode
	}
	for _, l := range d.LocalSecondaryIndexes {
		c.indexes[l.IndexName] = "local " + keyString(l.KeySchema, d.AttributeDefinitions) + " " + projString(l.Projection)
	}
	for _, g := range d.GlobalSecondaryIndexes {
		c.indexes[g.IndexName] = "global " + keyString(g.KeySchema, d.AttributeDefinitions) + " " + projString(g.Projection)
	}
	return c
}

// diffDefinitions lists the differences between a defined store (want) and
// an existing table (have).
func diffDefinitions(want, have canonical) []string {
	var diffs []string
	if want.key != have.key {
		diffs = append(diffs, fmt.Sprintf("key schema: existing %q, defined %q", have.key, want.key))
	}
	names := map[string]bool{}
	for n := range want.indexes {
		names[n] = true
	}
	for n := range have.indexes {
		names[n] = true
	}
	for _, n := range sortedNames(names) {
		if w, h := want.indexes[n], have.indexes[n]; w != h {
			diffs = append(diffs, fmt.Sprintf("index %s: existing %q, defined %q", n, h, w))
		}
	}
	if want.billing != have.billing {
		diffs = append(diffs, fmt.Sprintf("billing mode: existing %s, defined %s", have.billing, want.billing))
	}
	if want.sse != have.sse {
		diffs = append(diffs, fmt.Sprintf("encryption with a KMS key: existing %t, defined %t", have.sse, want.sse))
	}
	return diffs
}

// Key is a primary key value: the partition key and, for stores with a sort
// key, the sort key. Values are Go values converted with attr.Marshal (a
// string is S, an int is N, a []byte is B) or attr.Values.
type Key struct {
	pk, sk any
	hasSK  bool
}

// PK is the key of an item of a store without a sort key.
func PK(v any) Key { return Key{pk: v} }

// PKSK is the key of an item of a store with a sort key.
func PKSK(p, s any) Key { return Key{pk: p, sk: s, hasSK: true} }

func marshalValue(v any) (attr.Value, error) {
	// The common key types skip reflection; attr.Marshal gives the same
	// values (S for a string, even empty; N for an integer).
	switch v := v.(type) {
	case attr.Value:
		return v, nil
	case string:
		return attr.S(v), nil
	case int:
		return attr.N(strconv.Itoa(v)), nil
	case int64:
		return attr.N(strconv.FormatInt(v, 10)), nil
	}
	return attr.Marshal(v)
}

// item converts k into a Key parameter for the table's schema. A missing or
// extra part is left for the DB to reject with DynamoDB's message.
func (k Key) item(ti *tableInfo) (attr.Item, error) {
	pv, err := marshalValue(k.pk)
	if err != nil {
		return nil, fmt.Errorf("kvs: partition key: %w", err)
	}
	it := make(attr.Item, 2) // sized for both parts: no growth on the sort key
	it[ti.key.Hash] = pv
	if k.hasSK {
		sv, err := marshalValue(k.sk)
		if err != nil {
			return nil, fmt.Errorf("kvs: sort key: %w", err)
		}
		name := ti.key.Range
		if name == "" {
			name = "\x00sort key" // no sort key: an extra element, which DynamoDB rejects
		}
		it[name] = sv
	}
	return it, nil
}

// toItem converts a Go value (struct, map or attr.Item) into an item.
func toItem(v any) (attr.Item, error) {
	switch v := v.(type) {
	case attr.Item:
		return v, nil
	case map[string]attr.Value:
		return attr.Item(v), nil
	case *attr.Item:
		if v != nil {
			return *v, nil
		}
	}
	return attr.MarshalItem(v)
}

// fromItem stores it in out: an *attr.Item, or a pointer to a struct or map
// (reset to its zero value first, so no field survives from before).
func fromItem(it attr.Item, out any) error {
	if p, ok := out.(*attr.Item); ok {
		*p = it
		return nil
	}
	rv := reflect.ValueOf(out)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("kvs: out must be a non-nil pointer, not %T", out)
	}
	rv.Elem().SetZero()
	return attr.UnmarshalItem(it, out)
}

// errNotSlicePtr reports an out argument that is not a pointer to a slice.
var errNotSlicePtr = errors.New("kvs: out must be a pointer to a slice")

// appendItems appends items, converted, to the slice out points to.
func appendItems(out any, items []attr.Item) error {
	if p, ok := out.(*[]attr.Item); ok {
		*p = append(*p, items...)
		return nil
	}
	rv := reflect.ValueOf(out)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Slice {
		return errNotSlicePtr
	}
	sl := rv.Elem()
	n := sl.Len()
	sl.Grow(len(items))
	sl.SetLen(n + len(items))
	for i, it := range items {
		// Unmarshal straight into the slice element (zeroed: spare capacity
		// may hold old values): no copy of the value.
		el := sl.Index(n + i)
		el.SetZero()
		if err := attr.UnmarshalItem(it, el.Addr().Interface()); err != nil {
			sl.SetLen(n + i)
			return err
		}
	}
	return nil
}

// resetSlice sets the slice out points to to nil (a new one, so that a
// slice the caller kept from an earlier call is never overwritten).
func resetSlice(out any) error {
	rv := reflect.ValueOf(out)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Slice {
		return errNotSlicePtr
	}
	rv.Elem().SetZero()
	return nil
}
