/**
 * EIP-197 (Byzantium): the alt_bn128 pairing check at 0x08, 100000 + 80000 per pair; an input whose
 * length is not a multiple of 192 fails. Before Byzantium 0x08 is an empty account.
 * (EIP-1108 reprices it in Istanbul.)
 * https://eips.ethereum.org/EIPS/eip-197
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, PAIR_INF, hexToBytes, precompileCaller, callerResult, run, expectRun, w32 } from './helpers.js';
import { Status } from '../../src/machine/status.js';

// Empty input, 32 bytes out: caller 43 + 0 (nothing to copy) + memCost(words(32 + 32) = 2) (6) = 49
// One pair, 192 bytes: caller 43 + 3 * 6 + memCost(words(32 + 192) = 7) (21) = 82

test('EIP-197: before Byzantium 0x08 is an empty account', () => {
  const r = run(Fork.SpuriousDragon, precompileCaller(8n, 32), { input: new Uint8Array(0) });
  expectRun(r, Status.Return, 49 + 700, 'SD'); // 749
  assert.deepEqual(callerResult(r), [1n, w32(0n)]);
});

test('EIP-197: the pairing check from Byzantium: 100000 + 80000 k', () => {
  // k = 0: the empty product is 1. 49 + 700 + 100000 = 100749
  let r = run(Fork.Byzantium, precompileCaller(8n, 32), { input: new Uint8Array(0) });
  expectRun(r, Status.Return, 100749, 'k = 0');
  assert.deepEqual(callerResult(r), [1n, w32(1n)]);
  // k = 1: 82 + 700 + 100000 + 80000 = 180782
  r = run(Fork.Byzantium, precompileCaller(8n, 32), { input: hexToBytes(PAIR_INF) });
  expectRun(r, Status.Return, 180782, 'k = 1');
  assert.deepEqual(callerResult(r), [1n, w32(1n)]);
});

test('EIP-197: an input length that is not a multiple of 192 fails (all forwarded gas consumed)', () => {
  // 191 bytes, gas 300000: before the CALL 11 + 3 * 6 + memCost(words(223) = 7) (21) + 20 + 700 = 770,
  // 299230 left, forwarded 299230 - floor(299230 / 64) = 299230 - 4675 = 294555, all consumed; then 12.
  // Total 770 + 294555 + 12 = 295337.
  const r = run(Fork.Byzantium, precompileCaller(8n, 32), { input: hexToBytes(PAIR_INF.slice(0, 382)), gas: 300_000n });
  expectRun(r, Status.Return, 295337, 'Byzantium, 191 bytes');
  assert.equal(callerResult(r)[0], 0n);
});
