/**
 * 0x02 SHA256 (Frontier; execution-specs `precompiled_contracts/sha256.py`).
 * Gas: 60 + 12 per 32-byte word of input. Output: the 32-byte digest.
 */
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { wordCount } from './input.js';
import { backends } from './backends.js';

const SHA256_BASE_GAS = 60n;
const SHA256_WORD_GAS = 12n;

export const sha256: Precompile = {
  name: 'SHA256',
  gas(input: Uint8Array, _rules: Rules): bigint {
    return SHA256_BASE_GAS + SHA256_WORD_GAS * wordCount(input.length);
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array {
    return backends.hashes.sha256(input);
  },
};
