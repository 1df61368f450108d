package attr

// DynamoDB's item-size rule (developer guide, "Item sizes and formats"), with
// the exact number encoding dynalite derived from DynamoDB's limits.

// Size limits DynamoDB enforces, in bytes.
const (
	// MaxItemSize is the largest item: attribute names plus values.
	MaxItemSize = 400 * 1024
	// MaxPartitionKeySize is the largest partition (hash) key value.
	MaxPartitionKeySize = 2048
	// MaxSortKeySize is the largest sort (range) key value.
	MaxSortKeySize = 1024
)

// Size returns DynamoDB's size of the value in bytes (without any name):
//   - S: UTF-8 bytes; B: raw bytes; BOOL and NULL: 1
//   - N: numberSize (one byte per two significant digits plus overhead)
//   - L: 3 + per element (1 + element size)
//   - M: 3 + per member (1 + name bytes + value size)
//   - SS, NS, BS: the sum of the members' sizes
func (v Value) Size() int {
	switch v.t {
	case TypeS, TypeB:
		return len(v.s)
	case TypeN:
		return numberSize(v.s)
	case TypeBOOL, TypeNULL:
		return 1
	case TypeL:
		n := 3
		for _, e := range v.list {
			n += 1 + e.Size()
		}
		return n
	case TypeM:
		n := 3
		for k, e := range v.m {
			n += 1 + len(k) + e.Size()
		}
		return n
	case TypeSS, TypeBS:
		n := 0
		for _, m := range v.set {
			n += len(m)
		}
		return n
	case TypeNS:
		n := 0
		for _, m := range v.set {
			n += numberSize(m)
		}
		return n
	}
	return 0
}

// Size returns DynamoDB's size of the item: attribute names plus values.
func (it Item) Size() int {
	n := 0
	for k, v := range it {
		n += len(k) + v.Size()
	}
	return n
}

// numberSize is the stored size of a number. DynamoDB stores numbers in
// base 100: one exponent byte, one byte per pair of digits aligned on the
// decimal exponent (so an even exponent with an even digit count needs one
// more byte), and a terminator byte for negative numbers. Zero takes 1 byte.
func numberSize(canonical string) int {
	n, exp, neg := numberParts(canonical)
	if n == 0 {
		return 1
	}
	size := 1 + (n+1)/2
	if n%2 == 0 && exp%2 == 0 {
		size++
	}
	if neg {
		size++
	}
	return size
}
