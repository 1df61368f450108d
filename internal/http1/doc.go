// Package http1 is a small HTTP/1.1 server for kvs serve.
//
// It exists because net/http costs more CPU per request than all of the
// DynamoDB work kvs does for a GetItem or PutItem: a do-nothing net/http
// handler spends about 60 µs of server CPU per request at concurrency 1 (a
// background reader goroutine per connection, a Header map, a bufio.Writer
// and a chunkWriter, context and timer churn), while reading a request with
// one bufio.Reader and answering with one write costs about 17 µs. The
// DynamoDB protocol needs little of HTTP: small request bodies read whole,
// small responses known in full before the first byte is written.
//
// What it does:
//
//   - persistent connections, requests handled one after another in the
//     order they arrive (pipelined requests are answered in order);
//   - the request line and header section are parsed from a pooled
//     bufio.Reader into one string per request; malformed requests get a
//     400 and the connection is closed, as net/http does; a header section
//     over Server.MaxHeaderBytes gets a 431;
//   - the body is read whole before the handler runs: Content-Length or
//     chunked transfer coding, Expect: 100-continue answered; a body over
//     Server.MaxBodyBytes is not read: the handler sees
//     Request.BodyTooLarge and the connection is closed after its answer;
//   - HTTP/1.0 (keep-alive on request) and Connection: close are honoured;
//   - the response (status line, headers, a cached Date, Content-Length,
//     body) is assembled in a per-connection buffer and written with one
//     write system call; headers go out in the order net/http would send
//     them for the same handler, so that the bytes on the wire match;
//   - idle, header-read and request-read timeouts; a panicking handler
//     closes its connection, never the process;
//   - Shutdown stops accepting, closes idle connections and waits for
//     in-flight requests; Close closes everything at once.
//
// What it does not do: TLS, HTTP/2, upgrades, streaming bodies, trailers
// for the handler, or anything a DynamoDB client does not send.
package http1
