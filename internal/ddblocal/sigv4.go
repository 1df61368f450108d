package ddblocal

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// sign adds X-Amz-Date and a real AWS Signature Version 4 Authorization
// header to req. DynamoDB Local ignores the signature, but computing a true
// one keeps the client usable against endpoints that verify (kvs will).
// Only the headers this package sets are signed: content-length, content-type,
// host, x-amz-date and x-amz-target (the set the AWS SDK signs).
func sign(req *http.Request, body []byte, accessKey, secretKey, region, service string, t time.Time) {
	amzDate := t.Format("20060102T150405Z")
	day := t.Format("20060102")
	req.Header.Set("X-Amz-Date", amzDate)

	headers := map[string]string{
		"host":           req.URL.Host,
		"content-length": strconv.Itoa(len(body)),
	}
	for _, h := range []string{"Content-Type", "X-Amz-Date", "X-Amz-Target"} {
		if v := req.Header.Get(h); v != "" {
			headers[strings.ToLower(h)] = strings.TrimSpace(v)
		}
	}
	names := make([]string, 0, len(headers))
	for k := range headers {
		names = append(names, k)
	}
	sort.Strings(names)
	var canonHeaders strings.Builder
	for _, k := range names {
		canonHeaders.WriteString(k + ":" + headers[k] + "\n")
	}
	signed := strings.Join(names, ";")
	path := req.URL.EscapedPath()
	if path == "" {
		path = "/"
	}
	canonical := strings.Join([]string{
		req.Method, path, req.URL.RawQuery,
		canonHeaders.String(), signed, hexSHA256(body),
	}, "\n")
	scope := day + "/" + region + "/" + service + "/aws4_request"
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hexSHA256([]byte(canonical))

	key := hmacSHA256([]byte("AWS4"+secretKey), day)
	key = hmacSHA256(key, region)
	key = hmacSHA256(key, service)
	key = hmacSHA256(key, "aws4_request")
	sig := hex.EncodeToString(hmacSHA256(key, toSign))
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+accessKey+"/"+scope+
		", SignedHeaders="+signed+", Signature="+sig)
}

func hexSHA256(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// Sign adds X-Amz-Date and a SigV4 Authorization header for service
// "dynamodb" to req, whose body is body. Callers that build their own
// requests (odd headers, missing targets) use it to look like an SDK.
func Sign(req *http.Request, body []byte, accessKey, secretKey, region string, t time.Time) {
	sign(req, body, accessKey, secretKey, region, "dynamodb", t)
}
