/**
 * 0x01 ECRECOVER (Frontier; execution-specs `precompiled_contracts/ecrecover.py`).
 *
 * Input (right-padded to 128 bytes): hash(32) || v(32) || r(32) || s(32).
 * Output: the signer's address left-padded to 32 bytes, or EMPTY output when the signature is invalid
 * (v not exactly 27/28 as a full word, r or s outside [1, n-1], or no point recovers). An invalid signature
 * is not a failure: the call succeeds, returns nothing and costs the flat 3000 gas.
 *
 * Uses @noble/curves directly (not src/crypto) so that the precompile has no dependency on code being
 * written elsewhere at the same time.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { Rules } from '../fork/rules.js';
import type { Precompile } from './types.js';
import { padTo, readWord } from './input.js';

const ECRECOVER_GAS = 3000n;
/** secp256k1 group order n. */
const SECP256K1N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const EMPTY = new Uint8Array(0);

/** Recovers the 20-byte address, or undefined when no public key recovers from (hash, v, r, s). */
function recoverAddress(hash: Uint8Array, recovery: number, r: bigint, s: bigint): Uint8Array | undefined {
  try {
    const sig = new secp256k1.Signature(r, s).addRecoveryBit(recovery);
    const pub = sig.recoverPublicKey(hash).toBytes(false); // 0x04 || X || Y
    return keccak_256(pub.subarray(1)).subarray(12);
  } catch {
    return undefined; // r is not the x of a curve point, or the result is the point at infinity
  }
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
    const address = recoverAddress(data.subarray(0, 32), Number(v - 27n), r, s);
    if (address === undefined) return EMPTY;
    const out = new Uint8Array(32);
    out.set(address, 12);
    return out;
  },
};
