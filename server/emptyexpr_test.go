package server

import (
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

func TestEmptyExpressions(t *testing.T) {
	members := []string{"UpdateExpression", "ConditionExpression"}
	cases := []struct {
		body string
		want string // "" for no error
	}{
		{`{"TableName":"t","ConditionExpression":""}`, "Invalid ConditionExpression: The expression can not be empty;"},
		{`{"TableName":"t","ConditionExpression" :  ""}`, "Invalid ConditionExpression: The expression can not be empty;"},
		{`{"ConditionExpression":"","UpdateExpression":""}`, "Invalid UpdateExpression: The expression can not be empty;"},
		{`{"ConditionExpression":"a = :a"}`, ""},
		{`{"UpdateExpression":"SET a = :a"}`, ""},
		{`{"TableName":"t"}`, ""},
		// Only top-level members count: an item map key spelled like the
		// member, or the member's name inside a string, is not the member.
		{`{"Item":{"M":{"M":{"ConditionExpression":""}}}}`, ""},
		{`{"Item":{"x":{"S":"\"ConditionExpression\":\"\""}}}`, ""},
		// Malformed bodies are the operation's decoder's to report.
		{`{"ConditionExpression":""`, ""},
	}
	called := 0
	op := rejectEmptyExpressions(func(c *call, dst []byte) ([]byte, error) {
		called++
		return dst, nil
	}, members...)
	for _, tc := range cases {
		called = 0
		_, err := op(&call{body: []byte(tc.body)}, nil)
		switch {
		case tc.want == "" && (err != nil || called != 1):
			t.Errorf("%s: err %v, operation called %d times; want it called once", tc.body, err, called)
		case tc.want != "":
			e, ok := err.(*apierr.Error)
			if !ok || e.Code != apierr.Validation || e.Message != tc.want || called != 0 {
				t.Errorf("%s: err %v (operation called %d times), want ValidationException %q", tc.body, err, called, tc.want)
			}
		}
	}
}
