package kvs_test

import "github.com/kvs-project/kvs/expr"

func exprAdd(path string, n int) expr.UpdateBuilder { return expr.Add(path, n) }
