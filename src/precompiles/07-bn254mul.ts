/**
 * 0x07 ECMUL on alt_bn128 (Byzantium, EIP-196; execution-specs `precompiled_contracts/alt_bn128.py`).
 * Input right-padded to 96 bytes: a G1 point and a 256-bit scalar. Output: scalar * point (64 bytes).
 * Invalid point: failure. Any scalar is valid (it is reduced modulo the group order r).
 * Gas: 40000 (EIP-196), 6000 from Istanbul (EIP-1108).
 */
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { padTo } from './input.js';
import { backends } from './backends.js';

function bn254MulRun(input: Uint8Array): Uint8Array | null {
  return backends.bn254.mul(padTo(input, 96));
}

function bn254Mul(gas: bigint): Precompile {
  return {
    name: 'BN254_MUL',
    gas(_input: Uint8Array, _rules: Rules): bigint {
      return gas;
    },
    run(input: Uint8Array, _rules: Rules): Uint8Array | null {
      return bn254MulRun(input);
    },
  };
}

/** EIP-196 price (Byzantium .. Petersburg). */
export const bn254MulByzantium: Precompile = bn254Mul(40000n);
/** EIP-1108 price (Istanbul on). */
export const bn254MulIstanbul: Precompile = bn254Mul(6000n);
