/**
 * EIP-196/197 alt_bn128 on mcl-wasm (curve BN_SNARK1), byte-identical to the noble backend
 * (../noble/curves.ts; test/precompiles/backends.test.ts compares them).
 *
 * G1 x(32) || y(32) big-endian, (0, 0) = infinity, coordinates < p, on y^2 = x^3 + 3 (cofactor 1: on the
 * curve means in the group). G2 x_im || x_re || y_im || y_re, all zeros = infinity, on the twist and in
 * the order-r subgroup (mclBnG2_isValidOrder). Scalars: any 256-bit value, reduced modulo r.
 */
import type { NamedBackends } from '../backends.js';
import { FP, FR, G1, G2, GT, McCurve, McInstance } from './module.js';

// Scratch layout (byte offsets into the instance's scratch area).
const TMP = 0; // 64 bytes for (de)serialization
const P = 64; // G1
const Q = P + G1; // G1
const R = Q + G1; // G1
const S = R + G1; // Fr
const E = S + FR; // GT
const E2 = E + GT; // GT
const PAIRS = E2 + GT; // pairing arrays start here when they fit

function allZero(d: Uint8Array, off: number, len: number): boolean {
  for (let i = off; i < off + len; i++) if (d[i] !== 0) return false;
  return true;
}

function mclBn254(mc: McInstance): NamedBackends['bn254'] {
  const raw = mc.raw;
  const base = mc.scratch;
  const tmp = base + TMP;
  raw._mclBn_verifyOrderG1(0);
  raw._mclBn_verifyOrderG2(0);

  /** Decodes the G1 point at `off` into `ptr`; false when invalid. */
  function decodeG1(d: Uint8Array, off: number, ptr: number): boolean {
    if (allZero(d, off, 64)) {
      raw._mclBnG1_clear(ptr);
      return true;
    }
    if (!mc.setFp(ptr, d, off, 32, tmp) || !mc.setFp(ptr + FP, d, off + 32, 32, tmp)) return false;
    raw._mclBnFp_setInt32(ptr + 2 * FP, 1);
    return raw._mclBnG1_isValid(ptr) === 1;
  }

  /** Decodes the G2 point at `off` into `ptr`, subgroup checked; false when invalid. */
  function decodeG2(d: Uint8Array, off: number, ptr: number): boolean {
    if (allZero(d, off, 128)) {
      raw._mclBnG2_clear(ptr);
      return true;
    }
    // mcl Fp2 = re, im; EIP-197 writes im first.
    if (!mc.setFp(ptr, d, off + 32, 32, tmp) || !mc.setFp(ptr + FP, d, off, 32, tmp)) return false;
    if (!mc.setFp(ptr + 2 * FP, d, off + 96, 32, tmp) || !mc.setFp(ptr + 3 * FP, d, off + 64, 32, tmp)) return false;
    raw._mclBnFp_setInt32(ptr + 4 * FP, 1);
    raw._mclBnFp_setInt32(ptr + 5 * FP, 0);
    return raw._mclBnG2_isValid(ptr) === 1 && raw._mclBnG2_isValidOrder(ptr) === 1;
  }

  function encodeG1(ptr: number): Uint8Array {
    const out = new Uint8Array(64);
    raw._mclBnG1_normalize(ptr, ptr);
    if (raw._mclBnG1_isZero(ptr) === 1) return out;
    mc.getFp(ptr, out, 0, 32, tmp);
    mc.getFp(ptr + FP, out, 32, 32, tmp);
    return out;
  }

  return {
    name: 'mcl-wasm',
    add(data) {
      if (!decodeG1(data, 0, base + P) || !decodeG1(data, 64, base + Q)) return null;
      raw._mclBnG1_add(base + R, base + P, base + Q);
      return encodeG1(base + R);
    },
    mul(data) {
      if (!decodeG1(data, 0, base + P)) return null;
      mc.mem().set(data.subarray(64, 96), tmp);
      raw._mclBnFr_setBigEndianMod(base + S, tmp, 32);
      raw._mclBnG1_mul(base + R, base + P, base + S);
      return encodeG1(base + R);
    },
    pairing(input) {
      const k = input.length / 192;
      const g1s = mc.alloc(k * (G1 + G2), PAIRS);
      const g2s = g1s + k * G1;
      try {
        let n = 0; // pairs without a point at infinity (those contribute 1)
        for (let i = 0; i < k; i++) {
          const off = i * 192;
          if (!decodeG1(input, off, g1s + n * G1) || !decodeG2(input, off + 64, g2s + n * G2)) return null;
          if (raw._mclBnG1_isZero(g1s + n * G1) === 0 && raw._mclBnG2_isZero(g2s + n * G2) === 0) n++;
        }
        if (n === 0) return true;
        // The G2 array starts at g2s; the surviving pairs are packed at the front of both arrays.
        raw._mclBn_millerLoopVec(base + E, g1s, g2s, n);
        raw._mclBn_finalExp(base + E2, base + E);
        return raw._mclBnGT_isOne(base + E2) === 1;
      } finally {
        mc.release(g1s);
      }
    },
  };
}

export async function createMclBn254(): Promise<NamedBackends['bn254']> {
  return mclBn254(await McInstance.create(McCurve.BN_SNARK1));
}

/** The same, instantiated synchronously (Node.js: see McInstance.createSync). */
export function createMclBn254Sync(): NamedBackends['bn254'] {
  return mclBn254(McInstance.createSync(McCurve.BN_SNARK1));
}
