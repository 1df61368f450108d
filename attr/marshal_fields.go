package attr

import (
	"encoding"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
)

// This file holds what marshalling learns once per Go type: struct tags, the
// visible fields of a struct (embedded structs flattened with Go's and
// encoding/json's rules for name conflicts, as aws-sdk-go-v2 does) and which
// marshalling interfaces the type implements. It is cached in a sync.Map, so
// only the first value of each type pays for reflection over its fields.

// avTag is a parsed `dynamodbav:"name,opt,..."` struct tag.
type avTag struct {
	name string // "" means the Go field name
	// ignore is set by the name "-".
	ignore bool
	// omitEmpty skips zero values; omitEmptyElem does so for list/map elements.
	omitEmpty, omitEmptyElem bool
	// nullEmpty writes NULL for zero values; nullEmptyElem for elements.
	nullEmpty, nullEmptyElem bool
	// asString writes numbers as S and reads them back from S.
	asString bool
	// Set types for slices: BS, NS, SS.
	binarySet, numberSet, stringSet bool
	// unixTime writes a time.Time as N, seconds since the epoch.
	unixTime bool
}

// parseAVTag parses the dynamodbav tag of a struct field. Unknown options are
// ignored, as in aws-sdk-go-v2.
func parseAVTag(st reflect.StructTag) avTag {
	var t avTag
	s, ok := st.Lookup("dynamodbav")
	if !ok || s == "" {
		return t
	}
	name, opts, _ := strings.Cut(s, ",")
	if name == "-" { // aws-sdk-go-v2 skips "-," too (encoding/json would name it "-")
		t.ignore = true
		return t
	}
	t.name = name
	for opts != "" {
		var opt string
		opt, opts, _ = strings.Cut(opts, ",")
		switch opt {
		case "omitempty":
			t.omitEmpty = true
		case "omitemptyelem":
			t.omitEmptyElem = true
		case "nullempty":
			t.nullEmpty = true
		case "nullemptyelem":
			t.nullEmptyElem = true
		case "string":
			t.asString = true
		case "binaryset":
			t.binarySet = true
		case "numberset":
			t.numberSet = true
		case "stringset":
			t.stringSet = true
		case "unixtime":
			t.unixTime = true
		}
	}
	return t
}

// elemTag is the tag list and map elements are encoded with.
func (t avTag) elemTag() avTag {
	return avTag{omitEmpty: t.omitEmptyElem, omitEmptyElem: t.omitEmptyElem, nullEmpty: t.nullEmptyElem}
}

// structField is one visible field of a struct.
type structField struct {
	name    string
	tagged  bool  // name came from the tag
	index   []int // path through embedded structs, for FieldByIndex
	tag     avTag
	typ     reflect.Type
	ptrPath bool // index goes through an embedded pointer
	plain   bool // typ takes unmarshalling's shortcut (isPlainType)
}

// typeInfo is what marshalling caches per Go type.
type typeInfo struct {
	marshaler      bool // T implements Marshaler
	addrMarshaler  bool // *T implements Marshaler and T is not a pointer
	isTime         bool // T converts to time.Time
	numberLike     bool // T is a string kind with Float64/Int64/String methods (like Number)
	textMarshaler  bool // T or *T implements encoding.TextMarshaler (map keys)
	fields         []structField
	fieldsByName   map[string]int
	byName         []int // indexes of fields, sorted by name (StructDecoder)
	isItem, isAttr bool  // T is Item or Value
}

var (
	typeInfos       sync.Map // reflect.Type -> *typeInfo
	marshalerType   = reflect.TypeFor[Marshaler]()
	textMarshalType = reflect.TypeFor[encoding.TextMarshaler]()
	timeType        = reflect.TypeFor[time.Time]()
	valueType       = reflect.TypeFor[Value]()
	itemType        = reflect.TypeFor[Item]()
	bytesSliceType  = reflect.TypeFor[[][]byte]()
)

// numberer is the method set that makes a string type a number (Number,
// json.Number).
type numberer interface {
	Float64() (float64, error)
	Int64() (int64, error)
	String() string
}

var numbererType = reflect.TypeFor[numberer]()

// infoOf returns the cached typeInfo of t.
func infoOf(t reflect.Type) *typeInfo {
	if ti, ok := typeInfos.Load(t); ok {
		return ti.(*typeInfo)
	}
	ti := &typeInfo{
		marshaler:     t.Implements(marshalerType),
		isTime:        t.Kind() == reflect.Struct && t.ConvertibleTo(timeType),
		numberLike:    t.Kind() == reflect.String && t.Implements(numbererType),
		textMarshaler: t.Implements(textMarshalType) || reflect.PointerTo(t).Implements(textMarshalType),
		isItem:        t == itemType,
		isAttr:        t == valueType,
	}
	if t.Kind() != reflect.Pointer && !ti.marshaler {
		ti.addrMarshaler = reflect.PointerTo(t).Implements(marshalerType)
	}
	if t.Kind() == reflect.Struct && !ti.isTime {
		ti.fields = visibleFields(t)
		ti.fieldsByName = make(map[string]int, len(ti.fields))
		for i, f := range ti.fields {
			ti.fieldsByName[f.name] = i
			ti.byName = append(ti.byName, i)
		}
		slices.SortFunc(ti.byName, func(a, b int) int { return strings.Compare(ti.fields[a].name, ti.fields[b].name) })
	}
	actual, _ := typeInfos.LoadOrStore(t, ti)
	return actual.(*typeInfo)
}

// fieldByName finds a struct field by attribute name, falling back to a
// case-insensitive match as aws-sdk-go-v2 and encoding/json do.
func (ti *typeInfo) fieldByName(name string) (*structField, bool) {
	if i, ok := ti.fieldsByName[name]; ok {
		return &ti.fields[i], true
	}
	for i := range ti.fields {
		if strings.EqualFold(ti.fields[i].name, name) {
			return &ti.fields[i], true
		}
	}
	return nil, false
}

// visibleFields lists the fields of struct type t that marshal, in field
// order: exported fields and the fields of embedded structs, where a shallower
// field hides a deeper one of the same name, a tagged field wins among equals,
// and otherwise conflicting names are dropped (encoding/json's rules).
func visibleFields(t reflect.Type) []structField {
	type pending struct {
		typ     reflect.Type
		index   []int
		ptrPath bool
	}
	var (
		all     []structField
		current []pending
		next    = []pending{{typ: t}}
		visited = map[reflect.Type]bool{}
	)
	// count and nextCount spot a struct embedded twice at one depth: its
	// fields then conflict with each other and must both be recorded.
	count, nextCount := map[reflect.Type]int{}, map[reflect.Type]int{}
	for len(next) > 0 {
		current, next = next, nil
		count, nextCount = nextCount, map[reflect.Type]int{}
		for _, p := range current {
			if visited[p.typ] {
				continue
			}
			visited[p.typ] = true
			for i := range p.typ.NumField() {
				sf := p.typ.Field(i)
				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if sf.Anonymous {
					if !sf.IsExported() && ft.Kind() != reflect.Struct {
						continue // unexported embedded non-struct: nothing visible
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := parseAVTag(sf.Tag)
				if tag.ignore {
					continue
				}
				index := append(slices.Clip(p.index), i)
				viaPtr := p.ptrPath || (sf.Anonymous && sf.Type.Kind() == reflect.Pointer)
				if !sf.Anonymous || tag.name != "" || ft.Kind() != reflect.Struct {
					f := structField{name: sf.Name, index: index, tag: tag, typ: sf.Type, ptrPath: p.ptrPath, plain: isPlainType(sf.Type)}
					if tag.name != "" {
						f.name, f.tagged = tag.name, true
					}
					all = append(all, f)
					if count[p.typ] > 1 {
						// Twice at the same depth: record it twice so the
						// conflict removes it.
						all = append(all, f)
					}
					continue
				}
				nextCount[ft]++
				if nextCount[ft] == 1 {
					next = append(next, pending{typ: ft, index: index, ptrPath: viaPtr})
				}
			}
		}
	}
	slices.SortStableFunc(all, func(a, b structField) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		if c := len(a.index) - len(b.index); c != 0 {
			return c
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return 1
		}
		return slices.Compare(a.index, b.index)
	})
	out := all[:0]
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && all[j].name == all[i].name {
			j++
		}
		if f, ok := dominantField(all[i:j]); ok {
			out = append(out, f)
		}
		i = j
	}
	slices.SortFunc(out, func(a, b structField) int { return slices.Compare(a.index, b.index) })
	return slices.Clip(out)
}

// dominantField picks the field that a name refers to among fields sorted by
// depth, then tagged first: the shallowest, if it is the only one at its
// depth or the only tagged one there.
func dominantField(fields []structField) (structField, bool) {
	depth := len(fields[0].index)
	n := 0
	for n < len(fields) && len(fields[n].index) == depth {
		n++
	}
	fields = fields[:n]
	if len(fields) == 1 {
		return fields[0], true
	}
	if fields[0].tagged && !fields[1].tagged {
		return fields[0], true
	}
	return structField{}, false
}
