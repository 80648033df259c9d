/**
 * The conformance runner (tools/rpcConformance.ts): .io parsing, the comparison rules (exact JSON with key
 * order free; error messages not compared; speconly by shape), and a real run of every other fixture of
 * each method against the node (in-process server) and of one through bin/evmkit node.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { collectIoFiles, judgeResponse, jsonDiff, main, parseIo, report, runTests, shapeDiff } from '../../tools/rpcConformance.js';
import { startNodeServer, parseNodeArgs } from '../../src/cli/nodeCommand.js';
import { fixturePath } from '../fixtures.js';

const dir = fixturePath('rpc');

test('.io files: comments, speconly, request/response pairs', () => {
  const t = parseIo(
    'eth_x/a.io',
    '// first line\n// speconly: shape only\n>> {"id":1}\n<< {"id":1,"result":"0x1"}\n\n>> {"id":2}\n<< {"id":2,"result":null}\n',
  );
  assert.equal(t.method, 'eth_x');
  assert.equal(t.speconly, true);
  assert.equal(t.comment, 'first line\nspeconly: shape only');
  assert.deepEqual(t.exchanges, [
    { request: '{"id":1}', expected: { id: 1, result: '0x1' } },
    { request: '{"id":2}', expected: { id: 2, result: null } },
  ]);
  assert.throws(() => parseIo('x', '<< {}'), /a response without a request/);
  assert.throws(() => parseIo('x', '>> {}\n>> {}'), /two requests/);
  assert.throws(() => parseIo('x', '>> {}'), /no response/);
  assert.throws(() => parseIo('x', 'junk'), /unrecognized/);
});

test('comparison: key order free, arrays exact, errors by code and data', () => {
  assert.equal(jsonDiff({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }), undefined);
  assert.equal(jsonDiff({ a: 1 }, { a: 1, b: 2 }), '$.b: missing');
  assert.equal(jsonDiff({ a: 1, z: 0 }, { a: 1 }), '$.z: unexpected (0)');
  assert.equal(jsonDiff([1, 2], [1]), '$: 2 items vs 1');
  const want = { jsonrpc: '2.0', id: 1, error: { code: 3, message: 'execution reverted: x', data: '0x01' } };
  assert.equal(judgeResponse({ jsonrpc: '2.0', id: 1, error: { code: 3, message: 'other text', data: '0x01' } }, want, false), undefined);
  assert.match(
    judgeResponse({ jsonrpc: '2.0', id: 1, error: { code: -32000, message: 'x', data: '0x01' } }, want, false)!,
    /error code -32000/,
  );
  assert.match(judgeResponse({ jsonrpc: '2.0', id: 1, error: { code: 3, message: 'x' } }, want, false)!, /error\.data/);
  assert.match(judgeResponse({ jsonrpc: '2.0', id: 1, result: '0x' }, want, false)!, /expected error/);
  assert.match(judgeResponse({ jsonrpc: '2.0', id: 2, result: '0x1' }, { jsonrpc: '2.0', id: 1, result: '0x1' }, false)!, /^id 2 vs 1/);
  // speconly: an error must carry the expected code (-32601 never passes).
  assert.match(judgeResponse({ jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'nope' } }, want, true)!, /error code -32601/);
  assert.equal(judgeResponse({ jsonrpc: '2.0', id: 1, error: { code: 3, message: 'x' } }, want, true), undefined);
});

test('speconly shapes: same keys and kinds; fixed-size hex keeps its size; arrays by element', () => {
  const expected = {
    gas: 21000,
    failed: false,
    returnValue: '0x',
    structLogs: [{ pc: 0, op: 'PUSH1', stack: [] }],
    hash: '0x' + '00'.repeat(32),
  };
  assert.equal(
    shapeDiff({ gas: 1, failed: true, returnValue: '0xabcd', structLogs: [], hash: '0x' + '11'.repeat(32), extra: 1 }, expected),
    undefined,
  );
  assert.equal(
    shapeDiff(
      {
        ...expected,
        structLogs: [
          { pc: 1, op: 'STOP', stack: ['0x1'] },
          { pc: 2, op: 'ADD', stack: [] },
        ],
      },
      expected,
    ),
    undefined,
  );
  assert.equal(shapeDiff({ ...expected, gas: '0x5208' }, expected), '$.gas: "0x5208" vs number');
  assert.equal(shapeDiff({ ...expected, hash: '0x01' }, expected), '$.hash: 2 hex digits vs 64');
  assert.equal(shapeDiff({ ...expected, returnValue: 'plain' }, expected), '$.returnValue: "plain" vs hex string');
  assert.equal(shapeDiff({ ...expected, structLogs: [{ pc: 0, op: 'PUSH1' }] }, expected), '$.structLogs[0].stack: missing');
});

test('fixtures are found in path order and all parse', { skip: dir === undefined ? 'rpc fixtures not found' : false }, () => {
  const files = collectIoFiles(dir!);
  assert.ok(files.length >= 150, `${files.length} .io files`);
  const names = files.map((f) => f.slice(dir!.length + 1));
  assert.deepEqual(
    names,
    [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  for (const f of files) {
    const t = parseIo(f.slice(dir!.length + 1), readFileSync(f, 'utf8'));
    assert.ok(t.exchanges.length >= 1, t.name);
  }
});

test(
  "every method's fixtures (every other one) pass against the node (--init genesis.json --import chain.rlp --no-mining), in path order on one node",
  { skip: dir === undefined ? 'rpc fixtures not found' : false, timeout: 120_000 },
  async () => {
    const quiet = { stdout: () => {}, stderr: () => {} };
    const n = await startNodeServer(
      parseNodeArgs(['--port', '0', '--init', join(dir!, 'genesis.json'), '--import', join(dir!, 'chain.rlp'), '--no-mining']),
      quiet,
    );
    try {
      // Every method, and every other test of each (in path order); `npm run conformance:rpc` (in .ci/run)
      // runs all of them.
      const all = collectIoFiles(dir!).map((p) => parseIo(p.slice(dir!.length + 1), readFileSync(p, 'utf8')));
      assert.ok(all.length >= 191, `${all.length} tests`);
      const seen = new Map<string, number>();
      const tests = all.filter((t) => {
        const i = seen.get(t.method) ?? 0;
        seen.set(t.method, i + 1);
        return i % 2 === 0;
      });
      const outcomes = await runTests(n.server.url, tests);
      assert.deepEqual(
        outcomes.filter((o) => o.failure !== undefined).map((o) => `${o.test.name}: ${o.failure}`),
        [],
      );
      assert.match(report(outcomes, false), new RegExp(`\\n${tests.length} passed, 0 failed\\n$`));
    } finally {
      await n.close();
    }
  },
);

test(
  'npm run conformance:rpc -- --run eth_chainId: starts bin/evmkit node, passes, exits 0',
  { skip: dir === undefined ? 'rpc fixtures not found' : false, timeout: 60_000 },
  async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t) };
    const code = await main(['--fixtures', dir!, '--run', 'eth_chainId/'], io);
    assert.equal(code, 0, out.join(''));
    assert.match(out.join(''), /1 passed, 0 failed/);
    assert.equal(await main(['--fixtures', join(dir!, 'nope')], io), 2);
  },
);
