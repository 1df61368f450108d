package kvs

import (
	"context"
	"fmt"
	"hash/fnv"
	"reflect"
	"sync"
	"time"

	"github.com/kvs-project/kvs/attr"
)

// Multi-item operations of a Store: GetAll over BatchGetItem and
// UpsertMany over BatchWriteItem, in chunks of DynamoDB's batch limits,
// retrying what comes back unprocessed.

// upsertManyWorkers is how many BatchWriteItem calls UpsertMany keeps in
// flight. Several concurrent batches let a disk engine cover many commits
// with one fsync (group commit) and keep both cores busy.
const upsertManyWorkers = 64

// retryBackoff sleeps before the attempt-th retry of unprocessed items:
// exponential from 1 ms to 100 ms, as the AWS SDKs advise for batches.
func retryBackoff(ctx context.Context, attempt int) error {
	d := time.Millisecond << min(attempt, 7)
	d = min(d, 100*time.Millisecond)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// GetAll reads the items with the given keys into out, a pointer to a
// slice of structs, maps or attr.Items (set to a new slice). The result
// holds the items found, in the order of their keys; missing items are
// skipped and a repeated key yields its item once. Keys are read with
// BatchGetItem, 100 at a time, strongly consistent, retrying unprocessed
// keys until all are read or ctx ends.
func (s *Store) GetAll(ctx context.Context, keys []Key, out any) error {
	if err := resetSlice(out); err != nil {
		return err
	}
	ti, err := s.db.table(ctx, s.name)
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(keys))
	var unique []attr.Item
	seen := map[string]bool{}
	for _, k := range keys {
		it, err := k.item(ti)
		if err != nil {
			return err
		}
		id := it.String()
		ids = append(ids, id)
		if !seen[id] {
			seen[id] = true
			unique = append(unique, it)
		}
	}
	found := make(map[string]attr.Item, len(unique))
	consistent := true
	for start := 0; start < len(unique); start += maxBatchGetKeys {
		pending := &KeysAndAttributes{Keys: unique[start:min(start+maxBatchGetKeys, len(unique))], ConsistentRead: &consistent}
		for attempt := 0; pending != nil && len(pending.Keys) > 0; attempt++ {
			if attempt > 0 {
				if err := retryBackoff(ctx, attempt); err != nil {
					return err
				}
			}
			res, err := s.db.BatchGetItem(ctx, &BatchGetItemInput{RequestItems: map[string]*KeysAndAttributes{s.name: pending}})
			if err != nil {
				return err
			}
			for _, it := range res.Responses[s.name] {
				found[keyItemOf(ti, it).String()] = it
			}
			pending = res.UnprocessedKeys[s.name]
		}
	}
	ordered := make([]attr.Item, 0, len(found))
	for _, id := range ids {
		if it, ok := found[id]; ok {
			ordered = append(ordered, it)
			delete(found, id)
		}
	}
	return appendItems(out, ordered)
}

// UpsertMany creates or replaces every item of items, a slice of structs,
// maps or attr.Items. Items are written with BatchWriteItem, 25 at a time,
// several batches in flight, retrying unprocessed items. Writes of one key
// keep their order, so when a key repeats the last item wins. UpsertMany is
// not atomic: on error (the first one is returned) some items may have been
// written; it is safe to call again with the same items.
func (s *Store) UpsertMany(ctx context.Context, items any) error {
	rv := reflect.ValueOf(items)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return fmt.Errorf("kvs: UpsertMany needs a slice, not %T", items)
	}
	n := rv.Len()
	if n == 0 {
		return nil
	}
	ti, err := s.db.table(ctx, s.name)
	if err != nil {
		return err
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err; cancel() })
	}
	workers := min(upsertManyWorkers, (n+maxBatchWrites-1)/maxBatchWrites)
	chans := make([]chan []WriteRequest, workers)
	for w := range chans {
		chans[w] = make(chan []WriteRequest, 2)
		wg.Add(1)
		go func(in <-chan []WriteRequest) {
			defer wg.Done()
			for batch := range in {
				if ctx.Err() != nil {
					continue // drain
				}
				if err := s.writeBatch(ctx, batch); err != nil {
					fail(err)
				}
			}
		}(chans[w])
	}
	// Each key goes to one worker (by hash), so the writes of one key keep
	// their order; a batch is sent early when a key repeats in it, as
	// BatchWriteItem rejects duplicates.
	type pending struct {
		reqs []WriteRequest
		ids  []string
	}
	batches := make([]pending, workers)
	var buf []byte
	h := fnv.New64a()
	send := func(w int) bool {
		select {
		case chans[w] <- batches[w].reqs:
		case <-ctx.Done():
			return false
		}
		batches[w] = pending{}
		return true
	}
	plain, isItems := items.([]attr.Item)
	for i := 0; i < n && ctx.Err() == nil; i++ {
		var it attr.Item
		if isItems {
			it = plain[i]
		} else if it, err = toItem(rv.Index(i).Interface()); err != nil {
			fail(fmt.Errorf("kvs: UpsertMany item %d: %w", i, err))
			break
		}
		buf = buf[:0]
		for _, name := range []string{ti.key.Hash, ti.key.Range} {
			if v, ok := it[name]; ok && name != "" {
				buf = attr.AppendValueJSON(buf, v)
			}
		}
		h.Reset()
		h.Write(buf)
		w := int(h.Sum64() % uint64(workers))
		id := string(buf)
		for _, other := range batches[w].ids {
			if other == id {
				send(w)
				break
			}
		}
		b := &batches[w]
		b.reqs = append(b.reqs, WriteRequest{PutRequest: &PutRequest{Item: it}})
		b.ids = append(b.ids, id)
		if len(b.reqs) == maxBatchWrites {
			send(w)
		}
	}
	for w := range batches {
		if len(batches[w].reqs) > 0 && ctx.Err() == nil {
			send(w)
		}
		close(chans[w])
	}
	wg.Wait()
	if firstErr == nil {
		firstErr = parent.Err()
	}
	return firstErr
}

// writeBatch writes one batch, retrying unprocessed items.
func (s *Store) writeBatch(ctx context.Context, reqs []WriteRequest) error {
	for attempt := 0; len(reqs) > 0; attempt++ {
		if attempt > 0 {
			if err := retryBackoff(ctx, attempt); err != nil {
				return err
			}
		}
		res, err := s.db.BatchWriteItem(ctx, &BatchWriteItemInput{RequestItems: map[string][]WriteRequest{s.name: reqs}})
		if err != nil {
			return err
		}
		reqs = res.UnprocessedItems[s.name]
	}
	return nil
}
