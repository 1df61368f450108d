package compat_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// fillIndexed writes count items into partition pk of an indexedTableInput
// table: sk 0..count-1, even=true on even sk, g="grp" on every third item,
// ls on every item, and pad bytes of padding each.
func fillIndexed(t *testing.T, c *dynamodb.Client, table, pk string, count, pad int) {
	t.Helper()
	var reqs []types.WriteRequest
	flush := func() {
		if len(reqs) == 0 {
			return
		}
		batchWriteAll(t, c, table, reqs)
		reqs = nil
	}
	for i := range count {
		it := item{
			"pk": s(pk), "sk": n(strconv.Itoa(i)), "even": bl(i%2 == 0),
			"ls": s(fmt.Sprintf("l%04d", count-i)), "pad": s(strings.Repeat("p", pad)),
		}
		if i%3 == 0 {
			it["g"], it["gs"] = s("grp"), s(fmt.Sprintf("g%04d", i))
		}
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: it}})
		if len(reqs) == 25 {
			flush()
		}
	}
	flush()
}

// batchWriteAll writes reqs, resubmitting unprocessed items.
func batchWriteAll(t *testing.T, c *dynamodb.Client, table string, reqs []types.WriteRequest) {
	t.Helper()
	pending := map[string][]types.WriteRequest{table: reqs}
	for range 20 {
		out, err := c.BatchWriteItem(context.Background(), &dynamodb.BatchWriteItemInput{RequestItems: pending})
		must(t, "BatchWriteItem", err)
		if len(out.UnprocessedItems) == 0 {
			return
		}
		pending = out.UnprocessedItems
	}
	t.Fatal("BatchWriteItem kept returning unprocessed items")
}

func TestQueryPagination(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := tableName(t)
	createActive(t, c, indexedTableInput(name))
	const count = 300
	fillIndexed(t, c, name, "P", count, 10)
	fillIndexed(t, c, name, "Other", 5, 10)

	keyCond := expression.Key("pk").Equal(expression.Value("P"))
	ex, err := expression.NewBuilder().WithKeyCondition(keyCond).Build()
	must(t, "expression.Build", err)
	query := func(forward bool, limit int32) ([]int, int) {
		p := dynamodb.NewQueryPaginator(c, &dynamodb.QueryInput{
			TableName: aws.String(name), KeyConditionExpression: ex.KeyCondition(),
			ExpressionAttributeNames: ex.Names(), ExpressionAttributeValues: ex.Values(),
			ScanIndexForward: aws.Bool(forward), Limit: aws.Int32(limit),
		})
		var sks []int
		pages := 0
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			must(t, "Query page", err)
			pages++
			if int(out.Count) != len(out.Items) || out.Count > limit {
				t.Fatalf("page Count %d with %d items, Limit %d", out.Count, len(out.Items), limit)
			}
			for _, it := range out.Items {
				v, _ := strconv.Atoi(str(it["sk"]))
				sks = append(sks, v)
			}
			if pages > 1000 {
				t.Fatal("Query never ends")
			}
		}
		return sks, pages
	}
	for _, forward := range []bool{true, false} {
		sks, pages := query(forward, 7)
		if len(sks) != count {
			t.Fatalf("forward=%v: %d items, want %d", forward, len(sks), count)
		}
		for i, v := range sks {
			want := i
			if !forward {
				want = count - 1 - i
			}
			if v != want {
				t.Fatalf("forward=%v: item %d has sk %d, want %d (numeric order)", forward, i, v, want)
			}
		}
		if pages < count/7 {
			t.Errorf("forward=%v: %d pages of 7 for %d items", forward, pages, count)
		}
	}

	// A filter runs after Limit: Count counts matches, ScannedCount what was read.
	filt := expression.Name("even").Equal(expression.Value(true))
	ex2, err := expression.NewBuilder().WithKeyCondition(expression.Key("pk").Equal(expression.Value("P")).
		And(expression.Key("sk").Between(expression.Value(10), expression.Value(29)))).WithFilter(filt).Build()
	must(t, "expression.Build", err)
	out, err := c.Query(ctx, &dynamodb.QueryInput{
		TableName: aws.String(name), KeyConditionExpression: ex2.KeyCondition(), FilterExpression: ex2.Filter(),
		ExpressionAttributeNames: ex2.Names(), ExpressionAttributeValues: ex2.Values(),
	})
	must(t, "Query with filter", err)
	if out.Count != 10 || out.ScannedCount != 20 {
		t.Errorf("filtered query Count %d ScannedCount %d, want 10 and 20", out.Count, out.ScannedCount)
	}
	out, err = c.Query(ctx, &dynamodb.QueryInput{
		TableName: aws.String(name), KeyConditionExpression: ex2.KeyCondition(), FilterExpression: ex2.Filter(),
		ExpressionAttributeNames: ex2.Names(), ExpressionAttributeValues: ex2.Values(), Limit: aws.Int32(5),
	})
	must(t, "Query with filter and Limit", err)
	if out.ScannedCount != 5 || out.Count != 3 || out.LastEvaluatedKey == nil {
		t.Errorf("Limit 5 with filter: Count %d ScannedCount %d LastEvaluatedKey %v, want 3, 5, set", out.Count, out.ScannedCount, out.LastEvaluatedKey)
	}
	if str(out.LastEvaluatedKey["sk"]) != "14" || str(out.LastEvaluatedKey["pk"]) != "P" || len(out.LastEvaluatedKey) != 2 {
		t.Errorf("LastEvaluatedKey %v, want pk=P sk=14", out.LastEvaluatedKey)
	}

	// Select COUNT.
	cnt, err := c.Query(ctx, &dynamodb.QueryInput{
		TableName: aws.String(name), KeyConditionExpression: aws.String("pk = :p AND sk >= :lo"),
		ExpressionAttributeValues: item{":p": s("P"), ":lo": n("250")}, Select: types.SelectCount,
	})
	must(t, "Query COUNT", err)
	if cnt.Count != 50 || cnt.Items != nil {
		t.Errorf("Select COUNT: Count %d, %d items", cnt.Count, len(cnt.Items))
	}

	// Index queries: the GSI (every third item) and the LSI (reverse order of sk).
	gsi := dynamodb.NewQueryPaginator(c, &dynamodb.QueryInput{
		TableName: aws.String(name), IndexName: aws.String("byG"),
		KeyConditionExpression:    aws.String("g = :g AND begins_with(gs, :pre)"),
		ExpressionAttributeValues: item{":g": s("grp"), ":pre": s("g0")}, Limit: aws.Int32(9),
	})
	total := 0
	for gsi.HasMorePages() {
		out, err := gsi.NextPage(ctx)
		must(t, "Query GSI", err)
		for _, it := range out.Items {
			if str(it["pad"]) == "<not S or N>" {
				t.Fatalf("GSI projecting ALL lacks pad: %v", it)
			}
		}
		total += len(out.Items)
	}
	if total != 100+2 { // sk 0,3,...,297 in P and 0,3 in Other
		t.Errorf("GSI query found %d items, want 102", total)
	}
	lsi, err := c.Query(ctx, &dynamodb.QueryInput{
		TableName: aws.String(name), IndexName: aws.String("byLs"),
		KeyConditionExpression: aws.String("pk = :p"), ExpressionAttributeValues: item{":p": s("P")}, Limit: aws.Int32(3),
	})
	must(t, "Query LSI", err)
	if len(lsi.Items) != 3 || str(lsi.Items[0]["sk"]) != "299" || lsi.Items[0]["pad"] != nil {
		t.Errorf("LSI (keys only, ordered by ls) first page %v", lsi.Items)
	}
	if len(lsi.LastEvaluatedKey) != 3 {
		t.Errorf("LSI LastEvaluatedKey %v, want table key plus index key", lsi.LastEvaluatedKey)
	}

	// Errors.
	_, err = c.Query(ctx, &dynamodb.QueryInput{
		TableName: aws.String(name), KeyConditionExpression: aws.String("sk = :v"), ExpressionAttributeValues: item{":v": n("1")},
	})
	wantAPIError(t, err, "ValidationException", "Query condition missed key schema element: pk")
	_, err = c.Query(ctx, &dynamodb.QueryInput{
		TableName: aws.String(name), IndexName: aws.String("nope"),
		KeyConditionExpression: aws.String("pk = :v"), ExpressionAttributeValues: item{":v": s("P")},
	})
	wantAPIError(t, err, "ValidationException", "The table does not have the specified index: nope")
	_, err = c.Query(ctx, &dynamodb.QueryInput{
		TableName: aws.String(name), KeyConditionExpression: aws.String("pk = :p"), FilterExpression: aws.String("sk > :v"),
		ExpressionAttributeValues: item{":p": s("P"), ":v": n("1")},
	})
	wantAPIError(t, err, "ValidationException", "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk")
	_, err = c.Query(ctx, &dynamodb.QueryInput{
		TableName: aws.String(name + "_missing"), KeyConditionExpression: aws.String("pk = :p"), ExpressionAttributeValues: item{":p": s("P")},
	})
	wantAPIError(t, err, "ResourceNotFoundException", "")
}

func TestQueryOneMegabytePages(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := tableName(t)
	createActive(t, c, indexedTableInput(name))
	// 300 items of ~10 KB: about 3 MB, so at least three 1 MB pages.
	fillIndexed(t, c, name, "Big", 300, 10*1024)
	p := dynamodb.NewQueryPaginator(c, &dynamodb.QueryInput{
		TableName: aws.String(name), KeyConditionExpression: aws.String("pk = :p"), ExpressionAttributeValues: item{":p": s("Big")},
	})
	pages, total := 0, 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		must(t, "Query", err)
		pages++
		total += len(out.Items)
		if len(out.Items) > 110 {
			t.Errorf("a page of %d ~10 KB items exceeds 1 MB", len(out.Items))
		}
	}
	if total != 300 || pages < 3 {
		t.Errorf("%d items in %d pages, want 300 in at least 3", total, pages)
	}
}

func TestScanPaginationAndSegments(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := tableName(t)
	createActive(t, c, indexedTableInput(name))
	for p := range 10 {
		fillIndexed(t, c, name, fmt.Sprintf("part%d", p), 20, 0)
	}
	const total = 200

	seen := map[string]bool{}
	p := dynamodb.NewScanPaginator(c, &dynamodb.ScanInput{TableName: aws.String(name), Limit: aws.Int32(13)})
	pages := 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		must(t, "Scan", err)
		pages++
		for _, it := range out.Items {
			k := str(it["pk"]) + "/" + str(it["sk"])
			if seen[k] {
				t.Fatalf("Scan returned %s twice", k)
			}
			seen[k] = true
		}
	}
	if len(seen) != total || pages < total/13 {
		t.Errorf("Scan saw %d items in %d pages, want %d", len(seen), pages, total)
	}

	// Parallel scan: four segments, disjoint, together everything.
	const segments = 4
	var mu sync.Mutex
	bySeg := map[string]int32{}
	var wg sync.WaitGroup
	errs := make(chan error, segments)
	for seg := range int32(segments) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := dynamodb.NewScanPaginator(c, &dynamodb.ScanInput{
				TableName: aws.String(name), Segment: aws.Int32(seg), TotalSegments: aws.Int32(segments), Limit: aws.Int32(17),
			})
			for p.HasMorePages() {
				out, err := p.NextPage(ctx)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				for _, it := range out.Items {
					k := str(it["pk"]) + "/" + str(it["sk"])
					if prev, dup := bySeg[k]; dup {
						errs <- fmt.Errorf("%s in segments %d and %d", k, prev, seg)
					}
					bySeg[k] = seg
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		must(t, "parallel Scan", err)
	}
	if len(bySeg) != total {
		t.Errorf("segments together saw %d items, want %d", len(bySeg), total)
	}

	// Filtered scan, and scan of an index.
	ex, err := expression.NewBuilder().WithFilter(expression.Name("even").Equal(expression.Value(false))).
		WithProjection(expression.NamesList(expression.Name("pk"), expression.Name("sk"))).Build()
	must(t, "expression.Build", err)
	odd := 0
	fp := dynamodb.NewScanPaginator(c, &dynamodb.ScanInput{
		TableName: aws.String(name), FilterExpression: ex.Filter(), ProjectionExpression: ex.Projection(),
		ExpressionAttributeNames: ex.Names(), ExpressionAttributeValues: ex.Values(),
	})
	for fp.HasMorePages() {
		out, err := fp.NextPage(ctx)
		must(t, "filtered Scan", err)
		for _, it := range out.Items {
			if len(it) != 2 {
				t.Fatalf("projected item %v", it)
			}
		}
		odd += len(out.Items)
	}
	if odd != total/2 {
		t.Errorf("filtered scan found %d odd items, want %d", odd, total/2)
	}
	is, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(name), IndexName: aws.String("byG"), Select: types.SelectCount})
	must(t, "Scan GSI", err)
	if is.Count != 70 { // 7 of every 20 (sk 0,3,...,18) in 10 partitions
		t.Errorf("GSI scan counted %d, want 70", is.Count)
	}

	// Errors.
	_, err = c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(name), Segment: aws.Int32(4), TotalSegments: aws.Int32(4)})
	wantAPIError(t, err, "ValidationException", "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 4 is not less than TotalSegments: 4")
	_, err = c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(name), Segment: aws.Int32(1)})
	wantAPIError(t, err, "ValidationException", "The TotalSegments parameter is required but was not present in the request when Segment parameter is present")
	_, err = c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(name), Limit: aws.Int32(0)})
	wantAPIError(t, err, "ValidationException", "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
}

// TestLimitReachedAtTheEnd: a page that stops because Limit was reached
// carries a LastEvaluatedKey even when nothing follows (DynamoDB does not
// look ahead), and the next page is empty without one.
func TestLimitReachedAtTheEnd(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, types.ScalarAttributeTypeN)
	for i := range 5 {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: item{"pk": s("p"), "sk": n(strconv.Itoa(i))}})
		must(t, "PutItem", err)
	}
	q := &dynamodb.QueryInput{TableName: aws.String(name), KeyConditionExpression: aws.String("pk = :p"),
		ExpressionAttributeValues: item{":p": s("p")}, Limit: aws.Int32(5)}
	out, err := c.Query(ctx, q)
	must(t, "Query", err)
	if out.Count != 5 || out.LastEvaluatedKey == nil || str(out.LastEvaluatedKey["sk"]) != "4" {
		t.Fatalf("Limit 5 of 5 items: Count %d LastEvaluatedKey %v, want 5 and sk=4", out.Count, out.LastEvaluatedKey)
	}
	q.ExclusiveStartKey = out.LastEvaluatedKey
	out, err = c.Query(ctx, q)
	must(t, "Query after the last item", err)
	if out.Count != 0 || out.LastEvaluatedKey != nil {
		t.Errorf("page after the last item: Count %d LastEvaluatedKey %v, want 0 and none", out.Count, out.LastEvaluatedKey)
	}
	sc, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(name), Limit: aws.Int32(5)})
	must(t, "Scan", err)
	if sc.Count != 5 || sc.LastEvaluatedKey == nil {
		t.Errorf("Scan Limit 5 of 5 items: Count %d LastEvaluatedKey %v, want 5 and a key", sc.Count, sc.LastEvaluatedKey)
	}
	out, err = c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String(name), KeyConditionExpression: aws.String("pk = :p"),
		ExpressionAttributeValues: item{":p": s("p")}, Limit: aws.Int32(6)})
	must(t, "Query", err)
	if out.Count != 5 || out.LastEvaluatedKey != nil {
		t.Errorf("Limit 6 of 5 items: Count %d LastEvaluatedKey %v, want 5 and none", out.Count, out.LastEvaluatedKey)
	}
}

// TestFilterDoesNotLiftTheMegabyteLimit: a filter that matches nothing still
// reads at most 1 MB per page, answering empty pages with a
// LastEvaluatedKey (a Query and a Scan).
func TestFilterDoesNotLiftTheMegabyteLimit(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := tableName(t)
	createActive(t, c, indexedTableInput(name))
	fillIndexed(t, c, name, "F", 2500, 1000) // ~2.5 MB
	q, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String(name), KeyConditionExpression: aws.String("pk = :p"),
		FilterExpression: aws.String("attribute_exists(nothing)"), ExpressionAttributeValues: item{":p": s("F")}})
	must(t, "Query", err)
	if q.Count != 0 || q.LastEvaluatedKey == nil || q.ScannedCount >= 2500 || q.ScannedCount < 900 {
		t.Errorf("filtered query page: Count %d ScannedCount %d LastEvaluatedKey %v, want 0, about 1000 (1 MB of 1 KB items), a key",
			q.Count, q.ScannedCount, q.LastEvaluatedKey)
	}
	sc, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(name), FilterExpression: aws.String("attribute_exists(nothing)")})
	must(t, "Scan", err)
	if sc.Count != 0 || sc.LastEvaluatedKey == nil || sc.ScannedCount >= 2500 || sc.ScannedCount < 900 {
		t.Errorf("filtered scan page: Count %d ScannedCount %d LastEvaluatedKey %v, want 0, about 1000, a key",
			sc.Count, sc.ScannedCount, sc.LastEvaluatedKey)
	}
}
