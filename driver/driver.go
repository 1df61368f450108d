// Package driver defines the contract between package kvs and a backend.
//
// Package kvs validates every request with DynamoDB's rules and messages,
// parses and resolves its expressions, and only then calls a Driver, so a
// driver receives well-formed requests: table names that passed the naming
// rules, keys already checked against the table's key schema, expressions
// already parsed and bound to their names and values. A driver implements
// DynamoDB's data semantics for them: conditions, updates, indexes, paging,
// transactions, TTL. Drivers must be safe for concurrent use.
//
// Errors: a driver returns *apierr.Error for every condition DynamoDB
// reports (ResourceNotFoundException, ConditionalCheckFailedException with
// the old item in Item, TransactionCanceledException with one reason per
// action, ...). Any other error is treated as an internal fault.
//
// The conformance suite in package drivertest states the contract as tests;
// every driver must pass it.
package driver

import (
	"context"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/expr"
	"github.com/kvs-project/kvs/schema"
)

// Driver is a kvs backend.
type Driver interface {
	// Tables. CreateTable receives a validated definition and answers
	// ResourceInUseException if the table exists. ListTables returns every
	// table name in lexical order (kvs pages them).
	CreateTable(ctx context.Context, def *schema.TableDefinition) (*schema.TableDescription, error)
	DeleteTable(ctx context.Context, table string) (*schema.TableDescription, error)
	DescribeTable(ctx context.Context, table string) (*schema.TableDescription, error)
	ListTables(ctx context.Context) ([]string, error)
	UpdateTable(ctx context.Context, req *schema.UpdateTableRequest) (*schema.TableDescription, error)
	UpdateTimeToLive(ctx context.Context, table string, spec schema.TimeToLiveSpecification) error
	DescribeTimeToLive(ctx context.Context, table string) (*schema.TimeToLiveDescription, error)
	TagResource(ctx context.Context, table string, tags []schema.Tag) error
	UntagResource(ctx context.Context, table string, keys []string) error
	ListTags(ctx context.Context, table string) ([]schema.Tag, error)

	// Get reads one item by primary key; a nil item means there is none.
	Get(ctx context.Context, req *Get) (attr.Item, error)
	// Write applies one Put, Update, Delete or ConditionCheck atomically.
	Write(ctx context.Context, req *Write) (*WriteResult, error)
	// WriteBatch applies many independent, unconditional Puts and Deletes
	// (a BatchWriteItem) in as few commits as the driver likes. Each write
	// is atomic on its own; the batch as a whole need not be, and on an
	// error any subset of the writes may have been applied. The writes name
	// distinct items (kvs rejects duplicates) and carry no Condition. The
	// results are in the order of the writes.
	WriteBatch(ctx context.Context, reqs []*Write) ([]*WriteResult, error)
	// Read runs one page of a Query (KeyCondition set) or Scan.
	Read(ctx context.Context, req *Read) (*Page, error)
	// TransactWrite applies all writes or none. A failed condition cancels
	// the transaction: TransactionCanceledException with one reason per
	// write, in order (apierr.None for those that passed).
	TransactWrite(ctx context.Context, req *TransactWrite) error
	// TransactGet reads all items as of one point in time.
	TransactGet(ctx context.Context, reqs []*Get) ([]attr.Item, error)

	// Close releases the backend; calls after Close fail.
	Close() error
}

// Get names one item.
type Get struct {
	Table string
	Key   attr.Item // exactly the table's key attributes, validated
	// Consistent asks for a strongly consistent read.
	Consistent bool
}

// WriteKind says what a Write does.
type WriteKind uint8

// The kinds of write.
const (
	Put WriteKind = iota + 1
	Update
	Delete
	Check // a transaction's ConditionCheck: evaluates Condition, writes nothing
)

// Write is one item write.
type Write struct {
	Table string
	Kind  WriteKind
	Key   attr.Item // the item's primary key (for Put, taken from Item)
	Item  attr.Item // Put: the whole new item, validated
	// ItemSize is Item's DynamoDB size when the caller already computed it
	// (checking the 400 KB limit), so that the driver need not; 0: unknown.
	ItemSize int

	// Update is the resolved update expression (Kind Update).
	Update *expr.Update
	// Condition, when set, must hold on the current item (absent item =
	// empty item) for the write to happen.
	Condition expr.Cond
	// NeedOld asks for the whole old item in WriteResult.Old (ReturnValues,
	// index capacity). Without it a driver may report only OldSize, which
	// spares decoding the old item of a plain overwrite.
	NeedOld bool
}

// WriteResult reports the item before and after a write (nil when absent)
// and, for updates, the paths the update expression touched, so that kvs can
// answer ReturnValues UPDATED_OLD and UPDATED_NEW.
//
// OldSize is the DynamoDB size of the old item, 0 when there was none; it
// is always set. Old is set when the Write asked for it with NeedOld (and
// may be set otherwise); a nil Old with a non-zero OldSize means the old
// item existed but was not decoded.
type WriteResult struct {
	Old, New attr.Item
	OldSize  int
	Updated  []expr.Path
}

// Read is one page request of a Query or a Scan.
type Read struct {
	Table string
	Index string // "" for the table itself

	// KeyCondition is set for Query, nil for Scan.
	KeyCondition *expr.KeyCondition
	Filter       expr.Cond
	// Forward is the sort order for Query (ScanIndexForward).
	Forward bool
	// Limit is the maximum number of items read (before the filter); 0 = none.
	Limit int
	// StartKey is the ExclusiveStartKey, validated against the key schema.
	StartKey attr.Item
	// Segment and TotalSegments select one segment of a parallel scan
	// (TotalSegments 0 = whole table).
	Segment, TotalSegments int
	// AllAttributes asks, on a local secondary index whose projection does not
	// include every attribute, for the whole items from the table.
	AllAttributes bool
	Consistent    bool
}

// Page is one page of a Read. Items passed the filter; Scanned counts the
// items read before it. LastKey is set when the page stopped early (Limit or
// the 1 MB page size) and holds the table key (and index key) of the last
// item read. ReadBytes is the total size of the items read, for capacity.
type Page struct {
	Items     []attr.Item
	Scanned   int
	LastKey   attr.Item
	ReadBytes int
}

// TransactWrite is a transaction's writes, applied all or none.
type TransactWrite struct {
	Writes []*Write
	// Token is the ClientRequestToken; a driver remembers it for 10 minutes
	// and treats a repeat with the same request as already applied
	// (IdempotentParameterMismatchException if the request differs).
	Token string
	// Fingerprint identifies the request for the idempotency check.
	Fingerprint string
}
