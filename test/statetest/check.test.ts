/** Judging a vector against its post entry (with a stand-in runner), and the go-ethereum result shape. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runEntry, toGethResult, type VectorRunner } from '../../src/statetest/check.js';
import { parseStateTests } from '../../src/statetest/load.js';
import type { LoadedEntry } from '../../src/statetest/types.js';
import { hexToBytes } from '../../src/primitives/hex.js';
import { EMPTY_LOGS, ROOT_A, ROOT_B, stateTest } from './fixture.js';

const rootA = hexToBytes(ROOT_A);
const logs = hexToBytes(EMPTY_LOGS);

function entries(edit?: (t: Record<string, any>) => void): LoadedEntry[] {
  return parseStateTests(stateTest('t', edit), 'f.json');
}

test('pass: root and logs match, not rejected', () => {
  const run: VectorRunner = () => ({ stateRoot: rootA, logsHash: logs });
  const o = runEntry(entries()[0]!, run);
  assert.equal(o.status, 'pass');
  assert.deepEqual(toGethResult(o), { name: 't', pass: true, stateRoot: ROOT_A, fork: 'Cancun' });
  assert.deepEqual(Object.keys(toGethResult(o)), ['name', 'pass', 'stateRoot', 'fork']);
});

test('state root mismatch, in go-ethereum words', () => {
  const run: VectorRunner = () => ({ stateRoot: rootA, logsHash: logs });
  const o = runEntry(entries()[1]!, run); // expects ROOT_B
  assert.equal(o.status, 'fail');
  assert.equal(o.error, `post state root mismatch: got ${ROOT_A.slice(2)}, want ${ROOT_B.slice(2)}`);
  assert.deepEqual(Object.keys(toGethResult(o)), ['name', 'pass', 'stateRoot', 'fork', 'error']);
});

test('logs hash mismatch', () => {
  const run: VectorRunner = () => ({ stateRoot: rootA, logsHash: new Uint8Array(32) });
  const o = runEntry(entries()[0]!, run);
  assert.equal(o.error, `post state logs hash mismatch: got ${'00'.repeat(32)}, want ${EMPTY_LOGS.slice(2)}`);
});

test('rejected iff expectException: both directions fail, the expected rejection passes when the root matches', () => {
  const rejects: VectorRunner = () => ({ stateRoot: rootA, logsHash: logs, rejected: 'intrinsic gas too low' });
  assert.equal(runEntry(entries()[0]!, rejects).error, 'unexpected error: intrinsic gas too low');

  const expecting = entries((t) => (t.post.Cancun[0].expectException = 'TR_IntrinsicGas'));
  const accepts: VectorRunner = () => ({ stateRoot: rootA, logsHash: logs });
  assert.equal(runEntry(expecting[0]!, accepts).error, 'expected error "TR_IntrinsicGas", got no error');
  assert.equal(runEntry(expecting[0]!, rejects).status, 'pass');
  // Still the root must match (the pre-state plus the coinbase touch).
  const wrongRoot: VectorRunner = () => ({ stateRoot: hexToBytes(ROOT_B), logsHash: logs, rejected: 'x' });
  assert.match(runEntry(expecting[0]!, wrongRoot).error!, /^post state root mismatch/);
});

test('a runner that throws is a failure with the exception, and no stateRoot', () => {
  const run: VectorRunner = () => {
    throw new RangeError('boom');
  };
  const o = runEntry(entries()[0]!, run);
  assert.equal(o.status, 'fail');
  assert.equal(o.error, 'exception: RangeError: boom');
  assert.match(o.thrownAt!, /^at /);
  assert.equal(toGethResult(o).stateRoot, undefined);
});

test('malformed entries fail and skipped entries skip, without running', () => {
  const run: VectorRunner = () => assert.fail('must not run');
  const bad = entries((t) => (t.env.currentNumber = 'x'));
  assert.equal(runEntry(bad[0]!, run).status, 'fail');
  const skipped = entries((t) => (t.post = { Amsterdam: t.post.Cancun }));
  const o = runEntry(skipped[0]!, run);
  assert.equal(o.status, 'skip');
  assert.equal(toGethResult(o).pass, false);
});
