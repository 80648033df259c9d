/**
 * EIP-198 (Byzantium): the MODEXP precompile at 0x05, priced
 * floor(mult_complexity(max(baseLen, modLen)) * max(adjusted_exponent_length, 1) / 20).
 * Before Byzantium 0x05 is an ordinary empty account: a call succeeds and returns nothing.
 * (EIP-2565 reprices it in Berlin: see eip2565.test.ts.)
 * https://eips.ethereum.org/EIPS/eip-198
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, hexToBytes, precompileCaller, callerResult, callerGas, run, expectRun, w32 } from './helpers.js';
import { Status } from '../../src/machine/status.js';

// Fermat's little theorem, the EIP's example: 3 ** (p - 1) mod p = 1 for the secp256k1 field prime p.
// baseLen 1, expLen 32, modLen 32: 96 + 1 + 32 + 32 = 161 bytes of input, 32 bytes of output.
const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;
const FERMAT = w32(1n) + w32(32n) + w32(32n) + '03' + w32(P - 1n) + w32(P);

// precompileCaller(0x05, 32) on 161 bytes (see helpers.ts):
//   43 + 3 * words(161) (= 3 * 6 = 18) + memCost(words(32 + 161) = 7) (= 21) = 82, plus CALL 700 (no 2929 yet).
const CALLER = 82;

test('EIP-198: before Byzantium 0x05 is an empty account (the call succeeds, nothing comes back)', () => {
  assert.equal(callerGas(161, 32), CALLER);
  const r = run(Fork.SpuriousDragon, precompileCaller(5n, 32), { input: hexToBytes(FERMAT) });
  expectRun(r, Status.Return, CALLER + 700, 'SD'); // 782
  const [flag, out] = callerResult(r);
  assert.equal(flag, 1n);
  assert.equal(out, FERMAT.slice(0, 64), 'the output area still holds the input');
});

test('EIP-198: MODEXP from Byzantium, EIP-198 price', () => {
  // mult_complexity(32) = 32^2 = 1024; adjusted exponent length = index of the top bit of p - 1 = 255;
  // floor(1024 * 255 / 20) = floor(13056) = 13056.
  for (const fork of [Fork.Byzantium, Fork.Istanbul]) {
    const r = run(fork, precompileCaller(5n, 32), { input: hexToBytes(FERMAT) });
    expectRun(r, Status.Return, CALLER + 700 + 13056, `fork ${fork}`); // 13838
    const [flag, out] = callerResult(r);
    assert.equal(flag, 1n);
    assert.equal(out, w32(1n));
  }
});

test('EIP-198: the complexity tiers (x <= 64: x^2; <= 1024: x^2/4 + 96x - 3072; above: x^2/16 + 480x - 199680)', async () => {
  const { precompilesFor } = await import('../../src/precompiles/registry.js');
  const { rulesFor } = await import('../../src/spec/rules.js');
  const rules = rulesFor(Fork.Byzantium);
  const modexp = precompilesFor(rules).get(5n)!;
  // lengths only, exponent 0 of length 1: adjusted exponent length max(0, 1) = 1, so gas = complexity / 20.
  const gasFor = (len: bigint) => modexp.gas(hexToBytes(w32(len) + w32(1n) + w32(len)), rules);
  assert.equal(gasFor(64n), (64n * 64n) / 20n); // 4096 / 20 = 204
  assert.equal(gasFor(65n), ((65n * 65n) / 4n + 96n * 65n - 3072n) / 20n); // (1056 + 6240 - 3072) / 20 = 211
  assert.equal(gasFor(1025n), ((1025n * 1025n) / 16n + 480n * 1025n - 199680n) / 20n); // (65664 + 492000 - 199680) / 20 = 17899
});
