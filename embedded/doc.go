// Package embedded is kvs's own database: DynamoDB's data-plane semantics
// (tables, items, conditional writes, secondary indexes, Query and Scan
// paging, transactions, idempotency tokens, TTL) implemented in process over
// an ordered byte store (engine.Engine, in memory or on disk).
//
// The Driver implements driver.Driver. Package kvs validates every request
// before it reaches the driver; the driver reports what only it can know
// (missing tables, failed conditions, index key type mismatches, items that
// grow too large) with DynamoDB's error codes and messages.
//
// # Layout
//
// docs/embedded-design.md describes the key space. In short: one catalog
// record per table, items under table id · hash16(pk) · pk · sk, index
// entries under table id · index id · hash16(ipk) · ipk · isk · pk · sk, so a
// Query is one contiguous range and a parallel Scan segment is a contiguous
// slice of the hash space.
//
// # Concurrency
//
// Every write is one optimistic engine transaction (item, index entries and,
// for transactions, the idempotency record commit together) and is retried
// internally on conflict. Catalog changes take an exclusive lock that waits
// for writes in flight, so a write never maintains a stale set of indexes.
//
// # Sharp edges
//
// Item count and size are kept in memory and checkpointed at Close; after a
// crash they are recomputed by a full scan at Open. Deleted tables and
// indexes are removed from the catalog at once and their data is erased in
// the background.
package embedded
