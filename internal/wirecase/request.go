package wirecase

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/kvs-project/kvs/internal/ddblocal"
)

// TargetPrefix is the X-Amz-Target prefix of DynamoDB's API version.
const TargetPrefix = "DynamoDB_20120810."

// knownArgs are the command args a call case may carry.
var knownArgs = map[string]bool{
	"op": true, "target": true, "notarget": true, "contenttype": true, "nocontenttype": true,
	"noauth": true, "raw": true, "unordered": true, "doc-override": true,
}

// Credentials sign requests. Only AccessKey matters to DynamoDB Local, which
// keeps one database per access key and region.
type Credentials struct {
	AccessKey, SecretKey, Region string
}

// DefaultCredentials are the fake credentials used unless told otherwise.
var DefaultCredentials = Credentials{
	AccessKey: ddblocal.DefaultAccessKey,
	SecretKey: ddblocal.DefaultSecretKey,
	Region:    ddblocal.DefaultRegion,
}

// Body returns the request body: the input lines joined by newlines.
func (c *Case) Body() []byte { return []byte(strings.Join(c.Input, "\n")) }

// Validate checks the command line and, unless the case is raw, that the
// body is valid JSON (a typo in a case must not silently become a
// SerializationException case).
func (c *Case) Validate() error {
	if c.Cmd != "call" {
		return fmt.Errorf("line %d: unknown command %q", c.Line, c.Cmd)
	}
	for k := range c.Args {
		if !knownArgs[k] {
			return fmt.Errorf("line %d: unknown arg %q", c.Line, k)
		}
	}
	if c.Args["op"] == "" && !c.Has("target") && !c.Has("notarget") {
		return fmt.Errorf("line %d: call needs op=, target= or notarget", c.Line)
	}
	if !c.Has("raw") && !json.Valid(c.Body()) {
		return fmt.Errorf("line %d: body is not valid JSON (mark the case raw if that is the point)", c.Line)
	}
	return nil
}

// NewRequest builds the case's HTTP request to endpoint (e.g.
// "http://127.0.0.1:8000"), signed with creds unless the case is noauth.
func (c *Case) NewRequest(ctx context.Context, endpoint string, creds Credentials, now time.Time) (*http.Request, error) {
	body := c.Body()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(endpoint, "/")+"/", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	switch {
	case c.Has("notarget"):
	case c.Has("target"):
		req.Header.Set("X-Amz-Target", c.Args["target"])
	default:
		req.Header.Set("X-Amz-Target", TargetPrefix+c.Args["op"])
	}
	switch {
	case c.Has("nocontenttype"):
	case c.Has("contenttype"):
		req.Header.Set("Content-Type", c.Args["contenttype"])
	default:
		req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	}
	if !c.Has("noauth") {
		ddblocal.Sign(req, body, creds.AccessKey, creds.SecretKey, creds.Region, now.UTC())
	}
	return req, nil
}

// Do sends the case to endpoint and returns the HTTP status and body.
func (c *Case) Do(ctx context.Context, hc *http.Client, endpoint string, creds Credentials) (int, []byte, error) {
	req, err := c.NewRequest(ctx, endpoint, creds, time.Now())
	if err != nil {
		return 0, nil, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, nil, err
	}
	return resp.StatusCode, out, nil
}
