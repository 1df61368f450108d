package server

import (
	"testing"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/apierr"
)

func TestDecodeNamesTheInvalidExpressionAttributeValue(t *testing.T) {
	tests := []struct{ body, want string }{
		{`{"TableName":"t","Item":{"pk":{"S":"a"}},"ConditionExpression":"v = :v","ExpressionAttributeValues":{":a":{"S":"x"},":v":{}}}`,
			"ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key :v"},
		// An invalid Item value keeps its bare text.
		{`{"TableName":"t","Item":{"pk":{}}}`,
			"Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"},
	}
	for _, tc := range tests {
		var in kvs.PutItemInput
		err := decode([]byte(tc.body), &in)
		e, ok := err.(*apierr.Error)
		if !ok || e.Code != apierr.Validation || e.Message != tc.want {
			t.Errorf("%s: got %v, want ValidationException %q", tc.body, err, tc.want)
		}
	}
}

// TransactWriteItems carries ExpressionAttributeValues per action; DynamoDB
// names the placeholder there too (found by tools/difftest).
func TestDecodeNamesTheInvalidTransactExpressionAttributeValue(t *testing.T) {
	body := `{"TransactItems":[{"Delete":{"TableName":"t","Key":{"pk":{"S":"a"}}}},` +
		`{"Update":{"TableName":"t","Key":{"pk":{"S":"b"}},"UpdateExpression":"ADD l :v1","ExpressionAttributeValues":{":v1":{"NS":["1E+126"]}}}}]}`
	want := "ExpressionAttributeValues contains invalid value: Number overflow. Attempting to store a number with magnitude larger than supported range for key :v1"
	var in kvs.TransactWriteItemsInput
	err := decode([]byte(body), &in)
	if e, ok := err.(*apierr.Error); !ok || e.Code != apierr.Validation || e.Message != want {
		t.Errorf("got %v, want ValidationException %q", err, want)
	}
}
