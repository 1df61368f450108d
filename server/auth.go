package server

import (
	"context"
	"strings"

	"github.com/kvs-project/kvs/apierr"
)

// RequestInfo describes the caller of one request. The server puts it in the
// context passed to every kvs.API call; layers below can use it to namespace
// tables per account or region, or for auditing.
type RequestInfo struct {
	// Operation is the DynamoDB operation, e.g. "GetItem".
	Operation string
	// RequestID is the x-amzn-RequestId sent back to the client.
	RequestID string
	// AccessKeyID and Region come from the SigV4 credential scope of the
	// Authorization header (keyid/date/region/service/aws4_request). The
	// signature itself is not verified yet.
	AccessKeyID string
	Region      string
	// AccountID is Options.AccountID (kvs has no accounts of its own yet).
	AccountID string
}

type requestInfoKey struct{}

// WithRequestInfo returns a copy of ctx that carries info.
func WithRequestInfo(ctx context.Context, info *RequestInfo) context.Context {
	return context.WithValue(ctx, requestInfoKey{}, info)
}

// scope is what one API call is given, in one allocation: its RequestInfo,
// the context carrying it and the call.
type scope struct {
	info RequestInfo
	ctx  infoContext
	call call
}

// infoContext is WithRequestInfo's context without an allocation of its own.
type infoContext struct {
	context.Context
	info *RequestInfo
}

func (c *infoContext) Value(key any) any {
	if _, ok := key.(requestInfoKey); ok {
		return c.info
	}
	return c.Context.Value(key)
}

// RequestInfoFrom returns the RequestInfo the server put in ctx, or nil.
func RequestInfoFrom(ctx context.Context) *RequestInfo {
	info, _ := ctx.Value(requestInfoKey{}).(*RequestInfo)
	return info
}

// sigv4Scope is what parseAuthorization extracts from a SigV4 header.
type sigv4Scope struct {
	accessKeyID string
	region      string
}

// errMissingAuth is DynamoDB's answer to a request without a SigV4
// Authorization header.
var errMissingAuth = apierr.New(apierr.MissingAuthenticationToken, "Request is missing Authentication Token")

// parseAuthorization checks an Authorization header the way DynamoDB does
// before it verifies a signature, with DynamoDB's messages (as recorded by
// dynalite), and returns the credential scope. hasDate tells whether the
// request has an X-Amz-Date or Date header.
func parseAuthorization(auth string, hasDate bool) (sigv4Scope, error) {
	trimmed := strings.TrimSpace(auth)
	if !strings.HasPrefix(trimmed, "AWS4-") {
		return sigv4Scope{}, errMissingAuth
	}
	algorithm, rest, _ := strings.Cut(trimmed, " ")
	// Parameters are comma-separated key=value pairs; DynamoDB ignores the
	// spaces around them.
	var credential, signature, signedHeaders string
	for rest != "" {
		var kv string
		kv, rest, _ = strings.Cut(rest, ",")
		k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
		switch strings.TrimSpace(k) {
		case "Credential":
			credential = strings.TrimSpace(v)
		case "Signature":
			signature = strings.TrimSpace(v)
		case "SignedHeaders":
			signedHeaders = strings.TrimSpace(v)
		}
	}
	if credential != "" && signature != "" && signedHeaders != "" && hasDate && algorithm == "AWS4-HMAC-SHA256" {
		// The common case, without allocating: keyid/date/region/service/term.
		if id, r, ok := strings.Cut(strings.TrimRight(credential, "/"), "/"); ok {
			if _, r, ok = strings.Cut(r, "/"); ok {
				if region, r, ok := strings.Cut(r, "/"); ok {
					if _, term, ok := strings.Cut(r, "/"); ok && !strings.Contains(term, "/") {
						return sigv4Scope{accessKeyID: id, region: region}, nil
					}
				}
			}
		}
	}
	var msg strings.Builder
	for _, p := range [...]struct{ name, val string }{
		{"Credential", credential}, {"Signature", signature}, {"SignedHeaders", signedHeaders},
	} {
		if p.val == "" {
			msg.WriteString("Authorization header requires '" + p.name + "' parameter. ")
		}
	}
	if !hasDate {
		msg.WriteString("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ")
	}
	if msg.Len() > 0 {
		return sigv4Scope{}, apierr.New(apierr.IncompleteSignature, msg.String()+"Authorization="+auth)
	}
	if algorithm != "AWS4-HMAC-SHA256" {
		return sigv4Scope{}, apierr.New(apierr.IncompleteSignature,
			"Unsupported AWS 'algorithm': '"+algorithm+"' (only AWS4-HMAC-SHA256 for now). ")
	}
	// Trailing slashes are ignored.
	scope := strings.Split(strings.TrimRight(credential, "/"), "/")
	if len(scope) != 5 {
		return sigv4Scope{}, apierr.New(apierr.IncompleteSignature,
			"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"+credential+"'")
	}
	return sigv4Scope{accessKeyID: scope[0], region: scope[2]}, nil
}
