package attr

import (
	"slices"
	"strings"

	"github.com/kvs-project/kvs/apierr"
)

// MaxDepth is the deepest nesting DynamoDB accepts: a top-level attribute
// value is level 1, and values may nest L and M up to level 32.
const MaxDepth = 32

// DynamoDB's messages for invalid attribute values. Texts from dynalite
// (validations/index.js) and dynoxide (src/validation.rs), which record them
// from DynamoDB; the null-value, empty-name and duplicate-set texts are
// DynamoDB Local's (expr/testdata/item.txt), which neither source pins.
const (
	msgEmptySS     = "One or more parameter values were invalid: An string set  may not be empty"
	msgEmptyNS     = "One or more parameter values were invalid: An number set  may not be empty"
	msgEmptyBS     = "One or more parameter values were invalid: Binary sets should not be empty"
	msgDupNS       = "Input collection contains duplicates"
	msgDupBS       = "One or more parameter values were invalid: Input collection of type BS contains duplicates."
	msgNullFalse   = "One or more parameter values were invalid: Null attribute value types must have the value of true"
	msgNullValue   = "The supplied Item contains a null AttributeValue"
	msgEmptyName   = "Empty attribute name"
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
// sets; valid canonical numbers; NULL is true; nesting depth; no empty map
// member names) and returns a
// ValidationException with DynamoDB's message. Empty S and B values are
// valid (they are only refused in keys, see ValidateKeyValue).
func Validate(v Value) error {
	return validateAt(v, 1)
}

// ValidateItem validates every attribute of an item (see Validate) and
// refuses an empty attribute name. It does not check the size limit:
// DynamoDB checks keys first, so callers call CheckItemSize after their key
// checks.
func ValidateItem(it Item) error {
	return validateMembers(it, 1)
}

// validateMembers validates the members of an item or M at the given depth.
// DynamoDB checks each member's value before its name.
func validateMembers(m Item, depth int) error {
	for name, v := range m {
		if err := validateAt(v, depth); err != nil {
			return err
		}
		if name == "" {
			return validation(msgEmptyName)
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
		return validateMembers(v.m, depth+1)
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
		return canonicalNumberSet(make([]string, len(v.set)), v.set)
	}
	if hasDuplicate(v.set) {
		return duplicateError(v.t, v.set)
	}
	return nil
}

// canonicalNumberSet writes the canonical form of each NS member of set to
// dst (which may be set itself) and returns the first problem in member
// order: an invalid number, or a number equal to an earlier member.
// DynamoDB Local reads the members one by one, so ["1","1","x"] is a
// duplicate and ["x","1","1"] an invalid number.
func canonicalNumberSet(dst, set []string) error {
	var seen map[string]struct{}
	if len(set) > 16 {
		seen = make(map[string]struct{}, len(set))
	}
	for i, m := range set {
		c, err := CanonicalNumber(m)
		if err != nil {
			return err
		}
		dst[i] = c
		if seen == nil {
			if slices.Contains(dst[:i], c) {
				return validation(msgDupNS)
			}
			continue
		}
		if _, ok := seen[c]; ok {
			return validation(msgDupNS)
		}
		seen[c] = struct{}{}
	}
	return nil
}

// hasDuplicate reports whether a member of an SS or BS repeats.
func hasDuplicate(set []string) bool {
	if len(set) <= 16 {
		for i := 1; i < len(set); i++ {
			if slices.Contains(set[:i], set[i]) {
				return true
			}
		}
		return false
	}
	seen := make(map[string]struct{}, len(set))
	for _, m := range set {
		if _, ok := seen[m]; ok {
			return true
		}
		seen[m] = struct{}{}
	}
	return false
}

// duplicateError is DynamoDB's message for a set with a repeated member, as
// DynamoDB Local words it: SS lists the members as sent, BS and NS do not.
func duplicateError(t Type, set []string) error {
	switch t {
	case TypeNS:
		return validation(msgDupNS)
	case TypeSS:
		return validation("One or more parameter values were invalid: Input collection [" +
			strings.Join(set, ", ") + "] contains duplicates")
	default:
		return validation(msgDupBS)
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
