package server

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/schema"
)

// openTestDB returns the kvs.API the end-to-end tests run against:
// kvs.Open("mem://") as soon as an in-memory driver is registered, and until
// then the temporary stand-in below.
func openTestDB(t testing.TB) kvs.API {
	t.Helper()
	db, err := kvs.Open(context.Background(), "mem://", kvs.Options{})
	if err == nil {
		t.Cleanup(func() { db.Close() })
		return db
	}
	t.Logf("kvs.Open(mem://) failed (%v): using the temporary stand-in", err)
	return newStandIn()
}

// standIn is a TEMPORARY, deliberately tiny in-memory kvs.API used only
// until kvs.Open("mem://") works: hash-key-only tables, no expressions but
// the conditions attribute_exists(<hash key>) and attribute_not_exists(<hash
// key>). It exists to test the protocol layer end to end with a real SDK;
// delete it when the embedded driver lands.
type standIn struct {
	recorder // answers nil for the operations it does not implement

	mu     sync.Mutex
	tables map[string]*standInTable
}

type standInTable struct {
	desc  kvs.TableDescription
	hash  string
	items map[string]attr.Item
}

func newStandIn() *standIn { return &standIn{tables: map[string]*standInTable{}} }

var errStandInNotFound = apierr.New(apierr.ResourceNotFound, "Requested resource not found")

func (s *standIn) table(name string) (*standInTable, error) {
	t, ok := s.tables[name]
	if !ok {
		return nil, errStandInNotFound
	}
	return t, nil
}

func (t *standInTable) key(k attr.Item) string { return k[t.hash].String() }

// check evaluates the only conditions the stand-in knows.
func (t *standInTable) check(cond string, old attr.Item) error {
	switch cond {
	case "":
		return nil
	case "attribute_exists(" + t.hash + ")":
		if old != nil {
			return nil
		}
	case "attribute_not_exists(" + t.hash + ")":
		if old == nil {
			return nil
		}
	default:
		return apierr.Validationf("stand-in: unsupported condition %q", cond)
	}
	return apierr.New(apierr.ConditionalCheckFailed, "The conditional request failed")
}

func (s *standIn) CreateTable(ctx context.Context, in *kvs.TableDefinition) (*kvs.CreateTableOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.tables[in.TableName]; ok {
		return nil, apierr.Newf(apierr.ResourceInUse, "Table already exists: %s", in.TableName)
	}
	if len(in.KeySchema) != 1 {
		return nil, apierr.Validationf("stand-in: hash keys only")
	}
	t := &standInTable{hash: in.KeySchema[0].AttributeName, items: map[string]attr.Item{}, desc: kvs.TableDescription{
		TableName: in.TableName, KeySchema: in.KeySchema, AttributeDefinitions: in.AttributeDefinitions,
		TableStatus: schema.StatusActive, TableArn: "arn:aws:dynamodb:us-east-1:000000000000:table/" + in.TableName,
	}}
	s.tables[in.TableName] = t
	return &kvs.CreateTableOutput{TableDescription: &t.desc}, nil
}

func (s *standIn) DeleteTable(ctx context.Context, in *kvs.DeleteTableInput) (*kvs.DeleteTableOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.table(in.TableName)
	if err != nil {
		return nil, err
	}
	delete(s.tables, in.TableName)
	return &kvs.DeleteTableOutput{TableDescription: &t.desc}, nil
}

func (s *standIn) DescribeTable(ctx context.Context, in *kvs.DescribeTableInput) (*kvs.DescribeTableOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.table(in.TableName)
	if err != nil {
		return nil, err
	}
	return &kvs.DescribeTableOutput{Table: &t.desc}, nil
}

func (s *standIn) ListTables(ctx context.Context, in *kvs.ListTablesInput) (*kvs.ListTablesOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &kvs.ListTablesOutput{}
	for name := range s.tables {
		out.TableNames = append(out.TableNames, name)
	}
	slices.Sort(out.TableNames)
	return out, nil
}

func (s *standIn) GetItem(ctx context.Context, in *kvs.GetItemInput) (*kvs.GetItemOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.table(in.TableName)
	if err != nil {
		return nil, err
	}
	return &kvs.GetItemOutput{Item: t.items[t.key(in.Key)]}, nil
}

func (s *standIn) PutItem(ctx context.Context, in *kvs.PutItemInput) (*kvs.PutItemOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.table(in.TableName)
	if err != nil {
		return nil, err
	}
	k := t.key(in.Item)
	old := t.items[k]
	if err := t.check(in.ConditionExpression, old); err != nil {
		var e *apierr.Error
		if errors.As(err, &e) && e.Code == apierr.ConditionalCheckFailed && in.ReturnValuesOnConditionCheckFailure == "ALL_OLD" {
			e.Item = old
		}
		return nil, err
	}
	t.items[k] = in.Item
	out := &kvs.PutItemOutput{}
	if in.ReturnValues == kvs.ReturnAllOld {
		out.Attributes = old
	}
	return out, nil
}

func (s *standIn) DeleteItem(ctx context.Context, in *kvs.DeleteItemInput) (*kvs.DeleteItemOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.table(in.TableName)
	if err != nil {
		return nil, err
	}
	k := t.key(in.Key)
	old := t.items[k]
	if err := t.check(in.ConditionExpression, old); err != nil {
		return nil, err
	}
	delete(t.items, k)
	out := &kvs.DeleteItemOutput{}
	if in.ReturnValues == kvs.ReturnAllOld {
		out.Attributes = old
	}
	return out, nil
}

func (s *standIn) Scan(ctx context.Context, in *kvs.ScanInput) (*kvs.ScanOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.table(in.TableName)
	if err != nil {
		return nil, err
	}
	out := &kvs.ScanOutput{}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range t.items {
			if !yield(k) {
				return
			}
		}
	}) {
		out.Items = append(out.Items, t.items[k])
	}
	out.Count = int32(len(out.Items))
	out.ScannedCount = out.Count
	return out, nil
}

func (s *standIn) BatchWriteItem(ctx context.Context, in *kvs.BatchWriteItemInput) (*kvs.BatchWriteItemOutput, error) {
	for table, writes := range in.RequestItems {
		for _, w := range writes {
			var err error
			if w.PutRequest != nil {
				_, err = s.PutItem(ctx, &kvs.PutItemInput{TableName: table, Item: w.PutRequest.Item})
			} else if w.DeleteRequest != nil {
				_, err = s.DeleteItem(ctx, &kvs.DeleteItemInput{TableName: table, Key: w.DeleteRequest.Key})
			}
			if err != nil {
				return nil, err
			}
		}
	}
	return &kvs.BatchWriteItemOutput{}, nil
}

// TransactWriteItems supports Put and ConditionCheck: all conditions first,
// then all puts.
func (s *standIn) TransactWriteItems(ctx context.Context, in *kvs.TransactWriteItemsInput) (*kvs.TransactWriteItemsOutput, error) {
	s.mu.Lock()
	reasons := make([]apierr.CancellationReason, len(in.TransactItems))
	failed := false
	var codes []string
	for i, ti := range in.TransactItems {
		reasons[i].Code = apierr.None
		var table, cond string
		var key attr.Item
		switch {
		case ti.ConditionCheck != nil:
			table, cond, key = ti.ConditionCheck.TableName, ti.ConditionCheck.ConditionExpression, ti.ConditionCheck.Key
		case ti.Put != nil:
			table, cond, key = ti.Put.TableName, ti.Put.ConditionExpression, ti.Put.Item
		default:
			s.mu.Unlock()
			return nil, apierr.Validationf("stand-in: only Put and ConditionCheck")
		}
		t, err := s.table(table)
		if err != nil {
			s.mu.Unlock()
			return nil, err
		}
		if err := t.check(cond, t.items[t.key(key)]); err != nil {
			if !apierr.Is(err, apierr.ConditionalCheckFailed) {
				s.mu.Unlock()
				return nil, err
			}
			reasons[i] = apierr.CancellationReason{Code: apierr.ConditionalCheckFailed, Message: "The conditional request failed"}
			failed = true
		}
		codes = append(codes, reasonCode(reasons[i].Code))
	}
	s.mu.Unlock()
	if failed {
		return nil, &apierr.Error{Code: apierr.TransactionCanceled, CancellationReasons: reasons,
			Message: "Transaction cancelled, please refer cancellation reasons for specific reasons [" + strings.Join(codes, ", ") + "]"}
	}
	for _, ti := range in.TransactItems {
		if ti.Put != nil {
			if _, err := s.PutItem(ctx, &kvs.PutItemInput{TableName: ti.Put.TableName, Item: ti.Put.Item}); err != nil {
				return nil, err
			}
		}
	}
	return &kvs.TransactWriteItemsOutput{}, nil
}

var _ kvs.API = (*standIn)(nil)
