/**
 * 0x0b BLS12_G1ADD (Prague, EIP-2537; execution-specs `bls12_381/bls12_381_g1.py` `bls12_g1_add`).
 *
 * Input, exactly 256 bytes: two G1 points (128 bytes each). Output: their sum, 128 bytes.
 * Each point must be a canonical encoding on the curve or infinity; there is NO subgroup check.
 * Any other length or an invalid point fails the call. Gas: 375.
 */
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { G1_LENGTH } from './bls12381Params.js';
import { backends } from './backends.js';

const G1ADD_GAS = 375n;

export const bls12G1Add: Precompile = {
  name: 'BLS12_G1ADD',
  gas(_input: Uint8Array, _rules: Rules): bigint {
    return G1ADD_GAS;
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array | null {
    if (input.length !== 2 * G1_LENGTH) return null;
    return backends.bls12381.g1Add(input);
  },
};
