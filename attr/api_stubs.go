package attr

// This file fixes the attr API that other packages build against while the
// implementation is written. The attr implementer replaces every stub with a
// real implementation (in number.go, compare.go, size.go, json.go, marshal.go,
// validate.go, sets.go) and deletes this file.

// Size returns DynamoDB's size of the value in bytes (without any name).
func (v Value) Size() int { panic("attr: not implemented") }

// Size returns DynamoDB's size of the item: attribute names plus values.
func (it Item) Size() int { panic("attr: not implemented") }

// Validate checks a value against DynamoDB's rules (non-empty, duplicate-free
// sets; valid numbers; nesting depth) and returns a ValidationException with
// DynamoDB's message.
func Validate(v Value) error { panic("attr: not implemented") }
