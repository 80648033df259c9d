/**
 * 0x08 ECPAIRING on alt_bn128 (Byzantium, EIP-197; execution-specs `precompiled_contracts/alt_bn128.py`).
 * Input: k pairs of G1 (64 bytes) || G2 (128 bytes); a length that is not a multiple of 192 is a failure,
 * as is any invalid point (including a G2 point outside the order-r subgroup). Output: 32-byte 1 when
 * the product of the pairings is 1 (also for k = 0), else 0.
 * Gas: 100000 + 80000 k (EIP-197), 45000 + 34000 k from Istanbul (EIP-1108).
 */
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { backends } from './backends.js';

const PAIR_SIZE = 192;

function bn254PairingRun(input: Uint8Array): Uint8Array | null {
  if (input.length % PAIR_SIZE !== 0) return null;
  const ok = backends.bn254.pairing(input);
  if (ok === null) return null;
  const out = new Uint8Array(32);
  if (ok) out[31] = 1;
  return out;
}

function bn254Pairing(baseGas: bigint, perPairGas: bigint): Precompile {
  return {
    name: 'BN254_PAIRING',
    gas(input: Uint8Array, _rules: Rules): bigint {
      return baseGas + perPairGas * BigInt(Math.floor(input.length / PAIR_SIZE));
    },
    run(input: Uint8Array, _rules: Rules): Uint8Array | null {
      return bn254PairingRun(input);
    },
  };
}

/** EIP-197 prices (Byzantium .. Petersburg). */
export const bn254PairingByzantium: Precompile = bn254Pairing(100000n, 80000n);
/** EIP-1108 prices (Istanbul on). */
export const bn254PairingIstanbul: Precompile = bn254Pairing(45000n, 34000n);
