/**
 * 0x0d BLS12_G2ADD (Prague, EIP-2537; execution-specs `bls12_381/bls12_381_g2.py` `bls12_g2_add`).
 *
 * Input, exactly 512 bytes: two G2 points (256 bytes each). Output: their sum, 256 bytes.
 * Each point must be a canonical encoding on the twist or infinity; there is NO subgroup check.
 * Any other length or an invalid point fails the call. Gas: 600.
 */
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { G2_LENGTH } from './bls12381Params.js';
import { backends } from './backends.js';

const G2ADD_GAS = 600n;

export const bls12G2Add: Precompile = {
  name: 'BLS12_G2ADD',
  gas(_input: Uint8Array, _rules: Rules): bigint {
    return G2ADD_GAS;
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array | null {
    if (input.length !== 2 * G2_LENGTH) return null;
    return backends.bls12381.g2Add(input);
  },
};
