package engine

import "context"

// Zero-copy reads.
//
// Get returns a slice the caller owns, so every engine copies the stored
// value on every Get. Most readers only decode the value, and copy out just
// what they keep (or nothing, for a size or existence check); View lets them
// read the stored bytes in place:
//
//	err := r.View(ctx, key, func(v []byte) error {
//		size, err = decodeSize(v) // v is valid only in here
//		return err
//	})
//
// The contract of the value handed to fn:
//
//   - It is read-only: fn must not modify it (it may be the engine's own
//     storage, shared with every other reader).
//   - It is valid only until fn returns. fn must copy every byte it keeps,
//     including substrings made with unsafe.String: after fn returns the
//     memory may be reused for another value or released (a disk engine's
//     block cache). A nil value stands for the empty value.
//   - It does not change while fn runs, whatever concurrent writers do: a
//     View reads one committed value, as Get does. memengine hands out the
//     stored slice of its copy-on-write tree, which no commit ever modifies
//     (a commit inserts a new item); diskengine hands out Pebble's value,
//     which stays pinned until the closer Pebble returned with it is closed,
//     after fn returns.
//   - fn runs on the caller's goroutine while the engine may hold a read
//     lock (diskengine holds the lock that Close waits for) and a pinned
//     block: it should be short, and must not call the engine, its
//     snapshots or its transactions at all (a nested call can deadlock
//     against a pending Close).
//   - View returns ErrNotFound without calling fn when the key has no value,
//     and otherwise exactly what fn returned (nil included), unwrapped.
//
// An engine that cannot do better than copying (a SQL engine whose driver
// returns owned bytes) implements View with ViewByGet.

// ViewByGet implements View for an engine or view whose Get already returns
// a fresh copy: it calls get and hands the result to fn.
func ViewByGet(ctx context.Context, get func(context.Context, []byte) ([]byte, error), key []byte, fn func(value []byte) error) error {
	v, err := get(ctx, key)
	if err != nil {
		return err
	}
	return fn(v)
}

// SharedGetter is implemented by engines, snapshots and transactions whose
// stored values are immutable memory managed by Go's garbage collector, as
// memengine's are. GetShared returns the value of key as Get does, or
// ErrNotFound, but without copying it: the slice may be the engine's own
// storage, so the caller must never modify it, but it stays valid for as
// long as the caller holds it (no commit or Close ever changes it). A reader
// that keeps parts of a value (strings decoded from it) uses GetShared to
// share them with the engine rather than copy the value first.
type SharedGetter interface {
	GetShared(ctx context.Context, key []byte) ([]byte, error)
}

// GetShared returns the value of key in r for reading only: r's GetShared
// when r is a SharedGetter, and otherwise r's Get, whose owned copy meets
// the same contract. The caller must not modify the result, and may keep it.
func GetShared(ctx context.Context, r interface {
	Get(ctx context.Context, key []byte) ([]byte, error)
}, key []byte) ([]byte, error) {
	if s, ok := r.(SharedGetter); ok {
		return s.GetShared(ctx, key)
	}
	return r.Get(ctx, key)
}
