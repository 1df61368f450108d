package legacy

import (
	"strings"

	"github.com/kvs-project/kvs/attr"
)

// AttributeValueUpdate is one entry of AttributeUpdates.
type AttributeValueUpdate struct {
	Value  *attr.Value `json:",omitempty"`
	Action string      `json:",omitempty"`

	pos int // position in the request (order.go); 0 when built in Go
}

// The actions of AttributeUpdates; PUT is the default.
const (
	ActionPut    = "PUT"
	ActionAdd    = "ADD"
	ActionDelete = "DELETE"
)

// typeWords are the type names DynamoDB uses in AttributeUpdates messages.
var typeWords = map[attr.Type]string{
	attr.TypeS: "STRING", attr.TypeN: "NUMBER", attr.TypeB: "BINARY",
	attr.TypeBOOL: "BOOLEAN", attr.TypeNULL: "NULL", attr.TypeL: "LIST", attr.TypeM: "MAP",
	attr.TypeSS: "STRING_SET", attr.TypeNS: "NUMBER_SET", attr.TypeBS: "BINARY_SET",
}

// AttributeUpdates rewrites AttributeUpdates into an update expression; it
// returns "" when updates is empty.
//
// PUT becomes SET, DELETE without a value REMOVE, DELETE with a set value
// DELETE, ADD of a number or set ADD, and ADD of a list appends to the list
// (creating it when missing), as the legacy action did.
func AttributeUpdates(p *Placeholders, updates map[string]AttributeValueUpdate) (string, error) {
	names := orderedKeys(updates)
	// An unknown Action is Coral's constraint error, found before any
	// entry's own checks.
	for _, name := range names {
		if err := CheckAction(name, updates[name].Action); err != nil {
			return "", err
		}
	}
	var set, remove, add, del []string
	for _, name := range names {
		u := updates[name]
		if err := CheckName(name); err != nil {
			return "", err
		}
		if err := CheckUpdate(u.Action, u.Value); err != nil {
			return "", err
		}
		action := u.Action
		if action == "" {
			action = ActionPut
		}
		if u.Value == nil {
			remove = append(remove, p.name(name))
			continue
		}
		switch action {
		case ActionPut:
			set = append(set, p.name(name)+" = "+p.value(*u.Value))
		case ActionAdd:
			if u.Value.Type() == attr.TypeL {
				n := p.name(name)
				set = append(set, n+" = list_append(if_not_exists("+n+", "+p.value(attr.L())+"), "+p.value(*u.Value)+")")
			} else {
				add = append(add, p.name(name)+" "+p.value(*u.Value))
			}
		case ActionDelete:
			del = append(del, p.name(name)+" "+p.value(*u.Value))
		}
	}
	var clauses []string
	if len(set) > 0 {
		clauses = append(clauses, "SET "+strings.Join(set, ", "))
	}
	if len(remove) > 0 {
		clauses = append(clauses, "REMOVE "+strings.Join(remove, ", "))
	}
	if len(add) > 0 {
		clauses = append(clauses, "ADD "+strings.Join(add, ", "))
	}
	if len(del) > 0 {
		clauses = append(clauses, "DELETE "+strings.Join(del, ", "))
	}
	return strings.Join(clauses, " "), nil
}

// CheckAction returns Coral's error for an AttributeUpdates entry whose
// Action is not one of ADD, DELETE and PUT ("" is PUT).
func CheckAction(name, action string) error {
	switch action {
	case "", ActionPut, ActionAdd, ActionDelete:
		return nil
	}
	return validationf("1 validation error detected: Value '%s' at 'attributeUpdates.%s.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, DELETE, PUT]", action, name)
}

// CheckUpdate returns the error of an AttributeUpdates entry whose valid
// Action does not take its value: PUT or ADD without a value, ADD of
// anything but a number, a set or a list, DELETE of anything but a set.
func CheckUpdate(action string, value *attr.Value) error {
	if value == nil {
		if action != ActionDelete {
			return validationf(invalidParams + "Only DELETE action is allowed when no attribute value is specified")
		}
		return nil
	}
	t := value.Type()
	switch action {
	case ActionAdd:
		if t != attr.TypeN && !t.IsSet() && t != attr.TypeL {
			return validationf(invalidParams+"ADD action is not supported for the type %s", typeWords[t])
		}
	case ActionDelete:
		if !t.IsSet() {
			return validationf(invalidParams+"DELETE action with value is not supported for the type %s", typeWords[t])
		}
	}
	return nil
}

// CheckBatchDuplicates returns BatchGetItem's error for a table's
// AttributesToGet that names an attribute twice (GetItem, Query and Scan
// answer "Cannot have two attributes with the same name" instead, from
// AttributesToGet).
func CheckBatchDuplicates(names []string) error {
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		if seen[n] {
			return validationf(invalidParams+"Duplicate value in attribute name: %s", n)
		}
		seen[n] = true
	}
	return nil
}

// SplitDuplicates returns names without repeats and, if a name repeats,
// AttributesToGet's error for it. Query and Scan report that error only
// once the table, the Select rules and the rest of the request have been
// checked (DynamoDB Local: a repeated name on a missing table is the
// table's error, with Select COUNT the Select rule's); GetItem reports it
// at once, through AttributesToGet.
func SplitDuplicates(names []string) ([]string, error) {
	seen := make(map[string]bool, len(names))
	out := make([]string, 0, len(names))
	var err error
	for _, n := range names {
		if seen[n] {
			if err == nil {
				err = validationf("Cannot have two attributes with the same name")
			}
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	return out, err
}

// AttributesToGet rewrites AttributesToGet into a projection expression; it
// returns "" when names is empty (DynamoDB then returns whole items).
func AttributesToGet(p *Placeholders, names []string) (string, error) {
	seen := make(map[string]bool, len(names))
	parts := make([]string, 0, len(names))
	for _, n := range names {
		if err := CheckName(n); err != nil {
			return "", err
		}
		if seen[n] {
			return "", validationf("Cannot have two attributes with the same name")
		}
		seen[n] = true
		parts = append(parts, p.name(n))
	}
	return strings.Join(parts, ", "), nil
}
