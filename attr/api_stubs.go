package attr

// This file fixes the attr API that other packages build against while the
// implementation is written. The attr implementer replaces every stub with a
// real implementation (in number.go, compare.go, size.go, json.go, marshal.go,
// validate.go, sets.go) and deletes this file.

// ParseNumber validates a DynamoDB number string and returns it as an N value
// in canonical form. Errors are *apierr.Error ValidationExceptions with
// DynamoDB's messages (too many digits, out of range, not a number).
func ParseNumber(s string) (Value, error) { panic("attr: not implemented") }

// CanonicalNumber returns the canonical text of a valid DynamoDB number: the
// form DynamoDB answers with ("01" -> "1", "1.0" -> "1", "1E2" -> "100",
// "-0" -> "0", "1E-3" -> "0.001"), with DynamoDB's errors for invalid input.
func CanonicalNumber(s string) (string, error) { panic("attr: not implemented") }

// AddNumbers returns a+b for canonical numbers a and b, exactly (38 digits),
// with DynamoDB's overflow/underflow errors.
func AddNumbers(a, b string) (string, error) { panic("attr: not implemented") }

// SubNumbers returns a-b, like AddNumbers.
func SubNumbers(a, b string) (string, error) { panic("attr: not implemented") }

// CompareNumbers orders two canonical numbers numerically: -1, 0 or +1.
// It does not allocate.
func CompareNumbers(a, b string) int { panic("attr: not implemented") }

// Compare orders two values of the same scalar type (S by UTF-8 bytes, N
// numerically, B by unsigned bytes). ok is false when the values are not both
// S, both N or both B.
func Compare(a, b Value) (c int, ok bool) { panic("attr: not implemented") }

// Equal reports DynamoDB equality: same type and same value, numbers compared
// numerically, sets compared ignoring order, L and M compared deeply.
func Equal(a, b Value) bool { panic("attr: not implemented") }

// Size returns DynamoDB's size of the value in bytes (without any name).
func (v Value) Size() int { panic("attr: not implemented") }

// Size returns DynamoDB's size of the item: attribute names plus values.
func (it Item) Size() int { panic("attr: not implemented") }

// Validate checks a value against DynamoDB's rules (non-empty, duplicate-free
// sets; valid numbers; nesting depth) and returns a ValidationException with
// DynamoDB's message.
func Validate(v Value) error { panic("attr: not implemented") }

// String renders the value in wire JSON, with map keys sorted (for tests and logs).
func (v Value) String() string { panic("attr: not implemented") }
