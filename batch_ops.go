package kvs

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
	"github.com/kvs-project/kvs/internal/coral"
)

// Batch limits, as DynamoDB has them.
const (
	maxBatchGetKeys     = 100
	maxBatchWrites      = 25
	maxBatchGetResponse = 16 * 1024 * 1024
)

// BatchGetItem reads up to 100 items from one or more tables. Keys that do
// not fit in the 16 MB response come back in UnprocessedKeys.
func (db *DB) BatchGetItem(ctx context.Context, in *BatchGetItemInput) (*BatchGetItemOutput, error) {
	var v coral.Violations
	common{returnConsumedCapacity: in.ReturnConsumedCapacity}.check(&v)
	if in.RequestItems == nil {
		v.Null("requestItems")
	} else if len(in.RequestItems) == 0 {
		v.Add("'{}'", "requestItems", "Member must have length greater than or equal to 1")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	total := 0
	for _, ka := range in.RequestItems {
		if ka != nil {
			total += len(ka.Keys)
		}
	}
	if total > maxBatchGetKeys {
		return nil, apierr.New(apierr.Validation, "Too many items requested for the BatchGetItem call")
	}
	type tableReads struct {
		name string
		ka   *KeysAndAttributes
		rs   resolvedSet
		ti   *tableInfo
	}
	var reads []tableReads
	for _, name := range sortedNames(in.RequestItems) {
		ka := in.RequestItems[name]
		if err := validateTableName("requestItems."+name+".member.tableName", name); err != nil {
			return nil, err
		}
		if ka == nil || ka.Keys == nil {
			return nil, apierr.New(apierr.Validation, "1 validation error detected: Value null at 'requestItems."+name+".member.keys' failed to satisfy constraint: Member must not be null")
		}
		if len(ka.Keys) == 0 {
			// As recorded from DynamoDB by architect/dynalite (test/batchGetItem.js).
			return nil, apierr.New(apierr.Validation, "1 validation error detected: Value '[]' at 'requestItems."+name+".member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1")
		}
		rs, err := db.resolve(exprSet{Names: ka.ExpressionAttributeNames, Project: ka.ProjectionExpression})
		if err != nil {
			return nil, err
		}
		reads = append(reads, tableReads{name: name, ka: ka, rs: rs})
	}
	for i := range reads {
		ti, err := db.table(ctx, reads[i].name)
		if err != nil {
			return nil, err
		}
		reads[i].ti = ti
		if err := checkKeyPaths(ti.key, reads[i].rs); err != nil {
			return nil, err
		}
		if err := checkIndexKeyPaths(ti, reads[i].rs); err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, k := range reads[i].ka.Keys {
			if err := checkKey(ti.key, k); err != nil {
				return nil, err
			}
			s := k.String()
			if seen[s] {
				return nil, apierr.New(apierr.Validation, "Provided list of item keys contains duplicates")
			}
			seen[s] = true
		}
	}
	out := &BatchGetItemOutput{Responses: map[string][]attr.Item{}, UnprocessedKeys: map[string]*KeysAndAttributes{}}
	size := 0
	for _, r := range reads {
		consistent := r.ka.ConsistentRead != nil && *r.ka.ConsistentRead
		items := []attr.Item{}
		readBytes := 0
		for i, k := range r.ka.Keys {
			item, err := db.drv.Get(ctx, &driver.Get{Table: r.name, Key: k, Consistent: consistent})
			if err != nil {
				return nil, db.driverErr(r.name, err)
			}
			if item != nil {
				sz := item.Size()
				if size+sz > maxBatchGetResponse {
					// The answer stays within 16 MB: this key and the
					// rest of the table's keys are left for the next call.
					un := *r.ka
					un.Keys = r.ka.Keys[i:]
					out.UnprocessedKeys[r.name] = &un
					break
				}
				size += sz
				readBytes += ceilDiv(sz, readUnitBytes) * readUnitBytes
				items = append(items, project(item, r.rs.projection))
			}
		}
		out.Responses[r.name] = items
		if in.ReturnConsumedCapacity != "" && in.ReturnConsumedCapacity != CapacityNone {
			// Keys without an item cost nothing here (unlike a GetItem).
			c := readCapacity(r.name, in.ReturnConsumedCapacity, readBytes, consistent, false)
			if readBytes == 0 {
				c.CapacityUnits = 0
				if c.Table != nil {
					c.Table.CapacityUnits = 0
				}
			}
			out.ConsumedCapacity = append(out.ConsumedCapacity, *c)
		}
	}
	return out, nil
}

// BatchWriteItem puts or deletes up to 25 items in one or more tables. The
// whole batch is validated before anything is written; each write is then
// atomic on its own.
func (db *DB) BatchWriteItem(ctx context.Context, in *BatchWriteItemInput) (*BatchWriteItemOutput, error) {
	var v coral.Violations
	common{returnConsumedCapacity: in.ReturnConsumedCapacity, returnCollMetrics: in.ReturnItemCollectionMetrics}.check(&v)
	if in.RequestItems == nil {
		v.Null("requestItems")
	} else if len(in.RequestItems) == 0 {
		v.Add("'{}'", "requestItems", "Member must have length greater than or equal to 1")
	} else if echo, ok := badWriteLists(in.RequestItems); ok {
		v.Add("'"+echo+"'", "requestItems", "Map value must satisfy constraint: "+
			"[Member must have length less than or equal to 25, Member must have length greater than or equal to 1]")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	total := 0
	for _, reqs := range in.RequestItems {
		total += len(reqs)
	}
	if total > maxBatchWrites {
		return nil, apierr.New(apierr.Validation, "Too many items requested for the BatchWriteItem call")
	}
	var writes []*driver.Write
	tables := map[string]*tableInfo{}
	for _, name := range sortedNames(in.RequestItems) {
		if err := validateTableName("requestItems."+name+".member.tableName", name); err != nil {
			return nil, err
		}
		for j, r := range in.RequestItems[name] {
			if (r.PutRequest == nil) == (r.DeleteRequest == nil) {
				return nil, apierr.New(apierr.Validation, "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
			}
			// A PutRequest without Item or a DeleteRequest without Key is a
			// Coral null, named by its path as in architect/dynalite's
			// test/batchWriteItem.js ('requestItems.aa;.member.1.member.putRequest.item').
			if (r.PutRequest != nil && r.PutRequest.Item == nil) || (r.DeleteRequest != nil && r.DeleteRequest.Key == nil) {
				// The path is built only here: building it for every
				// request cost an allocation per item.
				var nv coral.Violations
				member := "requestItems." + name + ".member." + strconv.Itoa(j+1) + ".member"
				if r.PutRequest != nil && r.PutRequest.Item == nil {
					nv.Null(member + ".putRequest.item")
				}
				if r.DeleteRequest != nil && r.DeleteRequest.Key == nil {
					nv.Null(member + ".deleteRequest.key")
				}
				return nil, nv.Err()
			}
			if r.PutRequest != nil {
				if err := attr.ValidateItem(r.PutRequest.Item); err != nil {
					return nil, err
				}
				if err := attr.CheckItemSize(r.PutRequest.Item); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, name := range sortedNames(in.RequestItems) {
		ti, err := db.table(ctx, name)
		if err != nil {
			return nil, err
		}
		tables[name] = ti
		seen := make(map[string]bool, len(in.RequestItems[name]))
		var id []byte
		for _, r := range in.RequestItems[name] {
			w := &driver.Write{Table: name, NeedOld: capacityNeedsOld(ti, in.ReturnConsumedCapacity)}
			if r.PutRequest != nil {
				if err := checkItemKey(ti.key, r.PutRequest.Item); err != nil {
					return nil, err
				}
				w.Kind, w.Item, w.Key = driver.Put, r.PutRequest.Item, keyOf(ti.key, r.PutRequest.Item)
			} else {
				if err := checkKey(ti.key, r.DeleteRequest.Key); err != nil {
					return nil, err
				}
				w.Kind, w.Key = driver.Delete, r.DeleteRequest.Key
			}
			// The key holds exactly the schema's attributes (checked
			// above); the lookup with string(id) does not allocate.
			id = appendKeyID(id[:0], ti.key, w.Key)
			if seen[string(id)] {
				return nil, apierr.New(apierr.Validation, "Provided list of item keys contains duplicates")
			}
			seen[string(id)] = true
			writes = append(writes, w)
		}
	}
	out := &BatchWriteItemOutput{UnprocessedItems: map[string][]WriteRequest{}}
	units := map[string]*ConsumedCapacity{}
	// One driver call for the whole batch: DynamoDB promises each write's
	// atomicity only, so the driver may commit them together.
	results, err := db.drv.WriteBatch(ctx, writes)
	if err != nil {
		return nil, db.batchWriteErr(writes, err)
	}
	for i, w := range writes {
		res := results[i]
		addCollectionMetrics(&out.ItemCollectionMetrics, w.Table,
			collectionMetrics(tables[w.Table], in.ReturnItemCollectionMetrics, w.Key, res))
		if c := writeCapacity(tables[w.Table], in.ReturnConsumedCapacity, res, false); c != nil {
			if u := units[w.Table]; u != nil {
				addCapacity(u, c)
			} else {
				units[w.Table] = c
			}
		}
	}
	for _, name := range sortedNames(units) {
		out.ConsumedCapacity = append(out.ConsumedCapacity, *units[name])
	}
	return out, nil
}

// badWriteLists reports whether a table of a BatchWriteItem has an empty
// request list or more than 25 requests, which Coral's map-value constraint
// rejects, and renders the
// map as Java does ({bat1=[]}). Non-empty lists render as [...]: Coral
// prints each request's Java toString, which kvs does not reproduce.
func badWriteLists(m map[string][]WriteRequest) (string, bool) {
	var parts []string
	found := false
	for _, name := range sortedNames(m) {
		if n := len(m[name]); n == 0 || n > maxBatchWrites {
			found = true
		}
		if len(m[name]) == 0 {
			parts = append(parts, name+"=[]")
		} else {
			parts = append(parts, name+"=[...]")
		}
	}
	return "{" + strings.Join(parts, ", ") + "}", found
}

func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// batchWriteErr is driverErr for a WriteBatch, which does not say which
// table was missing: every table of the batch is looked up afresh.
func (db *DB) batchWriteErr(writes []*driver.Write, err error) error {
	if apierr.Is(err, apierr.ResourceNotFound) {
		for _, w := range writes {
			db.tables.forget(w.Table)
		}
	}
	return err
}
