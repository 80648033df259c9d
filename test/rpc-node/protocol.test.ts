/**
 * The JSON-RPC protocol (src/rpc/protocol.ts) and the registry's param checks: go-ethereum's answers to
 * malformed input, batches, notifications, unknown methods, bad params naming the argument and field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNode } from '../../src/rpc/node.js';
import { MethodRegistry, method } from '../../src/rpc/registry.js';
import { JsonRpcProtocol } from '../../src/rpc/protocol.js';
import { param, optionalParam, object, required, optional } from '../../src/rpc/params.js';
import { decodeQuantity, decodeAddress } from '../../src/rpc/codec.js';
import { decodeTransactionRequest } from '../../src/rpc/txRequest.js';

const node = createNode();
const text = async (body: string) => JSON.parse((await node.protocol.handleText(body))!) as Record<string, any>;
const call = (m: string, params?: unknown, id: unknown = 1) =>
  text(JSON.stringify({ jsonrpc: '2.0', id, method: m, ...(params === undefined ? {} : { params }) }));

test('a request gets its result with its id (number, string or null)', async () => {
  assert.deepEqual(await call('eth_chainId'), { jsonrpc: '2.0', id: 1, result: '0x7a69' });
  assert.deepEqual(await call('eth_chainId', [], 'abc'), { jsonrpc: '2.0', id: 'abc', result: '0x7a69' });
  assert.deepEqual(await call('eth_chainId', undefined, null), { jsonrpc: '2.0', id: null, result: '0x7a69' });
  assert.deepEqual(await call('net_version', null), { jsonrpc: '2.0', id: 1, result: '31337' });
});

test('malformed JSON: -32700 with id null', async () => {
  for (const body of ['{', '', 'nope', '{"jsonrpc":"2.0",', '[1,2']) {
    assert.deepEqual(await text(body), { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } }, body);
  }
});

test('not a request: -32600 invalid request', async () => {
  const invalid = { code: -32600, message: 'invalid request' };
  assert.deepEqual(await text('1'), { jsonrpc: '2.0', id: null, error: invalid });
  assert.deepEqual(await text('"eth_chainId"'), { jsonrpc: '2.0', id: null, error: invalid });
  assert.deepEqual(await text('null'), { jsonrpc: '2.0', id: null, error: invalid });
  assert.deepEqual(await text('{"jsonrpc":"1.0","id":7,"method":"eth_chainId"}'), { jsonrpc: '2.0', id: 7, error: invalid });
  assert.deepEqual(await text('{"id":7,"method":"eth_chainId"}'), { jsonrpc: '2.0', id: 7, error: invalid });
  assert.deepEqual(await text('{"jsonrpc":"2.0","id":7}'), { jsonrpc: '2.0', id: 7, error: invalid });
  assert.deepEqual(await text('{"jsonrpc":"2.0","id":7,"method":5}'), { jsonrpc: '2.0', id: 7, error: invalid });
  assert.deepEqual(await text('{"jsonrpc":"2.0","id":{"a":1},"method":"eth_chainId"}'), { jsonrpc: '2.0', id: null, error: invalid });
  assert.deepEqual(await text('{"jsonrpc":"2.0","id":[1],"method":"eth_chainId"}'), { jsonrpc: '2.0', id: null, error: invalid });
});

test('unknown methods: -32601 in go-ethereum words', async () => {
  assert.deepEqual(await call('eth_nope'), {
    jsonrpc: '2.0',
    id: 1,
    error: { code: -32601, message: 'the method eth_nope does not exist/is not available' },
  });
  // Chain methods are not registered in phase 1.
  assert.equal((await call('eth_blockNumber')).error.code, -32601);
  assert.equal((await call('constructor')).error.code, -32601);
  assert.equal((await call('__proto__')).error.code, -32601);
});

test('params: count, shape and values checked before the handler, errors name the argument', async () => {
  assert.deepEqual((await call('eth_chainId', [1])).error, { code: -32602, message: 'too many arguments, want at most 0' });
  assert.deepEqual((await call('web3_sha3', [])).error, { code: -32602, message: 'missing value for required argument 0 (data)' });
  assert.deepEqual((await call('web3_sha3', [null])).error, { code: -32602, message: 'missing value for required argument 0 (data)' });
  assert.deepEqual((await call('web3_sha3', ['0x1'])).error, {
    code: -32602,
    message: 'invalid argument 0 (data): hex string of odd length',
  });
  assert.deepEqual((await call('web3_sha3', { data: '0x' })).error, { code: -32602, message: 'non-array args' });
  assert.deepEqual((await call('eth_sign', ['0x12', '0x'])).error, {
    code: -32602,
    message: 'invalid argument 0 (address): hex string has length 2, want 40 for address',
  });
  assert.deepEqual(await call('web3_sha3', ['0x']), {
    jsonrpc: '2.0',
    id: 1,
    result: '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
  });
});

test('nested params: the path inside the argument is in the error', async () => {
  const reg = new MethodRegistry().add(
    method(
      'test_tx',
      [param('transaction', decodeTransactionRequest), optionalParam('block', decodeQuantity)],
      ([tx]) => tx.gas?.toString() ?? 'none',
    ),
    method(
      'test_nested',
      [param('outer', object({ inner: required(object({ who: required(decodeAddress) })), n: optional(decodeQuantity) }))],
      ([o]) => o.n ?? null,
    ),
  );
  const p = new JsonRpcProtocol(reg, node.ctx);
  const r = async (m: string, params: unknown) => (await p.handleMessage({ jsonrpc: '2.0', id: 1, method: m, params })) as any;
  assert.equal((await r('test_tx', [{ gas: '0x5208' }])).result, '21000');
  assert.deepEqual((await r('test_tx', [{ gas: '0x05208' }])).error, {
    code: -32602,
    message: 'invalid argument 0 (transaction.gas): hex number with leading zero digits',
  });
  assert.deepEqual((await r('test_tx', [{ accessList: [{ address: '0x1' }] }])).error, {
    code: -32602,
    message: 'invalid argument 0 (transaction.accessList[0].address): hex string of odd length',
  });
  assert.equal((await r('test_tx', [{ data: '0x01', input: '0x02' }])).error.code, -32602);
  assert.equal((await r('test_tx', [{ gasPrice: '0x1', maxFeePerGas: '0x1' }])).error.code, -32602);
  assert.deepEqual((await r('test_tx', [{}, '0x'])).error, { code: -32602, message: 'invalid argument 1 (block): hex string "0x"' });
  assert.deepEqual((await r('test_nested', [{ inner: {} }])).error, {
    code: -32602,
    message: 'invalid argument 0 (outer.inner.who): missing required field',
  });
  assert.deepEqual((await r('test_nested', [{ inner: { who: 5 } }])).error, {
    code: -32602,
    message: 'invalid argument 0 (outer.inner.who): cannot unmarshal number into address',
  });
  assert.deepEqual((await r('test_nested', [[]])).error, {
    code: -32602,
    message: 'invalid argument 0 (outer): cannot unmarshal array into object',
  });
});

test('a handler that throws something other than an RPC error answers -32603 and is reported', async () => {
  const seen: string[] = [];
  const reg = new MethodRegistry().add(
    method('test_boom', [], () => {
      throw new TypeError('kaboom');
    }),
  );
  const p = new JsonRpcProtocol(reg, node.ctx, { onInternalError: (m, e) => seen.push(`${m}: ${(e as Error).message}`) });
  assert.deepEqual(await p.handleMessage({ jsonrpc: '2.0', id: 3, method: 'test_boom' }), {
    jsonrpc: '2.0',
    id: 3,
    error: { code: -32603, message: 'kaboom' },
  });
  assert.deepEqual(seen, ['test_boom: kaboom']);
});

test('batches: in order, mixed outcomes, notifications omitted, empty and oversized rejected', async () => {
  const batch = [
    { jsonrpc: '2.0', id: 1, method: 'eth_chainId' },
    { jsonrpc: '2.0', method: 'eth_chainId' },
    { jsonrpc: '2.0', id: 2, method: 'nope' },
    5,
    { jsonrpc: '2.0', id: 3, method: 'web3_sha3', params: ['0x1'] },
  ];
  const out = (await text(JSON.stringify(batch))) as unknown as any[];
  assert.equal(out.length, 4);
  assert.deepEqual(
    out.map((r) => r.id),
    [1, 2, null, 3],
  );
  assert.equal(out[0].result, '0x7a69');
  assert.equal(out[1].error.code, -32601);
  assert.equal(out[2].error.code, -32600);
  assert.equal(out[3].error.code, -32602);
  assert.deepEqual(await text('[]'), { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'empty batch' } });
  const thousand = Array.from({ length: 1000 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'eth_chainId' }));
  const big = (await text(JSON.stringify(thousand))) as unknown as any[];
  assert.equal(big.length, 1000);
  assert.ok(big.every((r, i) => r.id === i && r.result === '0x7a69'));
  thousand.push({ jsonrpc: '2.0', id: 1000, method: 'eth_chainId' });
  assert.deepEqual(await text(JSON.stringify(thousand)), { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'batch too large' } });
});

test('notifications get no answer; a batch of notifications none at all', async () => {
  assert.equal(await node.protocol.handleText('{"jsonrpc":"2.0","method":"eth_chainId"}'), undefined);
  assert.equal(await node.protocol.handleText('{"jsonrpc":"2.0","method":"no_such_method"}'), undefined);
  assert.equal(
    await node.protocol.handleText('[{"jsonrpc":"2.0","method":"eth_chainId"},{"jsonrpc":"2.0","method":"eth_accounts"}]'),
    undefined,
  );
});

test('subscriptions need a session: over a stateless transport eth_subscribe is -32601', async () => {
  assert.deepEqual((await call('eth_subscribe', ['newHeads'])).error, { code: -32601, message: 'notifications not supported' });
});

test('the registry refuses duplicates and dangling aliases', () => {
  const reg = new MethodRegistry().add(method('a_b', [], () => 1));
  assert.throws(() => reg.add(method('a_b', [], () => 2)), /registered twice/);
  assert.throws(() => reg.alias('x_y', 'missing'), /no method missing/);
  reg.alias('c_d', 'a_b');
  assert.ok(reg.has('c_d'));
  assert.deepEqual(reg.names(), ['a_b', 'c_d']);
});
