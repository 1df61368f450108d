package kvs

import (
	"context"
	"fmt"
	"hash/fnv"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kvs-project/kvs/apierr"
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
// maps or attr.Items. When a key repeats the last item wins. UpsertMany is
// not atomic: on error (the first one is returned) some items may have been
// written; it is safe to call again with the same items.
//
// Items are marshalled on several goroutines at once, so their MarshalAttr
// methods, if any, must be safe for concurrent use (a panic in one is
// raised again in the caller's goroutine).
//
// Items are validated as by PutItem; an invalid item fails the call before
// any item of its window of 16,384 is written. On the embedded driver (mem://,
// file://) they are then written in commits of up to 1,000 items, and on a
// table without secondary indexes those of 100 items or more without
// reading the items they replace: the table's ItemCount and TableSizeBytes
// then count replaced items as new until a background recount shortly
// after the load (DynamoDB itself refreshes them only about every six
// hours). Other drivers get BatchWriteItem calls of 25 items, several in
// flight, retrying unprocessed items.
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
	if bp, ok := s.db.drv.(bulkPutter); ok {
		return s.upsertBulk(ctx, bp, ti, rv)
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
		buf = appendKeyID(buf[:0], ti.key, it)
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

// bulkPutter is what UpsertMany prefers in a driver: writing many validated
// items with distinct keys as independent puts, atomically per call,
// without reading the items they replace (embedded.Driver.PutMany).
type bulkPutter interface {
	PutMany(ctx context.Context, table string, items []attr.Item) error
}

const (
	// bulkChunk is how many items UpsertMany hands a bulkPutter per call:
	// one engine commit (one fsync on disk) each.
	bulkChunk = 1000
	// bulkChunkBytes bounds a chunk's total item size, so that a load of
	// large items does not build one huge commit.
	bulkChunkBytes = 4 << 20
	// bulkWindow is how many items UpsertMany marshals before writing
	// them (about 32 MB of 1 KB items).
	bulkWindow = 16384
	// bulkWorkers is how many of those calls are in flight, so that a disk
	// engine can cover several commits with one fsync while the other
	// workers encode.
	bulkWorkers = 4
)

// upsertBulk is UpsertMany over a bulkPutter, one window of bulkWindow
// items after the other (so that a huge slice is never all marshalled at
// once, and repeated keys in different windows keep their order).
func (s *Store) upsertBulk(ctx context.Context, bp bulkPutter, ti *tableInfo, rv reflect.Value) error {
	for start := 0; start < rv.Len(); start += bulkWindow {
		if err := s.upsertWindow(ctx, bp, ti, rv, start, min(start+bulkWindow, rv.Len())); err != nil {
			return err
		}
	}
	return nil
}

// upsertWindow writes items [from, to) of rv: marshal and validate them
// (in parallel), keep the last item of each key, then write chunks of
// bulkChunk items, bulkWorkers at a time. Nothing of the window is written
// when one of its items is invalid.
func (s *Store) upsertWindow(ctx context.Context, bp bulkPutter, ti *tableInfo, rv reflect.Value, from, to int) error {
	n := to - from
	items := make([]attr.Item, n)
	ids := make([]string, n)
	errs := make([]error, n)
	sizes := make([]int, n)
	plain, isItems := rv.Interface().([]attr.Item)
	parallel(n, func(i int) {
		var it attr.Item
		var err error
		if isItems {
			it = plain[from+i]
		} else if it, err = toItem(rv.Index(from + i).Interface()); err != nil {
			errs[i] = fmt.Errorf("kvs: UpsertMany item %d: %w", from+i, err)
			return
		}
		if err = attr.ValidateItem(it); err == nil {
			if sizes[i] = it.Size(); sizes[i] > attr.MaxItemSize {
				err = attr.CheckItemSize(it)
			} else {
				err = checkItemKey(ti.key, it)
			}
		}
		if err != nil {
			errs[i] = err
			return
		}
		items[i] = it
		ids[i] = string(appendKeyID(nil, ti.key, it))
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	items, sizes = lastOfEachKey(items, sizes, ids)
	// Chunks of bulkChunk items or bulkChunkBytes, whichever comes first.
	var chunks [][]attr.Item
	start, bytes := 0, 0
	for i := range items {
		if i > start && (i-start == bulkChunk || bytes+sizes[i] > bulkChunkBytes) {
			chunks = append(chunks, items[start:i])
			start, bytes = i, 0
		}
		bytes += sizes[i]
	}
	chunks = append(chunks, items[start:])
	var (
		next     atomic.Int64
		failed   atomic.Bool
		errOnce  sync.Once
		firstErr error
	)
	parallelN(min(bulkWorkers, len(chunks)), func() {
		for ctx.Err() == nil && !failed.Load() {
			c := int(next.Add(1)) - 1
			if c >= len(chunks) {
				return
			}
			if err := bp.PutMany(ctx, s.name, chunks[c]); err != nil {
				errOnce.Do(func() { firstErr = err })
				failed.Store(true)
				return
			}
		}
	})
	if firstErr != nil {
		if apierr.Is(firstErr, apierr.ResourceNotFound) {
			s.db.tables.forget(s.name)
		}
		return firstErr
	}
	return ctx.Err()
}

// lastOfEachKey drops every item (and its size) whose key (ids[i]) occurs
// again later, so that the remaining items have distinct keys and can be
// written in any order with the same result as writing all in order.
func lastOfEachKey(items []attr.Item, sizes []int, ids []string) ([]attr.Item, []int) {
	last := make(map[string]int, len(ids))
	for i, id := range ids {
		last[id] = i
	}
	if len(last) == len(ids) {
		return items, sizes
	}
	out, outSizes := make([]attr.Item, 0, len(last)), make([]int, 0, len(last))
	for i, it := range items {
		if last[ids[i]] == i {
			out, outSizes = append(out, it), append(outSizes, sizes[i])
		}
	}
	return out, outSizes
}

// parallel calls f(i) for every i in [0, n) on up to GOMAXPROCS goroutines,
// in contiguous blocks.
func parallel(n int, f func(i int)) {
	const block = 256
	var next atomic.Int64
	parallelN(min(runtime.GOMAXPROCS(0), (n+block-1)/block), func() {
		for {
			start := int(next.Add(block)) - block
			if start >= n {
				return
			}
			for i := start; i < min(start+block, n); i++ {
				f(i)
			}
		}
	})
}

// parallelN runs f on k goroutines and waits for them. A panic in f (a
// caller's MarshalAttr, say) is raised again in the calling goroutine, as
// it would be were f run there, instead of ending the process.
func parallelN(k int, f func()) {
	if k <= 1 {
		f()
		return
	}
	var wg sync.WaitGroup
	var once sync.Once
	var panicked any
	for range k {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					once.Do(func() { panicked = p })
				}
			}()
			f()
		})
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}
