/**
 * 0x10 BLS12_MAP_FP_TO_G1 (Prague, EIP-2537; execution-specs `bls12_381/bls12_381_g1.py`).
 *
 * Input, exactly 64 bytes: an Fp element (zero padding, below p). Output: the G1 point
 * clear_cofactor(map_to_curve_simple_swu(u)) of RFC 9380 (BLS12381G1_XMD:SHA-256_SSWU_RO_ suite's
 * map, without hashing), 128 bytes. Any other length or a non-canonical element fails. Gas: 5500.
 */
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { FP_LENGTH } from './bls12381Params.js';
import { backends } from './backends.js';

const MAP_FP_TO_G1_GAS = 5500n;

export const bls12MapFpToG1: Precompile = {
  name: 'BLS12_MAP_FP_TO_G1',
  gas(_input: Uint8Array, _rules: Rules): bigint {
    return MAP_FP_TO_G1_GAS;
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array | null {
    if (input.length !== FP_LENGTH) return null;
    return backends.bls12381.mapFpToG1(input);
  },
};
