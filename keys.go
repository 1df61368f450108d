package kvs

import (
	"fmt"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/expr"
)

const msgKeyMismatch = "The provided key element does not match the schema"

// checkKey validates a Key parameter (GetItem, UpdateItem, DeleteItem, ...):
// exactly the table's key attributes, of the schema's types.
func checkKey(ks expr.KeySchema, key attr.Item) error {
	want := 1
	if ks.Range != "" {
		want = 2
	}
	if len(key) != want {
		return apierr.New(apierr.Validation, msgKeyMismatch)
	}
	if err := checkKeyPart(key, ks.Hash, ks.HashType, attr.KeyRoleHash); err != nil {
		return err
	}
	if ks.Range != "" {
		return checkKeyPart(key, ks.Range, ks.RangeType, attr.KeyRoleRange)
	}
	return nil
}

func checkKeyPart(key attr.Item, name string, t attr.Type, role string) error {
	v, ok := key[name]
	if !ok || v.Type() != t {
		return apierr.New(apierr.Validation, msgKeyMismatch)
	}
	return attr.ValidateKeyValue(name, v, role)
}

// checkItemKey validates the key attributes inside a whole item (PutItem).
func checkItemKey(ks expr.KeySchema, item attr.Item) error {
	if err := checkItemKeyPart(item, ks.Hash, ks.HashType, attr.KeyRoleHash); err != nil {
		return err
	}
	if ks.Range != "" {
		return checkItemKeyPart(item, ks.Range, ks.RangeType, attr.KeyRoleRange)
	}
	return nil
}

func checkItemKeyPart(item attr.Item, name string, t attr.Type, role string) error {
	v, ok := item[name]
	if !ok {
		return apierr.Validationf("One or more parameter values were invalid: Missing the key %s in the item", name)
	}
	if v.Type() != t {
		return apierr.Validationf("One or more parameter values were invalid: Type mismatch for key %s expected: %s actual: %s", name, t, v.Type())
	}
	return attr.ValidateKeyValue(name, v, role)
}

// keyOf extracts the primary key attributes of an item.
func keyOf(ks expr.KeySchema, item attr.Item) attr.Item {
	k := attr.Item{ks.Hash: item[ks.Hash]}
	if ks.Range != "" {
		k[ks.Range] = item[ks.Range]
	}
	return k
}

// values converts k into the table's key values (sk is the zero Value for a
// table without a sort key) and validates them as Key.item followed by
// checkKey would: the same errors, in the same order, without a Key item.
func (k Key) values(ks expr.KeySchema) (pk, sk attr.Value, err error) {
	if pk, err = marshalValue(k.pk); err != nil {
		return pk, sk, fmt.Errorf("kvs: partition key: %w", err)
	}
	if k.hasSK {
		if sk, err = marshalValue(k.sk); err != nil {
			return pk, sk, fmt.Errorf("kvs: sort key: %w", err)
		}
	}
	// A missing or extra sort key is a key of the wrong size.
	if k.hasSK != (ks.Range != "") || pk.Type() != ks.HashType {
		return pk, sk, apierr.New(apierr.Validation, msgKeyMismatch)
	}
	if err := attr.ValidateKeyValue(ks.Hash, pk, attr.KeyRoleHash); err != nil {
		return pk, sk, err
	}
	if k.hasSK {
		if sk.Type() != ks.RangeType {
			return pk, sk, apierr.New(apierr.Validation, msgKeyMismatch)
		}
		if err := attr.ValidateKeyValue(ks.Range, sk, attr.KeyRoleRange); err != nil {
			return pk, sk, err
		}
	}
	return pk, sk, nil
}

// appendKeyID appends an identity of it's primary key under ks: the key
// values' JSON in schema order. For items whose key holds exactly the
// schema's attributes it identifies the key as it.Key().String() would,
// without building a sorted string; duplicate-key checks compare it.
func appendKeyID(dst []byte, ks expr.KeySchema, it attr.Item) []byte {
	dst = attr.AppendValueJSON(dst, it[ks.Hash])
	if ks.Range != "" {
		dst = attr.AppendValueJSON(append(dst, ','), it[ks.Range])
	}
	return dst
}
