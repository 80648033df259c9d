/**
 * BLS12-381 encoding for the EIP-2537 precompiles (0x0b..0x11), over @noble/curves.
 * Reference: execution-specs `forks/prague/vm/precompiled_contracts/bls12_381/__init__.py`.
 *
 * Fp element: 64 bytes big-endian; the top 16 bytes must be zero and the value must be below p
 * (one check: a 64-byte value below p has zero padding, since p < 2^381).
 * Fp2 element c0 + c1*v: encode(c0) || encode(c1), 128 bytes.
 * G1 point: x || y (128 bytes); G2 point: x || y with Fp2 coordinates (256 bytes).
 * Infinity is all zeros (the point (0, 0) is not on either curve, so the encoding is unambiguous).
 * A decoded point must be on its curve; MSM and pairing inputs must also be in the order-q subgroup
 * (`subgroupCheck`), ADD inputs need not be (EIP-2537 "There is no subgroup check for the G1 addition").
 * Any violation is a failure of the precompile: the decoders return undefined.
 *
 * Curve arithmetic is noble's. Its projective `add` (Renes-Costello-Batina complete formulas) is exact for
 * every point on these curves, not only subgroup points: neither E(Fp) nor E'(Fp2) has a point of order 2
 * (both group orders are odd), which is all the completeness proof needs. `assertValidity` is not used for
 * ADD inputs because it also runs the subgroup check.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bytesToBigint } from '../primitives/hex.js';
import { FP_LENGTH, G1_LENGTH, G2_LENGTH, SCALAR_LENGTH } from './bls12381Params.js';

export const G1 = bls12_381.G1.Point;
export const G2 = bls12_381.G2.Point;
export type G1Point = InstanceType<typeof G1>;
export type G2Point = InstanceType<typeof G2>;

const Fp = bls12_381.fields.Fp;
const Fp2 = bls12_381.fields.Fp2;
type Fp2Element = ReturnType<typeof Fp2.fromBigTuple>;

/** The base field modulus p. */
const BLS12_381_P = Fp.ORDER;
/** The subgroup order q (scalars are reduced modulo q: q * P is infinity for every subgroup point). */
const BLS12_381_Q = bls12_381.fields.Fr.ORDER;

export { FP_LENGTH, G1_LENGTH, G2_LENGTH, SCALAR_LENGTH, MSM_MULTIPLIER, msmGas } from './bls12381Params.js';

/** Curve coefficient b: y^2 = x^3 + 4 on G1, y^2 = x^3 + 4(1 + v) on G2. */
const B1 = G1.CURVE().b;
const B2 = G2.CURVE().b;

/** An Fp element from 64 bytes at `offset`, or undefined when it is not a canonical encoding (>= p). */
export function decodeFp(data: Uint8Array, offset: number): bigint | undefined {
  for (let i = 0; i < 16; i++) if (data[offset + i] !== 0) return undefined; // padding must be zero
  const v = bytesToBigint(data.subarray(offset + 16, offset + FP_LENGTH));
  return v < BLS12_381_P ? v : undefined;
}

/** An Fp2 element c0 || c1 from 128 bytes at `offset`, or undefined. */
function decodeFp2(data: Uint8Array, offset: number): Fp2Element | undefined {
  const c0 = decodeFp(data, offset);
  if (c0 === undefined) return undefined;
  const c1 = decodeFp(data, offset + FP_LENGTH);
  if (c1 === undefined) return undefined;
  return Fp2.fromBigTuple([c0, c1]);
}

function allZero(data: Uint8Array, offset: number, len: number): boolean {
  for (let i = offset; i < offset + len; i++) if (data[i] !== 0) return false;
  return true;
}

/**
 * Order-q subgroup membership (noble's endomorphism checks, eprint 2021/1130) through `assertValidity`,
 * which remembers the points that passed: pairingBatch validates its inputs again and then finds them
 * cached instead of paying a second subgroup check per pair.
 */
function inSubgroup(p: G1Point | G2Point): boolean {
  try {
    p.assertValidity();
    return true;
  } catch {
    return false;
  }
}

/**
 * A G1 point from 128 bytes at `offset`: on the curve (and, with `subgroupCheck`, in the order-q
 * subgroup), or undefined.
 */
export function decodeG1(data: Uint8Array, offset: number, subgroupCheck: boolean): G1Point | undefined {
  const x = decodeFp(data, offset);
  if (x === undefined) return undefined;
  const y = decodeFp(data, offset + FP_LENGTH);
  if (y === undefined) return undefined;
  if (x === 0n && y === 0n) return G1.ZERO;
  // y^2 == x^3 + b
  if (!Fp.eql(Fp.sqr(y), Fp.add(Fp.mul(Fp.sqr(x), x), B1))) return undefined;
  let p: G1Point;
  try {
    p = G1.fromAffine({ x, y }); // cannot throw for an on-curve point (no y = 0 points: odd group order)
  } catch {
    return undefined;
  }
  return subgroupCheck && !inSubgroup(p) ? undefined : p;
}

/** A G2 point from 256 bytes at `offset` (see {@link decodeG1}), or undefined. */
export function decodeG2(data: Uint8Array, offset: number, subgroupCheck: boolean): G2Point | undefined {
  if (allZero(data, offset, G2_LENGTH)) return G2.ZERO;
  const x = decodeFp2(data, offset);
  if (x === undefined) return undefined;
  const y = decodeFp2(data, offset + 2 * FP_LENGTH);
  if (y === undefined) return undefined;
  if (!Fp2.eql(Fp2.sqr(y), Fp2.add(Fp2.mul(Fp2.sqr(x), x), B2))) return undefined;
  let p: G2Point;
  try {
    p = G2.fromAffine({ x, y }); // cannot throw for an on-curve point (no y = 0 points: odd group order)
  } catch {
    return undefined;
  }
  return subgroupCheck && !inSubgroup(p) ? undefined : p;
}

/** Writes an Fp value as 64 big-endian bytes (16 zero bytes, then 48) at `offset`. */
function writeFp(out: Uint8Array, offset: number, v: bigint): void {
  for (let i = offset + FP_LENGTH - 1; v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** A G1 point as 128 bytes (infinity as zeros). */
export function encodeG1(p: G1Point): Uint8Array {
  const out = new Uint8Array(G1_LENGTH);
  if (p.is0()) return out;
  const { x, y } = p.toAffine();
  writeFp(out, 0, x);
  writeFp(out, FP_LENGTH, y);
  return out;
}

/** A G2 point as 256 bytes: x.c0 || x.c1 || y.c0 || y.c1 (infinity as zeros). */
export function encodeG2(p: G2Point): Uint8Array {
  const out = new Uint8Array(G2_LENGTH);
  if (p.is0()) return out;
  const { x, y } = p.toAffine();
  writeFp(out, 0, x.c0);
  writeFp(out, FP_LENGTH, x.c1);
  writeFp(out, 2 * FP_LENGTH, y.c0);
  writeFp(out, 3 * FP_LENGTH, y.c1);
  return out;
}

/** A 32-byte big-endian scalar at `offset`, reduced modulo q (exact for subgroup points). */
export function decodeScalar(data: Uint8Array, offset: number): bigint {
  return bytesToBigint(data.subarray(offset, offset + SCALAR_LENGTH)) % BLS12_381_Q;
}

/**
 * RFC 9380 map_to_curve + clear_cofactor without hashing (noble's `mapToCurve`). Its declared type
 * (bigint[] -> affine point) differs from what it does: G1 (m = 1) takes one bigint, and both return a
 * projective point after cofactor clearing. The casts state the runtime behaviour.
 */
export const mapFpToG1 = bls12_381.G1.mapToCurve as unknown as (u: bigint) => G1Point;
export const mapFp2ToG2 = bls12_381.G2.mapToCurve as unknown as (u: [bigint, bigint]) => G2Point;

export { bls12_381, Fp, Fp2 };
