package kvs_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/kvstest"
)

func TestPageTokenRoundTrip(t *testing.T) {
	key := attr.Item{"pk": attr.S("a/b+c"), "sk": attr.N("-1.5"), "b": attr.B([]byte{0, 255})}
	tok := kvs.EncodePageToken(key)
	if !strings.HasPrefix(tok, "1") || strings.ContainsAny(tok, "+/=") {
		t.Fatalf("token %q: want version 1, base64url without padding", tok)
	}
	got, err := kvs.DecodePageToken(tok)
	if err != nil || !attr.ItemsEqual(got, key) {
		t.Fatalf("DecodePageToken = %v, %v", got, err)
	}
	if kvs.EncodePageToken(nil) != "" {
		t.Fatal("nil key must encode to the empty token")
	}
	if k, err := kvs.DecodePageToken(""); k != nil || err != nil {
		t.Fatalf(`DecodePageToken("") = %v, %v`, k, err)
	}
	for tok, msg := range map[string]string{
		"2abc":    "The provided starting key is invalid: unknown page token version",
		"1*":      "The provided starting key is invalid: malformed page token",
		"1e30":    "The provided starting key is invalid: malformed page token",
		"1bnVsbA": "The provided starting key is invalid: malformed page token", // "null"
	} {
		_, err := kvs.DecodePageToken(tok)
		var e *apierr.Error
		if !errors.As(err, &e) || e.Code != apierr.Validation || e.Message != msg {
			t.Errorf("DecodePageToken(%q) = %v, want ValidationException %q", tok, err, msg)
		}
	}
}

func FuzzDecodePageToken(f *testing.F) {
	f.Add(kvs.EncodePageToken(attr.Item{"a": attr.S("x")}))
	f.Add("1e30")
	f.Fuzz(func(t *testing.T, tok string) {
		key, err := kvs.DecodePageToken(tok)
		if err != nil {
			if !apierr.Is(err, apierr.Validation) {
				t.Fatalf("error %v is not a ValidationException", err)
			}
			return
		}
		if key != nil && kvs.EncodePageToken(key) == "" {
			t.Fatal("decoded key does not encode")
		}
	})
}

func TestFileURLOptions(t *testing.T) {
	ctx := context.Background()
	for _, bad := range []string{"?sync=maybe", "?fsync=false", "?sync=false&x=1"} {
		if db, err := kvs.Open(ctx, "file://"+t.TempDir()+bad, kvs.Options{}); err == nil {
			db.Close()
			t.Errorf("Open with %s succeeded", bad)
		}
	}
	dir := t.TempDir()
	for _, q := range []string{"?sync=false", "", "?sync=true"} {
		db, err := kvs.Open(ctx, "file://"+dir+q, kvs.Options{})
		if err != nil {
			t.Fatalf("Open %s: %v", q, err)
		}
		st, err := db.DefineStore(ctx, kvs.StoreDef{Name: "counters", PartitionKey: kvs.KeyAttr{Name: "id"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Update(ctx, kvs.PK("n"), exprAdd("c", 1), nil); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatalf("Close %s: %v", q, err)
		}
	}
	db, err := kvs.Open(ctx, "file://"+dir, kvs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var it attr.Item
	if found, err := db.Store("counters").Get(ctx, kvs.PK("n"), &it); !found || err != nil || it["c"].Str() != "3" {
		t.Fatalf("after three opens: %v %v %v, want c = 3 (sync=false data survives a clean close)", found, err, it)
	}
}

func TestDefineStoreMismatchMessage(t *testing.T) {
	ctx := context.Background()
	db := kvstest.New(t)
	def := kvs.StoreDef{Name: "users", PartitionKey: kvs.KeyAttr{Name: "id"}, TTLAttribute: "exp",
		Indexes: []kvs.IndexDef{{Name: "byEmail", PartitionKey: kvs.KeyAttr{Name: "email"}, Projection: kvs.ProjectKeysOnly()}}}
	if _, err := db.DefineStore(ctx, def); err != nil {
		t.Fatal(err)
	}
	def.TTLAttribute = "expires"
	def.Indexes[0].Projection = kvs.Projection{}
	_, err := db.DefineStore(ctx, def)
	var mm *kvs.DefinitionMismatchError
	if !errors.As(err, &mm) {
		t.Fatalf("err = %v", err)
	}
	want := `kvs: store users exists with a different definition: index byEmail: existing "global HASH email(S) KEYS_ONLY", ` +
		`defined "global HASH email(S) ALL"; TTL attribute: existing "exp", defined "expires"`
	if mm.Err.Message != want || mm.Store != "users" {
		t.Fatalf("message:\n got %s\nwant %s", mm.Err.Message, want)
	}
}

func TestStoreArgumentErrors(t *testing.T) {
	ctx := context.Background()
	st := kvstest.NewStore(t, kvs.StoreDef{Name: "things", PartitionKey: kvs.KeyAttr{Name: "id", Type: kvs.Number}})
	var notSlice attr.Item
	if _, err := st.Query(ctx, kvs.Query{Partition: 1}, &notSlice); err == nil {
		t.Error("Query into a map succeeded")
	}
	if err := st.UpsertMany(ctx, 42); err == nil {
		t.Error("UpsertMany of a non-slice succeeded")
	}
	if err := st.Upsert(ctx, make(chan int)); err == nil {
		t.Error("Upsert of a channel succeeded")
	}
	if _, err := st.Get(ctx, kvs.PK(make(chan int)), nil); err == nil {
		t.Error("Get with a channel key succeeded")
	}
	var v struct {
		ID int `dynamodbav:"id"`
	}
	if err := st.Upsert(ctx, attr.Item{"id": attr.N("7")}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Get(ctx, kvs.PK(7), v); err == nil {
		t.Error("Get into a non-pointer succeeded")
	}
	if err := st.UpsertMany(ctx, []any{}); err != nil {
		t.Errorf("UpsertMany of nothing: %v", err)
	}
	ctxDone, cancel := context.WithCancel(ctx)
	cancel()
	items := make([]attr.Item, 1000)
	for i := range items {
		items[i] = attr.Item{"id": attr.N(strings.Repeat("1", 1+i%30))}
	}
	if err := st.UpsertMany(ctxDone, items); !errors.Is(err, context.Canceled) {
		t.Errorf("UpsertMany with a canceled context: %v", err)
	}
}

// TestGetAllRetriesUnprocessedKeys reads 50 items of ~390 KB: more than
// BatchGetItem's 16 MB response, so part of the keys come back unprocessed
// and GetAll must ask again.
func TestGetAllRetriesUnprocessedKeys(t *testing.T) {
	ctx := context.Background()
	st := kvstest.NewStore(t, kvs.StoreDef{Name: "blobs", PartitionKey: kvs.KeyAttr{Name: "id", Type: kvs.Number}})
	big := strings.Repeat("x", 390*1024)
	var keys []kvs.Key
	var items []attr.Item
	for i := 0; i < 50; i++ {
		items = append(items, attr.Item{"id": attr.N(strconv.Itoa(i)), "blob": attr.S(big)})
		keys = append(keys, kvs.PK(49-i))
	}
	if err := st.UpsertMany(ctx, items); err != nil {
		t.Fatal(err)
	}
	// The DB-level call really leaves keys unprocessed.
	var raw []attr.Item
	for _, k := range items {
		raw = append(raw, attr.Item{"id": k["id"]})
	}
	out, err := st.DB().BatchGetItem(ctx, &kvs.BatchGetItemInput{RequestItems: map[string]*kvs.KeysAndAttributes{"blobs": {Keys: raw}}})
	if err != nil || len(out.UnprocessedKeys["blobs"].Keys) == 0 {
		t.Fatalf("BatchGetItem of 19 MB: err %v, unprocessed %v; the test needs unprocessed keys", err, out.UnprocessedKeys)
	}
	var got []struct {
		ID   int    `dynamodbav:"id"`
		Blob string `dynamodbav:"blob"`
	}
	if err := st.GetAll(ctx, keys, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 50 {
		t.Fatalf("GetAll: %d items, want 50", len(got))
	}
	for i, g := range got {
		if g.ID != 49-i || len(g.Blob) != len(big) {
			t.Fatalf("item %d: id %d, blob of %d bytes", i, g.ID, len(g.Blob))
		}
	}
}
