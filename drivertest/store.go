package drivertest

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/expr"
)

// The store-level API: stores defined from StoreDef, Go values, builders,
// page tokens, iterators and transactions.

func init() {
	register(
		testCase{name: "Store/Define", run: testStoreDefine},
		testCase{name: "Store/CRUD", run: testStoreCRUD},
		testCase{name: "Store/OptimisticLocking", run: testStoreOptimisticLocking},
		testCase{name: "Store/GetAllUpsertMany", run: testStoreBatches},
		testCase{name: "Store/QueryPagesAndIterators", run: testStoreQuery},
		testCase{name: "Store/ScanSegments", needs: []Capability{ParallelScan}, run: testStoreScanSegments},
		testCase{name: "Store/Transactions", run: testStoreTransactions},
	)
}

type post struct {
	User    string   `dynamodbav:"user"`
	Seq     int      `dynamodbav:"seq"`
	Title   string   `dynamodbav:"title"`
	Tags    []string `dynamodbav:"tags,stringset,omitempty"`
	Likes   int      `dynamodbav:"likes"`
	Version int      `dynamodbav:"version"`
	Status  string   `dynamodbav:"status,omitempty"`
}

var postsDef = kvs.StoreDef{
	Name:         "posts",
	PartitionKey: kvs.KeyAttr{Name: "user"},
	SortKey:      kvs.KeyAttr{Name: "seq", Type: kvs.Number},
	Indexes: []kvs.IndexDef{
		{Name: "byStatus", PartitionKey: kvs.KeyAttr{Name: "status"}, SortKey: kvs.KeyAttr{Name: "likes", Type: kvs.Number}},
		{Name: "titles", PartitionKey: kvs.KeyAttr{Name: "status"}, Projection: kvs.ProjectInclude("title")},
	},
}

func (e *env) posts() *kvs.Store {
	e.t.Helper()
	st, err := e.db.DefineStore(e.ctx, postsDef)
	e.noErr("DefineStore", err)
	return st
}

func testStoreDefine(t *testing.T, e *env) {
	def := postsDef
	def.TTLAttribute = "expires"
	st, err := e.db.DefineStore(e.ctx, def)
	e.noErr("DefineStore", err)
	if st.Name() != "posts" {
		t.Fatalf("store name %q", st.Name())
	}
	_, err = e.db.DefineStore(e.ctx, def)
	e.noErr("DefineStore again, same definition", err)
	d, err := e.db.DescribeTable(e.ctx, &kvs.DescribeTableInput{TableName: "posts"})
	e.noErr("DescribeTable", err)
	if len(d.Table.KeySchema) != 2 || len(d.Table.GlobalSecondaryIndexes) != 2 || d.Table.BillingModeSummary == nil {
		t.Fatalf("defined table = %+v", d.Table)
	}
	ttl, err := e.db.DescribeTimeToLive(e.ctx, &kvs.DescribeTimeToLiveInput{TableName: "posts"})
	e.noErr("DescribeTimeToLive", err)
	if ttl.TimeToLiveDescription.AttributeName != "expires" {
		t.Fatalf("TTL = %+v", ttl.TimeToLiveDescription)
	}
	changed := def
	changed.SortKey = kvs.KeyAttr{Name: "seq"} // String instead of Number
	changed.Indexes = def.Indexes[:1]
	_, err = e.db.DefineStore(e.ctx, changed)
	var mm *kvs.DefinitionMismatchError
	if !errors.As(err, &mm) || len(mm.Diffs) != 2 {
		t.Fatalf("DefineStore with another definition: err = %v, want a DefinitionMismatchError with 2 diffs", err)
	}
	e.wantErr("DefineStore with another definition", err, apierr.Validation, "")
	_, err = e.db.DefineStore(e.ctx, kvs.StoreDef{Name: "x"})
	e.wantErr("invalid definition", err, apierr.Validation, "")
}

func testStoreCRUD(t *testing.T, e *env) {
	st := e.posts()
	var p post
	found, err := st.Get(e.ctx, kvs.PKSK("ann", 1), &p)
	if err != nil || found {
		t.Fatalf("Get of a missing item = %v, %v; want false, nil", found, err)
	}
	e.noErr("Upsert", st.Upsert(e.ctx, post{User: "ann", Seq: 1, Title: "hello", Tags: []string{"a", "b"}}))
	found, err = st.Get(e.ctx, kvs.PKSK("ann", 1), &p)
	if err != nil || !found || p.Title != "hello" || !slices.Equal(p.Tags, []string{"a", "b"}) {
		t.Fatalf("Get = %v %v %+v", found, err, p)
	}
	err = st.Upsert(e.ctx, post{User: "ann", Seq: 1, Title: "again"}, kvs.IfNotExists())
	e.wantErr("Upsert IfNotExists of an existing item", err, apierr.ConditionalCheckFailed, "")
	var after post
	err = st.Update(e.ctx, kvs.PKSK("ann", 1), expr.Add("likes", 2).Set("title", "edited").Delete("tags", attr.SS("a")), &after)
	e.noErr("Update", err)
	if after.Likes != 2 || after.Title != "edited" || !slices.Equal(after.Tags, []string{"b"}) || after.User != "ann" {
		t.Fatalf("Update returned %+v", after)
	}
	err = st.Update(e.ctx, kvs.PKSK("ann", 99), expr.Set("title", "x"), nil, kvs.IfExists())
	e.wantErr("Update IfExists of a missing item", err, apierr.ConditionalCheckFailed, "")
	var raw attr.Item
	found, err = st.Get(e.ctx, kvs.PKSK("ann", 1), &raw)
	if err != nil || !found || raw["likes"].Str() != "2" {
		t.Fatalf("Get into attr.Item = %v %v %v", found, err, raw)
	}
	err = st.Delete(e.ctx, kvs.PKSK("ann", 1), kvs.If(expr.Name("likes").GreaterThan(5)))
	e.wantErr("conditional Delete", err, apierr.ConditionalCheckFailed, "")
	e.noErr("Delete", st.Delete(e.ctx, kvs.PKSK("ann", 1)))
	if found, err := st.Get(e.ctx, kvs.PKSK("ann", 1), nil); err != nil || found {
		t.Fatalf("Get after Delete = %v, %v", found, err)
	}
	_, err = st.Get(e.ctx, kvs.PK("ann"), &p)
	e.wantErr("Get with a partition key only", err, apierr.Validation, "The provided key element does not match the schema")
	_, err = e.db.Store("nope").Get(e.ctx, kvs.PK("x"), &p)
	e.wantErr("Get from a missing store", err, apierr.ResourceNotFound, "")
}

func testStoreOptimisticLocking(t *testing.T, e *env) {
	st := e.posts()
	e.noErr("Upsert", st.Upsert(e.ctx, post{User: "ann", Seq: 1, Version: 0}))
	// Eight writers each try 5 read-modify-write cycles; every successful
	// write bumps the version exactly once, so likes == version at the end.
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins, conflicts := 0, 0
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				var cur post
				if _, err := st.Get(e.ctx, kvs.PKSK("ann", 1), &cur); err != nil {
					t.Error(err)
					return
				}
				err := st.Update(e.ctx, kvs.PKSK("ann", 1), expr.Add("likes", 1).Increment("version", 1), nil,
					kvs.If(expr.Name("version").Equal(expr.Value(cur.Version))))
				mu.Lock()
				switch {
				case err == nil:
					wins++
				case apierr.Is(err, apierr.ConditionalCheckFailed):
					conflicts++
				default:
					t.Error(err)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	var final post
	if _, err := st.Get(e.ctx, kvs.PKSK("ann", 1), &final); err != nil {
		t.Fatal(err)
	}
	if final.Version != wins || final.Likes != wins || wins+conflicts != 40 || wins == 0 {
		t.Fatalf("version %d likes %d, %d wins %d conflicts", final.Version, final.Likes, wins, conflicts)
	}
}

func testStoreBatches(t *testing.T, e *env) {
	st := e.posts()
	var items []post
	for i := 0; i < 260; i++ {
		items = append(items, post{User: fmt.Sprint("u", i%3), Seq: i, Title: "first"})
	}
	// Repeated keys: the last one wins.
	items = append(items, post{User: "u0", Seq: 0, Title: "second"}, post{User: "u0", Seq: 0, Title: "third"})
	e.noErr("UpsertMany", st.UpsertMany(e.ctx, items))
	count := 0
	for _, err := range st.ScanAll(e.ctx, kvs.ScanSpec{Limit: 50}) {
		e.noErr("ScanAll", err)
		count++
	}
	if count != 260 {
		t.Fatalf("%d items after UpsertMany of 260 keys", count)
	}
	var keys []kvs.Key
	for i := 259; i >= 0; i -= 2 {
		keys = append(keys, kvs.PKSK(fmt.Sprint("u", i%3), i))
	}
	keys = append(keys, kvs.PKSK("nobody", 1), kvs.PKSK("u0", 0), kvs.PKSK("u0", 0))
	var got []post
	e.noErr("GetAll", st.GetAll(e.ctx, keys, &got))
	if len(got) != 131 {
		t.Fatalf("GetAll: %d items, want 131", len(got))
	}
	for i, p := range got[:130] {
		if p.Seq != 259-2*i {
			t.Fatalf("GetAll item %d has seq %d, want %d (key order)", i, p.Seq, 259-2*i)
		}
	}
	if got[130].Seq != 0 || got[130].Title != "third" {
		t.Fatalf("GetAll last = %+v, want u0/0 titled third", got[130])
	}
	var rawItems []attr.Item
	e.noErr("GetAll into items", st.GetAll(e.ctx, keys[:3], &rawItems))
	if len(rawItems) != 3 {
		t.Fatalf("GetAll into []attr.Item: %d", len(rawItems))
	}
	err := st.UpsertMany(e.ctx, []attr.Item{{"user": s("x")}})
	e.wantErr("UpsertMany of an item without its sort key", err, apierr.Validation, "")
}

func testStoreQuery(t *testing.T, e *env) {
	st := e.posts()
	var items []post
	for i := 0; i < 40; i++ {
		p := post{User: "ann", Seq: i, Likes: i % 7, Title: fmt.Sprint("t", i)}
		if i%4 == 0 {
			p.Status = "hot"
		}
		items = append(items, p)
	}
	items = append(items, post{User: "bob", Seq: 1})
	e.noErr("UpsertMany", st.UpsertMany(e.ctx, items))
	// Pages of 6 to completion, with a filter: tokens resume exactly.
	q := kvs.Query{Partition: "ann", Sort: kvs.SortBetween(5, 34), Filter: expr.Name("likes").GreaterThan(2), Limit: 6, Descending: true}
	var all []post
	pages := 0
	for {
		var page []post
		next, err := st.Query(e.ctx, q, &page)
		e.noErr("Query", err)
		all = append(all, page...)
		pages++
		if next == "" {
			break
		}
		q.PageToken = next
		if pages > 20 {
			t.Fatal("paging does not end")
		}
	}
	var want []int
	for i := 34; i >= 5; i-- {
		if i%7 > 2 {
			want = append(want, i)
		}
	}
	var seqs []int
	for _, p := range all {
		seqs = append(seqs, p.Seq)
	}
	// 30 items read in pages of 6: the fifth page ends at its Limit and may
	// or may not know that nothing follows (DynamoDB does not: a sixth,
	// empty page).
	if !slices.Equal(seqs, want) || pages < 5 || pages > 6 {
		t.Fatalf("paged query = %v in %d pages, want %v in 5 or 6", seqs, pages, want)
	}
	// The iterator walks the same pages.
	got, err := kvs.Collect(kvs.Items[post](st.QueryAll(e.ctx, kvs.Query{Partition: "ann", Sort: kvs.SortBetween(5, 34),
		Filter: expr.Name("likes").GreaterThan(2), Limit: 4, Descending: true})))
	e.noErr("QueryAll", err)
	if len(got) != len(want) || got[0].Seq != want[0] {
		t.Fatalf("QueryAll = %d items, want %d", len(got), len(want))
	}
	// Index query with a key condition builder.
	var hot []attr.Item
	_, err = st.Query(e.ctx, kvs.Query{Index: "byStatus", KeyCondition: expr.Key("status").Equal("hot").And(expr.Key("likes").LessThan(3))}, &hot)
	e.noErr("index Query", err)
	for _, it := range hot {
		if l, _ := attr.Compare(it["likes"], ni(3)); l >= 0 {
			t.Fatalf("index query returned likes %v", it["likes"])
		}
	}
	if len(hot) == 0 {
		t.Fatal("index query found nothing")
	}
	var titles []attr.Item
	_, err = st.Query(e.ctx, kvs.Query{Index: "titles", Partition: "hot"}, &titles)
	e.noErr("INCLUDE index Query", err)
	if len(titles) != 10 || len(titles[0]) != 4 { // user, seq, status, title
		t.Fatalf("titles index: %d items, first %v", len(titles), titles[0])
	}
	var proj []attr.Item
	_, err = st.Query(e.ctx, kvs.Query{Partition: "ann", Sort: kvs.SortEqual(3), Projection: []string{"title"}}, &proj)
	e.noErr("projected Query", err)
	if len(proj) != 1 || !attr.ItemsEqual(proj[0], attr.Item{"title": s("t3")}) {
		t.Fatalf("projected Query = %v", proj)
	}
	var prefix []post
	_, err = st.Query(e.ctx, kvs.Query{Index: "byStatus", Partition: "hot", Sort: kvs.SortGreaterThanEqual(5)}, &prefix)
	e.noErr("Query", err)
	for _, p := range prefix {
		if p.Likes < 5 {
			t.Fatalf("SortGreaterThanEqual(5) returned likes %d", p.Likes)
		}
	}
	// Bad tokens are a ValidationException about the starting key.
	for _, tok := range []string{"garbage!", "1!!!", "9abc", "1e30"} {
		_, err = st.Query(e.ctx, kvs.Query{Partition: "ann", PageToken: tok}, &all)
		ae := e.wantErr("bad page token "+tok, err, apierr.Validation, "")
		if len(ae.Message) < 37 || ae.Message[:37] != "The provided starting key is invalid:" {
			t.Fatalf("bad token message %q", ae.Message)
		}
	}
	// A token of another table's key does not fit this one's schema (a
	// Query's start key of the wrong size has its own text on DynamoDB).
	_, err = st.Query(e.ctx, kvs.Query{Partition: "ann", PageToken: kvs.EncodePageToken(attr.Item{"id": s("x")})}, &all)
	e.wantErr("foreign page token", err, apierr.Validation, "Exclusive Start Key must have same size as table's key schema")
	// Breaking out of an iterator stops it.
	n := 0
	for _, err := range st.QueryAll(e.ctx, kvs.Query{Partition: "ann", Limit: 3}) {
		e.noErr("QueryAll", err)
		if n++; n == 5 {
			break
		}
	}
	for _, err := range st.QueryAll(e.ctx, kvs.Query{Partition: 12}) {
		e.wantErr("QueryAll with a mistyped key", err, apierr.Validation, "")
	}
}

func testStoreScanSegments(t *testing.T, e *env) {
	st := e.posts()
	var items []post
	for i := 0; i < 150; i++ {
		items = append(items, post{User: fmt.Sprint("u", i%11), Seq: i})
	}
	e.noErr("UpsertMany", st.UpsertMany(e.ctx, items))
	seen := map[string]bool{}
	for seg := 0; seg < 4; seg++ {
		for it, err := range st.ScanAll(e.ctx, kvs.ScanSpec{Segment: seg, TotalSegments: 4, Limit: 7}) {
			e.noErr("ScanAll", err)
			k := it["user"].Str() + "/" + it["seq"].Str()
			if seen[k] {
				t.Fatalf("%s in two segments", k)
			}
			seen[k] = true
		}
	}
	if len(seen) != 150 {
		t.Fatalf("segments hold %d items, want 150", len(seen))
	}
	var page []post
	next, err := st.Scan(e.ctx, kvs.ScanSpec{Limit: 10, Filter: expr.Name("seq").LessThan(0)}, &page)
	e.noErr("Scan", err)
	if len(page) != 0 || next == "" {
		t.Fatalf("filtered page: %d items, token %q; want none and a token", len(page), next)
	}
}

func testStoreTransactions(t *testing.T, e *env) {
	st := e.posts()
	e.noErr("Upsert", st.Upsert(e.ctx, post{User: "ann", Seq: 1, Likes: 10}))
	e.noErr("Upsert", st.Upsert(e.ctx, post{User: "bob", Seq: 1, Likes: 0}))
	e.noErr("Upsert", st.Upsert(e.ctx, post{User: "bank", Seq: 0}))
	transfer := func(n int, token string) error {
		return e.db.Transact(e.ctx,
			kvs.TxUpdate(st, kvs.PKSK("ann", 1), expr.Add("likes", -n), kvs.If(expr.Name("likes").GreaterThanEqual(n))),
			kvs.TxUpdate(st, kvs.PKSK("bob", 1), expr.Add("likes", n)),
			kvs.TxPut(st, post{User: "log", Seq: n}, kvs.IfNotExists()),
			kvs.TxCheck(st, kvs.PKSK("bank", 0), expr.Name("user").Exists()),
			kvs.TxClientToken(token),
		)
	}
	e.noErr("transfer 6", transfer(6, "t6"))
	e.noErr("transfer 6 repeated with its token", transfer(6, "t6"))
	err := transfer(5, "t5")
	ae := e.wantErr("overdraft", err, apierr.TransactionCanceled, "")
	if len(ae.CancellationReasons) != 4 || ae.CancellationReasons[0].Code != reasonConditionFailed ||
		ae.CancellationReasons[1].Code != apierr.None || ae.CancellationReasons[3].Code != apierr.None {
		t.Fatalf("reasons = %+v", ae.CancellationReasons)
	}
	var a, b, l post
	found, err := e.db.TransactGet(e.ctx, kvs.TxGet(st, kvs.PKSK("ann", 1), &a), kvs.TxGet(st, kvs.PKSK("bob", 1), &b),
		kvs.TxGet(st, kvs.PKSK("log", 5), &l), kvs.TxGet(st, kvs.PKSK("log", 6), nil))
	e.noErr("TransactGet", err)
	if !slices.Equal(found, []bool{true, true, false, true}) || a.Likes != 4 || b.Likes != 6 {
		t.Fatalf("TransactGet = %v, ann %d bob %d", found, a.Likes, b.Likes)
	}
	e.noErr("TxDelete", e.db.Transact(e.ctx, kvs.TxDelete(st, kvs.PKSK("log", 6), kvs.IfExists())))
	if found, _ := st.Get(e.ctx, kvs.PKSK("log", 6), nil); found {
		t.Fatal("TxDelete did not delete")
	}
	err = e.db.Transact(e.ctx)
	e.wantErr("empty transaction", err, apierr.Validation, "")
}
