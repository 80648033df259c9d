/** EIP-7702 delegation indicators: code `0xef0100 || address` makes calls run the code at `address`. */
import { bytesToBigint } from '../primitives/hex.js';
import type { Address } from '../primitives/address.js';

const DELEGATION_PREFIX = Uint8Array.of(0xef, 0x01, 0x00);

export function isDelegation(code: Uint8Array): boolean {
  return code.length === 23 && code[0] === 0xef && code[1] === 0x01 && code[2] === 0x00;
}

/** The delegation target, or null when the code is not a delegation indicator. */
export function delegationTarget(code: Uint8Array): Address | null {
  return isDelegation(code) ? bytesToBigint(code.subarray(3)) : null;
}

export function delegationCode(target: Address): Uint8Array {
  const out = new Uint8Array(23);
  out.set(DELEGATION_PREFIX);
  let v = target;
  for (let i = 22; i >= 3; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
