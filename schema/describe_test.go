package schema

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestARNs(t *testing.T) {
	if got, want := TableARN("us-east-1", "123456789012", "Music"), "arn:aws:dynamodb:us-east-1:123456789012:table/Music"; got != want {
		t.Errorf("TableARN = %q, want %q", got, want)
	}
	if got, want := IndexARN("us-east-1", "123456789012", "Music", "ByArtist"),
		"arn:aws:dynamodb:us-east-1:123456789012:table/Music/index/ByArtist"; got != want {
		t.Errorf("IndexARN = %q, want %q", got, want)
	}
	if got, want := StreamARN("us-east-1", "123456789012", "Music", "2026-10-08T23:07:31.275"),
		"arn:aws:dynamodb:us-east-1:123456789012:table/Music/stream/2026-10-08T23:07:31.275"; got != want {
		t.Errorf("StreamARN = %q, want %q", got, want)
	}
}

func TestKeyAttributes(t *testing.T) {
	d := hashRange()
	d.AttributeDefinitions = []AttributeDefinition{{"b", TypeN}, {"a", TypeS}, {"c", TypeB}}
	d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{gsi("g-c", keys("c:HASH"), all())}
	h, r := KeyAttributes(d)
	if h != (KeyAttribute{"a", TypeS}) || r != (KeyAttribute{"b", TypeN}) {
		t.Errorf("KeyAttributes = %v, %v", h, r)
	}
	h, r, ok := IndexKeyAttributes(d, "g-c")
	if !ok || h != (KeyAttribute{"c", TypeB}) || r != (KeyAttribute{}) {
		t.Errorf("IndexKeyAttributes(g-c) = %v, %v, %v", h, r, ok)
	}
	if _, _, ok := IndexKeyAttributes(d, "nope"); ok {
		t.Error("IndexKeyAttributes(nope) found an index")
	}
}

// TestDescribeOnDemand checks DynamoDB's defaults for an on-demand table with
// both index kinds, a stream and KMS encryption, field by field on the wire.
func TestDescribeOnDemand(t *testing.T) {
	d := hashRange()
	d.TableName = "tbl"
	d.AttributeDefinitions = defs("z", "b", "a", "c")
	d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{
		gsi("g-z", keys("z:HASH"), Projection{ProjectionType: ProjectInclude, NonKeyAttributes: []string{"zz", "aa", "mm"}}),
		gsi("g-a", keys("c:HASH"), all()),
	}
	d.LocalSecondaryIndexes = []LocalSecondaryIndex{lsi("l-c", keys("a:HASH", "c:RANGE"), Projection{ProjectionType: ProjectKeysOnly})}
	d.StreamSpecification = &StreamSpecification{StreamEnabled: true, StreamViewType: StreamNewImage}
	d.SSESpecification = &SSESpecification{SSEType: SSETypeKMS, KMSMasterKeyId: "alias/mine"}
	d.DeletionProtectionEnabled = ptr(true)
	if err := ValidateCreateTable(d); err != nil {
		t.Fatal(err)
	}
	created := time.Date(2026, 10, 8, 23, 7, 31, 275_000_000, time.UTC)
	got := Describe(d, DescribeOptions{Region: "us-west-2", Account: "123456789012", TableID: "id-1", Created: created})
	js, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"},{"AttributeName":"b","AttributeType":"S"},` +
		`{"AttributeName":"c","AttributeType":"S"},{"AttributeName":"z","AttributeType":"S"}],"TableName":"tbl",` +
		`"KeySchema":[{"AttributeName":"a","KeyType":"HASH"},{"AttributeName":"b","KeyType":"RANGE"}],"TableStatus":"ACTIVE",` +
		`"CreationDateTime":1791500851.275,"ProvisionedThroughput":{"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},` +
		`"TableSizeBytes":0,"ItemCount":0,"TableArn":"arn:aws:dynamodb:us-west-2:123456789012:table/tbl","TableId":"id-1",` +
		`"BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST","LastUpdateToPayPerRequestDateTime":1791500851.275},` +
		`"LocalSecondaryIndexes":[{"IndexName":"l-c","KeySchema":[{"AttributeName":"a","KeyType":"HASH"},{"AttributeName":"c","KeyType":"RANGE"}],` +
		`"Projection":{"ProjectionType":"KEYS_ONLY"},"IndexSizeBytes":0,"ItemCount":0,"IndexArn":"arn:aws:dynamodb:us-west-2:123456789012:table/tbl/index/l-c"}],` +
		`"GlobalSecondaryIndexes":[{"IndexName":"g-z","KeySchema":[{"AttributeName":"z","KeyType":"HASH"}],` +
		`"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["aa","mm","zz"]},"IndexStatus":"ACTIVE",` +
		`"ProvisionedThroughput":{"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},"IndexSizeBytes":0,"ItemCount":0,` +
		`"IndexArn":"arn:aws:dynamodb:us-west-2:123456789012:table/tbl/index/g-z"},` +
		`{"IndexName":"g-a","KeySchema":[{"AttributeName":"c","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"},"IndexStatus":"ACTIVE",` +
		`"ProvisionedThroughput":{"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},"IndexSizeBytes":0,"ItemCount":0,` +
		`"IndexArn":"arn:aws:dynamodb:us-west-2:123456789012:table/tbl/index/g-a"}],` +
		`"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"},"LatestStreamLabel":"2026-10-08T23:07:31.275",` +
		`"LatestStreamArn":"arn:aws:dynamodb:us-west-2:123456789012:table/tbl/stream/2026-10-08T23:07:31.275",` +
		`"SSEDescription":{"Status":"ENABLED","SSEType":"KMS","KMSMasterKeyArn":"arn:aws:kms:us-west-2:123456789012:alias/mine"},` +
		`"DeletionProtectionEnabled":true}`
	if string(js) != want {
		t.Errorf("Describe =\n%s\nwant\n%s", js, want)
	}
	// The definition is not aliased by the description.
	if !slices.Equal(keyNames(d.KeySchema), []string{"a", "b"}) || d.AttributeDefinitions[0].AttributeName != "z" ||
		d.GlobalSecondaryIndexes[0].Projection.NonKeyAttributes[0] != "zz" {
		t.Error("Describe modified its input")
	}
}

func TestDescribeProvisioned(t *testing.T) {
	d := hashRange()
	d.BillingMode = BillingProvisioned
	d.ProvisionedThroughput = pt(5, 7)
	d.TableClass = TableClassStandard
	g := gsi("g-b", keys("b:HASH"), all())
	g.ProvisionedThroughput = pt(1, 2)
	d.GlobalSecondaryIndexes = []GlobalSecondaryIndex{g}
	d.StreamSpecification = &StreamSpecification{} // disabled: not described
	d.SSESpecification = &SSESpecification{Enabled: ptr(false)}
	got := Describe(d, DescribeOptions{Region: "r", Account: "a", Status: StatusCreating, Created: time.Unix(1, 0)})
	if got.TableStatus != StatusCreating || got.BillingModeSummary != nil || got.StreamSpecification != nil ||
		got.LatestStreamArn != "" || got.SSEDescription != nil {
		t.Errorf("unexpected defaults: %+v", got)
	}
	if want := (ProvisionedThroughputDescription{ReadCapacityUnits: 5, WriteCapacityUnits: 7}); !reflect.DeepEqual(*got.ProvisionedThroughput, want) {
		t.Errorf("ProvisionedThroughput = %+v, want %+v", *got.ProvisionedThroughput, want)
	}
	if want := (ProvisionedThroughputDescription{ReadCapacityUnits: 1, WriteCapacityUnits: 2}); !reflect.DeepEqual(*got.GlobalSecondaryIndexes[0].ProvisionedThroughput, want) {
		t.Errorf("GSI ProvisionedThroughput = %+v, want %+v", *got.GlobalSecondaryIndexes[0].ProvisionedThroughput, want)
	}
	if got.TableClassSummary == nil || got.TableClassSummary.TableClass != TableClassStandard {
		t.Errorf("TableClassSummary = %+v", got.TableClassSummary)
	}
	if got.CreationDateTime != 1 {
		t.Errorf("CreationDateTime = %v", got.CreationDateTime)
	}
}

func TestDescribeSSE(t *testing.T) {
	tests := []struct {
		spec *SSESpecification
		want string // KMSMasterKeyArn, "" for no SSEDescription
	}{
		{nil, ""},
		{&SSESpecification{}, ""},
		{&SSESpecification{Enabled: ptr(false)}, ""},
		{&SSESpecification{Enabled: ptr(true)}, "arn:aws:kms:r:a:alias/aws/dynamodb"},
		{&SSESpecification{SSEType: SSETypeKMS, KMSMasterKeyId: "1234"}, "arn:aws:kms:r:a:key/1234"},
		{&SSESpecification{SSEType: SSETypeKMS, KMSMasterKeyId: "arn:aws:kms:x:y:key/k"}, "arn:aws:kms:x:y:key/k"},
	}
	for _, tt := range tests {
		got := DescribeSSE(tt.spec, "r", "a")
		switch {
		case tt.want == "" && got != nil:
			t.Errorf("DescribeSSE(%+v) = %+v, want nil", tt.spec, got)
		case tt.want != "" && (got == nil || got.KMSMasterKeyArn != tt.want || got.Status != SSEEnabled || got.SSEType != SSETypeKMS):
			t.Errorf("DescribeSSE(%+v) = %+v, want key %s", tt.spec, got, tt.want)
		}
	}
}

// TestJavaHashSetOrder pins the iteration order DynamoDB's "keys used" list
// shows, including a bucket collision and a resize past 12 elements.
func TestJavaHashSetOrder(t *testing.T) {
	tests := []struct{ in, want []string }{
		{[]string{"pk", "sk", "a"}, []string{"a", "sk", "pk"}},
		{[]string{"a", "q", "a"}, []string{"a", "q"}}, // 97 and 113 share bucket 1: insertion order
		{[]string{"q", "a"}, []string{"q", "a"}},
	}
	for _, tt := range tests {
		if got := javaHashSetOrder(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("javaHashSetOrder(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
	// 13 names force a resize to 32 buckets: q (113) leaves a's bucket 1
	// for bucket 17, so it comes last although it was added first.
	many := []string{"q"}
	for c := 'a'; c <= 'l'; c++ {
		many = append(many, string(c))
	}
	got := javaHashSetOrder(many)
	if got[0] != "a" || got[12] != "q" {
		t.Errorf("javaHashSetOrder(13 names) = %v", got)
	}
}
