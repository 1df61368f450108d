// Runs the KV Store seed's handlers (handlers.js) against the DynamoDB
// endpoint in AWS_ENDPOINT_URL_DYNAMODB (kvs serve, started by the Go test
// TestSeedJavaScript) with node's built-in test runner.
'use strict';

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const {
  DynamoDBClient, CreateTableCommand, DescribeTableCommand, waitUntilTableExists,
} = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } = require('@aws-sdk/lib-dynamodb');

if (!process.env.AWS_ENDPOINT_URL_DYNAMODB) {
  throw new Error('AWS_ENDPOINT_URL_DYNAMODB must name the kvs endpoint (the Go test TestSeedJavaScript sets it)');
}

const suffix = process.env.KVS_TABLE_SUFFIX || String(Date.now());
const raw = new DynamoDBClient({});
const doc = DynamoDBDocumentClient.from(raw);

// createStore provisions a table the way the framework would for
// app.KV({ name, primaryKey }) and injects KV_{NAME} and KV_{NAME}_ARN.
async function createStore(name, primaryKey = 'id') {
  const tableName = `${name}-${suffix}`;
  await raw.send(new CreateTableCommand({
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: primaryKey, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: primaryKey, KeyType: 'HASH' }],
  }));
  await waitUntilTableExists({ client: raw, minDelay: 1, maxWaitTime: 20 }, { TableName: tableName });
  const d = await raw.send(new DescribeTableCommand({ TableName: tableName }));
  const env = `KV_${name.toUpperCase().replace(/-/g, '_')}`;
  process.env[env] = tableName;
  process.env[`${env}_ARN`] = d.Table.TableArn;
  return tableName;
}

let handlers;
let api;

before(async () => {
  await createStore('users');
  await createStore('user-profiles', 'userId');
  await createStore('app-config', 'key');
  // The handlers' init runs once per container, after the environment is set.
  handlers = require('./handlers');
  api = handlers.api;
});

const call = (method, path, event = {}, nth = 0) => api.handler(method, path, nth)(event);
const body = (res) => (res.body ? JSON.parse(res.body) : undefined);
const users = () => process.env.KV_USERS;

async function clearUsers() {
  const all = await doc.send(new ScanCommand({ TableName: users(), ConsistentRead: true }));
  for (const it of all.Items) {
    await raw.send(new (require('@aws-sdk/client-dynamodb').DeleteItemCommand)({
      TableName: users(), Key: { id: { S: it.id } },
    }));
  }
}

test('the store injects KV_USERS and KV_USERS_ARN', () => {
  assert.equal(process.env.KV_USERS, `users-${suffix}`);
  assert.match(process.env.KV_USERS_ARN, new RegExp(`^arn:aws:dynamodb:us-east-1:\\d{12}:table/users-${suffix}$`));
});

test('POST /users creates a user and GET /users/{id} reads it', async () => {
  const res = await call('POST', '/users', { body: JSON.stringify({ id: 'u1', name: 'Ada', email: 'ada@example.com' }) });
  assert.equal(res.statusCode, 201);
  assert.deepEqual(body(res), { id: 'u1', name: 'Ada', email: 'ada@example.com' });

  const got = await call('GET', '/users/{id}', { pathParameters: { id: 'u1' } });
  assert.equal(got.statusCode, 200);
  const u = body(got);
  assert.equal(u.name, 'Ada');
  assert.equal(u.email, 'ada@example.com');
  assert.ok(!Number.isNaN(Date.parse(u.createdAt)), `createdAt ${u.createdAt}`);

  const missing = await call('GET', '/users/{id}', { pathParameters: { id: 'nobody' } });
  assert.equal(missing.statusCode, 404);
  assert.deepEqual(body(missing), { error: 'User not found' });
});

test('PUT /users/{id} replaces the whole item', async () => {
  await call('POST', '/users', { body: JSON.stringify({ id: 'u2', name: 'Bob', email: 'bob@example.com' }) });
  const res = await call('PUT', '/users/{id}', { pathParameters: { id: 'u2' }, body: JSON.stringify({ name: 'Robert', age: 41 }) });
  assert.equal(res.statusCode, 200);
  const got = body(await call('GET', '/users/{id}', { pathParameters: { id: 'u2' } }));
  assert.equal(got.name, 'Robert');
  assert.equal(got.age, 41);
  assert.equal(got.email, undefined, 'PutItem replaces, so email is gone');
  assert.equal(got.createdAt, undefined);
  assert.ok(got.updatedAt);
});

test('PATCH /users/{id} updates some attributes and returns ALL_NEW', async () => {
  await call('POST', '/users', { body: JSON.stringify({ id: 'u3', name: 'Cy', email: 'cy@example.com' }) });
  const res = await call('PATCH', '/users/{id}', {
    pathParameters: { id: 'u3' },
    body: JSON.stringify({ name: 'Cyrus', status: 'active', profile: { city: 'Oslo', zip: 150 } }),
  });
  assert.equal(res.statusCode, 200);
  const u = body(res);
  assert.equal(u.id, 'u3');
  assert.equal(u.name, 'Cyrus');
  assert.equal(u.email, 'cy@example.com', 'UpdateItem keeps other attributes');
  assert.equal(u.status, 'active');
  assert.deepEqual(u.profile, { city: 'Oslo', zip: 150 });
  assert.ok(u.createdAt && u.updatedAt);

  // PATCH on a missing id creates the item (UpdateItem upserts).
  const created = body(await call('PATCH', '/users/{id}', { pathParameters: { id: 'u-new' }, body: JSON.stringify({ name: 'New' }) }));
  assert.deepEqual(Object.keys(created).sort(), ['id', 'name', 'updatedAt']);
});

test('DELETE /users/{id} removes the user', async () => {
  await call('POST', '/users', { body: JSON.stringify({ id: 'u4', name: 'Di' }) });
  const res = await call('DELETE', '/users/{id}', { pathParameters: { id: 'u4' } });
  assert.equal(res.statusCode, 204);
  assert.equal(res.body, '');
  assert.equal((await call('GET', '/users/{id}', { pathParameters: { id: 'u4' } })).statusCode, 404);
  // Deleting again is not an error.
  assert.equal((await call('DELETE', '/users/{id}', { pathParameters: { id: 'u4' } })).statusCode, 204);
});

test('GET /users lists everyone and GET /users/active filters on status', async () => {
  await clearUsers();
  for (const [id, status] of [['a1', 'active'], ['a2', 'inactive'], ['a3', 'active'], ['a4', undefined]]) {
    await doc.send(new PutCommand({ TableName: users(), Item: status ? { id, status } : { id } }));
  }
  const all = body(await call('GET', '/users'));
  assert.equal(all.count, 4);
  assert.deepEqual(all.users.map((u) => u.id).sort(), ['a1', 'a2', 'a3', 'a4']);

  const active = await call('GET', '/users/active');
  assert.equal(active.statusCode, 200);
  const a = body(active);
  assert.equal(a.count, 2);
  assert.deepEqual(a.users.map((u) => u.id).sort(), ['a1', 'a3']);
});

test('conditional update only touches existing users', async () => {
  await doc.send(new PutCommand({ TableName: users(), Item: { id: 'c1', name: 'Old' } }));
  await handlers.conditionalRename(global.docClient, users(), 'c1', 'New');
  const got = await doc.send(new GetCommand({ TableName: users(), Key: { id: 'c1' } }));
  assert.equal(got.Item.name, 'New');

  await assert.rejects(handlers.conditionalRename(global.docClient, users(), 'ghost', 'X'), (err) => {
    assert.equal(err.name, 'ConditionalCheckFailedException');
    assert.equal(err.message, 'The conditional request failed');
    assert.equal(err.$metadata.httpStatusCode, 400);
    return true;
  });
  const ghost = await doc.send(new GetCommand({ TableName: users(), Key: { id: 'ghost' } }));
  assert.equal(ghost.Item, undefined);
});

test('atomic counter counts every concurrent increment', async () => {
  await Promise.all(Array.from({ length: 25 }, () => handlers.incrementPageViews(global.docClient, users())));
  const got = await doc.send(new GetCommand({ TableName: users(), Key: { id: 'page-views' }, ConsistentRead: true }));
  assert.equal(got.Item.count, 25);
  assert.equal(typeof got.Item.count, 'number');
});

test('batch write puts several users', async () => {
  await handlers.batchWriteUsers(global.docClient, users());
  for (const id of ['1', '2', '3']) {
    const got = await doc.send(new GetCommand({ TableName: users(), Key: { id } }));
    assert.equal(got.Item.name, `User ${id}`);
  }
});

test('GET /users/paginated walks every user once', async () => {
  await clearUsers();
  const ids = Array.from({ length: 37 }, (_, i) => `p${String(i).padStart(2, '0')}`);
  for (const id of ids) await doc.send(new PutCommand({ TableName: users(), Item: { id, n: Number(id.slice(1)) } }));

  const seen = [];
  let lastKey;
  let pages = 0;
  do {
    const res = await call('GET', '/users/paginated', { queryStringParameters: { limit: '10', ...(lastKey ? { lastKey } : {}) } });
    assert.equal(res.statusCode, 200);
    const b = body(res);
    assert.ok(b.count <= 10, `page of ${b.count}`);
    assert.equal(b.count, b.users.length);
    seen.push(...b.users.map((u) => u.id));
    lastKey = b.lastKey;
    if (lastKey) assert.deepEqual(Object.keys(JSON.parse(decodeURIComponent(lastKey))), ['id']);
    pages++;
    assert.ok(pages < 20, 'pagination never ends');
  } while (lastKey);
  assert.ok(pages >= 4, `${pages} pages of 10 for 37 users`);
  assert.deepEqual(seen.slice().sort(), ids);
});

test('every data type the seed shows round-trips', async () => {
  const item = handlers.dataTypesItem();
  await doc.send(new PutCommand({ TableName: users(), Item: item }));
  const got = (await doc.send(new GetCommand({ TableName: users(), Key: { id: 'user123' }, ConsistentRead: true }))).Item;
  assert.equal(got.id, 'user123');
  assert.equal(got.age, 25);
  assert.equal(got.active, true);
  assert.deepEqual(got.tags, ['admin', 'user']);
  assert.deepEqual(got.metadata, { lastLogin: '2024-01-01', preferences: { theme: 'dark', notifications: true } });
  assert.ok(got.scores instanceof Set, 'scores comes back as a Set (NS)');
  assert.deepEqual([...got.scores].sort((x, y) => x - y), [100, 200, 300]);
  assert.ok(got.roles instanceof Set, 'roles comes back as a Set (SS)');
  assert.deepEqual([...got.roles].sort(), ['admin', 'user']);

  // Binary, null, and numbers beyond float64 precision through the low-level client.
  const { PutItemCommand, GetItemCommand } = require('@aws-sdk/client-dynamodb');
  await raw.send(new PutItemCommand({
    TableName: users(),
    Item: {
      id: { S: 'raw' }, bin: { B: Uint8Array.from([0, 1, 255]) }, nul: { NULL: true },
      big: { N: '123456789012345678901234567890.12345678' }, bs: { BS: [Uint8Array.from([1]), Uint8Array.from([2])] },
    },
  }));
  const r = (await raw.send(new GetItemCommand({ TableName: users(), Key: { id: { S: 'raw' } }, ConsistentRead: true }))).Item;
  assert.deepEqual([...r.bin.B], [0, 1, 255]);
  assert.equal(r.nul.NULL, true);
  assert.equal(r.big.N, '123456789012345678901234567890.12345678');
  assert.equal(r.bs.BS.length, 2);
});

test('items over 400 KB are refused, items under it are stored', async () => {
  const ok = { id: 'big-ok', blob: 'x'.repeat(390 * 1024) };
  await doc.send(new PutCommand({ TableName: users(), Item: ok }));
  const got = await doc.send(new GetCommand({ TableName: users(), Key: { id: 'big-ok' } }));
  assert.equal(got.Item.blob.length, 390 * 1024);

  await assert.rejects(doc.send(new PutCommand({ TableName: users(), Item: { id: 'big-bad', blob: 'x'.repeat(400 * 1024) } })), (err) => {
    assert.equal(err.name, 'ValidationException');
    assert.equal(err.message, 'Item size has exceeded the maximum allowed size');
    return true;
  });
});

test('the error-handling route maps DynamoDB errors to HTTP answers', async () => {
  const safeGet = (event) => call('GET', '/users/{id}', event, 1);
  await doc.send(new PutCommand({ TableName: users(), Item: { id: 'e1', name: 'Err' } }));
  assert.equal((await safeGet({ pathParameters: { id: 'e1' } })).statusCode, 200);
  assert.equal((await safeGet({ pathParameters: { id: 'nobody' } })).statusCode, 404);

  // An empty key is a ValidationException from the server: 400.
  const bad = await safeGet({ pathParameters: { id: '' } });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(body(bad), { error: 'Invalid request' });

  // A missing table is a ResourceNotFoundException: 500.
  const saved = process.env.KV_USERS;
  process.env.KV_USERS = `no-such-table-${suffix}`;
  try {
    const res = await safeGet({ pathParameters: { id: 'e1' } });
    assert.equal(res.statusCode, 500);
  } finally {
    process.env.KV_USERS = saved;
  }

  // And the error names the SDK raises are DynamoDB's.
  await assert.rejects(doc.send(new GetCommand({ TableName: `no-such-table-${suffix}`, Key: { id: 'x' } })), (err) => {
    assert.equal(err.name, 'ResourceNotFoundException');
    return true;
  });
  await assert.rejects(doc.send(new GetCommand({ TableName: users(), Key: { id: '' } })), (err) => {
    assert.equal(err.name, 'ValidationException');
    assert.equal(err.message, 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id');
    return true;
  });
});

test('profile and configuration stores', async () => {
  const put = await call('PUT', '/profile', { body: JSON.stringify({ bio: 'hi', theme: 'dark' }), requestContext: { authorizer: { userId: 'user-9' } } });
  assert.deepEqual(body(put), { updated: true });
  const prof = await doc.send(new GetCommand({ TableName: process.env.KV_USER_PROFILES, Key: { userId: 'user-9' } }));
  assert.equal(prof.Item.bio, 'hi');
  assert.equal(prof.Item.theme, 'dark');

  await doc.send(new PutCommand({ TableName: process.env.KV_APP_CONFIG, Item: { key: 'feature-x', value: 'on' } }));
  assert.deepEqual(body(await call('GET', '/config/{key}', { pathParameters: { key: 'feature-x' } })), { key: 'feature-x', value: 'on' });
  assert.deepEqual(body(await call('GET', '/config/{key}', { pathParameters: { key: 'unset' } })), { key: 'unset', value: null });
});
