/**
 * Addresses are bigints (160-bit values) throughout the core: the stack holds words as bigints, so an
 * address taken off the stack is a key with no conversion (`word & ADDRESS_MASK`).
 */
import { bigintToBytes, bytesToBigint, hexToBytes } from './hex.js';

export type Address = bigint;

export const ADDRESS_MASK = (1n << 160n) - 1n;

export function addressToBytes(a: Address): Uint8Array {
  return bigintToBytes(a, 20);
}

export function addressToHex(a: Address): string {
  return '0x' + a.toString(16).padStart(40, '0');
}

export function addressFromBytes(b: Uint8Array): Address {
  return bytesToBigint(b);
}

/** Parses a 20-byte hex address; `what` names the field for the error. */
export function parseAddress(hex: string, what = 'address'): Address {
  const b = hexToBytes(hex, what);
  if (b.length !== 20) throw new Error(`${what}: expected 20 bytes, got ${b.length}`);
  return bytesToBigint(b);
}
