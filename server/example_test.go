package server_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/kvs-project/kvs"
	"github.com/kvs-project/kvs/server"
)

// A DynamoDB-compatible endpoint over an in-memory database. Point any AWS
// SDK at the server's URL (any region, any credentials).
func ExampleNew() {
	ctx := context.Background()
	db, err := kvs.Open(ctx, "mem://", kvs.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	srv := httptest.NewServer(server.New(db, server.Options{Region: "eu-west-3"}))
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810.ListTables")
	req.Header.Set("X-Amz-Date", "20260101T000000Z")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-3/dynamodb/aws4_request, SignedHeaders=host, Signature=x")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(body))
	// Output: 200 {"TableNames":[]}
}
