package drivertest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
)

// Query and Scan: order, direction, paging, filters, key conditions on S, N
// and B sort keys, secondary indexes, projections, parallel scans.

func init() {
	register(
		testCase{name: "Query/OrderAndDirection", run: testQueryOrder},
		testCase{name: "Query/PagingToCompletion", run: testQueryPaging},
		testCase{name: "Query/FilterCounts", run: testQueryFilterCounts},
		testCase{name: "Query/KeyConditionsString", run: func(t *testing.T, e *env) { testKeyConditions(t, e, "S") }},
		testCase{name: "Query/KeyConditionsNumber", run: func(t *testing.T, e *env) { testKeyConditions(t, e, "N") }},
		testCase{name: "Query/KeyConditionsBinary", needs: []Capability{BinaryKeys}, run: func(t *testing.T, e *env) { testKeyConditions(t, e, "B") }},
		testCase{name: "Query/GlobalIndexSparseAndProjected", run: testGlobalIndex},
		testCase{name: "Query/LocalIndex", needs: []Capability{LocalIndexes}, run: testLocalIndex},
		testCase{name: "Scan/PagingAndFilter", run: testScanPaging},
		testCase{name: "Scan/ParallelSegments", needs: []Capability{ParallelScan}, run: testParallelScan},
	)
}

// sortVal is the i-th sort-key value of type typ; values sort in i order.
func sortVal(typ string, i int) attr.Value {
	switch typ {
	case "N":
		return ni(i*10 - 50) // negative and positive
	case "B":
		return attr.B([]byte{byte(i / 10), byte(i % 10)})
	}
	return s(fmt.Sprintf("k%03d", i))
}

// fillPartition puts count items into partition p of a table keyed (pk S,
// sk typ), with "i" = index and "even" on even indexes.
func (e *env) fillPartition(tbl, p, typ string, count int) []attr.Item {
	var items []attr.Item
	for i := 0; i < count; i++ {
		it := attr.Item{"pk": s(p), "sk": sortVal(typ, i), "i": ni(i)}
		if i%2 == 0 {
			it["even"] = attr.BOOL(true)
		}
		e.put(tbl, it)
		items = append(items, it)
	}
	return items
}

func (e *env) query(in *kvs.QueryInput) *kvs.QueryOutput {
	e.t.Helper()
	out, err := e.db.Query(e.ctx, in)
	e.noErr("Query", err)
	return out
}

func testQueryOrder(t *testing.T, e *env) {
	tbl := e.createTable("order", keyDef{"pk", "S"}, keyDef{"sk", "N"})
	// Insert out of order; numeric order differs from lexical order.
	for _, v := range []string{"10", "-2", "3", "1.5", "200", "-100"} {
		e.put(tbl, attr.Item{"pk": s("p"), "sk": n(v)})
	}
	e.put(tbl, attr.Item{"pk": s("other"), "sk": n("0")})
	in := &kvs.QueryInput{TableName: tbl, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: kvs.Values{":p": s("p")}}
	var got []string
	for _, it := range e.query(in).Items {
		got = append(got, it["sk"].Str())
	}
	if want := []string{"-100", "-2", "1.5", "3", "10", "200"}; !slices.Equal(got, want) {
		t.Fatalf("ascending = %v, want %v", got, want)
	}
	in.ScanIndexForward = ptr(false)
	got = got[:0]
	for _, it := range e.query(in).Items {
		got = append(got, it["sk"].Str())
	}
	if want := []string{"200", "10", "3", "1.5", "-2", "-100"}; !slices.Equal(got, want) {
		t.Fatalf("descending = %v, want %v", got, want)
	}
	in.ScanIndexForward = nil
	in.ExpressionAttributeValues = kvs.Values{":p": s("none")}
	if out := e.query(in); out.Count != 0 || len(out.Items) != 0 || out.LastEvaluatedKey != nil {
		t.Fatalf("query of an empty partition = %+v", out)
	}
}

func testQueryPaging(t *testing.T, e *env) {
	tbl := e.createTable("paging", keyDef{"pk", "S"}, keyDef{"sk", "S"})
	want := e.fillPartition(tbl, "p", "S", 23)
	e.fillPartition(tbl, "q", "S", 3)
	for _, forward := range []bool{true, false} {
		var got []attr.Item
		var start attr.Item
		pages := 0
		for {
			out := e.query(&kvs.QueryInput{TableName: tbl, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: kvs.Values{":p": s("p")},
				Limit: ptr(int32(5)), ExclusiveStartKey: start, ScanIndexForward: ptr(forward)})
			pages++
			if len(out.Items) > 5 {
				t.Fatalf("page of %d items with Limit 5", len(out.Items))
			}
			got = append(got, out.Items...)
			if out.LastEvaluatedKey == nil {
				break
			}
			if len(out.LastEvaluatedKey) != 2 {
				t.Fatalf("LastEvaluatedKey = %v, want the table key", out.LastEvaluatedKey)
			}
			start = out.LastEvaluatedKey
			if pages > 10 {
				t.Fatal("paging does not end")
			}
		}
		w := slices.Clone(want)
		if !forward {
			slices.Reverse(w)
		}
		e.sameItems(fmt.Sprintf("paged query (forward %t)", forward), got, w)
		if pages != 5 && pages != 6 {
			t.Fatalf("%d pages for 23 items of Limit 5", pages)
		}
	}
}

func testQueryFilterCounts(t *testing.T, e *env) {
	tbl := e.createTable("filters", keyDef{"pk", "S"}, keyDef{"sk", "N"})
	e.fillPartition(tbl, "p", "N", 10)
	out := e.query(&kvs.QueryInput{TableName: tbl, KeyConditionExpression: "pk = :p", FilterExpression: "even = :t",
		ExpressionAttributeValues: kvs.Values{":p": s("p"), ":t": attr.BOOL(true)}})
	if out.Count != 5 || out.ScannedCount != 10 || len(out.Items) != 5 {
		t.Fatalf("filter: Count %d ScannedCount %d items %d, want 5 10 5", out.Count, out.ScannedCount, len(out.Items))
	}
	// Limit applies before the filter.
	out = e.query(&kvs.QueryInput{TableName: tbl, KeyConditionExpression: "pk = :p", FilterExpression: "attribute_not_exists(even)",
		ExpressionAttributeValues: kvs.Values{":p": s("p")}, Limit: ptr(int32(3))})
	if out.Count != 1 || out.ScannedCount != 3 || out.LastEvaluatedKey == nil {
		t.Fatalf("filter with Limit 3: Count %d ScannedCount %d LEK %v, want 1 3 set", out.Count, out.ScannedCount, out.LastEvaluatedKey)
	}
	out = e.query(&kvs.QueryInput{TableName: tbl, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: kvs.Values{":p": s("p")}, Select: "COUNT"})
	if out.Count != 10 || out.Items != nil {
		t.Fatalf("Select COUNT: Count %d Items %v", out.Count, out.Items)
	}
	_, err := e.db.Query(e.ctx, &kvs.QueryInput{TableName: tbl, KeyConditionExpression: "pk = :p", FilterExpression: "sk > :z",
		ExpressionAttributeValues: kvs.Values{":p": s("p"), ":z": ni(0)}})
	e.wantErr("filter on a key attribute", err, apierr.Validation, "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk")
}

func testKeyConditions(t *testing.T, e *env, typ string) {
	tbl := e.createTable("keyconds", keyDef{"pk", "S"}, keyDef{"sk", typ})
	all := e.fillPartition(tbl, "p", typ, 30)
	run := func(cond string, vals kvs.Values) []attr.Item {
		t.Helper()
		vals[":p"] = s("p")
		return e.query(&kvs.QueryInput{TableName: tbl, KeyConditionExpression: "pk = :p AND " + cond, ExpressionAttributeValues: vals}).Items
	}
	e.sameItems("=", run("sk = :v", kvs.Values{":v": sortVal(typ, 7)}), all[7:8])
	e.sameItems("<", run("sk < :v", kvs.Values{":v": sortVal(typ, 7)}), all[:7])
	e.sameItems("<=", run("sk <= :v", kvs.Values{":v": sortVal(typ, 7)}), all[:8])
	e.sameItems(">", run("sk > :v", kvs.Values{":v": sortVal(typ, 7)}), all[8:])
	e.sameItems(">=", run("sk >= :v", kvs.Values{":v": sortVal(typ, 7)}), all[7:])
	e.sameItems("between", run("sk BETWEEN :a AND :b", kvs.Values{":a": sortVal(typ, 3), ":b": sortVal(typ, 12)}), all[3:13])
	if typ == "N" {
		_, err := e.db.Query(e.ctx, &kvs.QueryInput{TableName: tbl, KeyConditionExpression: "pk = :p AND begins_with(sk, :v)",
			ExpressionAttributeValues: kvs.Values{":p": s("p"), ":v": n("1")}})
		e.wantErr("begins_with on a number", err, apierr.Validation, "")
		return
	}
	var prefix attr.Value
	if typ == "S" {
		prefix = s("k01") // k010..k019
	} else {
		prefix = attr.B([]byte{1}) // {1,0}..{1,9}
	}
	e.sameItems("begins_with", run("begins_with(sk, :v)", kvs.Values{":v": prefix}), all[10:20])
	out := e.query(&kvs.QueryInput{TableName: tbl, KeyConditionExpression: "pk = :p AND sk BETWEEN :a AND :b",
		ExpressionAttributeValues: kvs.Values{":p": s("p"), ":a": sortVal(typ, 3), ":b": sortVal(typ, 12)}, ScanIndexForward: ptr(false), Limit: ptr(int32(4))})
	w := slices.Clone(all[9:13])
	slices.Reverse(w)
	e.sameItems("between, descending, Limit 4", out.Items, w)
}

func testGlobalIndex(t *testing.T, e *env) {
	tbl := e.createTable("orders", keyDef{"id", "S"}, keyDef{}, func(td *kvs.TableDefinition) {
		td.AttributeDefinitions = append(td.AttributeDefinitions,
			kvs.AttributeDefinition{AttributeName: "user", AttributeType: "S"}, kvs.AttributeDefinition{AttributeName: "at", AttributeType: "N"})
		td.GlobalSecondaryIndexes = []kvs.GlobalSecondaryIndex{
			{IndexName: "byUser", KeySchema: []kvs.KeySchemaElement{{AttributeName: "user", KeyType: "HASH"}, {AttributeName: "at", KeyType: "RANGE"}},
				Projection: kvs.Projection{ProjectionType: "ALL"}},
			{IndexName: "byUserKeys", KeySchema: []kvs.KeySchemaElement{{AttributeName: "user", KeyType: "HASH"}},
				Projection: kvs.Projection{ProjectionType: "KEYS_ONLY"}},
			{IndexName: "byUserInc", KeySchema: []kvs.KeySchemaElement{{AttributeName: "user", KeyType: "HASH"}, {AttributeName: "at", KeyType: "RANGE"}},
				Projection: kvs.Projection{ProjectionType: "INCLUDE", NonKeyAttributes: []string{"total"}}},
		}
	})
	for i := 0; i < 6; i++ {
		it := attr.Item{"id": s(fmt.Sprint("o", i)), "total": ni(i * 100), "note": s("n")}
		if i != 3 { // o3 has no user: absent from every index (sparse)
			it["user"] = s([]string{"ann", "bob"}[i%2])
			it["at"] = ni(10 - i)
		}
		e.put(tbl, it)
	}
	out := e.query(&kvs.QueryInput{TableName: tbl, IndexName: "byUser", KeyConditionExpression: "#u = :u",
		ExpressionAttributeNames: kvs.Names{"#u": "user"}, ExpressionAttributeValues: kvs.Values{":u": s("ann")}})
	var ids []string
	for _, it := range out.Items {
		ids = append(ids, it["id"].Str())
		if len(it) != 5 {
			t.Fatalf("ALL projection item = %v", it)
		}
	}
	if want := []string{"o4", "o2", "o0"}; !slices.Equal(ids, want) { // by "at" ascending: 6, 8, 10
		t.Fatalf("byUser ann = %v, want %v", ids, want)
	}
	out = e.query(&kvs.QueryInput{TableName: tbl, IndexName: "byUserKeys", KeyConditionExpression: "#u = :u",
		ExpressionAttributeNames: kvs.Names{"#u": "user"}, ExpressionAttributeValues: kvs.Values{":u": s("bob")}})
	if out.Count != 2 {
		t.Fatalf("byUserKeys bob: %d items, want 2 (o3 has no user)", out.Count)
	}
	for _, it := range out.Items {
		if len(it) != 2 || it["id"].IsZero() || it["user"].IsZero() {
			t.Fatalf("KEYS_ONLY item = %v, want id and user only", it)
		}
	}
	out = e.query(&kvs.QueryInput{TableName: tbl, IndexName: "byUserInc", KeyConditionExpression: "#u = :u AND #a > :a",
		ExpressionAttributeNames: kvs.Names{"#u": "user", "#a": "at"}, ExpressionAttributeValues: kvs.Values{":u": s("ann"), ":a": ni(7)}})
	if out.Count != 2 {
		t.Fatalf("byUserInc: %d items, want 2", out.Count)
	}
	for _, it := range out.Items {
		if len(it) != 4 || it["total"].IsZero() || !it["note"].IsZero() {
			t.Fatalf("INCLUDE item = %v, want id, user, at, total", it)
		}
	}
	sc, err := e.db.Scan(e.ctx, &kvs.ScanInput{TableName: tbl, IndexName: "byUserKeys"})
	e.noErr("Scan of an index", err)
	if sc.Count != 5 {
		t.Fatalf("index scan: %d items, want 5 (sparse)", sc.Count)
	}
	// The index follows updates and deletes.
	_, err = e.db.UpdateItem(e.ctx, &kvs.UpdateItemInput{TableName: tbl, Key: attr.Item{"id": s("o0")}, UpdateExpression: "REMOVE #u",
		ExpressionAttributeNames: kvs.Names{"#u": "user"}})
	e.noErr("UpdateItem", err)
	_, err = e.db.UpdateItem(e.ctx, &kvs.UpdateItemInput{TableName: tbl, Key: attr.Item{"id": s("o3")}, UpdateExpression: "SET #u = :u, #a = :a",
		ExpressionAttributeNames: kvs.Names{"#u": "user", "#a": "at"}, ExpressionAttributeValues: kvs.Values{":u": s("ann"), ":a": ni(1)}})
	e.noErr("UpdateItem", err)
	_, err = e.db.DeleteItem(e.ctx, &kvs.DeleteItemInput{TableName: tbl, Key: attr.Item{"id": s("o2")}})
	e.noErr("DeleteItem", err)
	out = e.query(&kvs.QueryInput{TableName: tbl, IndexName: "byUser", KeyConditionExpression: "#u = :u",
		ExpressionAttributeNames: kvs.Names{"#u": "user"}, ExpressionAttributeValues: kvs.Values{":u": s("ann")}})
	ids = ids[:0]
	for _, it := range out.Items {
		ids = append(ids, it["id"].Str())
	}
	if want := []string{"o3", "o4"}; !slices.Equal(ids, want) {
		t.Fatalf("byUser ann after writes = %v, want %v", ids, want)
	}
	_, err = e.db.Query(e.ctx, &kvs.QueryInput{TableName: tbl, IndexName: "nope", KeyConditionExpression: "id = :u",
		ExpressionAttributeValues: kvs.Values{":u": s("ann")}})
	e.wantErr("query of a missing index", err, apierr.Validation, "The table does not have the specified index: nope")
	_, err = e.db.Query(e.ctx, &kvs.QueryInput{TableName: tbl, IndexName: "byUser", KeyConditionExpression: "#u = :u", ConsistentRead: ptr(true),
		ExpressionAttributeNames: kvs.Names{"#u": "user"}, ExpressionAttributeValues: kvs.Values{":u": s("ann")}})
	e.wantErr("consistent read of a GSI", err, apierr.Validation, "Consistent reads are not supported on global secondary indexes")
}

func testLocalIndex(t *testing.T, e *env) {
	tbl := e.createTable("lsi", keyDef{"pk", "S"}, keyDef{"sk", "S"}, func(td *kvs.TableDefinition) {
		td.AttributeDefinitions = append(td.AttributeDefinitions, kvs.AttributeDefinition{AttributeName: "rank", AttributeType: "N"})
		td.LocalSecondaryIndexes = []kvs.LocalSecondaryIndex{{IndexName: "byRank",
			KeySchema:  []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "rank", KeyType: "RANGE"}},
			Projection: kvs.Projection{ProjectionType: "KEYS_ONLY"}}}
	})
	for i, r := range []int{5, 3, 9, 1} {
		e.put(tbl, attr.Item{"pk": s("p"), "sk": s(fmt.Sprint("s", i)), "rank": ni(r), "x": s("payload")})
	}
	e.put(tbl, attr.Item{"pk": s("p"), "sk": s("unranked")})
	out := e.query(&kvs.QueryInput{TableName: tbl, IndexName: "byRank", KeyConditionExpression: "pk = :p AND #r >= :r",
		ExpressionAttributeNames: kvs.Names{"#r": "rank"}, ExpressionAttributeValues: kvs.Values{":p": s("p"), ":r": ni(3)}})
	var sks []string
	for _, it := range out.Items {
		sks = append(sks, it["sk"].Str())
		if len(it) != 3 {
			t.Fatalf("KEYS_ONLY LSI item = %v", it)
		}
	}
	if want := []string{"s1", "s0", "s2"}; !slices.Equal(sks, want) {
		t.Fatalf("byRank >= 3 = %v, want %v", sks, want)
	}
	// A local index can fetch the other attributes from the table.
	out = e.query(&kvs.QueryInput{TableName: tbl, IndexName: "byRank", KeyConditionExpression: "pk = :p", Select: "ALL_ATTRIBUTES",
		ExpressionAttributeValues: kvs.Values{":p": s("p")}, Limit: ptr(int32(1))})
	if len(out.Items) != 1 || out.Items[0]["x"].Str() != "payload" || out.Items[0]["sk"].Str() != "s3" {
		t.Fatalf("LSI ALL_ATTRIBUTES = %v", out.Items)
	}
	if len(out.LastEvaluatedKey) != 3 {
		t.Fatalf("LSI LastEvaluatedKey = %v, want table key + index key", out.LastEvaluatedKey)
	}
}

func (e *env) scanAll(in kvs.ScanInput) (items []attr.Item, pages int) {
	e.t.Helper()
	for {
		out, err := e.db.Scan(e.ctx, &in)
		e.noErr("Scan", err)
		items = append(items, out.Items...)
		pages++
		if out.LastEvaluatedKey == nil {
			return items, pages
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
		if pages > 10000 {
			e.t.Fatal("scan paging does not end")
		}
	}
}

func ids(items []attr.Item, key string) []string {
	var out []string
	for _, it := range items {
		out = append(out, it[key].String())
	}
	slices.Sort(out)
	return out
}

func testScanPaging(t *testing.T, e *env) {
	tbl := e.createTable("scan", keyDef{"pk", "S"}, keyDef{"sk", "N"})
	var want []attr.Item
	for p := 0; p < 7; p++ {
		want = append(want, e.fillPartition(tbl, fmt.Sprint("p", p), "N", 6)...)
	}
	got, pages := e.scanAll(kvs.ScanInput{TableName: tbl, Limit: ptr(int32(4))})
	if len(got) != 42 || pages < 11 {
		t.Fatalf("scan with Limit 4: %d items in %d pages, want 42 in >= 11", len(got), pages)
	}
	seen := map[string]bool{}
	for _, it := range got {
		k := it["pk"].Str() + "/" + it["sk"].Str()
		if seen[k] {
			t.Fatalf("scan returned %s twice", k)
		}
		seen[k] = true
	}
	filtered, _ := e.scanAll(kvs.ScanInput{TableName: tbl, FilterExpression: "even = :t AND i < :three",
		ExpressionAttributeValues: kvs.Values{":t": attr.BOOL(true), ":three": ni(3)}, Limit: ptr(int32(5))})
	if len(filtered) != 14 { // i = 0 and 2 in each of 7 partitions
		t.Fatalf("filtered scan: %d items, want 14", len(filtered))
	}
	out, err := e.db.Scan(e.ctx, &kvs.ScanInput{TableName: tbl, FilterExpression: "i = :z", ExpressionAttributeValues: kvs.Values{":z": ni(0)}})
	e.noErr("Scan", err)
	if out.Count != 7 || out.ScannedCount != 42 {
		t.Fatalf("scan filter counts %d/%d, want 7/42", out.Count, out.ScannedCount)
	}
}

func testParallelScan(t *testing.T, e *env) {
	tbl := e.createTable("pscan", keyDef{"pk", "S"}, keyDef{})
	var want []attr.Item
	for i := 0; i < 200; i++ {
		it := attr.Item{"pk": s(fmt.Sprint("item-", i))}
		e.put(tbl, it)
		want = append(want, it)
	}
	for _, total := range []int32{1, 3, 8} {
		seen := map[string]int32{}
		for seg := int32(0); seg < total; seg++ {
			got, _ := e.scanAll(kvs.ScanInput{TableName: tbl, Segment: ptr(seg), TotalSegments: ptr(total), Limit: ptr(int32(17))})
			for _, it := range got {
				k := it["pk"].Str()
				if prev, dup := seen[k]; dup {
					t.Fatalf("TotalSegments %d: %s in segments %d and %d", total, k, prev, seg)
				}
				seen[k] = seg
			}
		}
		if len(seen) != len(want) {
			t.Fatalf("TotalSegments %d: segments hold %d items, want %d", total, len(seen), len(want))
		}
	}
	_, err := e.db.Scan(e.ctx, &kvs.ScanInput{TableName: tbl, Segment: ptr(int32(3)), TotalSegments: ptr(int32(3))})
	e.wantErr("Segment >= TotalSegments", err, apierr.Validation,
		"The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 3 is not less than TotalSegments: 3")
}
