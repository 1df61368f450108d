package kvs

import (
	"context"
	"iter"

	"github.com/kvs-project/kvs/attr"
)

// Iterators over every page of a Query or Scan, for range-over-func:
//
//	for it, err := range users.QueryAll(ctx, kvs.Query{Partition: "ann"}) {
//		if err != nil { return err }
//		...
//	}
//
// An error is yielded once, as the last pair, with a nil item. Breaking out
// of the loop stops reading. Limit is the page size.

// QueryAll yields every item q selects, reading page after page from
// q.PageToken on.
func (s *Store) QueryAll(ctx context.Context, q Query) iter.Seq2[attr.Item, error] {
	return walk(func(token string) (*page, error) {
		q.PageToken = token
		return s.queryPage(ctx, &q)
	}, q.PageToken)
}

// ScanAll yields every item sp selects, reading page after page.
func (s *Store) ScanAll(ctx context.Context, sp ScanSpec) iter.Seq2[attr.Item, error] {
	return walk(func(token string) (*page, error) {
		sp.PageToken = token
		return s.scanPage(ctx, &sp)
	}, sp.PageToken)
}

func walk(read func(token string) (*page, error), token string) iter.Seq2[attr.Item, error] {
	return func(yield func(attr.Item, error) bool) {
		for {
			p, err := read(token)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, it := range p.items {
				if !yield(it, nil) {
					return
				}
			}
			if p.next == "" {
				return
			}
			token = p.next
		}
	}
}

// Items converts the items of seq into T values (structs or maps, with
// attr.UnmarshalItem). A conversion error is yielded and ends the sequence.
//
//	for u, err := range kvs.Items[User](users.ScanAll(ctx, kvs.ScanSpec{})) { ... }
func Items[T any](seq iter.Seq2[attr.Item, error]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for it, err := range seq {
			var v T
			if err == nil {
				err = attr.UnmarshalItem(it, &v)
			}
			if err != nil {
				yield(v, err)
				return
			}
			if !yield(v, nil) {
				return
			}
		}
	}
}

// Collect gathers a sequence into a slice, stopping at the first error.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}
