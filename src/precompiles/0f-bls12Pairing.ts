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
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { G1_LENGTH, G2_LENGTH } from './bls12381Params.js';
import { backends } from './backends.js';

const PAIR_LENGTH = G1_LENGTH + G2_LENGTH; // 384
const PAIRING_BASE_GAS = 37700n;
const PAIRING_PER_PAIR_GAS = 32600n;

export const bls12Pairing: Precompile = {
  name: 'BLS12_PAIRING_CHECK',
  gas(input: Uint8Array, _rules: Rules): bigint {
    return PAIRING_PER_PAIR_GAS * BigInt(Math.floor(input.length / PAIR_LENGTH)) + PAIRING_BASE_GAS;
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array | null {
    if (input.length === 0 || input.length % PAIR_LENGTH !== 0) return null;
    const ok = backends.bls12381.pairing(input);
    if (ok === null) return null;
    const out = new Uint8Array(32);
    if (ok) out[31] = 1;
    return out;
  },
};
