/**
 * EIP-196 (Byzantium): alt_bn128 point addition at 0x06 (500 gas) and scalar multiplication at 0x07
 * (40000 gas). Before Byzantium both addresses are empty accounts. (EIP-1108 reprices them in Istanbul.)
 * https://eips.ethereum.org/EIPS/eip-196
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, hexToBytes, precompileCaller, callerResult, run, expectRun, w32 } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const G1 = w32(1n) + w32(2n);
const TWO_G1 =
  '030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3' + '15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4';

// ECADD G1 + G1, 128 bytes in, 64 out: caller 43 + 3 * 4 + memCost(words(32 + 128) = 5) (15) = 70
const ADD_IN = G1 + G1;
const ADD_CALLER = 70;
// ECMUL 2 * G1, 96 bytes in, 64 out: caller 43 + 3 * 3 + memCost(words(32 + 96) = 4) (12) = 64
const MUL_IN = G1 + w32(2n);
const MUL_CALLER = 64;

test('EIP-196: before Byzantium 0x06 and 0x07 are empty accounts', () => {
  let r = run(Fork.SpuriousDragon, precompileCaller(6n, 64), { input: hexToBytes(ADD_IN) });
  expectRun(r, Status.Return, ADD_CALLER + 700, 'SD add'); // 770
  assert.deepEqual(callerResult(r), [1n, ADD_IN.slice(0, 128)]);
  r = run(Fork.SpuriousDragon, precompileCaller(7n, 64), { input: hexToBytes(MUL_IN) });
  expectRun(r, Status.Return, MUL_CALLER + 700, 'SD mul'); // 764
  assert.deepEqual(callerResult(r), [1n, MUL_IN.slice(0, 128)]);
});

test('EIP-196: ECADD (500) and ECMUL (40000) from Byzantium', () => {
  let r = run(Fork.Byzantium, precompileCaller(6n, 64), { input: hexToBytes(ADD_IN) });
  expectRun(r, Status.Return, ADD_CALLER + 700 + 500, 'Byzantium add'); // 1270
  assert.deepEqual(callerResult(r), [1n, TWO_G1]);
  r = run(Fork.Byzantium, precompileCaller(7n, 64), { input: hexToBytes(MUL_IN) });
  expectRun(r, Status.Return, MUL_CALLER + 700 + 40000, 'Byzantium mul'); // 40764
  assert.deepEqual(callerResult(r), [1n, TWO_G1]);
});

test('EIP-196: an invalid point fails the call and consumes all the gas it was given', () => {
  // (1, 3) is not on y^2 = x^3 + 3. Run with 100000 gas:
  //   before the CALL: 11 + 12 (copy) + 15 (memory) + 20 (arguments) + 700 = 758; 99242 left,
  //   forwarded min(0x0fffff, 99242 - floor(99242 / 64) = 99242 - 1550 = 97692) = 97692, all consumed;
  //   then MSTORE + RETURN: 12. Total 758 + 97692 + 12 = 98462.
  const r = run(Fork.Byzantium, precompileCaller(6n, 64), { input: hexToBytes(w32(1n) + w32(3n) + G1), gas: 100_000n });
  expectRun(r, Status.Return, 98462, 'Byzantium add, invalid point');
  assert.equal(callerResult(r)[0], 0n);
});
