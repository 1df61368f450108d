package embedded

import (
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// itemKey returns the engine key of the item whose key attributes are in
// item (an item or a bare key).
func (t *table) itemKey(item attr.Item) []byte {
	return appendHashedKey(itemPrefix(t.id), item[t.pk], t.skValue(item))
}

func (t *table) skValue(item attr.Item) attr.Value {
	if t.sk == "" {
		return attr.Value{}
	}
	return item[t.sk]
}

// keyOf returns the table key attributes of item.
func (t *table) keyOf(item attr.Item) attr.Item {
	k := attr.Item{t.pk: item[t.pk]}
	if t.sk != "" {
		k[t.sk] = item[t.sk]
	}
	return k
}

// isKeyAttr reports whether name is a table key attribute.
func (t *table) isKeyAttr(name string) bool { return name == t.pk || (t.sk != "" && name == t.sk) }

// indexKeyValues returns the index key values of item and whether the item
// has them all (an item without them is not in the index: indexes are
// sparse).
func (x *index) keyValues(item attr.Item) (pk, sk attr.Value, ok bool) {
	pk, ok = item[x.pk]
	if !ok {
		return
	}
	if x.sk != "" {
		sk, ok = item[x.sk]
	}
	return
}

// entryKey returns the engine key of item's entry in index x, or nil when the
// item is not in the index.
func (t *table) entryKey(x *index, item attr.Item) []byte {
	ipk, isk, ok := x.keyValues(item)
	if !ok {
		return nil
	}
	b := appendHashedKey(indexPrefix(t.id, x.id), ipk, isk)
	return appendKeyTail(b, item[t.pk], t.skValue(item))
}

// project returns the attributes of item that index x stores: the table and
// index keys plus the projection.
func (t *table) project(x *index, item attr.Item) attr.Item {
	if x.all {
		return item
	}
	p := make(attr.Item, 4+len(x.include))
	for _, name := range [...]string{t.pk, t.sk, x.pk, x.sk} {
		if name != "" {
			if v, ok := item[name]; ok {
				p[name] = v
			}
		}
	}
	for name := range x.include {
		if v, ok := item[name]; ok {
			p[name] = v
		}
	}
	return p
}

// projectSized is project that also returns the projection's size, given
// the item's.
func (t *table) projectSized(x *index, item attr.Item, size int) (attr.Item, int) {
	if x.all {
		return item, size
	}
	p := t.project(x, item)
	return p, p.Size()
}

// checkIndexKeys validates the index key attributes of an item about to be
// written: the right scalar type and, for S and B, not empty.
func (t *table) checkIndexKeys(item attr.Item) error {
	for _, x := range t.indexes {
		for _, name := range [...]string{x.pk, x.sk} {
			if name == "" {
				continue
			}
			v, ok := item[name]
			if !ok {
				continue
			}
			want := t.types[name]
			if v.Type() != want {
				return apierr.Validationf("One or more parameter values were invalid: Type mismatch for Index Key %s Expected: %s Actual: %s IndexName: %s",
					name, want, v.Type(), x.name)
			}
			if err := attr.ValidateIndexKeyValue(x.name, name, v); err != nil {
				return err
			}
		}
	}
	return nil
}
