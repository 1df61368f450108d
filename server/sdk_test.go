package server

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/kvs-project/kvs/internal/crc32check"
	"github.com/kvs-project/kvs/internal/sdkbody"
)

// newSDKClient returns the real AWS SDK client pointed at ts, with response
// CRC32 checking on (the SDK's default) and, if gzip, compressed responses.
func newSDKClient(url string, gzip bool) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region:                   "eu-west-3",
		BaseEndpoint:             aws.String(url),
		Credentials:              credentials.NewStaticCredentialsProvider("AKIDSMOKE", "secret", ""),
		EnableAcceptEncodingGzip: gzip,
		RetryMaxAttempts:         1,
		// sdkbody avoids an SDK race that a server this fast meets.
		HTTPClient: sdkbody.Client{Next: crc32check.Client{Next: awshttp.NewBuildableClient()}},
	})
}

// TestSDKSmoke drives the server with aws-sdk-go-v2 over loopback HTTP.
func TestSDKSmoke(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, openTestDB(t), Options{})
		ctx := context.Background()
		for _, gzip := range []bool{false, true} {
			c := newSDKClient(ts.URL, gzip)
			table := "smoke"
			if gzip {
				table = "smoke_gzip"
			}
			ct, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
				TableName:            aws.String(table),
				AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
				KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
				BillingMode:          types.BillingModePayPerRequest,
			})
			if err != nil {
				t.Fatalf("CreateTable: %v", err)
			}
			if got := aws.ToString(ct.TableDescription.TableName); got != table {
				t.Fatalf("CreateTable answered table %q", got)
			}
			lt, err := c.ListTables(ctx, &dynamodb.ListTablesInput{})
			if err != nil || len(lt.TableNames) == 0 {
				t.Fatalf("ListTables: %v %v", lt, err)
			}

			item := map[string]types.AttributeValue{
				"pk":   &types.AttributeValueMemberS{Value: "a"},
				"n":    &types.AttributeValueMemberN{Value: "1.50"},
				"b":    &types.AttributeValueMemberB{Value: []byte{0, 1, 2}},
				"ss":   &types.AttributeValueMemberSS{Value: []string{"x", "y"}},
				"l":    &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberBOOL{Value: true}, &types.AttributeValueMemberNULL{Value: true}}},
				"m":    &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"s": &types.AttributeValueMemberS{Value: "é\"\n"}}},
				"nmap": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{}},
			}
			if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item}); err != nil {
				t.Fatalf("PutItem: %v", err)
			}
			key := map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a"}}
			gi, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: key})
			if err != nil {
				t.Fatalf("GetItem: %v", err)
			}
			if n := gi.Item["n"].(*types.AttributeValueMemberN).Value; n != "1.5" {
				t.Errorf("n = %q, want the canonical 1.5", n)
			}
			if s := gi.Item["m"].(*types.AttributeValueMemberM).Value["s"].(*types.AttributeValueMemberS).Value; s != "é\"\n" {
				t.Errorf("m.s = %q", s)
			}
			if b := gi.Item["b"].(*types.AttributeValueMemberB).Value; string(b) != "\x00\x01\x02" {
				t.Errorf("b = %v", b)
			}

			// A failed condition comes back as the SDK's typed error, with the item.
			_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item,
				ConditionExpression:                 aws.String("attribute_not_exists(pk)"),
				ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld})
			var ccf *types.ConditionalCheckFailedException
			if !errors.As(err, &ccf) {
				t.Fatalf("conditional PutItem: %v, want ConditionalCheckFailedException", err)
			}
			if ccf.ErrorMessage() != "The conditional request failed" || ccf.Item["pk"] == nil {
				t.Errorf("ConditionalCheckFailedException %q, item %v", ccf.ErrorMessage(), ccf.Item)
			}

			if _, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{table: {
				{PutRequest: &types.PutRequest{Item: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "b"}}}},
				{PutRequest: &types.PutRequest{Item: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "c"}}}},
			}}}); err != nil {
				t.Fatalf("BatchWriteItem: %v", err)
			}
			sc, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(table)})
			if err != nil {
				t.Fatalf("Scan: %v", err)
			}
			if sc.Count != 3 || len(sc.Items) != 3 {
				t.Errorf("Scan: Count %d, %d items, want 3", sc.Count, len(sc.Items))
			}

			ui, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(table), Key: key,
				UpdateExpression:          aws.String("SET n = n + :one"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}},
				ReturnValues:              types.ReturnValueUpdatedNew})
			if err != nil || ui.Attributes["n"].(*types.AttributeValueMemberN).Value != "2.5" {
				t.Fatalf("UpdateItem: %+v %v", ui, err)
			}
			q, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String(table),
				KeyConditionExpression:    aws.String("pk = :pk"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: "b"}}})
			if err != nil || q.Count != 1 || len(q.Items) != 1 {
				t.Fatalf("Query: %+v %v", q, err)
			}

			_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
				{ConditionCheck: &types.ConditionCheck{TableName: aws.String(table), Key: key, ConditionExpression: aws.String("attribute_not_exists(pk)")}},
				{Put: &types.Put{TableName: aws.String(table), Item: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "d"}}}},
			}})
			var tce *types.TransactionCanceledException
			if !errors.As(err, &tce) {
				t.Fatalf("TransactWriteItems: %v, want TransactionCanceledException", err)
			}
			if len(tce.CancellationReasons) != 2 || aws.ToString(tce.CancellationReasons[0].Code) != "ConditionalCheckFailed" ||
				aws.ToString(tce.CancellationReasons[1].Code) != "None" {
				t.Errorf("CancellationReasons = %+v", tce.CancellationReasons)
			}

			di, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: key, ReturnValues: types.ReturnValueAllOld})
			if err != nil || di.Attributes["pk"] == nil {
				t.Fatalf("DeleteItem: %v %v", di, err)
			}

			_, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("no_such_table"), Key: key})
			var rnf *types.ResourceNotFoundException
			if !errors.As(err, &rnf) {
				t.Fatalf("GetItem on a missing table: %v, want ResourceNotFoundException", err)
			}

			ep, err := c.DescribeEndpoints(ctx, &dynamodb.DescribeEndpointsInput{})
			if err != nil || len(ep.Endpoints) != 1 || ep.Endpoints[0].CachePeriodInMinutes != 1440 {
				t.Fatalf("DescribeEndpoints: %+v %v", ep, err)
			}
			lim, err := c.DescribeLimits(ctx, &dynamodb.DescribeLimitsInput{})
			if err != nil || aws.ToInt64(lim.TableMaxReadCapacityUnits) != 40000 {
				t.Fatalf("DescribeLimits: %+v %v", lim, err)
			}
			if _, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(table)}); err != nil {
				t.Fatalf("DeleteTable: %v", err)
			}
		}
	})
}
