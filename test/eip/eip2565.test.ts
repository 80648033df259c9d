/**
 * EIP-2565 (Berlin): MODEXP repriced: max(200, floor(ceil(max(baseLen, modLen) / 8)^2 * iterations / 3)),
 * iterations = max(adjusted exponent length, 1). Before (EIP-198) it could cost 0.
 * https://eips.ethereum.org/EIPS/eip-2565
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, hexToBytes, precompileCaller, callerResult, run, expectRun, w32 } from './helpers.js';
import { Status } from '../../src/machine/status.js';
import { precompilesFor } from '../../src/precompiles/registry.js';
import { rulesFor } from '../../src/spec/rules.js';

// 3 ** 5 mod 7 = 243 mod 7 = 5; baseLen = expLen = modLen = 1; 99 bytes in, 1 byte out.
const SMALL = w32(1n) + w32(1n) + w32(1n) + '03' + '05' + '07';
// caller: 43 + 3 * words(99) (= 12) + memCost(words(32 + 99) = 5) (= 15) = 70
// Fermat (EIP-198 example): baseLen 1, expLen 32, modLen 32, 161 bytes in, 32 out:
//   caller 43 + 3 * 6 + memCost(7) (21) = 82
const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;
const FERMAT = w32(1n) + w32(32n) + w32(32n) + '03' + w32(P - 1n) + w32(P);

function gasOf(fork: Fork, input: string): bigint {
  const rules = rulesFor(fork);
  return precompilesFor(rules).get(5n)!.gas(hexToBytes(input), rules);
}

test('EIP-2565: the minimum price is 200 (EIP-198 gave 0)', () => {
  // EIP-198: complexity 1^2 = 1, adjusted exponent length = top bit index of 5 = 2: floor(1 * 2 / 20) = 0.
  assert.equal(gasOf(Fork.Istanbul, SMALL), 0n);
  // EIP-2565: ceil(1 / 8)^2 = 1, iterations 2: floor(1 * 2 / 3) = 0, raised to 200.
  assert.equal(gasOf(Fork.Berlin, SMALL), 200n);
  // Istanbul: 70 + CALL 700 + 0 = 770
  const i = run(Fork.Istanbul, precompileCaller(5n, 1), { input: hexToBytes(SMALL) });
  expectRun(i, Status.Return, 770, 'Istanbul');
  assert.deepEqual(callerResult(i), [1n, '05']);
  // Berlin: 70 + CALL 100 (warm precompile) + 200 = 370
  const b = run(Fork.Berlin, precompileCaller(5n, 1), { input: hexToBytes(SMALL) });
  expectRun(b, Status.Return, 370, 'Berlin');
  assert.deepEqual(callerResult(b), [1n, '05']);
});

test('EIP-2565: the word-based complexity (Fermat example)', () => {
  // EIP-198: 32^2 = 1024, iterations 255: floor(1024 * 255 / 20) = 13056.
  assert.equal(gasOf(Fork.Istanbul, FERMAT), 13056n);
  // EIP-2565: ceil(32 / 8) = 4 words, 4^2 = 16, iterations 255: floor(16 * 255 / 3) = 1360.
  assert.equal(gasOf(Fork.Berlin, FERMAT), 1360n);
  // Berlin: 82 + 100 + 1360 = 1542; Istanbul: 82 + 700 + 13056 = 13838
  expectRun(run(Fork.Berlin, precompileCaller(5n, 32), { input: hexToBytes(FERMAT) }), Status.Return, 1542, 'Berlin');
  expectRun(run(Fork.Istanbul, precompileCaller(5n, 32), { input: hexToBytes(FERMAT) }), Status.Return, 13838, 'Istanbul');
});

test('EIP-2565: more cases by hand', () => {
  // base/mod 64 bytes, exponent 0x010001 (3 bytes, top bit index 16):
  //   EIP-198: 64^2 = 4096, floor(4096 * 16 / 20) = 3276; EIP-2565: 8 words, 64 * 16 / 3 = 341.33 -> 341
  const rsa = w32(64n) + w32(3n) + w32(64n) + 'ff'.repeat(64) + '010001' + 'ee'.repeat(64);
  assert.equal(gasOf(Fork.Istanbul, rsa), 3276n);
  assert.equal(gasOf(Fork.Berlin, rsa), 341n);
  // exponent longer than 32 bytes: expLen 40, head (first 32 bytes) = 1, so iterations = 8 * (40 - 32) + 0 = 64;
  //   base/mod 16 bytes: EIP-2565 2 words, 4 * 64 / 3 = 85.33 -> 85 -> raised to 200; EIP-198 256 * 64 / 20 = 819
  const long = w32(16n) + w32(40n) + w32(16n) + '02'.repeat(16) + '00'.repeat(31) + '01' + '00'.repeat(8) + '03'.repeat(16);
  assert.equal(gasOf(Fork.Berlin, long), 200n);
  assert.equal(gasOf(Fork.Istanbul, long), 819n);
});
