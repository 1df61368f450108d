package kvs

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/expr"
	"github.com/kvs-project/kvs/schema"
)

// tableInfo is what item operations need to know about a table, derived once
// from its description: key attributes and types, and its indexes.
type tableInfo struct {
	desc    *TableDescription
	key     expr.KeySchema
	indexes map[string]*indexInfo
}

// indexInfo describes one secondary index for validation and capacity.
type indexInfo struct {
	name       string
	global     bool
	key        expr.KeySchema
	projection schema.Projection
}

func scalarType(s string) attr.Type {
	t, _ := attr.ParseType(s)
	return t
}

func keySchemaOf(ks []schema.KeySchemaElement, defs []schema.AttributeDefinition) expr.KeySchema {
	typeOf := func(name string) attr.Type {
		for _, d := range defs {
			if d.AttributeName == name {
				return scalarType(d.AttributeType)
			}
		}
		return attr.TypeInvalid
	}
	var k expr.KeySchema
	for _, e := range ks {
		if e.KeyType == schema.KeyTypeHash {
			k.Hash, k.HashType = e.AttributeName, typeOf(e.AttributeName)
		} else {
			k.Range, k.RangeType = e.AttributeName, typeOf(e.AttributeName)
		}
	}
	return k
}

func newTableInfo(d *TableDescription) *tableInfo {
	ti := &tableInfo{desc: d, key: keySchemaOf(d.KeySchema, d.AttributeDefinitions), indexes: map[string]*indexInfo{}}
	add := func(ix []schema.IndexDescription, global bool) {
		for _, i := range ix {
			ti.indexes[i.IndexName] = &indexInfo{name: i.IndexName, global: global,
				key: keySchemaOf(i.KeySchema, d.AttributeDefinitions), projection: i.Projection}
		}
	}
	add(d.GlobalSecondaryIndexes, true)
	add(d.LocalSecondaryIndexes, false)
	return ti
}

// tableCache remembers table descriptions so that item operations do not ask
// the driver for the schema on every request. This DB's own control-plane
// operations invalidate it, and so does a ResourceNotFoundException from the
// driver. A table changed behind this DB's back (only possible with a remote
// driver) is seen after the next invalidation.
type tableCache struct {
	m sync.Map // table name -> *tableInfo
	// gen counts forget calls: a *tableInfo a Store keeps (Store.table) is
	// current while gen is what it was before the Store looked it up here.
	gen atomic.Uint64
}

func (c *tableCache) forget(name string) {
	c.gen.Add(1)
	c.m.Delete(name)
}

// msgResourceNotFound is DynamoDB's message for an item operation on a table
// that does not exist (captured answers of GetItem, e.g. in Terraform debug
// logs; architect/dynalite's tests, recorded against DynamoDB).
const msgResourceNotFound = "Requested resource not found"

func (db *DB) table(ctx context.Context, name string) (*tableInfo, error) {
	if v, ok := db.tables.m.Load(name); ok {
		return v.(*tableInfo), nil
	}
	d, err := db.drv.DescribeTable(ctx, name)
	if err != nil {
		if apierr.Is(err, apierr.ResourceNotFound) {
			// Data-plane calls name no table in the message, unlike
			// DescribeTable ("Requested resource not found: Table: x not found").
			return nil, apierr.New(apierr.ResourceNotFound, msgResourceNotFound)
		}
		return nil, err
	}
	ti := newTableInfo(d)
	db.tables.m.Store(name, ti)
	return ti, nil
}
