package embedded

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/diskengine"
	"github.com/kvs-project/kvs/engine/memengine"
	"github.com/kvs-project/kvs/expr"
	"github.com/kvs-project/kvs/schema"
)

var ctx = context.Background()

// engineKind opens one kind of engine for a test.
type engineKind struct {
	name string
	open func(t testing.TB, dir string) engine.Engine
	disk bool
}

var engineKinds = []engineKind{
	{name: "mem", open: func(t testing.TB, _ string) engine.Engine { return memengine.New() }},
	{name: "disk", disk: true, open: func(t testing.TB, dir string) engine.Engine {
		e, err := diskengine.Open(dir, diskengine.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}},
}

// forEachEngine runs f once per engine kind on a fresh driver.
func forEachEngine(t *testing.T, f func(t *testing.T, d *Driver)) {
	for _, k := range engineKinds {
		t.Run(k.name, func(t *testing.T) {
			f(t, openTest(t, k, t.TempDir(), Options{TTLSweepInterval: -1}))
		})
	}
}

// openTest opens a driver whose engine is closed at cleanup.
func openTest(t testing.TB, k engineKind, dir string, opts Options) *Driver {
	t.Helper()
	if opts.TTLSweepInterval == 0 {
		opts.TTLSweepInterval = -1
	}
	// Index phases take no time unless a test asks (lifecycle_test.go).
	if opts.IndexCreateDelay == 0 {
		opts.IndexCreateDelay = -1
	}
	if opts.IndexDeleteDelay == 0 {
		opts.IndexDeleteDelay = -1
	}
	eng := k.open(t, dir)
	d, err := Open(ctx, eng, opts)
	if err != nil {
		t.Fatal(err)
	}
	d.closeEngine = true
	t.Cleanup(func() {
		if !d.isClosed() {
			waitBackground(t, d)
			checkConsistency(t, d)
		}
		d.Close()
	})
	return d
}

func S(s string) attr.Value { return attr.S(s) }
func N(s string) attr.Value { return attr.N(s) }

// vals builds ExpressionAttributeValues from pairs ":a", value, ...
func vals(kv ...any) map[string]attr.Value {
	m := map[string]attr.Value{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1].(attr.Value)
	}
	return m
}

func cond(t testing.TB, text string, values map[string]attr.Value) expr.Cond {
	t.Helper()
	c, err := expr.ParseCondition(expr.KindCondition, text)
	if err != nil {
		t.Fatal(err)
	}
	c, err = expr.NewResolver(expr.Params{Values: values}).Condition(expr.KindCondition, c)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func upd(t testing.TB, text string, values map[string]attr.Value) *expr.Update {
	t.Helper()
	u, err := expr.ParseUpdate(text)
	if err != nil {
		t.Fatal(err)
	}
	u, err = expr.NewResolver(expr.Params{Values: values}).Update(u)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func keyCond(t testing.TB, text string, values map[string]attr.Value, ks expr.KeySchema) *expr.KeyCondition {
	t.Helper()
	c, err := expr.ParseCondition(expr.KindKeyCondition, text)
	if err != nil {
		t.Fatal(err)
	}
	c, err = expr.NewResolver(expr.Params{Values: values}).Condition(expr.KindKeyCondition, c)
	if err != nil {
		t.Fatal(err)
	}
	kc, err := expr.NewKeyCondition(c, ks)
	if err != nil {
		t.Fatal(err)
	}
	return kc
}

// testDef is table "t": pk S, sk N; GSI "gsi" on g (S) / sk, projecting ALL;
// GSI "gkeys" on g (S) KEYS_ONLY; GSI "ginc" on gn (N) INCLUDE [a];
// LSI "lsi" on pk / l (N), KEYS_ONLY.
func testDef(name string) *schema.TableDefinition {
	return &schema.TableDefinition{
		TableName: name,
		AttributeDefinitions: []schema.AttributeDefinition{
			{AttributeName: "pk", AttributeType: "S"}, {AttributeName: "sk", AttributeType: "N"},
			{AttributeName: "g", AttributeType: "S"}, {AttributeName: "gn", AttributeType: "N"},
			{AttributeName: "l", AttributeType: "N"},
		},
		KeySchema: []schema.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}},
		GlobalSecondaryIndexes: []schema.GlobalSecondaryIndex{
			{IndexName: "gsi", KeySchema: []schema.KeySchemaElement{{AttributeName: "g", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}},
				Projection: schema.Projection{ProjectionType: "ALL"}},
			{IndexName: "gkeys", KeySchema: []schema.KeySchemaElement{{AttributeName: "g", KeyType: "HASH"}},
				Projection: schema.Projection{ProjectionType: "KEYS_ONLY"}},
			{IndexName: "ginc", KeySchema: []schema.KeySchemaElement{{AttributeName: "gn", KeyType: "HASH"}},
				Projection: schema.Projection{ProjectionType: "INCLUDE", NonKeyAttributes: []string{"a"}}},
		},
		LocalSecondaryIndexes: []schema.LocalSecondaryIndex{
			{IndexName: "lsi", KeySchema: []schema.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "l", KeyType: "RANGE"}},
				Projection: schema.Projection{ProjectionType: "KEYS_ONLY"}},
		},
		BillingMode: "PAY_PER_REQUEST",
	}
}

// tableKS is the key schema of testDef's table, for key conditions.
var tableKS = expr.KeySchema{Hash: "pk", HashType: attr.TypeS, Range: "sk", RangeType: attr.TypeN}

func mustCreate(t testing.TB, d *Driver, def *schema.TableDefinition) *schema.TableDescription {
	t.Helper()
	desc, err := d.CreateTable(ctx, def)
	if err != nil {
		t.Fatal(err)
	}
	return desc
}

func mustPut(t testing.TB, d *Driver, table string, item attr.Item) {
	t.Helper()
	if _, err := d.Write(ctx, &driver.Write{Table: table, Kind: driver.Put, Item: item}); err != nil {
		t.Fatal(err)
	}
}

func mustGet(t testing.TB, d *Driver, table string, key attr.Item) attr.Item {
	t.Helper()
	it, err := d.Get(ctx, &driver.Get{Table: table, Key: key})
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// wantCode checks that err is an *apierr.Error with code and, if msg is not
// empty, exactly that message.
func wantCode(t testing.TB, err error, code apierr.Code, msg string) *apierr.Error {
	t.Helper()
	var e *apierr.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want %s", err, code)
	}
	if e.Code != code || (msg != "" && e.Message != msg) {
		t.Fatalf("err = %s: %q, want %s: %q", e.Code, e.Message, code, msg)
	}
	return e
}

// fakeClock is a settable clock.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time { return c.now }

// readAll pages through a Read with the given page limit and returns every
// item and the number of pages.
func readAll(t testing.TB, d *Driver, r driver.Read) ([]attr.Item, int) {
	t.Helper()
	var out []attr.Item
	pages := 0
	for {
		p, err := d.Read(ctx, &r)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		out = append(out, p.Items...)
		if p.LastKey == nil {
			return out, pages
		}
		r.StartKey = p.LastKey
		if pages > 100000 {
			t.Fatal("too many pages")
		}
	}
}

func updNamed(t testing.TB, text string, names map[string]string, values map[string]attr.Value) *expr.Update {
	t.Helper()
	u, err := expr.ParseUpdate(text)
	if err != nil {
		t.Fatal(err)
	}
	u, err = expr.NewResolver(expr.Params{Names: names, Values: values}).Update(u)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func (d *Driver) isClosed() bool {
	d.catMu.RLock()
	defer d.catMu.RUnlock()
	return d.closed
}

// waitBackground waits until no index is backfilling and the statistics
// are exact.
func waitBackground(t testing.TB, d *Driver) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		busy := !d.statsExact.Load()
		d.catMu.RLock()
		for _, tb := range d.tables {
			for _, x := range tb.indexes {
				busy = busy || !x.active()
			}
		}
		d.catMu.RUnlock()
		if !busy {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("backfill did not finish")
		}
		time.Sleep(time.Millisecond)
	}
}
