/**
 * ECDSA public-key recovery on secp256k1 (ECRECOVER) and ECDSA verification on secp256r1 (P256VERIFY,
 * EIP-7951) on mcl-wasm's curves SECP256K1 and NIST_P256, byte-identical to the noble backend
 * (../noble/curves.ts; test/precompiles/backends.test.ts compares them, also on random signatures).
 *
 * Both are the SEC 1 formulas over mcl's group operations (one two-point multi-scalar multiplication):
 *   recover (4.1.6): R = (r, y) with y^2 = x^3 + 7 of parity `recovery`; Q = (-e/r) G + (s/r) R;
 *   verify  (4.1.4): R' = (e/s) G + (r/s) Q; valid when R' is not infinity and R'.x mod n == r.
 * e is the 32-byte hash as an integer reduced modulo n. The caller has range-checked r, s (and qx, qy).
 */
import type { NamedBackends } from '../backends.js';
import { FP, FR, G1, McCurve, McInstance } from './module.js';

// Scratch layout (byte offsets into the instance's scratch area).
const TMP = 0; // 64 bytes
const GEN = 64; // G1 x 2: generator, second point (R or Q), packed for mulVec
const RES = GEN + 2 * G1; // G1
const SC = RES + G1; // Fr x 2: the two scalars
const FR_R = SC + 2 * FR; // Fr r
const FR_S = FR_R + FR; // Fr s
const FR_E = FR_S + FR; // Fr e
const FR_T = FR_E + FR; // Fr temporary
const FP_T = FR_T + FR; // Fp temporary x 2

function setup(mc: McInstance): void {
  if (mc.raw._mclBnG1_getBasePoint(mc.scratch + GEN) !== 0) throw new Error('mcl-wasm: no base point');
}

/** Big-endian 32 bytes of `src` at `off` into the Fr at `ptr`, reduced modulo n. */
function setFr(mc: McInstance, ptr: number, src: Uint8Array, off: number): void {
  mc.mem().set(src.subarray(off, off + 32), mc.scratch + TMP);
  mc.raw._mclBnFr_setBigEndianMod(ptr, mc.scratch + TMP, 32);
}

function mclSecp256k1(mc: McInstance): NamedBackends['secp256k1'] {
  setup(mc);
  const raw = mc.raw;
  const b = mc.scratch;
  const tmp = b + TMP;
  const point = b + GEN + G1;
  return {
    name: 'mcl-wasm',
    recover(hash, rs, recovery) {
      // R = (r, y): y^2 = r^3 + 7 (r < n < p is a valid x), y of the parity the recovery id gives.
      if (!mc.setFp(point, rs, 0, 32, tmp)) return null;
      const y = point + FP;
      raw._mclBnFp_sqr(b + FP_T, point);
      raw._mclBnFp_mul(b + FP_T, b + FP_T, point);
      raw._mclBnFp_setInt32(b + FP_T + FP, 7);
      raw._mclBnFp_add(b + FP_T, b + FP_T, b + FP_T + FP);
      if (raw._mclBnFp_squareRoot(y, b + FP_T) !== 0) return null; // r is not the x of a curve point
      if (raw._mclBnFp_isOdd(y) !== (recovery & 1)) raw._mclBnFp_neg(y, y);
      raw._mclBnFp_setInt32(point + 2 * FP, 1);
      // Q = (-e/r) G + (s/r) R
      setFr(mc, b + FR_R, rs, 0);
      setFr(mc, b + FR_S, rs, 32);
      setFr(mc, b + FR_E, hash, 0);
      raw._mclBnFr_inv(b + FR_T, b + FR_R);
      raw._mclBnFr_mul(b + SC, b + FR_E, b + FR_T);
      raw._mclBnFr_neg(b + SC, b + SC);
      raw._mclBnFr_mul(b + SC + FR, b + FR_S, b + FR_T);
      raw._mclBnG1_mulVec(b + RES, b + GEN, b + SC, 2);
      raw._mclBnG1_normalize(b + RES, b + RES);
      if (raw._mclBnG1_isZero(b + RES) === 1) return null;
      const out = new Uint8Array(64);
      mc.getFp(b + RES, out, 0, 32, tmp);
      mc.getFp(b + RES + FP, out, 32, 32, tmp);
      return out;
    },
  };
}

function mclP256(mc: McInstance): NamedBackends['p256'] {
  setup(mc);
  const raw = mc.raw;
  const b = mc.scratch;
  const tmp = b + TMP;
  const point = b + GEN + G1;
  return {
    name: 'mcl-wasm',
    verify(input) {
      // Q = (qx, qy) on the curve (cofactor 1: on the curve means in the group).
      if (!mc.setFp(point, input, 96, 32, tmp) || !mc.setFp(point + FP, input, 128, 32, tmp)) return false;
      raw._mclBnFp_setInt32(point + 2 * FP, 1);
      if (raw._mclBnG1_isValid(point) !== 1) return false;
      // R' = (e/s) G + (r/s) Q
      setFr(mc, b + FR_E, input, 0);
      setFr(mc, b + FR_R, input, 32);
      setFr(mc, b + FR_S, input, 64);
      raw._mclBnFr_inv(b + FR_T, b + FR_S);
      raw._mclBnFr_mul(b + SC, b + FR_E, b + FR_T);
      raw._mclBnFr_mul(b + SC + FR, b + FR_R, b + FR_T);
      raw._mclBnG1_mulVec(b + RES, b + GEN, b + SC, 2);
      raw._mclBnG1_normalize(b + RES, b + RES);
      if (raw._mclBnG1_isZero(b + RES) === 1) return false;
      // R'.x mod n == r
      const x = new Uint8Array(32);
      mc.getFp(b + RES, x, 0, 32, tmp);
      setFr(mc, b + FR_T, x, 0);
      return raw._mclBnFr_isEqual(b + FR_T, b + FR_R) === 1;
    },
  };
}

export async function createMclSecp256k1(): Promise<NamedBackends['secp256k1']> {
  return mclSecp256k1(await McInstance.create(McCurve.SECP256K1));
}

export async function createMclP256(): Promise<NamedBackends['p256']> {
  return mclP256(await McInstance.create(McCurve.NIST_P256));
}

/** The same, instantiated synchronously (Node.js: see McInstance.createSync). */
export function createMclSecp256k1Sync(): NamedBackends['secp256k1'] {
  return mclSecp256k1(McInstance.createSync(McCurve.SECP256K1));
}

/** The same, instantiated synchronously (Node.js: see McInstance.createSync). */
export function createMclP256Sync(): NamedBackends['p256'] {
  return mclP256(McInstance.createSync(McCurve.NIST_P256));
}
