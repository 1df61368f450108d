package server

import (
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

func TestParseAuthorization(t *testing.T) {
	tests := []struct {
		auth    string
		hasDate bool
		id, reg string
		code    apierr.Code
		message string
	}{
		{auth: testAuth, hasDate: true, id: "AKIDTEST", reg: "eu-west-3"},
		{auth: "AWS4-HMAC-SHA256 Credential=K/20260101/local/dynamodb/aws4_request/,SignedHeaders=host,Signature=s", hasDate: true, id: "K", reg: "local"},
		{auth: "  AWS4-HMAC-SHA256   Credential = K/d/r/s/t ,  SignedHeaders=host , Signature=s ", hasDate: true, id: "K", reg: "r"},
		{auth: "", code: apierr.MissingAuthenticationToken, message: "Request is missing Authentication Token"},
		{auth: "AWS K:sig", hasDate: true, code: apierr.MissingAuthenticationToken, message: "Request is missing Authentication Token"},
		{auth: "AWS4-HMAC-SHA256", hasDate: false, code: apierr.IncompleteSignature,
			message: "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256"},
		{auth: "AWS4-HMAC-SHA256 Credential=a/b/c/d/e/f, SignedHeaders=host, Signature=x", hasDate: true, code: apierr.IncompleteSignature,
			message: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'a/b/c/d/e/f'"},
		{auth: "AWS4-X Credential=a/b/c/d/e, SignedHeaders=host, Signature=x", hasDate: true, code: apierr.IncompleteSignature,
			message: "Unsupported AWS 'algorithm': 'AWS4-X' (only AWS4-HMAC-SHA256 for now). "},
	}
	for _, tt := range tests {
		got, err := parseAuthorization(tt.auth, tt.hasDate)
		if tt.code != "" {
			e := asAPIError(err)
			if e == nil || e.Code != tt.code || e.Message != tt.message {
				t.Errorf("%q: err = %v, want %s: %s", tt.auth, err, tt.code, tt.message)
			}
			continue
		}
		if err != nil || got.accessKeyID != tt.id || got.region != tt.reg {
			t.Errorf("%q: got %+v, %v; want %s %s", tt.auth, got, err, tt.id, tt.reg)
		}
	}
}
