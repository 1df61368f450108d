package attr

import (
	"encoding/base64"
	"strings"

	"github.com/kvs-project/kvs/apierr"
)

// MaxDepth is the deepest nesting DynamoDB accepts: a top-level attribute
// value is level 1, and values may nest L and M up to level 32.
const MaxDepth = 32

// DynamoDB's messages for invalid attribute values. Texts from dynalite
// (validations/index.js) and dynoxide (src/validation.rs), which record them
// from DynamoDB.
const (
	msgEmptySS     = "One or more parameter values were invalid: An string set  may not be empty"
	msgEmptyNS     = "One or more parameter values were invalid: An number set  may not be empty"
	msgEmptyBS     = "One or more parameter values were invalid: Binary sets should not be empty"
	msgDupNS       = "Input collection contains duplicates"
	msgNullFalse   = "One or more parameter values were invalid: Null attribute value types must have the value of true"
	msgNoType      = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
	msgManyTypes   = "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"
	msgNesting     = "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"
	msgItemTooBig  = "Item size has exceeded the maximum allowed size"
	msgHashTooBig  = "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"
	msgRangeTooBig = "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"
	msgKeyEmptyFmt = "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty %s value. Key: %s"
	msgIdxEmptyFmt = "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty %s value. IndexName: %s, IndexKey: %s"
)

func validation(msg string) error { return apierr.New(apierr.Validation, msg) }

// Validate checks a value against DynamoDB's rules (non-empty, duplicate-free
// sets; valid canonical numbers; NULL is true; nesting depth) and returns a
// ValidationException with DynamoDB's message. Empty S and B values are
// valid (they are only refused in keys, see ValidateKeyValue).
func Validate(v Value) error {
	return validateAt(v, 1)
}

// ValidateItem validates every attribute of an item (see Validate). It does
// not check the size limit: DynamoDB checks keys first, so callers call
// CheckItemSize after their key checks.
func ValidateItem(it Item) error {
	for _, v := range it {
		if err := validateAt(v, 1); err != nil {
			return err
		}
	}
	return nil
}

// CheckItemSize returns DynamoDB's ValidationException ("Item size has
// exceeded the maximum allowed size") when the item is over MaxItemSize.
func CheckItemSize(it Item) error {
	if it.Size() > MaxItemSize {
		return validation(msgItemTooBig)
	}
	return nil
}

func validateAt(v Value, depth int) error {
	if depth > MaxDepth {
		return validation(msgNesting)
	}
	switch v.t {
	case TypeInvalid:
		return validation(msgNoType)
	case TypeN:
		if _, err := CanonicalNumber(v.s); err != nil {
			return err
		}
	case TypeNULL:
		if !v.bl {
			return validation(msgNullFalse)
		}
	case TypeSS, TypeNS, TypeBS:
		return validateSet(v)
	case TypeL:
		for _, e := range v.list {
			if err := validateAt(e, depth+1); err != nil {
				return err
			}
		}
	case TypeM:
		for _, e := range v.m {
			if err := validateAt(e, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// validateSet checks that a set is non-empty, that NS members are valid
// numbers, and that no member repeats (NS numerically).
func validateSet(v Value) error {
	if len(v.set) == 0 {
		switch v.t {
		case TypeSS:
			return validation(msgEmptySS)
		case TypeNS:
			return validation(msgEmptyNS)
		default:
			return validation(msgEmptyBS)
		}
	}
	if v.t == TypeNS {
		for _, m := range v.set {
			if _, err := CanonicalNumber(m); err != nil {
				return err
			}
		}
	}
	if hasDuplicate(v.t, v.set) {
		return duplicateError(v.t, v.set)
	}
	return nil
}

// hasDuplicate reports whether a member repeats. Members of a canonical NS
// have one text per number; non-canonical NS members are compared by value.
func hasDuplicate(t Type, set []string) bool {
	if len(set) <= 16 {
		for i := 1; i < len(set); i++ {
			for j := 0; j < i; j++ {
				if sameMember(t, set[i], set[j]) {
					return true
				}
			}
		}
		return false
	}
	seen := make(map[string]struct{}, len(set))
	for _, m := range set {
		if t == TypeNS {
			if c, err := CanonicalNumber(m); err == nil {
				m = c
			}
		}
		if _, ok := seen[m]; ok {
			return true
		}
		seen[m] = struct{}{}
	}
	return false
}

func sameMember(t Type, a, b string) bool {
	if a == b {
		return true
	}
	if t != TypeNS {
		return false
	}
	ca, err1 := CanonicalNumber(a)
	cb, err2 := CanonicalNumber(b)
	return err1 == nil && err2 == nil && ca == cb
}

// duplicateError is DynamoDB's message for a set with a repeated member. SS
// and BS list the members as sent (BS in base64; note DynamoDB's missing
// space before "of type BS").
func duplicateError(t Type, set []string) error {
	switch t {
	case TypeNS:
		return validation(msgDupNS)
	case TypeSS:
		return validation("One or more parameter values were invalid: Input collection [" +
			strings.Join(set, ", ") + "] contains duplicates.")
	default:
		enc := make([]string, len(set))
		for i, m := range set {
			enc[i] = base64.StdEncoding.EncodeToString([]byte(m))
		}
		return validation("One or more parameter values were invalid: Input collection [" +
			strings.Join(enc, ", ") + "]of type BS contains duplicates.")
	}
}

// Key roles for ValidateKeyValue, named like DynamoDB's KeyType.
const (
	KeyRoleHash  = "HASH"
	KeyRoleRange = "RANGE"
)

// ValidateKeyValue checks the value of a table key attribute: S and B must
// not be empty, a partition key (role "HASH", or "partition") must not
// exceed MaxPartitionKeySize bytes and a sort key (role "RANGE", or "sort")
// MaxSortKeySize bytes. The key's type against the schema is the caller's
// concern.
func ValidateKeyValue(name string, v Value, role string) error {
	if v.t == TypeS || v.t == TypeB {
		if v.s == "" {
			kind := "string"
			if v.t == TypeB {
				kind = "binary"
			}
			return apierr.Validationf(msgKeyEmptyFmt, kind, name)
		}
		if isSortRole(role) {
			if len(v.s) > MaxSortKeySize {
				return validation(msgRangeTooBig)
			}
		} else if len(v.s) > MaxPartitionKeySize {
			return validation(msgHashTooBig)
		}
	}
	return nil
}

func isSortRole(role string) bool {
	return strings.EqualFold(role, KeyRoleRange) || strings.EqualFold(role, "sort")
}

// ValidateIndexKeyValue checks the value of a secondary index key attribute:
// S and B must not be empty.
func ValidateIndexKeyValue(indexName, name string, v Value) error {
	if (v.t == TypeS || v.t == TypeB) && v.s == "" {
		kind := "string"
		if v.t == TypeB {
			kind = "binary"
		}
		return apierr.Validationf(msgIdxEmptyFmt, kind, indexName, name)
	}
	return nil
}
