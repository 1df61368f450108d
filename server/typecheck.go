package server

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"sync"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// DynamoDB checks the JSON types of the whole request before it validates
// any value: a SerializationException anywhere wins over a
// ValidationException from an attribute value earlier in the document.
// encoding/json stops at the first error an attribute decoder returns, so
// when decoding fails with anything but a SerializationException, firstTypeError
// walks the document in order looking for a type error. It runs on error
// paths only.

var (
	itemType  = reflect.TypeFor[attr.Item]()
	valueType = reflect.TypeFor[attr.Value]()
)

// firstTypeError returns the first SerializationException a request of type
// t would raise, in document order, or nil.
func firstTypeError(raw []byte, t reflect.Type) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case itemType:
		_, err := attr.ParseItemJSON(raw)
		return serializationOnly(err)
	case valueType:
		_, err := attr.ParseValueJSON(raw)
		return serializationOnly(err)
	}
	kind := jsonKind(raw[0])
	mismatch := func() error { return apierr.New(apierr.Serialization, typeMismatchMessage(kind, t)) }
	switch t.Kind() {
	case reflect.Struct:
		if kind != "object" {
			return mismatch()
		}
		fields := fieldsOf(t)
		return eachMember(raw, func(key string, v []byte) error {
			if ft, ok := fields.lookup(key); ok {
				return firstTypeError(v, ft)
			}
			return nil
		})
	case reflect.Map:
		if kind != "object" {
			return mismatch()
		}
		return eachMember(raw, func(_ string, v []byte) error { return firstTypeError(v, t.Elem()) })
	case reflect.Slice:
		if kind != "array" {
			return mismatch()
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.Token()
		for dec.More() {
			var v json.RawMessage
			if dec.Decode(&v) != nil {
				return nil
			}
			if err := firstTypeError(v, t.Elem()); err != nil {
				return err
			}
		}
		return nil
	case reflect.String:
		if kind != "string" {
			return mismatch()
		}
	case reflect.Bool:
		if kind != "bool" {
			return mismatch()
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if kind != "number" || bytes.ContainsAny(raw, ".eE") {
			return mismatch()
		}
	case reflect.Float32, reflect.Float64:
		if kind != "number" {
			return mismatch()
		}
	}
	return nil
}

func serializationOnly(err error) error {
	if apierr.Is(err, apierr.Serialization) {
		return err
	}
	return nil
}

// jsonKind names the JSON kind a value starting with c has, as
// encoding/json's UnmarshalTypeError does.
func jsonKind(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	}
	return "number"
}

// eachMember calls f for each member of a JSON object, in order.
func eachMember(raw []byte, f func(key string, v []byte) error) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if dec.Decode(&v) != nil {
			return nil
		}
		if err := f(key, v); err != nil {
			return err
		}
	}
	return nil
}

// structFields maps a struct's JSON member names (embedded structs'
// included) to their types, matched like encoding/json: exactly, then
// case-insensitively.
type structFields map[string]reflect.Type

func (fs structFields) lookup(key string) (reflect.Type, bool) {
	if t, ok := fs[key]; ok {
		return t, true
	}
	for name, t := range fs {
		if strings.EqualFold(name, key) {
			return t, true
		}
	}
	return nil, false
}

var fieldCache sync.Map // reflect.Type -> structFields

func fieldsOf(t reflect.Type) structFields {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.(structFields)
	}
	fs := structFields{}
	collectFields(t, fs)
	fieldCache.Store(t, fs)
	return fs
}

func collectFields(t reflect.Type, fs structFields) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			collectFields(f.Type, fs)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, dup := fs[name]; !dup {
			fs[name] = f.Type
		}
	}
}
