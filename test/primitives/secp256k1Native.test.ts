/**
 * `installNodePrecompiles()` makes `ecrecover` (transaction senders) recover through libsecp256k1's addon:
 * the same keys as @noble/curves, and null where noble gives null.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ecrecover, setSecp256k1Recover, sign, SECP256K1_N } from '../../src/primitives/crypto/secp256k1.js';
import { installNodePrecompiles, loadNativeSecp256k1 } from '../../src/cli/nodePrecompiles.js';
import { keccak256 } from '../../src/primitives/crypto/keccak.js';

test('native sender recovery gives the same answers as @noble/curves', async () => {
  const cases: [Uint8Array, number, bigint, bigint][] = [];
  for (let i = 1; i <= 20; i++) {
    const hash = keccak256(new Uint8Array([i]));
    const key = keccak256(new Uint8Array([i, 7]));
    const sig = sign(hash, key);
    cases.push([hash, sig.yParity, sig.r, sig.s]);
    cases.push([hash, 1 - sig.yParity, sig.r, sig.s]); // the other parity: another key
    cases.push([hash, sig.yParity, sig.r, SECP256K1_N - sig.s]); // high s: ecrecover accepts it
  }
  cases.push([keccak256(new Uint8Array([1])), 0, 5n, 7n]); // r = 5 is not the x of a curve point
  setSecp256k1Recover(undefined);
  const noble = cases.map(([h, v, r, s]) => ecrecover(h, v, r, s));
  await installNodePrecompiles();
  const native = cases.map(([h, v, r, s]) => ecrecover(h, v, r, s));
  assert.ok(
    noble.some((k) => k === null),
    'one case has no key',
  );
  assert.deepEqual(native, noble);
  if (loadNativeSecp256k1() === undefined) assert.fail('the secp256k1 addon should load on linux-x64 (prebuilt in the package)');
  setSecp256k1Recover(undefined);
});
