/**
 * 0x04 IDENTITY (Frontier; execution-specs `precompiled_contracts/identity.py`).
 * Gas: 15 + 3 per 32-byte word of input. Output: a copy of the input (a copy, so that the caller may
 * keep writing to the memory the input was sliced from).
 */
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { wordCount } from './input.js';

const IDENTITY_BASE_GAS = 15n;
const IDENTITY_WORD_GAS = 3n;

export const identity: Precompile = {
  name: 'ID',
  gas(input: Uint8Array, _rules: Rules): bigint {
    return IDENTITY_BASE_GAS + IDENTITY_WORD_GAS * wordCount(input.length);
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array {
    return input.slice();
  },
};
