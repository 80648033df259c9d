/**
 * Every precompile backend set gives byte-identical results (src/precompiles/backends.ts):
 *   noble (portable defaults), wasm (initPrecompiles: mcl-wasm), node (+ libsecp256k1 addon, node:crypto).
 * Inputs: the EEST fixture vectors of the curve precompiles, and random inputs, valid and invalid
 * (points off the curve, on the curve but outside the subgroup, coordinates >= p, random signatures
 * with high s, r that is no x coordinate, tampered P-256 signatures). The full precompile test files
 * also run under each set: `EVMKIT_PRECOMPILE_BACKENDS=wasm|node node --test dist/test/precompiles/`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bn254 } from '@noble/curves/bn254.js';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { p256 } from '@noble/curves/nist.js';
import { Fork } from '../../src/spec/fork.js';
import { rulesFor } from '../../src/spec/rules.js';
import { precompilesFor } from '../../src/precompiles/registry.js';
import {
  NOBLE_BACKENDS,
  currentPrecompileBackends,
  precompileBackendNames,
  setPrecompileBackends,
  type NamedBackends,
} from '../../src/precompiles/backends.js';
import { initPrecompiles } from '../../src/precompiles/init.js';
import { installNodePrecompiles, loadCKzg, loadNativeSecp256k1 } from '../../src/cli/nodePrecompiles.js';
import { encodeG1 as blsG1, encodeG2 as blsG2 } from '../../src/precompiles/bls12381.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/hex.js';
import { loadFixtureVectors } from './fixtureVectors.js';
import { prng } from './prng.js';

const rules = rulesFor(Fork.Osaka);
const registry = precompilesFor(rules);

async function sets(): Promise<Map<string, NamedBackends>> {
  const saved = currentPrecompileBackends();
  const out = new Map<string, NamedBackends>();
  out.set('noble', { ...NOBLE_BACKENDS });
  await initPrecompiles();
  out.set('wasm', currentPrecompileBackends());
  await installNodePrecompiles();
  out.set('node', currentPrecompileBackends());
  setPrecompileBackends(saved);
  return out;
}

/** Runs `input` at `address` under every set; asserts one answer; returns it (hex or null). */
function agree(all: Map<string, NamedBackends>, address: bigint, input: Uint8Array, what: string): string | null {
  const p = registry.get(address)!;
  const saved = currentPrecompileBackends();
  let first: { set: string; out: string | null } | undefined;
  try {
    for (const [name, set] of all) {
      setPrecompileBackends(set);
      const r = p.run(input, rules);
      const out = r === null ? null : bytesToHex(r);
      if (first === undefined) first = { set: name, out };
      else assert.equal(out, first.out, `${what}: ${name} differs from ${first.set} (input ${bytesToHex(input)})`);
    }
  } finally {
    setPrecompileBackends(saved);
  }
  return first!.out;
}

const hex = (b: Uint8Array) => bytesToHex(b).slice(2);
const word = (v: bigint) => v.toString(16).padStart(64, '0');
const big = (b: Uint8Array) => BigInt(bytesToHex(b));

test('backends: the sets really differ (wasm and node install other libraries than noble)', async () => {
  const all = await sets();
  setPrecompileBackends(all.get('wasm')!);
  assert.equal(precompileBackendNames().bls12381, 'mcl-wasm');
  assert.equal(precompileBackendNames().bn254, 'mcl-wasm');
  assert.equal(precompileBackendNames().hashes, 'hash-wasm');
  setPrecompileBackends(all.get('node')!);
  assert.match(precompileBackendNames().hashes, /node:crypto/);
  if (loadNativeSecp256k1() !== undefined) assert.match(precompileBackendNames().secp256k1, /libsecp256k1/);
  if (loadCKzg() !== undefined) assert.match(precompileBackendNames().bls12381, /c-kzg/);
  setPrecompileBackends(NOBLE_BACKENDS);
});

test('backends: EEST fixture vectors of the curve precompiles, same output under every set', async () => {
  const all = await sets();
  const dirs: [string, string][] = [
    ['prague/prague/eip2537_bls_12_381_precompiles/bls12_g1add', 'Prague'],
    ['prague/prague/eip2537_bls_12_381_precompiles/bls12_g2add', 'Prague'],
    ['prague/prague/eip2537_bls_12_381_precompiles/bls12_g1mul', 'Prague'],
    ['prague/prague/eip2537_bls_12_381_precompiles/bls12_g1msm', 'Prague'],
    ['prague/prague/eip2537_bls_12_381_precompiles/bls12_map_fp_to_g1', 'Prague'],
    ['prague/prague/eip2537_bls_12_381_precompiles/bls12_map_fp2_to_g2', 'Prague'],
    ['prague/prague/eip2537_bls_12_381_precompiles/bls12_pairing', 'Prague'],
    ['osaka/osaka/eip7951_p256verify_precompiles/p256verify', 'Osaka'],
    ['prague/cancun/eip4844_blobs/point_evaluation_precompile', 'Prague'],
  ];
  let n = 0;
  for (const [dir, fork] of dirs) {
    // Every vector of the small directories; a stable sample of the large ones (noble is slow on BLS).
    const vectors = loadFixtureVectors(dir, fork);
    const step = Math.max(1, Math.floor(vectors.length / 60));
    for (let i = 0; i < vectors.length; i += step) {
      const v = vectors[i]!;
      if (!registry.has(v.address)) continue;
      agree(all, v.address, v.input, `${dir} ${v.name}`);
      n++;
    }
  }
  assert.ok(n >= 100, `only ${n} fixture vectors found`);
});

test('backends: bn254 add, mul and pairing on random valid and invalid inputs', async () => {
  const all = await sets();
  const rand = prng(196);
  const P = bn254.fields.Fp.ORDER;
  const g1 = (k: bigint) => {
    const { x, y } = bn254.G1.Point.BASE.multiply(k).toAffine();
    return word(x) + word(y);
  };
  const g2 = (k: bigint) => {
    const { x, y } = bn254.G2.Point.BASE.multiply(k).toAffine();
    return word(x.c1) + word(x.c0) + word(y.c1) + word(y.c0);
  };
  const scalar = () => (big(rand(32)) % (bn254.fields.Fr.ORDER - 1n)) + 1n;
  for (let i = 0; i < 6; i++) {
    const a = scalar(),
      b = scalar();
    agree(all, 6n, hexToBytes(g1(a) + g1(b)), 'add');
    agree(all, 6n, hexToBytes(g1(a) + g1(a)), 'add doubling');
    agree(all, 6n, hexToBytes(g1(a) + word(0n) + word(0n)), 'add infinity');
    agree(all, 6n, hexToBytes(g1(a) + word(1n) + word(3n)), 'add off-curve');
    agree(all, 6n, hexToBytes(word(P) + word(2n) + g1(b)), 'add x = p');
    agree(all, 7n, hexToBytes(g1(a) + hex(rand(32))), 'mul random scalar');
    agree(all, 7n, hexToBytes(g1(a) + 'ff'.repeat(32)), 'mul 2^256-1');
    agree(all, 7n, hexToBytes(g1(a) + word(0n)), 'mul 0');
    agree(all, 7n, hexToBytes(g1(a).slice(0, 70)), 'mul short input');
  }
  const k = scalar(),
    m = scalar();
  // e(kG, mH) e(-kmG, H) == 1; a random pair != 1; invalid G2 (off the twist); empty input.
  const neg = bn254.fields.Fr.ORDER - ((k * m) % bn254.fields.Fr.ORDER);
  assert.equal(agree(all, 8n, hexToBytes(g1(k) + g2(m) + g1(neg) + g2(1n)), 'pairing = 1'), '0x' + word(1n));
  assert.equal(agree(all, 8n, hexToBytes(g1(k) + g2(m)), 'pairing != 1'), '0x' + word(0n));
  agree(all, 8n, hexToBytes(g1(k) + word(1n) + word(2n) + word(3n) + word(4n)), 'pairing G2 off the twist');
  agree(all, 8n, hexToBytes(g1(0n === k ? 1n : k) + '00'.repeat(128)), 'pairing G2 infinity');
  agree(all, 8n, new Uint8Array(0), 'pairing empty');
});

test('backends: BLS12-381 on random points, points outside the subgroup, bad encodings', async () => {
  const all = await sets();
  const rand = prng(2537);
  const Fp = bls12_381.fields.Fp;
  const q = bls12_381.fields.Fr.ORDER;
  const scalar = () => (big(rand(32)) % (q - 1n)) + 1n;
  const p1 = () => hex(blsG1(bls12_381.G1.Point.BASE.multiply(scalar())));
  const p2 = () => hex(blsG2(bls12_381.G2.Point.BASE.multiply(scalar())));
  /** A G1 point on the curve but (almost surely) not in the subgroup: x with x^3 + 4 a square. */
  const offSubgroup = (): string => {
    for (;;) {
      const x = big(rand(48)) % Fp.ORDER;
      const rhs = Fp.add(Fp.mul(Fp.sqr(x), x), 4n);
      try {
        const y = Fp.sqrt(rhs);
        return x.toString(16).padStart(128, '0') + y.toString(16).padStart(128, '0');
      } catch {
        // not a square: try another x
      }
    }
  };
  const fp = () => '00'.repeat(16) + hex(rand(48)).replace(/^./, '0');
  for (let i = 0; i < 3; i++) {
    agree(all, 0x0bn, hexToBytes(p1() + p1()), 'g1add');
    agree(all, 0x0bn, hexToBytes(offSubgroup() + p1()), 'g1add outside the subgroup (allowed)');
    agree(all, 0x0dn, hexToBytes(p2() + p2()), 'g2add');
    agree(all, 0x0cn, hexToBytes(p1() + hex(rand(32)) + p1() + hex(rand(32))), 'g1msm k = 2');
    agree(all, 0x0cn, hexToBytes(offSubgroup() + hex(rand(32))), 'g1msm outside the subgroup');
    agree(all, 0x0cn, hexToBytes(p1() + 'ff'.repeat(32) + '00'.repeat(128) + hex(rand(32))), 'g1msm with infinity');
    agree(all, 0x0en, hexToBytes(p2() + hex(rand(32))), 'g2msm k = 1');
    agree(all, 0x10n, hexToBytes(fp()), 'map fp to g1');
    agree(all, 0x11n, hexToBytes(fp() + fp()), 'map fp2 to g2');
  }
  agree(all, 0x0bn, hexToBytes('01' + '00'.repeat(127) + p1()), 'g1add bad padding');
  agree(all, 0x10n, hexToBytes('00'.repeat(16) + Fp.ORDER.toString(16).padStart(96, '0')), 'map fp = p');
  const a = scalar(),
    b = scalar();
  const negAB = q - ((a * b) % q);
  const P = (k: bigint) => hex(blsG1(bls12_381.G1.Point.BASE.multiply(k)));
  const Q = (k: bigint) => hex(blsG2(bls12_381.G2.Point.BASE.multiply(k)));
  assert.equal(agree(all, 0x0fn, hexToBytes(P(a) + Q(b) + P(negAB) + Q(1n)), 'pairing = 1'), '0x' + word(1n));
  assert.equal(agree(all, 0x0fn, hexToBytes(P(a) + Q(b)), 'pairing != 1'), '0x' + word(0n));
  agree(all, 0x0fn, hexToBytes(offSubgroup() + Q(b)), 'pairing G1 outside the subgroup');
});

test('backends: ecrecover on random signatures (both parities, high s, r not an x coordinate)', async () => {
  const all = await sets();
  const rand = prng(7);
  const n = secp256k1.Point.Fn.ORDER;
  let recovered = 0;
  for (let i = 0; i < 24; i++) {
    const hash = rand(32);
    const sig = secp256k1.Signature.fromBytes(
      secp256k1.sign(hash, secp256k1.utils.randomSecretKey(rand(48)), { prehash: false, format: 'recovered' }),
      'recovered',
    );
    let { r, s } = sig;
    let v = 27n + BigInt(sig.recovery!);
    if (i % 2 === 1) {
      s = n - s; // the high-s twin recovers the same key with the other parity
      v = v === 27n ? 28n : 27n;
    }
    const input = hexToBytes(hex(hash) + word(v) + word(r) + word(s));
    if (agree(all, 1n, input, `ecrecover #${i}`) !== '0x') recovered++;
    agree(all, 1n, hexToBytes(hex(hash) + word(v) + word(big(rand(32)) % n) + word(s)), 'ecrecover random r');
  }
  assert.equal(recovered, 24);
});

test('backends: P256VERIFY on random valid, tampered and off-curve inputs', async () => {
  const all = await sets();
  const rand = prng(7951);
  let valid = 0;
  for (let i = 0; i < 12; i++) {
    const sk = p256.utils.randomSecretKey(rand(48));
    const pub = p256.getPublicKey(sk, false).subarray(1);
    const hash = rand(32);
    const sig = p256.sign(hash, sk, { prehash: false, lowS: i % 2 === 0 });
    if (agree(all, 0x100n, hexToBytes(hex(hash) + hex(sig) + hex(pub)), 'p256 valid') === '0x' + word(1n)) valid++;
    const bad = hexToBytes(hex(hash) + hex(sig) + hex(pub));
    bad[5]! ^= 1;
    assert.equal(agree(all, 0x100n, bad, 'p256 tampered hash'), '0x');
    const off = hexToBytes(hex(hash) + hex(sig) + hex(pub));
    off[159]! ^= 1;
    assert.equal(agree(all, 0x100n, off, 'p256 key off the curve'), '0x');
  }
  assert.equal(valid, 12);
});

test('backends: hashes agree on lengths around the block sizes', async () => {
  const all = await sets();
  const rand = prng(2);
  for (const len of [0, 1, 31, 32, 55, 56, 63, 64, 65, 119, 128, 511, 512, 1000, 4097, 70000]) {
    const data = rand(len);
    agree(all, 2n, data, `sha256 ${len}`);
    agree(all, 3n, data, `ripemd160 ${len}`);
  }
});
