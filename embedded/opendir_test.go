package embedded

import (
	"net/url"
	"path/filepath"
	"testing"

	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
)

func TestOpenURL(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	for _, raw := range []string{"mem://", "mem://?ttl_sweep=off", "file://" + dir + "?sync=false&ttl_sweep=1m", "file://" + dir} {
		u, _ := url.Parse(raw)
		drv, err := OpenURL(ctx, u)
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		d := drv.(*Driver)
		if raw == "file://"+dir {
			// The data written through the first file URL is still there.
			if it := mustGet(t, d, "t", attr.Item{"pk": S("a"), "sk": N("1")}); it == nil {
				t.Fatal("item lost across reopen")
			}
		} else if _, err := d.DescribeTable(ctx, "t"); err != nil {
			mustCreate(t, d, testDef("t"))
			mustPut(t, d, "t", attr.Item{"pk": S("a"), "sk": N("1")})
		}
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := d.Get(ctx, &driver.Get{Table: "t", Key: attr.Item{"pk": S("a"), "sk": N("1")}}); err == nil {
			t.Fatal("Get after Close succeeded")
		}
	}
	for _, raw := range []string{"mem://?ttl_sweep=x", "file://", "ftp://x", "file:///tmp?nosync=maybe"} {
		u, _ := url.Parse(raw)
		if _, err := OpenURL(ctx, u); err == nil {
			t.Errorf("%s: no error", raw)
		}
	}
}
