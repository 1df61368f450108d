package engine

// Batch is an ordered list of writes committed atomically by Engine.Apply.
// The zero value is an empty batch ready to use. A Batch is not safe for
// concurrent use.
type Batch struct {
	ops []Op
}

// Op is one write of a Batch.
type Op struct {
	Key []byte
	// Value is the value written; ignored when Delete is set.
	Value []byte
	// Delete marks a deletion of Key.
	Delete bool
}

// Set appends a write of value to key. Key and value are copied.
func (b *Batch) Set(key, value []byte) {
	b.ops = append(b.ops, Op{Key: clone(key), Value: clone(value)})
}

// SetOwned appends a write of value to key without copying them: the batch
// takes ownership of both, and so may the engine that applies it (an
// in-memory engine keeps them). The caller must never modify key or value
// afterwards. It spares a bulk load a copy and an allocation per item;
// nil stands for the empty key or value, as with Set.
func (b *Batch) SetOwned(key, value []byte) {
	if key == nil {
		key = []byte{}
	}
	if value == nil {
		value = []byte{}
	}
	b.ops = append(b.ops, Op{Key: key, Value: value})
}

// Delete appends a deletion of key. Key is copied.
func (b *Batch) Delete(key []byte) {
	b.ops = append(b.ops, Op{Key: clone(key), Delete: true})
}

// Len returns the number of operations in the batch.
func (b *Batch) Len() int { return len(b.ops) }

// Ops returns the operations in order. Engines read it; callers must not
// modify the returned slice or the bytes it refers to.
func (b *Batch) Ops() []Op { return b.ops }

// Reset empties the batch, keeping its capacity.
func (b *Batch) Reset() {
	clear(b.ops)
	b.ops = b.ops[:0]
}

// clone copies p into a new non-nil slice, so that the empty value and the
// empty key survive as empty (not nil) through every engine.
func clone(p []byte) []byte {
	return append(make([]byte, 0, len(p)), p...)
}
