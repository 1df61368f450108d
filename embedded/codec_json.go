package embedded

import "github.com/kvs-project/kvs/attr"

// appendRecordJSON appends the DynamoDB wire JSON of a stored record's item
// ({"name":{"S":"x"},...}, names in stored, that is sorted, order) to dst,
// exactly as attr.AppendItemJSON writes the decoded item, without decoding
// it: no item map, no values. It also returns the item's DynamoDB size. On
// a corrupt record it returns dst unchanged and errCorruptItem. rec is only
// read during the call, so it may be a View callback's value.
func appendRecordJSON(dst, rec []byte) ([]byte, int, error) {
	start := len(dst)
	d := decoder{s: ownedString(rec)}
	size := d.uvarint()
	dst = d.appendItemJSON(dst)
	if d.err != nil || d.i != len(d.s) {
		return dst[:start], 0, errCorruptItem
	}
	return dst, size, nil
}

func (d *decoder) appendItemJSON(dst []byte) []byte {
	n := d.count()
	dst = append(dst, '{')
	for i := 0; i < n && d.err == nil; i++ {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = attr.AppendJSONString(dst, d.str())
		dst = append(dst, ':')
		dst = d.appendValueJSON(dst)
	}
	return append(dst, '}')
}

// appendValueJSON mirrors attr's appendValue (attr/jsonenc.go) on the
// stored form.
func (d *decoder) appendValueJSON(dst []byte) []byte {
	if d.err != nil || d.i >= len(d.s) {
		d.err = errCorruptItem
		return dst
	}
	t := attr.Type(d.s[d.i])
	d.i++
	switch t {
	case attr.TypeS:
		dst = append(dst, `{"S":`...)
		dst = attr.AppendJSONString(dst, d.str())
	case attr.TypeN:
		dst = append(dst, `{"N":"`...)
		dst = append(dst, d.str()...) // canonical numbers need no escaping
		dst = append(dst, '"')
	case attr.TypeB:
		dst = append(dst, `{"B":`...)
		dst = attr.AppendJSONBase64(dst, d.str())
	case attr.TypeBOOL:
		if d.i >= len(d.s) {
			d.err = errCorruptItem
			return dst
		}
		v := d.s[d.i] == 1
		d.i++
		if v {
			return append(dst, `{"BOOL":true}`...)
		}
		return append(dst, `{"BOOL":false}`...)
	case attr.TypeNULL:
		return append(dst, `{"NULL":true}`...)
	case attr.TypeL:
		n := d.count()
		dst = append(dst, `{"L":[`...)
		for i := 0; i < n && d.err == nil; i++ {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = d.appendValueJSON(dst)
		}
		dst = append(dst, ']')
	case attr.TypeM:
		dst = append(dst, `{"M":`...)
		dst = d.appendItemJSON(dst)
	case attr.TypeSS, attr.TypeNS, attr.TypeBS:
		n := d.count()
		dst = append(dst, `{"`...)
		dst = append(dst, t.String()...)
		dst = append(dst, `":[`...)
		for i := 0; i < n && d.err == nil; i++ {
			if i > 0 {
				dst = append(dst, ',')
			}
			m := d.str()
			switch t {
			case attr.TypeSS:
				dst = attr.AppendJSONString(dst, m)
			case attr.TypeNS:
				dst = append(dst, '"')
				dst = append(dst, m...)
				dst = append(dst, '"')
			default:
				dst = attr.AppendJSONBase64(dst, m)
			}
		}
		dst = append(dst, ']')
	default:
		d.err = errCorruptItem
		return dst
	}
	return append(dst, '}')
}
