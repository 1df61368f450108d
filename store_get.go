package kvs

import (
	"context"

	"github.com/kvs-project/kvs/attr"
)

// Store.Get's short path, for drivers that read an item by its key values
// (the embedded driver): no Key item is built, and a struct is filled from
// the stored item attribute by attribute without an item in between. What
// the caller sees — results, errors and their order, what out holds after —
// is what the long path through GetItem and fromItem gives.

// keyGetter is implemented by drivers that read one item, strongly
// consistently, by key values the caller has validated against the table's
// key schema. GetByKey returns nil when there is no item. GetInto zeroes the
// struct dec decodes into and stores the item's attributes in it one at a
// time, once the whole stored item has been read; found is false, and the
// struct untouched, when there is none or it could not be read, and an error
// of dec comes back as is, with found true.
type keyGetter interface {
	GetByKey(ctx context.Context, table string, pk, sk attr.Value) (attr.Item, error)
	GetInto(ctx context.Context, table string, pk, sk attr.Value, dec attr.StructDecoder) (found bool, err error)
}

// getByKey is Get through kg, for the table ti describes.
func (s *Store) getByKey(ctx context.Context, kg keyGetter, ti *tableInfo, key Key, out any) (bool, error) {
	pk, sk, err := key.values(ti.key)
	if err != nil {
		return false, err
	}
	if dec, ok := attr.NewStructDecoder(out); ok {
		// As fromItem: the struct zeroed, then the item unmarshalled.
		found, err := kg.GetInto(ctx, s.name, pk, sk, dec)
		if !found && err != nil {
			return false, s.db.driverErr(s.name, err)
		}
		return found, err
	}
	it, err := kg.GetByKey(ctx, s.name, pk, sk)
	if err != nil {
		return false, s.db.driverErr(s.name, err)
	}
	if it == nil {
		return false, nil
	}
	if out != nil {
		if err := fromItem(it, out); err != nil {
			return true, err
		}
	}
	return true, nil
}

// storeTable is the tableInfo a Store keeps, with the DB's table cache
// generation it was current in.
type storeTable struct {
	ti  *tableInfo
	gen uint64
}

// table is db.table for the Store's own table, without the cache lookup by
// name while nothing has been forgotten since: a Get then reads one atomic
// counter instead of hashing the name into a sync.Map.
func (s *Store) table(ctx context.Context) (*tableInfo, error) {
	gen := s.db.tables.gen.Load() // before the lookup: a forget after it makes this one stale
	if c := s.ti.Load(); c != nil && c.gen == gen {
		return c.ti, nil
	}
	ti, err := s.db.table(ctx, s.name)
	if err != nil {
		return nil, err
	}
	s.ti.Store(&storeTable{ti: ti, gen: gen})
	return ti, nil
}
