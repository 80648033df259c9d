/**
 * 0x06 ECADD on alt_bn128 (Byzantium, EIP-196; execution-specs `precompiled_contracts/alt_bn128.py`).
 * Input right-padded to 128 bytes: two G1 points. Output: their sum (64 bytes). Invalid point: failure.
 * Gas: 500 (EIP-196), 150 from Istanbul (EIP-1108): one object per price, the registry picks per fork.
 */
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { padTo } from './input.js';
import { backends } from './backends.js';

function bn254AddRun(input: Uint8Array): Uint8Array | null {
  return backends.bn254.add(padTo(input, 128));
}

function bn254Add(gas: bigint): Precompile {
  return {
    name: 'BN254_ADD',
    gas(_input: Uint8Array, _rules: Rules): bigint {
      return gas;
    },
    run(input: Uint8Array, _rules: Rules): Uint8Array | null {
      return bn254AddRun(input);
    },
  };
}

/** EIP-196 price (Byzantium .. Petersburg). */
export const bn254AddByzantium: Precompile = bn254Add(500n);
/** EIP-1108 price (Istanbul on). */
export const bn254AddIstanbul: Precompile = bn254Add(150n);
