/**
 * 0x01 ECRECOVER (Frontier; execution-specs `precompiled_contracts/ecrecover.py`).
 *
 * Input (right-padded to 128 bytes): hash(32) || v(32) || r(32) || s(32).
 * Output: the signer's address left-padded to 32 bytes, or EMPTY output when the signature is invalid
 * (v not exactly 27/28 as a full word, r or s outside [1, n-1], or no point recovers). An invalid signature
 * is not a failure: the call succeeds, returns nothing and costs the flat 3000 gas.
 *
 * The recovery runs on the secp256k1 backend (./backends.ts): noble by default, mcl-wasm after
 * initPrecompiles(), libsecp256k1 (native addon) under Node after installNodePrecompiles().
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { padTo, readWord } from './input.js';
import { backends } from './backends.js';

const ECRECOVER_GAS = 3000n;
/** secp256k1 group order n. */
const SECP256K1N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const EMPTY = new Uint8Array(0);

/** Recovers the 20-byte address, or undefined when no public key recovers from (hash, v, r, s). */
function recoverAddress(data: Uint8Array, recovery: number): Uint8Array | undefined {
  const pub = backends.secp256k1.recover(data.subarray(0, 32), data.subarray(64, 128), recovery); // X || Y
  return pub === null ? undefined : keccak_256(pub).subarray(12);
}

export const ecrecover: Precompile = {
  name: 'ECREC',
  gas(_input: Uint8Array, _rules: Rules): bigint {
    return ECRECOVER_GAS;
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array {
    const data = padTo(input, 128);
    const v = readWord(data, 32);
    const r = readWord(data, 64);
    const s = readWord(data, 96);
    if (v !== 27n && v !== 28n) return EMPTY;
    if (r === 0n || r >= SECP256K1N) return EMPTY;
    if (s === 0n || s >= SECP256K1N) return EMPTY;
    const address = recoverAddress(data, Number(v - 27n));
    if (address === undefined) return EMPTY;
    const out = new Uint8Array(32);
    out.set(address, 12);
    return out;
  },
};
