/**
 * 0x03 RIPEMD160 (Frontier; execution-specs `precompiled_contracts/ripemd160.py`).
 * Gas: 600 + 120 per 32-byte word of input. Output: the 20-byte digest left-padded to 32 bytes.
 */
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { wordCount } from './input.js';
import { backends } from './backends.js';

const RIPEMD160_BASE_GAS = 600n;
const RIPEMD160_WORD_GAS = 120n;

export const ripemd160: Precompile = {
  name: 'RIPEMD160',
  gas(input: Uint8Array, _rules: Rules): bigint {
    return RIPEMD160_BASE_GAS + RIPEMD160_WORD_GAS * wordCount(input.length);
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array {
    const out = new Uint8Array(32);
    out.set(backends.hashes.ripemd160(input), 12);
    return out;
  },
};
