package engine_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kvs-project/kvs/engine"
)

func TestBatch(t *testing.T) {
	var b engine.Batch
	k, v := []byte("k"), []byte("v")
	b.Set(k, v)
	b.Delete([]byte("d"))
	b.Set(nil, nil)
	k[0], v[0] = 'X', 'X'
	ops := b.Ops()
	if b.Len() != 3 || string(ops[0].Key) != "k" || string(ops[0].Value) != "v" || ops[0].Delete {
		t.Fatalf("ops[0] = %+v; the batch must copy its input", ops[0])
	}
	if !ops[1].Delete || string(ops[1].Key) != "d" {
		t.Fatalf("ops[1] = %+v", ops[1])
	}
	if ops[2].Key == nil || ops[2].Value == nil {
		t.Fatalf("empty key and value must stay non-nil: %+v", ops[2])
	}
	b.Reset()
	if b.Len() != 0 {
		t.Fatalf("Len after Reset = %d", b.Len())
	}
}

func TestBatchSetOwned(t *testing.T) {
	var b engine.Batch
	k, v := []byte("k"), []byte("v")
	b.SetOwned(k, v)
	b.SetOwned(nil, nil)
	ops := b.Ops()
	if b.Len() != 2 || &ops[0].Key[0] != &k[0] || &ops[0].Value[0] != &v[0] || ops[0].Delete {
		t.Fatalf("ops[0] = %+v; SetOwned must keep its input", ops[0])
	}
	if ops[1].Key == nil || ops[1].Value == nil {
		t.Fatalf("empty key and value must stay non-nil: %+v", ops[1])
	}
}

// TestNoHigherLayerImports enforces that engines deal in bytes only: nothing
// under engine/ imports kvs's attribute or expression packages (or anything
// else of kvs outside engine/).
func TestNoHigherLayerImports(t *testing.T) {
	const module = "github.com/kvs-project/kvs/"
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(p, module) && !strings.HasPrefix(p, module+"engine") {
				t.Errorf("%s imports %s: engines must not depend on higher layers", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
