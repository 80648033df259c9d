/**
 * 0x100 P256VERIFY (Osaka, EIP-7951; execution-specs `forks/osaka/vm/precompiled_contracts/p256verify.py`).
 *
 * Input, exactly 160 bytes: hash(32) || r(32) || s(32) || qx(32) || qy(32), big-endian.
 * Output: 32-byte 1 when (r, s) is a valid ECDSA signature of `hash` by the secp256r1 key (qx, qy);
 * EMPTY output otherwise. Invalid input is never a failure: a wrong length, r or s outside [1, n-1],
 * qx or qy >= p, (0, 0), a point off the curve or a signature that does not verify all return empty
 * bytes, and the call still costs the flat price and succeeds.
 *
 * Verification (SEC 1 4.1.4, as the EIP states it): R' = (h s^-1) G + (r s^-1) Q, fail when R' is
 * infinity, succeed when R'.x mod n == r. `h` is the 32-byte hash as an integer (not hashed again:
 * noble's prehash false) and high s is accepted (lowS false): the EIP has no malleability check.
 *
 * The curve check and the verification run on the P-256 backend (./backends.ts): noble by default,
 * mcl-wasm after initPrecompiles().
 *
 * Gas: 6900 (EIP-7951 as shipped in Osaka: twice RIP-7212's 3450).
 */
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { readWord } from './input.js';
import { backends } from './backends.js';

const P256VERIFY_GAS = 6900n;
const INPUT_LENGTH = 160;
/** secp256r1 group order n and field prime p (SEC 2 2.4.2; EIP-7951; test/precompiles checks them against noble). */
export const SECP256R1_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
export const SECP256R1_P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const EMPTY = new Uint8Array(0);

function success(): Uint8Array {
  const out = new Uint8Array(32);
  out[31] = 1;
  return out;
}

/** True when the EIP-7951 checks pass and the signature verifies. */
export function p256Verify(input: Uint8Array): boolean {
  if (input.length !== INPUT_LENGTH) return false;
  const r = readWord(input, 32);
  const s = readWord(input, 64);
  const qx = readWord(input, 96);
  const qy = readWord(input, 128);
  if (r === 0n || r >= SECP256R1_N || s === 0n || s >= SECP256R1_N) return false;
  if (qx >= SECP256R1_P || qy >= SECP256R1_P) return false;
  if (qx === 0n && qy === 0n) return false; // infinity is not a public key
  return backends.p256.verify(input);
}

export const p256verify: Precompile = {
  name: 'P256VERIFY',
  gas(_input: Uint8Array, _rules: Rules): bigint {
    return P256VERIFY_GAS;
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array {
    return p256Verify(input) ? success() : EMPTY;
  },
};
