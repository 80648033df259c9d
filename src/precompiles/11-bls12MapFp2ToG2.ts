/**
 * 0x11 BLS12_MAP_FP2_TO_G2 (Prague, EIP-2537; execution-specs `bls12_381/bls12_381_g2.py`).
 *
 * Input, exactly 128 bytes: an Fp2 element c0 || c1 (each with zero padding, below p). Output: the G2
 * point clear_cofactor(map_to_curve_simple_swu(u)) of RFC 9380 (3-isogeny SSWU, psi-based cofactor
 * clearing), 256 bytes. Any other length or a non-canonical element fails. Gas: 23800.
 */
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { FP_LENGTH } from './bls12381Params.js';
import { backends } from './backends.js';

const MAP_FP2_TO_G2_GAS = 23800n;

export const bls12MapFp2ToG2: Precompile = {
  name: 'BLS12_MAP_FP2_TO_G2',
  gas(_input: Uint8Array, _rules: Rules): bigint {
    return MAP_FP2_TO_G2_GAS;
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array | null {
    if (input.length !== 2 * FP_LENGTH) return null;
    return backends.bls12381.mapFp2ToG2(input);
  },
};
