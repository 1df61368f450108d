package compat_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

// wantAPIError fails unless err is a smithy.APIError with code (and, when
// msg is not empty, exactly that message). It returns the error.
func wantAPIError(t *testing.T, err error, code, msg string) smithy.APIError {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", code)
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("error %v (%T) is not an API error; want %s", err, err, code)
	}
	if ae.ErrorCode() != code {
		t.Fatalf("error code %q (message %q), want %s", ae.ErrorCode(), ae.ErrorMessage(), code)
	}
	if msg != "" && ae.ErrorMessage() != msg {
		t.Errorf("%s message\n got: %q\nwant: %q", code, ae.ErrorMessage(), msg)
	}
	noChecksumError(t, err)
	return ae
}

// noChecksumError fails if err came from the SDK's response CRC32 check.
func noChecksumError(t *testing.T, err error) {
	t.Helper()
	if err != nil && (strings.Contains(strings.ToLower(err.Error()), "crc32") || strings.Contains(err.Error(), "checksum")) {
		t.Fatalf("response checksum error: %v%s", err, sharedLogTail())
	}
}

// must fails the test on err (after checking it is no checksum error).
func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		noChecksumError(t, err)
		t.Fatalf("%s: %v%s", what, err, sharedLogTail())
	}
}

// sharedLogTail returns the end of the shared server's log, to show what
// the server said about a request that failed.
func sharedLogTail() string {
	if sharedSrv == nil {
		return ""
	}
	out := sharedSrv.output()
	if len(out) > 4000 {
		out = out[len(out)-4000:]
	}
	if out == "" {
		return ""
	}
	return "\nshared kvs serve log (end):\n" + out
}

func s(v string) types.AttributeValue     { return &types.AttributeValueMemberS{Value: v} }
func n(v string) types.AttributeValue     { return &types.AttributeValueMemberN{Value: v} }
func b(v []byte) types.AttributeValue     { return &types.AttributeValueMemberB{Value: v} }
func bl(v bool) types.AttributeValue      { return &types.AttributeValueMemberBOOL{Value: v} }
func ss(v ...string) types.AttributeValue { return &types.AttributeValueMemberSS{Value: v} }
func ns(v ...string) types.AttributeValue { return &types.AttributeValueMemberNS{Value: v} }

type item = map[string]types.AttributeValue

// keyTable creates an on-demand table keyed by pk (S) and, if skType is not
// empty, sk of that type, and returns its name.
func keyTable(t *testing.T, c *dynamodb.Client, skType types.ScalarAttributeType) string {
	t.Helper()
	name := tableName(t)
	in := &dynamodb.CreateTableInput{
		TableName:            aws.String(name),
		BillingMode:          types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
	}
	if skType != "" {
		in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{AttributeName: aws.String("sk"), AttributeType: skType})
		in.KeySchema = append(in.KeySchema, types.KeySchemaElement{AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange})
	}
	createActive(t, c, in)
	return name
}

// createActive creates a table and waits until it is ACTIVE.
func createActive(t *testing.T, c *dynamodb.Client, in *dynamodb.CreateTableInput) *types.TableDescription {
	t.Helper()
	ctx := context.Background()
	_, err := c.CreateTable(ctx, in)
	must(t, "CreateTable "+aws.ToString(in.TableName), err)
	w := dynamodb.NewTableExistsWaiter(c, func(o *dynamodb.TableExistsWaiterOptions) {
		o.MinDelay, o.MaxDelay = 50*time.Millisecond, 200*time.Millisecond
	})
	out, err := w.WaitForOutput(ctx, &dynamodb.DescribeTableInput{TableName: in.TableName}, 20*time.Second)
	must(t, "waiting for table "+aws.ToString(in.TableName), err)
	return out.Table
}

func str(av types.AttributeValue) string {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return v.Value
	case *types.AttributeValueMemberN:
		return v.Value
	}
	return "<not S or N>"
}

// errorsAs is errors.As, kept short for the typed-exception checks.
func errorsAs(err error, target any) bool { return errors.As(err, target) }

// knownGap skips a test that fails because kvs is still wrong, naming the
// gap; KVS_COMPAT_GAPS=1 runs it anyway, so that whoever fixes kvs can see
// it pass and delete the call.
func knownGap(t *testing.T, reason string) {
	t.Helper()
	if os.Getenv("KVS_COMPAT_GAPS") == "" {
		t.Skip("known gap: " + reason + " (KVS_COMPAT_GAPS=1 runs it)")
	}
}

// apiError returns err's smithy.APIError, if it has one.
func apiError(err error) (smithy.APIError, bool) {
	var ae smithy.APIError
	ok := errors.As(err, &ae)
	return ae, ok
}
