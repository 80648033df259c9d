/**
 * alt_bn128 (bn254) point encoding for the EIP-196/197 precompiles, over @noble/curves.
 *
 * G1: x(32) || y(32), big-endian; (0, 0) is the point at infinity. Each coordinate must be below p and
 * the point must be on y^2 = x^3 + 3 (G1 has cofactor 1, so on-curve means in the group).
 * G2: x_im(32) || x_re(32) || y_im(32) || y_re(32) (EIP-197 writes a*i + b as a then b);
 * all zeros is infinity. Each coordinate must be below p, the point on the twist, and in the order-r
 * subgroup (noble's assertValidity runs the G2 subgroup check).
 * Any violation is a failure of the precompile: the decoders return undefined.
 */
import { bn254 as curve } from '@noble/curves/bn254.js';
import { bytesToBigint } from '../primitives/hex.js';
import { word } from './input.js';

export const G1 = curve.G1.Point;
export const G2 = curve.G2.Point;
export type G1Point = InstanceType<typeof G1>;
export type G2Point = InstanceType<typeof G2>;

/** The base field modulus p. */
const BN254_P = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47n;
/** The group order r (scalars are reduced modulo r: r * P is infinity for every P in G1). */
export const BN254_R = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001n;

function coord(data: Uint8Array, offset: number): bigint {
  return bytesToBigint(data.subarray(offset, offset + 32));
}

/** Decodes a G1 point from 64 bytes at `offset`, or undefined when it is not a valid point. */
export function decodeG1(data: Uint8Array, offset: number): G1Point | undefined {
  const x = coord(data, offset);
  const y = coord(data, offset + 32);
  if (x >= BN254_P || y >= BN254_P) return undefined;
  try {
    const p = G1.fromAffine({ x, y }); // (0, 0) -> ZERO
    if (!p.is0()) p.assertValidity();
    return p;
  } catch {
    return undefined;
  }
}

/** Decodes a G2 point from 128 bytes at `offset`, or undefined when it is not a valid subgroup point. */
export function decodeG2(data: Uint8Array, offset: number): G2Point | undefined {
  const xIm = coord(data, offset);
  const xRe = coord(data, offset + 32);
  const yIm = coord(data, offset + 64);
  const yRe = coord(data, offset + 96);
  if (xIm >= BN254_P || xRe >= BN254_P || yIm >= BN254_P || yRe >= BN254_P) return undefined;
  const Fp2 = curve.fields.Fp2;
  try {
    const p = G2.fromAffine({ x: Fp2.fromBigTuple([xRe, xIm]), y: Fp2.fromBigTuple([yRe, yIm]) });
    if (!p.is0()) p.assertValidity(); // on the twist and in the r-torsion subgroup
    return p;
  } catch {
    return undefined;
  }
}

/** Encodes a G1 point as 64 bytes (infinity as zeros). */
export function encodeG1(p: G1Point): Uint8Array {
  const out = new Uint8Array(64);
  if (p.is0()) return out;
  const { x, y } = p.toAffine();
  out.set(word(x), 0);
  out.set(word(y), 32);
  return out;
}

/** True when the product of the pairings e(P_i, Q_i) is 1 in GT (empty product: true). */
export function pairingCheck(pairs: { g1: G1Point; g2: G2Point }[]): boolean {
  // Pairs with a point at infinity contribute the identity; noble rejects them, so they are left out.
  const terms = pairs.filter(({ g1, g2 }) => !g1.is0() && !g2.is0());
  if (terms.length === 0) return true;
  const Fp12 = curve.fields.Fp12;
  return Fp12.eql(curve.pairingBatch(terms), Fp12.ONE);
}
