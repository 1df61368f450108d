package expr

import (
	"errors"
	"strconv"
	"strings"
)

// The builder's document path syntax. Builder paths are never sent as text:
// every name becomes a #placeholder, so reserved words and unusual
// characters need no care. A path is names separated by "." with list
// indexes in brackets, "a.b[2].c"; a name is any run of characters other
// than ".", "[", "]" and "`". A name holding those characters is written in
// backquotes with "``" for a backquote, which Quote produces.

// Quote returns name as one element of a builder path, so that an
// attribute whose name contains "." or "[" can be used:
//
//	expr.Name(expr.Quote("user.name"))          // the attribute "user.name"
//	expr.Set(expr.Quote("a.b")+".c", 1)         // member c of attribute "a.b"
func Quote(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// parseBuilderPath parses a builder path into a resolved Path (ElemName and
// ElemIndex elements). Depth limits are left to the expression parser, which
// reports them with DynamoDB's message.
func parseBuilderPath(s string) (Path, error) {
	if s == "" {
		return nil, errors.New("expr: empty document path")
	}
	var p Path
	i := 0
	for {
		name, next, err := builderPathName(s, i)
		if err != nil {
			return nil, err
		}
		p = append(p, PathElem{Kind: ElemName, Name: name})
		i = next
		for i < len(s) && s[i] == '[' {
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return nil, pathErr(s, "unclosed [")
			}
			digits := s[i+1 : i+j]
			n, err := strconv.Atoi(digits)
			if err != nil || digits == "" || digits[0] < '0' || digits[0] > '9' || n > 1<<31-1 {
				return nil, pathErr(s, "list index must be a non-negative integer")
			}
			p = append(p, PathElem{Kind: ElemIndex, Index: n})
			i += j + 1
		}
		if i == len(s) {
			return p, nil
		}
		if s[i] != '.' {
			return nil, pathErr(s, "expected . or [ after a name or index")
		}
		i++
	}
}

// builderPathName reads one name at s[i:], plain or backquoted, and returns
// it with the index just past it.
func builderPathName(s string, i int) (string, int, error) {
	if i < len(s) && s[i] == '`' {
		var b strings.Builder
		for j := i + 1; j < len(s); j++ {
			if s[j] != '`' {
				b.WriteByte(s[j])
				continue
			}
			if j+1 < len(s) && s[j+1] == '`' {
				b.WriteByte('`')
				j++
				continue
			}
			if b.Len() == 0 {
				return "", 0, pathErr(s, "empty attribute name")
			}
			return b.String(), j + 1, nil
		}
		return "", 0, pathErr(s, "unclosed `")
	}
	j := i
	for j < len(s) && s[j] != '.' && s[j] != '[' && s[j] != ']' && s[j] != '`' {
		j++
	}
	if j == i {
		return "", 0, pathErr(s, "empty attribute name")
	}
	return s[i:j], j, nil
}

func pathErr(path, msg string) error {
	return errors.New("expr: invalid document path " + strconv.Quote(path) + ": " + msg)
}
