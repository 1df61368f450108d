package kvs_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/attr"
)

// TransactGetItems answers an existing item whose projection matches no
// attribute with an empty Item, and a missing item with no Item at all
// (API reference, TransactGetItems Responses: "If a requested item could
// not be retrieved, the corresponding ItemResponse object is Null, or if the
// requested item has no projected attributes, the corresponding
// ItemResponse object is an empty Map"; DynamoDB Local agrees; found by
// tools/difftest).
func TestTransactGetEmptyProjection(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	createPostsTable(t, db)
	key := attr.Item{"user": attr.S("ann"), "n": attr.N("1")}
	if _, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "posts", Item: key}); err != nil {
		t.Fatal(err)
	}
	other := attr.Item{"user": attr.S("ann"), "n": attr.N("2")}
	if _, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "posts", Item: other}); err != nil {
		t.Fatal(err)
	}
	missing := attr.Item{"user": attr.S("bob"), "n": attr.N("1")}
	out, err := db.TransactGetItems(ctx, &kvs.TransactGetItemsInput{TransactItems: []kvs.TransactGetItem{
		{Get: &kvs.TransactGet{TableName: "posts", Key: key, ProjectionExpression: "nothing"}},
		{Get: &kvs.TransactGet{TableName: "posts", Key: missing, ProjectionExpression: "nothing"}},
		{Get: &kvs.TransactGet{TableName: "posts", Key: other}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(out.Responses[:2])
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{"Item":{}},{}]`; string(b) != want {
		t.Errorf("Responses = %s, want %s", b, want)
	}
	if it := out.Responses[2].Item; len(it) != 2 || it["n"].Str() != "2" {
		t.Errorf("third response = %v", it)
	}
}

// A Scan's Select rules are checked after the table, the expressions and
// the index; a Query's before them (DynamoDB Local for the Scan; the Query's
// Coral prefix for the Query; found by tools/difftest).
func TestScanSelectCheckedLate(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	createPostsTable(t, db)
	vals := kvs.Values{":v": attr.NS("1")}
	const count = "Cannot specify the ProjectionExpression when choosing to get only the Count"
	for _, tc := range []struct {
		in   kvs.ScanInput
		want string
	}{
		{kvs.ScanInput{TableName: "posts", Select: kvs.SelectCount, ProjectionExpression: "a", FilterExpression: "a < :v", ExpressionAttributeValues: vals},
			"Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: <, operand type: NS"},
		{kvs.ScanInput{TableName: "posts", Select: kvs.SelectCount, ProjectionExpression: "a, a.b"},
			"Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"},
		{kvs.ScanInput{TableName: "posts", Select: kvs.SelectCount, ProjectionExpression: "a", IndexName: "nope"},
			"The table does not have the specified index: nope"},
		{kvs.ScanInput{TableName: "posts", Select: kvs.SelectCount, ProjectionExpression: "a"}, count},
		{kvs.ScanInput{TableName: "posts", Select: kvs.SelectAllProjectedAttributes, ProjectionExpression: "a"},
			"Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES"},
	} {
		_, err := db.Scan(ctx, &tc.in)
		if err == nil || err.Error() != "ValidationException: "+tc.want {
			t.Errorf("Scan %+v: err = %v, want %s", tc.in, err, tc.want)
		}
	}
	_, err := db.Query(ctx, &kvs.QueryInput{TableName: "posts", KeyConditionExpression: "#u = :u", Select: kvs.SelectCount,
		ProjectionExpression: "a", FilterExpression: "a < :v", ExpressionAttributeNames: kvs.Names{"#u": "user"},
		ExpressionAttributeValues: kvs.Values{":u": attr.S("ann"), ":v": attr.NS("1")}})
	if err == nil || err.Error() != "ValidationException: 1 validation error detected: "+count {
		t.Errorf("Query: err = %v", err)
	}
}

// A Scan of a KEYS_ONLY local index whose filter reads an attribute the
// index does not project evaluates it on the table's item and still returns
// only the index's attributes (DynamoDB Local; found by tools/difftest:
// `Scan {"IndexName":"lsi","FilterExpression":"NOT attribute_not_exists(a.z)"}`).
func TestScanLocalIndexFilterFetches(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	_, err := db.CreateTable(ctx, &kvs.TableDefinition{
		TableName: "lsit",
		AttributeDefinitions: []kvs.AttributeDefinition{
			{AttributeName: "pk", AttributeType: "S"}, {AttributeName: "sk", AttributeType: "S"}, {AttributeName: "ln", AttributeType: "N"}},
		KeySchema: []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}},
		LocalSecondaryIndexes: []kvs.LocalSecondaryIndex{{IndexName: "lsi",
			KeySchema:  []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "ln", KeyType: "RANGE"}},
			Projection: kvs.Projection{ProjectionType: "KEYS_ONLY"}}},
		BillingMode: "PAY_PER_REQUEST",
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range []attr.Item{
		{"pk": attr.S("p"), "sk": attr.S("a"), "ln": attr.N("1"), "a": attr.M(map[string]attr.Value{"z": attr.N("1")}), "b": attr.S("x")},
		{"pk": attr.S("p"), "sk": attr.S("b"), "ln": attr.N("2"), "b": attr.S("y")},
	} {
		if _, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "lsit", Item: it}); err != nil {
			t.Fatal(err)
		}
	}
	out, err := db.Scan(ctx, &kvs.ScanInput{TableName: "lsit", IndexName: "lsi", FilterExpression: "attribute_exists(a.z)"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Items) != 1 || out.ScannedCount != 2 || len(out.Items[0]) != 3 || out.Items[0]["sk"].Str() != "a" {
		t.Errorf("Scan = %+v, want the item sk=a with only pk, sk, ln", out)
	}
	// A Query refuses them, naming them sorted.
	_, err = db.Query(ctx, &kvs.QueryInput{TableName: "lsit", IndexName: "lsi", KeyConditionExpression: "pk = :p",
		FilterExpression: "z = :v AND s[0] <> c AND a = :v", ExpressionAttributeValues: kvs.Values{":p": attr.S("p"), ":v": attr.S("x")}})
	if want := "ValidationException: One or more parameter values were invalid: Secondary index lsi does not project one or more filter attributes: [a, c, s, z]"; err == nil || err.Error() != want {
		t.Errorf("Query: err = %v, want %s", err, want)
	}
	out, err = db.Scan(ctx, &kvs.ScanInput{TableName: "lsit", IndexName: "lsi", FilterExpression: "b = :v",
		ProjectionExpression: "b", ExpressionAttributeValues: kvs.Values{":v": attr.S("y")}})
	if err != nil || len(out.Items) != 1 || out.Items[0]["b"].Str() != "y" || len(out.Items[0]) != 1 {
		t.Errorf("Scan with projection = %+v, %v", out, err)
	}
}

// A ConditionCheck whose condition reaches into a key attribute is not
// refused: the path names no attribute (DynamoDB Local; found by
// tools/difftest). A Put's condition still is refused.
func TestTransactConditionCheckKeyPath(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	createPostsTable(t, db)
	key := attr.Item{"user": attr.S("ann"), "n": attr.N("1")}
	if _, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "posts", Item: key}); err != nil {
		t.Fatal(err)
	}
	check := func(cond string) error {
		_, err := db.TransactWriteItems(ctx, &kvs.TransactWriteItemsInput{TransactItems: []kvs.TransactWriteItem{
			{ConditionCheck: &kvs.ConditionCheck{TableName: "posts", Key: key, ConditionExpression: cond}}}})
		return err
	}
	if err := check("attribute_not_exists(n[0])"); err != nil {
		t.Errorf("attribute_not_exists(n[0]): %v", err)
	}
	if err := check("attribute_exists(n.x)"); err == nil {
		t.Error("attribute_exists(n.x) held")
	} else if !strings.Contains(err.Error(), "TransactionCanceledException") && !strings.Contains(err.Error(), "ConditionalCheckFailed") {
		t.Errorf("attribute_exists(n.x): %v, want a cancellation", err)
	}
	_, err := db.TransactWriteItems(ctx, &kvs.TransactWriteItemsInput{TransactItems: []kvs.TransactWriteItem{
		{Put: &kvs.TransactPut{TableName: "posts", Item: key, ConditionExpression: "attribute_exists(n[0])"}}}})
	if err == nil || !strings.Contains(err.Error(), "Key attributes must be scalars") {
		t.Errorf("Put: err = %v", err)
	}
}

// Paths into key attributes are checked expression by expression, the hash
// key before the range key (DynamoDB Local; found by tools/difftest:
// `GetItem {"ProjectionExpression":"sk[1], pk.a"}` names pk).
func TestKeyPathsHashFirst(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	createPostsTable(t, db)
	key := attr.Item{"user": attr.S("ann"), "n": attr.N("1")}
	const msg = "ValidationException: Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: "
	_, err := db.GetItem(ctx, &kvs.GetItemInput{TableName: "posts", Key: key, ProjectionExpression: "n[1], #u.a",
		ExpressionAttributeNames: kvs.Names{"#u": "user"}})
	if err == nil || err.Error() != msg+"user" {
		t.Errorf("GetItem: err = %v", err)
	}
	_, err = db.Query(ctx, &kvs.QueryInput{TableName: "posts", KeyConditionExpression: "#u = :u", FilterExpression: "n[1] = :u",
		ProjectionExpression: "#u.a", ExpressionAttributeNames: kvs.Names{"#u": "user"}, ExpressionAttributeValues: kvs.Values{":u": attr.S("ann")}})
	if err == nil || err.Error() != msg+"n" {
		t.Errorf("Query: err = %v", err)
	}
}

// A path into a secondary index's key attribute is refused in an update's
// targets, conditions and projections, before the item is read (DynamoDB
// Local; found by tools/difftest: `UpdateItem {"UpdateExpression":"SET ln.a
// = :v"}` on a table whose local index sorts on ln).
func TestIndexKeyPathsMustBeScalar(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	_, err := db.CreateTable(ctx, &kvs.TableDefinition{
		TableName: "lsit",
		AttributeDefinitions: []kvs.AttributeDefinition{
			{AttributeName: "pk", AttributeType: "S"}, {AttributeName: "sk", AttributeType: "S"}, {AttributeName: "ln", AttributeType: "N"}},
		KeySchema: []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}},
		LocalSecondaryIndexes: []kvs.LocalSecondaryIndex{{IndexName: "lsi",
			KeySchema:  []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "ln", KeyType: "RANGE"}},
			Projection: kvs.Projection{ProjectionType: "KEYS_ONLY"}}},
		BillingMode: "PAY_PER_REQUEST",
	})
	if err != nil {
		t.Fatal(err)
	}
	key := attr.Item{"pk": attr.S("p"), "sk": attr.S("missing")}
	const want = "ValidationException: Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: ln"
	_, err = db.UpdateItem(ctx, &kvs.UpdateItemInput{TableName: "lsit", Key: key, UpdateExpression: "SET ln.a = :v, x = b + :v",
		ExpressionAttributeValues: kvs.Values{":v": attr.N("1")}})
	if err == nil || err.Error() != want {
		t.Errorf("UpdateItem: err = %v", err)
	}
	_, err = db.GetItem(ctx, &kvs.GetItemInput{TableName: "lsit", Key: key, ProjectionExpression: "ln[0]"})
	if err == nil || err.Error() != want {
		t.Errorf("GetItem: err = %v", err)
	}
	_, err = db.DeleteItem(ctx, &kvs.DeleteItemInput{TableName: "lsit", Key: key, ConditionExpression: "attribute_exists(ln.a)"})
	if err == nil || err.Error() != want {
		t.Errorf("DeleteItem: err = %v", err)
	}
	// With a global index too, the local index's key is named first.
	if _, err := db.CreateTable(ctx, &kvs.TableDefinition{
		TableName: "both",
		AttributeDefinitions: []kvs.AttributeDefinition{
			{AttributeName: "pk", AttributeType: "S"}, {AttributeName: "sk", AttributeType: "S"}, {AttributeName: "ln", AttributeType: "N"},
			{AttributeName: "gk", AttributeType: "S"}},
		KeySchema: []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}},
		LocalSecondaryIndexes: []kvs.LocalSecondaryIndex{{IndexName: "lsi",
			KeySchema:  []kvs.KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "ln", KeyType: "RANGE"}},
			Projection: kvs.Projection{ProjectionType: "KEYS_ONLY"}}},
		GlobalSecondaryIndexes: []kvs.GlobalSecondaryIndex{{IndexName: "gsi",
			KeySchema:  []kvs.KeySchemaElement{{AttributeName: "gk", KeyType: "HASH"}},
			Projection: kvs.Projection{ProjectionType: "ALL"}}},
		BillingMode: "PAY_PER_REQUEST",
	}); err != nil {
		t.Fatal(err)
	}
	_, err = db.GetItem(ctx, &kvs.GetItemInput{TableName: "both", Key: key, ProjectionExpression: "gk.z, ln[1]"})
	if err == nil || err.Error() != want {
		t.Errorf("GetItem gk.z, ln[1]: err = %v", err)
	}
	// The index key itself stays usable.
	if _, err := db.UpdateItem(ctx, &kvs.UpdateItemInput{TableName: "lsit", Key: key, UpdateExpression: "SET ln = :v",
		ExpressionAttributeValues: kvs.Values{":v": attr.N("1")}}); err != nil {
		t.Errorf("SET ln: %v", err)
	}
}

// A Query's ExclusiveStartKey is checked before the filter's rules on key
// attributes (DynamoDB Local; found by tools/difftest).
func TestQueryStartKeyBeforeFilterKeys(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	createPostsTable(t, db)
	in := func(start attr.Item, kc string) *kvs.QueryInput {
		return &kvs.QueryInput{TableName: "posts", KeyConditionExpression: kc, FilterExpression: "n = :n",
			ExpressionAttributeNames: kvs.Names{"#u": "user"}, ExpressionAttributeValues: kvs.Values{":u": attr.S("ann"), ":n": attr.N("5")},
			ExclusiveStartKey: start}
	}
	for _, tc := range []struct {
		start attr.Item
		kc    string
		want  string
	}{
		{attr.Item{"user": attr.S("ann")}, "#u = :u", "Exclusive Start Key must have same size as table's key schema"},
		{attr.Item{}, "#u = :u", "The provided starting key is invalid"},
		{attr.Item{"user": attr.S("ann"), "x": attr.N("1")}, "#u = :u", "The provided starting key is invalid"},
		{attr.Item{"user": attr.S("bob"), "n": attr.N("1")}, "#u = :u", "The provided starting key does not match the range key predicate"},
		{attr.Item{"user": attr.S("ann"), "n": attr.N("1")}, "#u = :u AND n > :n", "The provided starting key does not match the range key predicate"},
		{attr.Item{"user": attr.S("ann"), "n": attr.N("1")}, "#u = :u", "Filter Expression can only contain non-primary key attributes: Primary key attribute: n"},
	} {
		_, err := db.Query(ctx, in(tc.start, tc.kc))
		if err == nil || err.Error() != "ValidationException: "+tc.want {
			t.Errorf("%v %s: err = %v, want %s", tc.start, tc.kc, err, tc.want)
		}
	}
}

// PutItem, UpdateItem and DeleteItem check their key before paths into key
// attributes (DynamoDB Local; found by tools/difftest); GetItem the other
// way round.
func TestWriteKeyBeforeKeyPaths(t *testing.T) {
	ctx := context.Background()
	db := openMem(t)
	createPostsTable(t, db)
	bad := attr.Item{"user": attr.N("1"), "n": attr.N("1")}
	_, err := db.PutItem(ctx, &kvs.PutItemInput{TableName: "posts", Item: bad, ConditionExpression: "attribute_exists(n.x)"})
	if err == nil || !strings.Contains(err.Error(), "Type mismatch for key") {
		t.Errorf("PutItem: err = %v", err)
	}
	_, err = db.DeleteItem(ctx, &kvs.DeleteItemInput{TableName: "posts", Key: bad, ConditionExpression: "attribute_exists(n.x)"})
	if err == nil || strings.Contains(err.Error(), "Key attributes must be scalars") {
		t.Errorf("DeleteItem: err = %v, want the key's error", err)
	}
	_, err = db.UpdateItem(ctx, &kvs.UpdateItemInput{TableName: "posts", Key: bad, UpdateExpression: "SET a = :v",
		ConditionExpression: "attribute_exists(n.x)", ExpressionAttributeValues: kvs.Values{":v": attr.N("1")}})
	if err == nil || strings.Contains(err.Error(), "Key attributes must be scalars") {
		t.Errorf("UpdateItem: err = %v, want the key's error", err)
	}
	_, err = db.GetItem(ctx, &kvs.GetItemInput{TableName: "posts", Key: bad, ProjectionExpression: "n.x"})
	if err == nil || !strings.Contains(err.Error(), "Key attributes must be scalars") {
		t.Errorf("GetItem: err = %v, want the key path's error", err)
	}
}
