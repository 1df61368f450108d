package attr

import (
	"strings"
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

func TestValidate(t *testing.T) {
	deep := S("x")
	for i := 1; i < MaxDepth; i++ {
		deep = L(deep)
	}
	valid := []Value{
		S(""), S("x"), N("1"), B(nil), BOOL(false), NULL(), L(), M(nil),
		SS(""), SS("a", "b"), NS("1", "2"), BS([]byte{}, []byte{1}),
		deep, M(map[string]Value{"a": deep.List()[0]}),
	}
	for _, v := range valid {
		if err := Validate(v); err != nil {
			t.Errorf("Validate(%s) = %v", v, err)
		}
	}
	invalid := []struct {
		v   Value
		msg string
	}{
		{Value{}, msgNoType},
		{N("1E200"), msgNumOverflow},
		{N("x"), msgNumInvalid + "x"},
		{Value{t: TypeNULL}, msgNullFalse},
		{SS(), msgEmptySS},
		{NS(), msgEmptyNS},
		{BS(), msgEmptyBS},
		{SS("a", "a"), "One or more parameter values were invalid: Input collection [a, a] contains duplicates"},
		{NS("1", "1.0"), msgDupNS},
		{NS("1", "x"), msgNumInvalid + "x"},
		{BS([]byte{1}, []byte{1}), msgDupBS},
		{M(map[string]Value{"": S("x")}), msgEmptyName},
		{M(map[string]Value{"a": M(map[string]Value{"": S("x")})}), msgEmptyName},
		{M(map[string]Value{"": N("x")}), msgNumInvalid + "x"},
		{L(deep), msgNesting},
		{M(map[string]Value{"a": L(NS())}), msgEmptyNS},
	}
	for _, c := range invalid {
		err := Validate(c.v)
		var e *apierr.Error
		if !asAPIErr(err, &e) || e.Code != apierr.Validation || e.Message != c.msg {
			t.Errorf("Validate(%s) = %v, want %q", c.v, err, c.msg)
		}
	}
	// Large sets use the hashed duplicate check.
	many := make([]string, 100)
	for i := range many {
		many[i] = itoa(i)
	}
	if err := Validate(NS(many...)); err != nil {
		t.Errorf("100-member NS: %v", err)
	}
	if err := Validate(NS(append(many, "5.0")...)); err == nil {
		t.Error("100-member NS with a numeric duplicate accepted")
	}
	if err := ValidateItem(Item{"a": S("x"), "b": SS()}); err == nil || !strings.Contains(err.Error(), msgEmptySS) {
		t.Errorf("ValidateItem = %v", err)
	}
	if err := ValidateItem(Item{"a": S("x")}); err != nil {
		t.Errorf("ValidateItem = %v", err)
	}
	if err := ValidateItem(Item{"pk": S("k"), "": S("x")}); err == nil || !strings.Contains(err.Error(), msgEmptyName) {
		t.Errorf("ValidateItem with an empty name = %v", err)
	}
}

func TestValidateKeyValue(t *testing.T) {
	cases := []struct {
		name, role string
		v          Value
		msg        string
	}{
		{"pk", KeyRoleHash, S("k"), ""},
		{"pk", KeyRoleHash, N("0"), ""},
		{"pk", KeyRoleHash, S(""), "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"},
		{"sk", KeyRoleRange, B(nil), "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: sk"},
		{"pk", KeyRoleHash, S(strings.Repeat("x", MaxPartitionKeySize)), ""},
		{"pk", KeyRoleHash, S(strings.Repeat("x", MaxPartitionKeySize+1)), msgHashTooBig},
		{"sk", KeyRoleRange, B([]byte(strings.Repeat("x", MaxSortKeySize))), ""},
		{"sk", KeyRoleRange, S(strings.Repeat("x", MaxSortKeySize+1)), msgRangeTooBig},
		{"sk", "sort", S(strings.Repeat("x", MaxSortKeySize+1)), msgRangeTooBig},
		{"pk", "partition", S(strings.Repeat("x", MaxSortKeySize+1)), ""},
	}
	for _, c := range cases {
		err := ValidateKeyValue(c.name, c.v, c.role)
		if c.msg == "" {
			if err != nil {
				t.Errorf("ValidateKeyValue(%s, %.20s, %s) = %v", c.name, c.v, c.role, err)
			}
			continue
		}
		var e *apierr.Error
		if !asAPIErr(err, &e) || e.Code != apierr.Validation || e.Message != c.msg {
			t.Errorf("ValidateKeyValue(%s, %.20s, %s) = %v, want %q", c.name, c.v, c.role, err, c.msg)
		}
	}
	err := ValidateIndexKeyValue("by-dni-index", "dni", S(""))
	want := "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: by-dni-index, IndexKey: dni"
	var e *apierr.Error
	if !asAPIErr(err, &e) || e.Message != want {
		t.Errorf("ValidateIndexKeyValue = %v", err)
	}
	if err := ValidateIndexKeyValue("i", "a", S("x")); err != nil {
		t.Errorf("ValidateIndexKeyValue = %v", err)
	}
}
