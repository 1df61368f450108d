// Package drivertest is the conformance suite of kvs: one set of tests,
// written against the Go API (package kvs) and not against any
// implementation, that every backend must pass — the embedded driver in
// memory and on disk today, the DynamoDB, Firestore and Cosmos DB drivers
// tomorrow. A driver's test calls Run with a function that opens a fresh,
// empty database:
//
//	func TestConformance(t *testing.T) {
//		drivertest.Run(t, func(t *testing.T) *kvs.DB { return kvstest.New(t) })
//	}
//
// Features a backend cannot offer are declared, not skipped silently: use
// RunWith with a Config whose Missing lists the capabilities the driver
// lacks. Tests that need a missing capability are reported as skipped with
// the capability's name, and Run logs the list once, so a driver's gaps
// show in every test run.
//
// The suite also holds a randomized model-based test (Compare) that runs
// one random operation log against two databases step by step.
package drivertest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// Capability is an optional feature of a backend.
type Capability string

// The optional capabilities. A backend has all of them unless its Config
// lists them in Missing.
const (
	// LocalIndexes: local secondary indexes.
	LocalIndexes Capability = "local-secondary-indexes"
	// TimeToLive: UpdateTimeToLive and DescribeTimeToLive.
	TimeToLive Capability = "time-to-live"
	// IdempotentTransactions: TransactWriteItems' ClientRequestToken.
	IdempotentTransactions Capability = "idempotent-transactions"
	// ParallelScan: Scan's Segment and TotalSegments.
	ParallelScan Capability = "parallel-scan"
	// ExactMessages: error messages identical to DynamoDB's, not only codes.
	ExactMessages Capability = "exact-messages"
	// BinaryKeys: key attributes of type B.
	BinaryKeys Capability = "binary-keys"
)

// AllCapabilities lists every capability.
var AllCapabilities = []Capability{LocalIndexes, TimeToLive, IdempotentTransactions, ParallelScan, ExactMessages, BinaryKeys}

// Config describes a backend under test.
type Config struct {
	// Open returns a fresh, empty database for one test, closed by the
	// test's cleanup.
	Open func(t *testing.T) *kvs.DB
	// Missing lists the capabilities the backend does not have.
	Missing []Capability
}

// Run runs the whole suite against a backend with every capability.
func Run(t *testing.T, open func(t *testing.T) *kvs.DB) {
	RunWith(t, Config{Open: open})
}

// RunWith runs the whole suite against a backend described by cfg.
func RunWith(t *testing.T, cfg Config) {
	if len(cfg.Missing) > 0 {
		t.Logf("drivertest: capabilities declared missing: %v", cfg.Missing)
	}
	h := &harness{cfg: cfg}
	for _, tc := range suite {
		t.Run(tc.name, func(t *testing.T) {
			for _, c := range tc.needs {
				if slices.Contains(cfg.Missing, c) {
					t.Skipf("drivertest: needs capability %q, which the driver declares missing", c)
				}
			}
			tc.run(t, h.open(t))
		})
	}
}

type testCase struct {
	name  string
	needs []Capability
	run   func(t *testing.T, e *env)
}

// suite is every test, in the order they run; each file adds its own.
var suite []testCase

func register(cases ...testCase) { suite = append(suite, cases...) }

type harness struct{ cfg Config }

func (h *harness) open(t *testing.T) *env {
	return &env{t: t, db: h.cfg.Open(t), ctx: context.Background(), exact: !slices.Contains(h.cfg.Missing, ExactMessages)}
}

// env is what a test works with.
type env struct {
	t     *testing.T
	db    *kvs.DB
	ctx   context.Context
	exact bool
}

// keyDef describes a key attribute for createTable.
type keyDef struct{ name, typ string }

// createTable creates a table with a hash key and an optional range key
// ("" name: none) and returns its name.
func (e *env) createTable(name string, hash, rng keyDef, mod ...func(*kvs.TableDefinition)) string {
	e.t.Helper()
	td := &kvs.TableDefinition{TableName: name, BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: []kvs.AttributeDefinition{{AttributeName: hash.name, AttributeType: hash.typ}},
		KeySchema:            []kvs.KeySchemaElement{{AttributeName: hash.name, KeyType: "HASH"}}}
	if rng.name != "" {
		td.AttributeDefinitions = append(td.AttributeDefinitions, kvs.AttributeDefinition{AttributeName: rng.name, AttributeType: rng.typ})
		td.KeySchema = append(td.KeySchema, kvs.KeySchemaElement{AttributeName: rng.name, KeyType: "RANGE"})
	}
	for _, m := range mod {
		m(td)
	}
	if _, err := e.db.CreateTable(e.ctx, td); err != nil {
		e.t.Fatalf("CreateTable %s: %v", name, err)
	}
	return name
}

func (e *env) put(table string, it attr.Item) {
	e.t.Helper()
	if _, err := e.db.PutItem(e.ctx, &kvs.PutItemInput{TableName: table, Item: it}); err != nil {
		e.t.Fatalf("PutItem %v: %v", it, err)
	}
}

func (e *env) get(table string, key attr.Item) attr.Item {
	e.t.Helper()
	out, err := e.db.GetItem(e.ctx, &kvs.GetItemInput{TableName: table, Key: key, ConsistentRead: ptr(true)})
	if err != nil {
		e.t.Fatalf("GetItem %v: %v", key, err)
	}
	return out.Item
}

// wantErr fails unless err is an *apierr.Error with code and, when the
// backend has ExactMessages and msg is not "", exactly msg.
func (e *env) wantErr(what string, err error, code apierr.Code, msg string) *apierr.Error {
	e.t.Helper()
	var ae *apierr.Error
	if !errors.As(err, &ae) {
		e.t.Fatalf("%s: err = %v, want %s", what, err, code)
	}
	if ae.Code != code {
		e.t.Fatalf("%s: err = %v, want %s", what, err, code)
	}
	if e.exact && msg != "" && ae.Message != msg {
		e.t.Fatalf("%s: message %q, want %q", what, ae.Message, msg)
	}
	return ae
}

func (e *env) noErr(what string, err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatalf("%s: %v", what, err)
	}
}

func ptr[T any](v T) *T { return &v }

func s(v string) attr.Value { return attr.S(v) }
func n(v string) attr.Value { return attr.N(v) }
func ni(i int) attr.Value   { return attr.N(fmt.Sprint(i)) }

// sameItems fails unless got and want hold equal items in the same order.
func (e *env) sameItems(what string, got, want []attr.Item) {
	e.t.Helper()
	if len(got) != len(want) {
		e.t.Fatalf("%s: %d items, want %d\n got %v\nwant %v", what, len(got), len(want), got, want)
	}
	for i := range got {
		if !attr.ItemsEqual(got[i], want[i]) {
			e.t.Fatalf("%s: item %d = %v, want %v", what, i, got[i], want[i])
		}
	}
}
