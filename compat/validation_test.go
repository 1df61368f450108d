package compat_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestControlPlaneValidation covers CreateTable and UpdateTimeToLive
// mistakes that infrastructure code makes, with DynamoDB's texts.
func TestControlPlaneValidation(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	base := func() *dynamodb.CreateTableInput {
		return &dynamodb.CreateTableInput{
			TableName:            aws.String(tableName(t)),
			AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
			KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		}
	}

	in := base()
	in.BillingMode = types.BillingModeProvisioned
	_, err := c.CreateTable(ctx, in)
	wantAPIError(t, err, "ValidationException", "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")

	in = base()
	in.BillingMode = types.BillingModePayPerRequest
	in.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)}
	_, err = c.CreateTable(ctx, in)
	wantAPIError(t, err, "ValidationException", "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")

	in = base()
	in.BillingMode = types.BillingModePayPerRequest
	in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{AttributeName: aws.String("extra"), AttributeType: types.ScalarAttributeTypeS})
	_, err = c.CreateTable(ctx, in)
	wantAPIError(t, err, "ValidationException", "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")

	// Provisioned tables report their throughput.
	in = base()
	in.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(4), WriteCapacityUnits: aws.Int64(2)}
	d := createActive(t, c, in)
	if pt := d.ProvisionedThroughput; pt == nil || aws.ToInt64(pt.ReadCapacityUnits) != 4 || aws.ToInt64(pt.WriteCapacityUnits) != 2 {
		t.Errorf("ProvisionedThroughput %+v, want 4/2", d.ProvisionedThroughput)
	}

	// Strong consistency is not offered on global indexes, in scans either.
	gname := tableName(t)
	createActive(t, c, indexedTableInput(gname))
	_, err = c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(gname), IndexName: aws.String("byG"), ConsistentRead: aws.Bool(true)})
	wantAPIError(t, err, "ValidationException", "Consistent reads are not supported on global secondary indexes")
}

// TestTransactionIdempotency: a ClientRequestToken reused with a different
// request is refused, and transactions span tables.
func TestTransactionIdempotency(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	t1, t2 := keyTable(t, c, ""), keyTable(t, c, "")
	tok := aws.String("compat-token-mismatch")
	put := func(v string) *dynamodb.TransactWriteItemsInput {
		return &dynamodb.TransactWriteItemsInput{ClientRequestToken: tok, TransactItems: []types.TransactWriteItem{
			{Put: &types.Put{TableName: aws.String(t1), Item: item{"pk": s("a"), "v": s(v)}}},
			{Put: &types.Put{TableName: aws.String(t2), Item: item{"pk": s("b"), "v": s(v)}}},
		}}
	}
	_, err := c.TransactWriteItems(ctx, put("1"))
	must(t, "TransactWriteItems", err)
	_, err = c.TransactWriteItems(ctx, put("2"))
	ae := wantAPIError(t, err, "IdempotentParameterMismatchException", "")
	var ipm *types.IdempotentParameterMismatchException
	if !errorsAs(err, &ipm) {
		t.Errorf("%T is not *types.IdempotentParameterMismatchException (%s)", err, ae.ErrorMessage())
	}
	g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(t2), Key: item{"pk": s("b")}, ConsistentRead: aws.Bool(true)})
	must(t, "GetItem", err)
	if str(g.Item["v"]) != "1" {
		t.Errorf("item in the second table %v, want v=1", g.Item)
	}
}

// TestTimeToLiveOtherAttribute: TTL is on one attribute at a time, and
// DynamoDB names the current one when asked to change it (DynamoDB Local
// stops after "AttributeName").
func TestTimeToLiveOtherAttribute(t *testing.T) {
	c := shared(t)
	ctx := context.Background()
	name := keyTable(t, c, "")
	_, err := c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String(name),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("expiresAt"), Enabled: aws.Bool(true)}})
	must(t, "UpdateTimeToLive", err)
	for _, enabled := range []bool{true, false} {
		_, err = c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String(name),
			TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("other"), Enabled: aws.Bool(enabled)}})
		wantAPIError(t, err, "ValidationException", "TimeToLive is active on a different AttributeName: current AttributeName is expiresAt")
	}
}
