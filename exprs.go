package kvs

import (
	"strings"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/expr"
)

// exprSet is the expressions of one request with its names and values.
type exprSet struct {
	Names                                            Names
	Values                                           Values
	Condition, Filter, KeyCondition, Update, Project string

	// ValueParams names the operation's expression parameters that take
	// values, in the order DynamoDB lists them when ExpressionAttributeValues
	// comes without any of them ("...: UpdateExpression and
	// ConditionExpression are null"); without them the message has no suffix.
	ValueParams []string
}

// resolvedSet is an exprSet parsed (through the DB's cache), bound to its
// names and values, and checked for unused names and values.
type resolvedSet struct {
	condition, filter, keyCondition expr.Cond
	update                          *expr.Update
	projection                      *expr.Projection
}

// resolve parses and resolves every expression of a request, in DynamoDB's
// order of checks: the maps themselves, each expression, then unused entries.
func (db *DB) resolve(s exprSet) (resolvedSet, error) {
	var out resolvedSet
	none := s.Condition == "" && s.Filter == "" && s.KeyCondition == "" && s.Update == "" && s.Project == ""
	if none {
		if s.Names != nil {
			return out, apierr.New(apierr.Validation, "ExpressionAttributeNames can only be specified when using expressions")
		}
		if s.Values != nil {
			msg := "ExpressionAttributeValues can only be specified when using expressions"
			if len(s.ValueParams) > 0 {
				verb := " is null"
				if len(s.ValueParams) > 1 {
					verb = " are null"
				}
				msg += ": " + strings.Join(s.ValueParams, " and ") + verb
			}
			return out, apierr.New(apierr.Validation, msg)
		}
		return out, nil
	}
	p := expr.Params{Names: s.Names, Values: s.Values}
	if err := p.Validate(); err != nil {
		return out, err
	}
	r := expr.NewResolver(p)
	var err error
	cond := func(kind expr.Kind, text string) expr.Cond {
		if text == "" || err != nil {
			return nil
		}
		var c expr.Cond
		if c, err = db.exprs.Condition(kind, text); err == nil {
			c, err = r.Condition(kind, c)
		}
		return c
	}
	// The key condition is parsed first but resolved last: DynamoDB Local
	// reports a filter's or a projection's operand error before the key
	// condition's (BETWEEN bounds, begins_with on a number), as
	// tools/difftest found.
	var keyCond expr.Cond
	if s.KeyCondition != "" {
		keyCond, err = db.exprs.Condition(expr.KindKeyCondition, s.KeyCondition)
	}
	if s.Update != "" && err == nil {
		var u *expr.Update
		if u, err = db.exprs.Update(s.Update); err == nil {
			out.update, err = r.Update(u)
		}
	}
	out.condition = cond(expr.KindCondition, s.Condition)
	out.filter = cond(expr.KindFilter, s.Filter)
	if s.Project != "" && err == nil {
		var p *expr.Projection
		if p, err = db.exprs.Projection(s.Project); err == nil {
			out.projection, err = r.Projection(p)
		}
	}
	if keyCond != nil && err == nil {
		out.keyCondition, err = r.Condition(expr.KindKeyCondition, keyCond)
	}
	if err != nil {
		return out, err
	}
	return out, r.Unused()
}
