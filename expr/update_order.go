package expr

import (
	"sort"
	"unicode/utf16"

	"github.com/kvs-project/kvs/attr"
)

// DynamoDB Local checks the actions of an update one by one, each wholly
// (its path, then its operands, then an ADD's or DELETE's type against the
// value it meets), in the order of a Java HashMap keyed by the actions'
// top-level attribute names, reversed: by the name's bucket,
// (h ^ h>>>16) & (capacity-1) with h = String.hashCode(), from the highest
// bucket down, and within a bucket the later action first. The first
// faulty action names the error. This model was fitted to 46 updates with
// two faulty actions sent with tools/difftest -replay (docs/difftest.md);
// it reproduces all but one of them.

// checkActionsInOrder returns the error of the first faulty action of u on
// item, in DynamoDB Local's order, or nil.
func (u *Update) checkActionsInOrder(item attr.Item) error {
	paths := make([]Path, len(u.Actions))
	for i, a := range u.Actions {
		paths[i] = a.Path
	}
	for _, i := range localOrder(paths) {
		if err := actionError(u.Actions[i], item); err != nil {
			return err
		}
	}
	return nil
}

// localOrder returns the indexes of paths in DynamoDB Local's order: by the
// HashMap bucket of the top-level name, highest first, and the later path
// first within a bucket.
func localOrder(paths []Path) []int {
	names := map[string]bool{}
	for _, p := range paths {
		if len(p) > 0 {
			names[p[0].Name] = true
		}
	}
	capacity := uint32(16)
	for uint32(len(names)) > capacity*3/4 {
		capacity *= 2
	}
	order := make([]int, len(paths))
	buckets := make([]uint32, len(paths))
	for i, p := range paths {
		order[i] = i
		if len(p) > 0 {
			h := javaStringHash(p[0].Name)
			buckets[i] = (h ^ h>>16) & (capacity - 1)
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if buckets[a] != buckets[b] {
			return buckets[a] > buckets[b]
		}
		return a > b
	})
	return order
}

// actionError is the error one action meets on item, before any action
// applied.
func actionError(a UpdateAction, item attr.Item) error {
	if targetState(item, a.Path) != targetOK {
		return errBadUpdatePath()
	}
	switch a.Op {
	case UpdateSet:
		if _, err := updateValue(a.Value, item); err != nil {
			return err
		}
	case UpdateAdd, UpdateDelete:
		old := Lookup(item, a.Path)
		v, ok := a.Value.(*ValueRef)
		if old.IsZero() || !ok {
			return nil
		}
		if a.Op == UpdateDelete {
			if old.Type() != v.Value.Type() {
				return errBadOperandType()
			}
			return nil
		}
		if _, err := addValues(old, v.Value); err != nil {
			return err
		}
	}
	return nil
}

// javaStringHash is Java's String.hashCode: s[0]*31^(n-1) + ... + s[n-1]
// over UTF-16 code units, in 32-bit arithmetic.
func javaStringHash(s string) uint32 {
	var h uint32
	for _, c := range utf16.Encode([]rune(s)) {
		h = 31*h + uint32(c)
	}
	return h
}
