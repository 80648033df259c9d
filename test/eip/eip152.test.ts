/**
 * EIP-152 (Istanbul): the BLAKE2 compression function F as a precompile at 0x09, 1 gas per round;
 * the input must be exactly 213 bytes with a final flag of 0 or 1. Before Istanbul 0x09 is an empty account.
 * https://eips.ethereum.org/EIPS/eip-152 (vectors 4 and 5 are the EIP's)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, hexToBytes, precompileCaller, callerResult, run, expectRun } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const H =
  '48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b';
const M = '6162630000000000000000000000000000000000000000000000000000000000' + '00'.repeat(96);
const T = '03000000000000000000000000000000';
const input = (rounds: string, f: string) => rounds + H + M + T + f;
const V4 = input('00000000', '01');
const V4_OUT =
  '08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b';
const V5 = input('0000000c', '01');
const V5_OUT =
  'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923';

// precompileCaller(0x09, 64) on 213 bytes: 43 + 3 * words(213) (= 3 * 7 = 21) + memCost(words(245) = 8) (= 24) = 88
const CALLER = 88;

test('EIP-152: before Istanbul 0x09 is an empty account', () => {
  const r = run(Fork.Petersburg, precompileCaller(9n, 64), { input: hexToBytes(V5) });
  expectRun(r, Status.Return, CALLER + 700, 'Petersburg'); // 788
  assert.deepEqual(callerResult(r), [1n, V5.slice(0, 128)]);
});

test('EIP-152: BLAKE2F from Istanbul, 1 gas per round (vectors 4 and 5)', () => {
  // vector 5: 12 rounds: 88 + 700 + 12 = 800
  let r = run(Fork.Istanbul, precompileCaller(9n, 64), { input: hexToBytes(V5) });
  expectRun(r, Status.Return, 800, 'Istanbul, 12 rounds');
  assert.deepEqual(callerResult(r), [1n, V5_OUT]);
  // vector 4: 0 rounds: 88 + 700 + 0 = 788
  r = run(Fork.Istanbul, precompileCaller(9n, 64), { input: hexToBytes(V4) });
  expectRun(r, Status.Return, 788, 'Istanbul, 0 rounds');
  assert.deepEqual(callerResult(r), [1n, V4_OUT]);
  // Berlin: the precompile is warm (EIP-2929): 88 + 100 + 12 = 200
  r = run(Fork.Berlin, precompileCaller(9n, 64), { input: hexToBytes(V5) });
  expectRun(r, Status.Return, 200, 'Berlin, 12 rounds');
});

test('EIP-152: a malformed input fails and consumes the gas forwarded to it', () => {
  // 212 bytes (vector 1 of the EIP), run with 1000000 gas:
  //   before the CALL 11 + 3 * 7 + memCost(words(244) = 8) (24) + 20 + 700 = 776; 999224 left;
  //   forwarded min(0x0fffff, 999224 - floor(999224 / 64) = 999224 - 15612 = 983612) = 983612, consumed;
  //   MSTORE + RETURN 12. Total 776 + 983612 + 12 = 984400.
  const r = run(Fork.Istanbul, precompileCaller(9n, 64), { input: hexToBytes(V5.slice(2)), gas: 1_000_000n });
  expectRun(r, Status.Return, 984400, 'Istanbul, 212 bytes');
  assert.equal(callerResult(r)[0], 0n);
  // A final flag of 2 (vector 3) fails the same way (213 bytes: same caller costs as the valid call, 776 + 983612 + 12).
  const f = run(Fork.Istanbul, precompileCaller(9n, 64), { input: hexToBytes(input('0000000c', '02')), gas: 1_000_000n });
  expectRun(f, Status.Return, 984400, 'Istanbul, final flag 2');
  assert.equal(callerResult(f)[0], 0n);
});
