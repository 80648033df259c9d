/**
 * 0x0f BLS12_PAIRING_CHECK (Prague, EIP-2537; execution-specs `bls12_381/bls12_381_pairing.py`).
 *
 * Input: k >= 1 slices of G1 point (128 bytes) || G2 point (256 bytes). Every point must be on its
 * curve AND in the order-q subgroup (infinity allowed). Output: 32-byte 1 when
 * e(P1, Q1) * ... * e(Pk, Qk) == 1 in GT, else 0. An empty input, a length that is not a multiple of
 * 384 or an invalid point fails the call. A pair with an infinity point contributes 1.
 *
 * Gas: 32600 * k + 37700.
 */
import type { Rules } from '../fork/rules.js';
import type { Precompile } from './types.js';
import { G1_LENGTH, G2_LENGTH, bls12_381, decodeG1, decodeG2, type G1Point, type G2Point } from './bls12381.js';

const PAIR_LENGTH = G1_LENGTH + G2_LENGTH; // 384
export const PAIRING_BASE_GAS = 37700n;
export const PAIRING_PER_PAIR_GAS = 32600n;

const Fp12 = bls12_381.fields.Fp12;

export const bls12Pairing: Precompile = {
  name: 'BLS12_PAIRING_CHECK',
  gas(input: Uint8Array, _rules: Rules): bigint {
    return PAIRING_PER_PAIR_GAS * BigInt(Math.floor(input.length / PAIR_LENGTH)) + PAIRING_BASE_GAS;
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array | null {
    if (input.length === 0 || input.length % PAIR_LENGTH !== 0) return null;
    const terms: { g1: G1Point; g2: G2Point }[] = [];
    for (let off = 0; off < input.length; off += PAIR_LENGTH) {
      const g1 = decodeG1(input, off, true);
      if (g1 === undefined) return null;
      const g2 = decodeG2(input, off + G1_LENGTH, true);
      if (g2 === undefined) return null;
      // e(O, Q) = e(P, O) = 1; noble's pairingBatch rejects infinity, so such pairs are left out.
      if (!g1.is0() && !g2.is0()) terms.push({ g1, g2 });
    }
    const out = new Uint8Array(32);
    if (terms.length === 0 || Fp12.eql(bls12_381.pairingBatch(terms), Fp12.ONE)) out[31] = 1;
    return out;
  },
};
