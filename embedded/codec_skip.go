package embedded

import "github.com/kvs-project/kvs/attr"

// Skipping over the stored form: the checks of decoder.item and
// decoder.value without building anything, so that a record can be found
// well formed before any of it is handed out (VisitByKey).

func (d *decoder) skipItem() {
	n := d.count()
	for i := 0; i < n && d.err == nil; i++ {
		d.str()
		d.skipValue()
	}
}

func (d *decoder) skipValue() {
	if d.err != nil || d.i >= len(d.s) {
		d.err = errCorruptItem
		return
	}
	t := attr.Type(d.s[d.i])
	d.i++
	switch t {
	case attr.TypeS, attr.TypeN, attr.TypeB:
		d.str()
	case attr.TypeBOOL:
		if d.i >= len(d.s) {
			d.err = errCorruptItem
			return
		}
		d.i++
	case attr.TypeNULL:
	case attr.TypeL:
		n := d.count()
		for i := 0; i < n && d.err == nil; i++ {
			d.skipValue()
		}
	case attr.TypeM:
		d.skipItem()
	case attr.TypeSS, attr.TypeNS, attr.TypeBS:
		n := d.count()
		for i := 0; i < n && d.err == nil; i++ {
			d.str()
		}
	default:
		d.err = errCorruptItem
	}
}
