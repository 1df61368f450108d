package embedded

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/engine"
)

// maxTxnAttempts is how often a TransactWrite is tried when other writes
// conflict with it before it is cancelled with reason TransactionConflict,
// as DynamoDB cancels transactions that collide.
const maxTxnAttempts = 8

// TokenTTL is how long a ClientRequestToken is remembered.
const TokenTTL = 10 * time.Minute

// Cancellation reason codes and messages, as DynamoDB writes them.
const (
	reasonConditionalCheckFailed = apierr.Code("ConditionalCheckFailed")
	reasonTransactionConflict    = apierr.Code("TransactionConflict")
	reasonValidationError        = apierr.Code("ValidationError")
	msgTransactionConflict       = "Transaction is ongoing for the item"
	msgIdempotentMismatch        = "" // DynamoDB (Local) sends an empty message
	msgMultipleOpsOneItem        = "Transaction request cannot include multiple operations on one item"
)

// tokenRecord is the stored idempotency record of a TransactWrite.
type tokenRecord struct {
	Fingerprint string `json:"fp"`
	Expires     int64  `json:"exp"` // unix nanoseconds
}

// TransactWrite applies all writes in one engine transaction, or none.
func (d *Driver) TransactWrite(ctx context.Context, req *driver.TransactWrite) error {
	d.catMu.RLock()
	defer d.catMu.RUnlock()
	tables := make([]*table, len(req.Writes))
	seen := make(map[string]bool, len(req.Writes))
	for i, w := range req.Writes {
		t, err := d.lookupLocked(w.Table, msgNotFound)
		if err != nil {
			return err
		}
		tables[i] = t
	}
	for i, w := range req.Writes {
		if err := precheck(tables[i], w); err != nil {
			reasons := make([]apierr.CancellationReason, len(req.Writes))
			for j := range reasons {
				reasons[j].Code = apierr.None
			}
			reasons[i] = apierr.CancellationReason{Code: reasonValidationError, Message: err.(*apierr.Error).Message}
			return canceled(reasons)
		}
	}
	for i, w := range req.Writes {
		k := string(tables[i].itemKey(writeKey(w)))
		if seen[k] {
			return apierr.Validationf(msgMultipleOpsOneItem)
		}
		seen[k] = true
	}
	for attempt := 1; ; attempt++ {
		deltas, err := d.transactOnce(ctx, tables, req)
		if errors.Is(err, engine.ErrConflict) {
			if attempt < maxTxnAttempts {
				backoff(attempt)
				continue
			}
			reasons := make([]apierr.CancellationReason, len(req.Writes))
			for i := range reasons {
				reasons[i] = apierr.CancellationReason{Code: reasonTransactionConflict, Message: msgTransactionConflict}
			}
			return canceled(reasons)
		}
		if err != nil {
			return err
		}
		applyDeltas(deltas)
		return nil
	}
}

// writeKey is the item (or key) that names the item a write targets.
func writeKey(w *driver.Write) attr.Item {
	if w.Kind == driver.Put && w.Key == nil {
		return w.Item
	}
	return w.Key
}

// backoff sleeps a short random time growing with the attempt, so that
// colliding transactions spread out.
func backoff(attempt int) {
	time.Sleep(time.Duration(rand.IntN(50*attempt*attempt)+1) * time.Microsecond)
}

func (d *Driver) transactOnce(ctx context.Context, tables []*table, req *driver.TransactWrite) ([]statDelta, error) {
	txn, err := d.eng.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer txn.Discard()
	now := d.clock()
	if req.Token != "" {
		v, err := txn.Get(ctx, tokenKey(req.Token))
		switch {
		case err == nil:
			var rec tokenRecord
			if json.Unmarshal(v, &rec) == nil && rec.Expires > now.UnixNano() {
				if rec.Fingerprint != req.Fingerprint {
					return nil, apierr.New(apierr.IdempotentParameterMismatch, msgIdempotentMismatch)
				}
				return nil, nil // already applied
			}
		case !errors.Is(err, engine.ErrNotFound):
			return nil, err
		}
	}
	// Validation errors of the new items (ValidationError) take precedence
	// over failed conditions: DynamoDB reports only the former when both
	// occur, with None for the other actions.
	reasons := make([]apierr.CancellationReason, len(req.Writes))
	all := make([]*staged, len(req.Writes))
	invalid, failed := false, false
	for i, w := range req.Writes {
		s, err := prepare(ctx, txn, tables[i], w, true)
		var ae *apierr.Error
		var ue updateError
		switch {
		case errors.As(err, &ue):
			return nil, ue.error
		case err == nil:
			reasons[i].Code = apierr.None
			all[i] = s
		case errors.As(err, &ae) && ae.Code == apierr.ConditionalCheckFailed:
			msg := ae.Message
			if w.Kind == driver.Check {
				msg += "." // as DynamoDB Local words a failed ConditionCheck
			}
			reasons[i] = apierr.CancellationReason{Code: reasonConditionalCheckFailed, Message: msg, Item: ae.Item}
			failed = true
		case errors.As(err, &ae) && ae.Code == apierr.Validation:
			reasons[i] = apierr.CancellationReason{Code: reasonValidationError, Message: ae.Message}
			invalid = true
		default:
			return nil, err
		}
	}
	if invalid {
		for i := range reasons {
			if reasons[i].Code == reasonConditionalCheckFailed {
				reasons[i] = apierr.CancellationReason{Code: apierr.None}
			}
		}
	}
	if invalid || failed {
		return nil, canceled(reasons)
	}
	var deltas []statDelta
	for _, s := range all {
		if deltas, err = stage(ctx, txn, s, deltas); err != nil {
			return nil, err
		}
	}
	if req.Token != "" {
		v, _ := json.Marshal(tokenRecord{Fingerprint: req.Fingerprint, Expires: now.Add(TokenTTL).UnixNano()})
		if err := txn.Set(tokenKey(req.Token), v); err != nil {
			return nil, err
		}
	}
	if _, err := txn.Commit(ctx); err != nil {
		return nil, err
	}
	return deltas, nil
}

// canceled builds DynamoDB's TransactionCanceledException.
func canceled(reasons []apierr.CancellationReason) error {
	codes := make([]string, len(reasons))
	for i, r := range reasons {
		codes[i] = string(r.Code)
	}
	return &apierr.Error{
		Code:                apierr.TransactionCanceled,
		Message:             "Transaction cancelled, please refer cancellation reasons for specific reasons [" + strings.Join(codes, ", ") + "]",
		CancellationReasons: reasons,
	}
}

// TransactGet reads all items from one snapshot.
func (d *Driver) TransactGet(ctx context.Context, gets []*driver.Get) ([]attr.Item, error) {
	tables := make([]*table, len(gets))
	for i, g := range gets {
		t, err := d.lookup(g.Table, msgNotFound)
		if err != nil {
			return nil, err
		}
		tables[i] = t
	}
	snap, err := d.eng.NewSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	out := make([]attr.Item, len(gets))
	for i, g := range gets {
		if out[i], err = readItem(ctx, snap, tables[i].itemKey(g.Key)); err != nil {
			return nil, err
		}
	}
	return out, nil
}
