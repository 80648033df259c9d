/**
 * The endomorphism phi(x, y) = (beta x, y) of BLS12-381 G1 on mcl-wasm, for two things:
 *
 * 1. Membership of a G1 point in the order-r subgroup, by the endomorphism test of EIP-2537
 * (assets/eip-2537/fast_subgroup_checks.md, "The G1 case"):
 *
 *   P in G1  <=>  phi(P) + [x^2]P = 0,   phi(x, y) = (beta x, y),
 *
 * with x = -0xd201000000010000 the BLS parameter and beta the cube root of unity mod p given there. The
 * equivalence for every point of E(Fp) (not only a heuristic) is M. Scott, "A note on group membership
 * tests for G1, G2 and GT on BLS pairing-friendly curves" (ePrint 2021/1130, sec. 4), proved in Dai, Lin,
 * Zhao, Zhou, "Fast subgroup membership testing for G1, G2 and GT on pairing-friendly curves" (ePrint
 * 2022/352, sec. 4.2). test/precompiles/g1Endomorphism.test.ts compares it with mcl's own check
 * (mclBnG1_isValidOrder) on subgroup points, on random curve points and on points of every prime order
 * dividing the cofactor.
 *
 * Cost: [x^2]P = [|x|]([|x|]P), two double-and-add chains over the 64-bit |x| (Hamming weight 6): 126
 * doublings and 10 additions through mcl's own group operations, against mclBnG1_isValidOrder's
 * (Bowe, ePrint 2019/814) multiplication by the 126-bit (z^2 - 1) / 3 with a signed window (~25 additions
 * more): ~155 µs instead of ~190 µs per point in mcl-wasm.
 *
 * 2. -phi(P) = [x^2]P for P in G1 (the same identity), which lets an MSM split each scalar s < r into
 *    s = a + b x^2 with a, b < 2^128 and sum a_i P_i + b_i (-phi(P_i)) over 2k points (bls12381.ts).
 */
import { FP, G1, McInstance } from './module.js';

/** |x| of BLS12-381, most significant bit first (bit 63 is the implicit start of the chain). */
const ABS_X_BITS = 0xd201000000010000n.toString(2);
/** beta, the cube root of unity mod p of phi (EIP-2537 fast_subgroup_checks.md). */
export const BETA = 0x5f19672fdf76ce51ba69c6076a0f77eaddb3a93be6f89688de17d813620a00022e01fffffffefffen;

/** x^2 of BLS12-381 (128 bits): [x^2]P = -phi(P) on G1. */
export const X2 = 0xd201000000010000n ** 2n;

/** Scratch bytes `g1Endomorphism` needs at its `scratch` offset. */
export const G1_ENDO_SCRATCH = 3 * G1 + FP + 48;

export interface G1Endomorphism {
  /** The affine (z = 1), non-zero, on-curve G1 point at `p` is in the order-r subgroup. */
  inSubgroup(p: number): boolean;
  /** dst = -phi(p) = (beta x, -y, 1) for the affine (z = 1) point at `p`: [x^2]p when p is in G1. */
  negPhi(dst: number, p: number): void;
}

/** The operations above, using `G1_ENDO_SCRATCH` bytes of mcl memory at `scratch` (not overlapping any point). */
export function g1Endomorphism(mc: McInstance, scratch: number): G1Endomorphism {
  const raw = mc.raw;
  const r = scratch; // [|x|]P, then [x^2]P
  const t = r + G1; // [|x|]P, the addend of the second chain
  const q = t + G1; // -phi(P) = (beta x, -y, 1)
  const beta = q + G1;
  const bytes = beta + FP;
  const be = new Uint8Array(48);
  for (let i = 0, v = BETA; i < 48; i++, v >>= 8n) be[47 - i] = Number(v & 0xffn);
  if (!mc.setFp(beta, be, 0, 48, bytes)) throw new Error('mcl-wasm: beta rejected');

  /** r = [|x|] a (a at `a`, r != a): the chain of |x|'s bits. */
  function mulAbsX(a: number): void {
    mc.mem().copyWithin(r, a, a + G1);
    for (let i = 1; i < ABS_X_BITS.length; i++) {
      raw._mclBnG1_dbl(r, r);
      if (ABS_X_BITS.charCodeAt(i) === 49) raw._mclBnG1_add(r, r, a);
    }
  }

  function negPhi(dst: number, p: number): void {
    raw._mclBnFp_mul(dst, p, beta);
    raw._mclBnFp_neg(dst + FP, p + FP);
    raw._mclBnFp_setInt32(dst + 2 * FP, 1);
  }

  return {
    inSubgroup(p) {
      mulAbsX(p);
      mc.mem().copyWithin(t, r, r + G1);
      mulAbsX(t);
      negPhi(q, p);
      return raw._mclBnG1_isEqual(r, q) === 1;
    },
    negPhi,
  };
}
