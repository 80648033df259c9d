/**
 * EIP-7951 P256VERIFY at 0x100 (Osaka): 6900 gas, 160-byte input, 32-byte 1 on success and EMPTY output
 * (never a failure) on any invalid input; r and s in [1, n-1], qx and qy below p, (0, 0) rejected, the key
 * on the curve; high s accepted, the hash used as an integer (mod n). Vectors: go-ethereum p256Verify.json
 * (the RIP-7212 vector, repriced) and every execution-spec-tests vector in ../shared/fixtures/state/osaka.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { p256 } from '@noble/curves/nist.js';
import { Fork, bytesToHex, call, precompileAt, rulesFor, w } from './helpers.js';
import { loadFixtureVectors } from './fixtureVectors.js';
import { precompilesFor } from '../../src/precompiles/registry.js';

const P256VERIFY = 0x100n;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const ONE = w(1n);

/** go-ethereum core/vm/testdata/precompiles/p256Verify.json "CallP256Verify": hash || r || s || qx || qy. */
const GETH =
  '4cee90eb86eaa050036147a12d49004b6b9c72bd725d39d4785011fe190f0b4d' +
  'a73bd4903f0ce3b639bbbf6e8e80d16931ff4bcf5993d58468e8fb19086e8cac' +
  '36dbcd03009df8c59286b162af3bd7fcc0450c9aa81be5d10d312af6c66b1d60' +
  '4aebd3099c618202fcfe16ae7770b0c49ab5eadf74b754204a3bb6060e44eff3' +
  '7618b065f9832de4ca6ca971a7a1adc826d0f7c00181a5fb2ddf79ae00b4e10e';
const field = (i: number) => GETH.slice(64 * i, 64 * i + 64);
const [HASH, R, S, QX, QY] = [0, 1, 2, 3, 4].map(field) as [string, string, string, string, string];
const input = (h: string, r: string, s: string, qx: string, qy: string) => h + r + s + qx + qy;

test('p256verify: present from Osaka at 0x100, absent in Prague', () => {
  assert.equal(precompilesFor(rulesFor(Fork.Prague)).has(P256VERIFY), false);
  assert.equal(precompileAt(P256VERIFY, Fork.Osaka).p.name, 'P256VERIFY');
});

test('p256verify: valid signature returns 32-byte 1 for 6900 gas', () => {
  assert.deepEqual(call(P256VERIFY, Fork.Osaka, GETH), [6900n, ONE]);
});

test('p256verify: invalid inputs return empty output (success, not failure) and still cost 6900', () => {
  const cases: [string, string][] = [
    ['empty input', ''],
    ['159 bytes', GETH.slice(2)],
    ['161 bytes', GETH + '00'],
    ['320 bytes (two copies)', GETH + GETH],
    ['wrong hash', input(w(BigInt('0x' + HASH) ^ 1n), R, S, QX, QY)],
    ['r = 0', input(HASH, w(0n), S, QX, QY)],
    ['r = n', input(HASH, w(N), S, QX, QY)],
    ['r = n + 1', input(HASH, w(N + 1n), S, QX, QY)],
    ['r = 2^256 - 1', input(HASH, 'ff'.repeat(32), S, QX, QY)],
    ['s = 0', input(HASH, R, w(0n), QX, QY)],
    ['s = n', input(HASH, R, w(N), QX, QY)],
    ['qx = p', input(HASH, R, S, w(P), QY)],
    ['qy = p + 1', input(HASH, R, S, QX, w(P + 1n))],
    ['s = 2^256 - 1', input(HASH, R, 'ff'.repeat(32), QX, QY)],
    ['key (0, 0)', input(HASH, R, S, w(0n), w(0n))],
    ['key off the curve', input(HASH, R, S, QX, w(BigInt('0x' + QY) ^ 1n))],
    ['all zeros', '00'.repeat(160)],
    ['r and s swapped', input(HASH, S, R, QX, QY)],
  ];
  for (const [name, data] of cases) assert.deepEqual(call(P256VERIFY, Fork.Osaka, data), [6900n, ''], name);
});

test('p256verify: high s is accepted (no malleability check), and the hash is an integer mod n', () => {
  const s = BigInt('0x' + S);
  assert.deepEqual(call(P256VERIFY, Fork.Osaka, input(HASH, R, w(N - s), QX, QY)), [6900n, ONE]);
  // A hash >= n: the signature of h verifies against h and against h - n (the same value mod n).
  const sk = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
  const pub = p256.getPublicKey(sk, false);
  const h = 'ff'.repeat(32);
  const sig = p256.sign(Uint8Array.from(Buffer.from(h, 'hex')), sk, { prehash: false, lowS: false });
  const [r, ss] = [bytesToHex(sig.subarray(0, 32)).slice(2), bytesToHex(sig.subarray(32)).slice(2)];
  const [qx, qy] = [bytesToHex(pub.subarray(1, 33)).slice(2), bytesToHex(pub.subarray(33)).slice(2)];
  assert.deepEqual(call(P256VERIFY, Fork.Osaka, input(h, r, ss, qx, qy)), [6900n, ONE]);
  assert.deepEqual(call(P256VERIFY, Fork.Osaka, input(w((1n << 256n) - 1n - N), r, ss, qx, qy)), [6900n, ONE]);
  assert.deepEqual(call(P256VERIFY, Fork.Osaka, input(w(0n), r, ss, qx, qy)), [6900n, '']);
});

test('p256verify: execution-spec-tests vectors (eip7951_p256verify_precompiles)', (t) => {
  const vectors = loadFixtureVectors('osaka/osaka/eip7951_p256verify_precompiles/p256verify', 'Osaka');
  if (vectors.length === 0) return t.skip('fixtures not found');
  const { p, rules } = precompileAt(P256VERIFY, Fork.Osaka);
  let verified = 0;
  for (const v of vectors) {
    assert.equal(v.address, P256VERIFY, v.name);
    const gas = p.gas(v.input, rules);
    assert.equal(gas, 6900n, v.name);
    const success = gas <= v.gas;
    assert.equal(success, v.success, `${v.name}: success`);
    if (!success) continue;
    const out = p.run(v.input, rules);
    assert.ok(out !== null, `${v.name}: P256VERIFY never fails`);
    assert.equal(out.length, v.outputLength, `${v.name}: output length`);
    if (v.outputHash !== undefined) assert.equal(bytesToHex(keccak_256(out)), v.outputHash, `${v.name}: output hash`);
    if (out.length === 32) verified++;
  }
  t.diagnostic(`${vectors.length} vectors, ${verified} valid signatures`);
});
