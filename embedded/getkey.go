package embedded

import (
	"context"
	"errors"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/engine"
)

// Reads of one item by its key values rather than a Key item: what the Go
// API's Store.Get knows after validating a key, so that it builds no Key
// map, and into a struct no item map either. Both read the latest committed
// item, as Get does. GetInto takes the attr.StructDecoder by value, so that
// a call allocates nothing for it (a visitor func or interface would escape
// through the caller's interface call).

// GetByKey is Get for the key values pk and sk (sk is ignored, and may be the
// zero Value, for a table without a sort key). The caller has checked them
// against the table's key schema, as the portable layer does for Get.
func (d *Driver) GetByKey(ctx context.Context, table string, pk, sk attr.Value) (attr.Item, error) {
	v, err := d.getByKey(ctx, table, pk, sk)
	if v == nil || err != nil {
		return nil, err
	}
	it, _, err := decodeOwnedRecord(v)
	return it, err
}

// GetInto reads the item GetByKey reads into the struct dec decodes into,
// without building an item: it zeroes the struct, then stores the item's
// attributes one at a time in stored order, as attr.UnmarshalItem would
// store the whole item. found is false, and the struct untouched, when there
// is no item or it cannot be read (err then says why); the struct is changed
// only once the whole stored item has decoded. An error of dec comes back
// as is, with found true.
func (d *Driver) GetInto(ctx context.Context, table string, pk, sk attr.Value, dec attr.StructDecoder) (found bool, err error) {
	v, err := d.getByKey(ctx, table, pk, sk)
	if v == nil || err != nil {
		return false, err
	}
	if err := checkRecord(v); err != nil {
		return false, err
	}
	dec.Zero()
	return true, visitOwnedRecord(v, dec.Attr)
}

// AppendItemJSON appends the wire JSON of the item GetByKey reads
// ({"name":{"S":"x"},...}, as attr.AppendItemJSON writes it) to dst,
// without building the item, and returns its DynamoDB size. found is false,
// and dst unchanged, when there is no item.
func (d *Driver) AppendItemJSON(ctx context.Context, table string, pk, sk attr.Value, dst []byte) (out []byte, size int, found bool, err error) {
	v, err := d.getByKey(ctx, table, pk, sk)
	if v == nil || err != nil {
		return dst, 0, false, err
	}
	out, size, err = appendRecordJSON(dst, v)
	return out, size, err == nil, err
}

// getByKey returns the stored record of the item with key values pk and sk,
// or nil when there is none. The record is read-only (see
// decodeOwnedRecord), and may be retained.
func (d *Driver) getByKey(ctx context.Context, table string, pk, sk attr.Value) ([]byte, error) {
	t, err := d.lookup(table, msgNotFound)
	if err != nil {
		return nil, err
	}
	if t.sk == "" {
		sk = attr.Value{}
	}
	// Shared, not copied, where the engine's values are immutable
	// (memengine): the decoded item's strings then point into the engine's
	// own record, which no commit ever modifies.
	v, err := engine.GetShared(ctx, d.eng, appendHashedKey(itemPrefix(t.id), pk, sk))
	if errors.Is(err, engine.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if v == nil {
		v = []byte{} // found, but empty: still a (corrupt) record, not "none"
	}
	return v, nil
}

// checkRecord reports a record that decodeOwnedRecord would refuse.
func checkRecord(b []byte) error {
	d := decoder{s: ownedString(b)}
	d.uvarint()
	d.skipItem()
	if d.err != nil || d.i != len(d.s) {
		return errCorruptItem
	}
	return nil
}

// visitOwnedRecord hands the attributes of a record that checkRecord
// accepted to visit, decoding each value as decodeOwnedRecord does (its
// strings share b; B values are copied).
func visitOwnedRecord(b []byte, visit func(name string, v attr.Value) error) error {
	d := decoder{s: ownedString(b)}
	d.uvarint()
	n := d.count()
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		v := d.value()
		if d.err != nil {
			break
		}
		if err := visit(k, v); err != nil {
			return err
		}
	}
	if d.err != nil {
		return errCorruptItem // not after checkRecord
	}
	return nil
}
