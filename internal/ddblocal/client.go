package ddblocal

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Default fake credentials. DynamoDB Local does not verify signatures, but it
// rejects requests without an Authorization header (MissingAuthenticationToken)
// and, since version 2, access key ids containing anything but letters and
// digits. It keeps one in-memory database per access key and region unless
// started with -sharedDb.
const (
	DefaultAccessKey = "kvsrecorder"
	DefaultSecretKey = "kvsrecordersecret"
	DefaultRegion    = "us-east-1"
)

// targetPrefix is the X-Amz-Target prefix of DynamoDB's JSON 1.0 protocol.
const targetPrefix = "DynamoDB_20120810."

// Client posts raw DynamoDB JSON 1.0 requests to an endpoint. It works
// against any DynamoDB-compatible endpoint, not only DynamoDB Local. Its
// fields may be changed before first use; it is safe for concurrent use after.
type Client struct {
	Endpoint  string // e.g. "http://127.0.0.1:8000"
	AccessKey string
	SecretKey string
	Region    string
	HTTP      *http.Client
	// Now returns the signing time; nil means time.Now.
	Now func() time.Time
}

// NewClient returns a Client for endpoint with the default fake credentials.
func NewClient(endpoint string) *Client {
	return &Client{
		Endpoint:  strings.TrimRight(endpoint, "/"),
		AccessKey: DefaultAccessKey,
		SecretKey: DefaultSecretKey,
		Region:    DefaultRegion,
		HTTP:      &http.Client{Timeout: 60 * time.Second},
	}
}

// Do posts body as the request of operation (e.g. "PutItem") and returns the
// HTTP status and the response body. body is sent byte for byte, so it may be
// malformed JSON on purpose. err is non-nil only when no HTTP response was
// received; DynamoDB errors come back as a non-200 status and a body that
// ParseError understands.
func (c *Client) Do(ctx context.Context, operation string, body []byte) (status int, respBody []byte, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Endpoint+"/", bytes.NewReader(body))
	if err != nil {
		return 0, nil, fmt.Errorf("ddblocal: %w", err)
	}
	req.Header.Set("X-Amz-Target", targetPrefix+operation)
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	sign(req, body, c.AccessKey, c.SecretKey, c.Region, "dynamodb", now().UTC())
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return 0, nil, fmt.Errorf("ddblocal: %s: %w", operation, err)
	}
	defer resp.Body.Close()
	respBody, err = io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, nil, fmt.Errorf("ddblocal: %s: reading response: %w", operation, err)
	}
	return resp.StatusCode, respBody, nil
}

// Call is Do for well-formed requests: it marshals req, and on status 200
// unmarshals the response into resp (if non-nil). A DynamoDB error is
// returned as *Error.
func (c *Client) Call(ctx context.Context, operation string, req, resp any) error {
	body, err := json.Marshal(req)
	if err != nil {
		return fmt.Errorf("ddblocal: %s: %w", operation, err)
	}
	status, out, err := c.Do(ctx, operation, body)
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		if e, ok := ParseError(status, out); ok {
			return e
		}
		return fmt.Errorf("ddblocal: %s: status %d: %s", operation, status, out)
	}
	if resp == nil {
		return nil
	}
	if err := json.Unmarshal(out, resp); err != nil {
		return fmt.Errorf("ddblocal: %s: decoding response: %w", operation, err)
	}
	return nil
}

// Error is a DynamoDB error response.
type Error struct {
	Status  int    // HTTP status
	Code    string // the part of __type after '#', e.g. "ValidationException"
	Message string // the message exactly as sent (absent message = "")
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// ParseError decodes a DynamoDB error body: {"__type":"ns#Code","message":"..."}.
// DynamoDB spells the message key "message" or "Message" depending on the
// error; both are accepted. ok is false if body is not an error body.
func ParseError(status int, body []byte) (e *Error, ok bool) {
	var raw map[string]json.RawMessage
	if json.Unmarshal(body, &raw) != nil {
		return nil, false
	}
	var typ string
	if json.Unmarshal(raw["__type"], &typ) != nil || typ == "" {
		return nil, false
	}
	e = &Error{Status: status, Code: typ[strings.LastIndexByte(typ, '#')+1:]}
	for _, k := range []string{"message", "Message"} {
		if m, ok := raw[k]; ok {
			_ = json.Unmarshal(m, &e.Message)
			break
		}
	}
	return e, true
}
