/**
 * EIP-4399 (Paris): opcode 0x44 (DIFFICULTY) becomes PREVRANDAO: it pushes the beacon chain's randomness
 * (the block's mixHash) instead of the difficulty. Still 2 gas.
 * https://eips.ethereum.org/EIPS/eip-4399
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, RETURN_TOP, StateJournal, put, run, expectRun, outWord, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const env = { difficulty: 0x20000n, prevRandao: 0xabcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789n };

test('EIP-4399: 0x44 pushes the difficulty in London and PREVRANDAO in Paris, 2 gas each', () => {
  // 0x44 (2) + RETURN_TOP (15) = 17
  const l = run(Fork.London, `DIFFICULTY ${RETURN_TOP}`, { env });
  expectRun(l, Status.Return, 17, 'London');
  assert.equal(outWord(l), 0x20000n);
  const p = run(Fork.Paris, `PREVRANDAO ${RETURN_TOP}`, { env });
  expectRun(p, Status.Return, 17, 'Paris');
  assert.equal(outWord(p), env.prevRandao);
  // Same byte, either name.
  assert.equal(outWord(run(Fork.Paris, `DIFFICULTY ${RETURN_TOP}`, { env })), env.prevRandao);
  assert.equal(outWord(run(Fork.Shanghai, `PREVRANDAO ${RETURN_TOP}`, { env })), env.prevRandao);
});

test('EIP-4399: a transaction in Paris stores PREVRANDAO', () => {
  // PREVRANDAO (2) PUSH1 0 (3) SSTORE (2100 cold + 20000): 22105; 21000 + 22105 = 43105
  const C = 0xc0n;
  const state = put(new StateJournal(), C, { code: 'PREVRANDAO PUSH1 0 SSTORE STOP' });
  const r = sendTx(Fork.Paris, { to: C }, { state, env });
  expectTx(r.receipt, Status.Stop, 43105, 'Paris');
  assert.equal(r.state.getStorage(C, 0n), env.prevRandao);
});
