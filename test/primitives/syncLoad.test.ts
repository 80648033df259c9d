/**
 * The curve libraries load on first use (src/precompiles/noble/load.ts, src/primitives/crypto/secp256k1Load.ts,
 * src/precompiles/backends.ts
 * `lazyBackend`): the stand-in builds the backend once, hands the slot over, and answers exactly as the
 * backend does. The browser variant has the same exports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { p256 } from '@noble/curves/nist.js';
import * as nodeCurves from '../../src/precompiles/noble/load.js';
import * as browserCurves from '../../src/precompiles/noble/load.browser.js';
import * as nodeSecp from '../../src/primitives/crypto/secp256k1Load.js';
import * as browserSecp from '../../src/primitives/crypto/secp256k1Load.browser.js';
import * as nodeBlake from '../../src/precompiles/blake2fWasmLoad.js';
import * as browserBlake from '../../src/precompiles/blake2fWasmLoad.browser.js';
import { backends, currentPrecompileBackends, lazyBackend, NOBLE_BACKENDS, setPrecompileBackends } from '../../src/precompiles/backends.js';
import { SECP256R1_N, SECP256R1_P } from '../../src/precompiles/100-p256verify.js';

test('the Node and browser loaders export the same functions and load the same modules', async () => {
  assert.deepEqual(Object.keys(nodeCurves).sort(), Object.keys(browserCurves).sort());
  assert.deepEqual(Object.keys(nodeSecp).sort(), Object.keys(browserSecp).sort());
  assert.deepEqual(Object.keys(nodeBlake).sort(), Object.keys(browserBlake).sort());
  // the browser loaders fetch on first use: a synchronous use before that throws (and starts the fetch)
  assert.throws(() => browserCurves.loadNobleCurves(), /loadCurves\(\)/);
  assert.throws(() => browserSecp.loadSecp256k1Curve(), /loadCurves\(\)/);
  assert.equal(browserBlake.blake2fWasmBase64(), undefined);
  await Promise.all([browserCurves.preloadNobleCurves(), browserSecp.preloadSecp256k1Curve(), nodeCurves.preloadNobleCurves()]);
  assert.equal(nodeCurves.loadNobleCurves(), browserCurves.loadNobleCurves());
  assert.equal(nodeSecp.loadSecp256k1Curve().secp256k1, browserSecp.loadSecp256k1Curve().secp256k1);
  for (let i = 0; i < 100 && browserBlake.blake2fWasmBase64() === undefined; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(browserBlake.blake2fWasmBase64(), nodeBlake.blake2fWasmBase64());
});

test('lazyBackend builds once on the first call and gives the slot to the real backend', () => {
  const saved = currentPrecompileBackends();
  try {
    let builds = 0;
    const real = {
      name: 'real',
      sha256: (d: Uint8Array) => Uint8Array.of(d.length),
      ripemd160: (d: Uint8Array) => Uint8Array.of(d.length + 1),
    };
    const stand = lazyBackend('hashes', 'lazy', () => {
      builds++;
      return real;
    });
    setPrecompileBackends({ hashes: stand });
    assert.equal(builds, 0);
    assert.equal(backends.hashes.name, 'lazy');
    assert.deepEqual(backends.hashes.ripemd160(new Uint8Array(4)), Uint8Array.of(5));
    assert.equal(builds, 1);
    assert.equal(backends.hashes, real); // the slot now holds the real backend
    assert.deepEqual(stand.sha256(new Uint8Array(2)), Uint8Array.of(2)); // a copy of the stand-in still answers
    assert.equal(builds, 1);
  } finally {
    setPrecompileBackends(saved);
  }
});

test('a failing build throws from the call, and is tried again on the next', () => {
  let tries = 0;
  const stand = lazyBackend('p256', 'broken', () => {
    tries++;
    throw new Error('no curve here');
  });
  assert.throws(() => stand.verify(new Uint8Array(160)), /no curve here/);
  assert.throws(() => stand.verify(new Uint8Array(160)), /no curve here/);
  assert.equal(tries, 2);
});

test('the noble defaults load lazily and report their library', () => {
  for (const slot of ['bn254', 'bls12381', 'secp256k1', 'p256'] as const) assert.equal(NOBLE_BACKENDS[slot].name, '@noble/curves');
  // infinity + infinity on bn254 through the stand-in: 64 zero bytes.
  assert.deepEqual(NOBLE_BACKENDS.bn254.add(new Uint8Array(128)), new Uint8Array(64));
});

test("the secp256r1 constants P256VERIFY checks against are the curve's", () => {
  assert.equal(SECP256R1_N, p256.Point.Fn.ORDER);
  assert.equal(SECP256R1_P, p256.Point.Fp.ORDER);
});
