/**
 * The London opcode table data the prototypes share: static gas and stack bounds come straight from
 * evmkit's own table (src/interpreter/table.ts), so the prototypes charge exactly what the baseline
 * charges and only the handlers (the word representation) differ. Dynamic gas lives in the handlers,
 * as in evmkit (memory expansion, copies, EXP bytes, KECCAK256 words, EIP-2929 cold surcharges).
 */
import { tableFor } from '../../../src/interpreter/table.js';
import { Fork } from '../../../src/fork/fork.js';

const LONDON = tableFor(Fork.London);

export const STATIC_GAS: Int32Array = LONDON.staticGas;
export const STACK_MIN: Int32Array = LONDON.stackMin;
export const STACK_MAX: Int32Array = LONDON.stackMax;
export const STACK_LIMIT = 1024;

// EIP-2929 / EIP-2200 / EIP-3529 prices in force in London.
export const COLD_SLOAD_COST = 2100;
export const WARM_STORAGE_READ_COST = 100;
export const SSTORE_SET_GAS = 20000;
export const SSTORE_RESET_GAS = 5000 - COLD_SLOAD_COST;
export const SSTORE_SENTRY_GAS = 2300;
/** EIP-160. */
export const EXP_BYTE_GAS = 50;
