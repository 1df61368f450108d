// Beyond the seed's handlers: what JavaScript users of the same two packages
// reach for next — the document client's paginators, transactions, batch
// gets, queries on an index, and typed exceptions.
'use strict';

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const {
  DynamoDBClient, CreateTableCommand, waitUntilTableExists,
  ConditionalCheckFailedException, TransactionCanceledException, ResourceNotFoundException,
} = require('@aws-sdk/client-dynamodb');
const {
  DynamoDBDocumentClient, PutCommand, QueryCommand, BatchGetCommand, BatchWriteCommand,
  TransactWriteCommand, TransactGetCommand, UpdateCommand, paginateQuery, paginateScan,
} = require('@aws-sdk/lib-dynamodb');

const suffix = process.env.KVS_TABLE_SUFFIX || String(Date.now());
const raw = new DynamoDBClient({});
const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
const table = `orders-${suffix}`;

before(async () => {
  await raw.send(new CreateTableCommand({
    TableName: table,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'customer', AttributeType: 'S' },
      { AttributeName: 'orderId', AttributeType: 'N' },
      { AttributeName: 'status', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }, { AttributeName: 'orderId', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [{
      IndexName: 'byStatus',
      KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'orderId', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
    }],
  }));
  await waitUntilTableExists({ client: raw, minDelay: 1, maxWaitTime: 20 }, { TableName: table });
  for (let start = 0; start < 60; start += 25) {
    const reqs = [];
    for (let i = start; i < Math.min(start + 25, 60); i++) {
      reqs.push({ PutRequest: { Item: { customer: `c${i % 3}`, orderId: i, status: i % 2 ? 'open' : 'shipped', total: i * 1.5 } } });
    }
    await doc.send(new BatchWriteCommand({ RequestItems: { [table]: reqs } }));
  }
});

test('paginateQuery walks a partition in order, pages of 4', async () => {
  const ids = [];
  let pages = 0;
  for await (const page of paginateQuery({ client: doc, pageSize: 4 }, {
    TableName: table, KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': 'c1' },
  })) {
    pages++;
    assert.ok(page.Items.length <= 4);
    ids.push(...page.Items.map((o) => o.orderId));
  }
  assert.deepEqual(ids, Array.from({ length: 20 }, (_, i) => 3 * i + 1));
  assert.ok(pages >= 5, `${pages} pages`);
});

test('paginateScan sees every item once', async () => {
  const seen = new Set();
  for await (const page of paginateScan({ client: doc, pageSize: 7 }, { TableName: table })) {
    for (const o of page.Items) {
      const k = `${o.customer}/${o.orderId}`;
      assert.ok(!seen.has(k), `${k} twice`);
      seen.add(k);
    }
  }
  assert.equal(seen.size, 60);
});

test('query a global index backwards with a filter', async () => {
  const out = await doc.send(new QueryCommand({
    TableName: table, IndexName: 'byStatus', ScanIndexForward: false,
    KeyConditionExpression: '#s = :s AND orderId > :min', FilterExpression: '#t >= :t',
    ExpressionAttributeNames: { '#s': 'status', '#t': 'total' }, ExpressionAttributeValues: { ':s': 'open', ':min': 40, ':t': 70 },
  }));
  assert.deepEqual(out.Items.map((o) => o.orderId), [59, 57, 55, 53, 51, 49, 47]);
  assert.equal(out.ScannedCount, 10);
  assert.equal(out.Items[0].total, 88.5);
});

test('batch get returns what exists', async () => {
  const out = await doc.send(new BatchGetCommand({ RequestItems: { [table]: {
    Keys: [{ customer: 'c0', orderId: 0 }, { customer: 'c0', orderId: 1 }, { customer: 'c2', orderId: 59 }],
    ProjectionExpression: 'orderId',
  } } }));
  assert.deepEqual(out.Responses[table].map((o) => o.orderId).sort((a, b) => a - b), [0, 59]);
});

test('transactions commit together or report reasons in order', async () => {
  await doc.send(new TransactWriteCommand({ TransactItems: [
    { Update: { TableName: table, Key: { customer: 'c0', orderId: 0 }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'returned' } } },
    { Put: { TableName: table, Item: { customer: 'c0', orderId: 1000, status: 'refund', total: -0 }, ConditionExpression: 'attribute_not_exists(orderId)' } },
  ] }));
  const got = await doc.send(new TransactGetCommand({ TransactItems: [
    { Get: { TableName: table, Key: { customer: 'c0', orderId: 0 } } },
    { Get: { TableName: table, Key: { customer: 'c0', orderId: 1000 } } },
    { Get: { TableName: table, Key: { customer: 'nobody', orderId: 1 } } },
  ] }));
  assert.equal(got.Responses[0].Item.status, 'returned');
  assert.equal(got.Responses[1].Item.status, 'refund');
  assert.equal(got.Responses[2].Item, undefined);

  await assert.rejects(doc.send(new TransactWriteCommand({ TransactItems: [
    { ConditionCheck: { TableName: table, Key: { customer: 'c0', orderId: 0 }, ConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'returned' } } },
    { Put: { TableName: table, Item: { customer: 'c0', orderId: 1000 }, ConditionExpression: 'attribute_not_exists(orderId)' } },
  ] })), (err) => {
    assert.ok(err instanceof TransactionCanceledException, err.name);
    assert.deepEqual(err.CancellationReasons.map((r) => r.Code), ['None', 'ConditionalCheckFailed']);
    assert.equal(err.message, 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]');
    return true;
  });
});

test('typed exceptions', async () => {
  await assert.rejects(doc.send(new PutCommand({ TableName: table, Item: { customer: 'c0', orderId: 0 }, ConditionExpression: 'attribute_not_exists(orderId)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })), (err) => {
    assert.ok(err instanceof ConditionalCheckFailedException, err.name);
    assert.equal(err.Item.orderId.N, '0');
    return true;
  });
  await assert.rejects(doc.send(new UpdateCommand({ TableName: `missing-${suffix}`, Key: { customer: 'x', orderId: 1 }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': 1 } })), (err) => {
    assert.ok(err instanceof ResourceNotFoundException, err.name);
    return true;
  });
});

test('big numbers keep every digit through NumberValue', async () => {
  const { NumberValue } = require('@aws-sdk/lib-dynamodb');
  const precise = DynamoDBDocumentClient.from(raw, { unmarshallOptions: { wrapNumbers: true } });
  const big = '12345678901234567890.123456789';
  await precise.send(new PutCommand({ TableName: table, Item: { customer: 'big', orderId: 1, total: NumberValue.from(big) } }));
  const out = await precise.send(new QueryCommand({
    TableName: table, KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': 'big' },
    ReturnConsumedCapacity: 'TOTAL',
  }));
  assert.equal(out.Items[0].total.toString(), big);
  assert.equal(out.ConsumedCapacity.CapacityUnits, 0.5);
  assert.equal(out.ConsumedCapacity.TableName, table);
});
