/**
 * Addresses are bigints (160-bit values) throughout the core: the stack holds words as bigints, so an
 * address taken off the stack is a key with no conversion (`word & ADDRESS_MASK`). The public API (src/api)
 * speaks viem's convention instead: `0x`-hex strings (`HexAddress`, exported as `Address` from the
 * package), EIP-55 checksummed on output.
 */
import { bigintToBytes, bytesToBigint, hexToBytes, HexError } from './hex.js';
import { keccak256 } from './crypto/keccak.js';
import { WordMap } from './wordMap.js';

/** The core's address: a bigint in 0..2^160-1. */
export type Address = bigint;

/** An address as `0x` + 40 hex digits (viem's `Address`; the package exports it under that name). */
export type HexAddress = `0x${string}`;

export const ADDRESS_MASK = (1n << 160n) - 1n;

export function addressToBytes(a: Address): Uint8Array {
  return bigintToBytes(a, 20);
}

/** Lowercase `0x` + 40 hex digits (go-ethereum's JSON form). */
export function addressToHex(a: Address): HexAddress {
  return `0x${a.toString(16).padStart(40, '0')}`;
}

/**
 * Recent checksums (a keccak each): results name the same few contracts over and over. A WordMap: the
 * addresses come from contracts (logs, created accounts), which could collide them in V8's BigInt hash.
 */
const CHECKSUMS = new WordMap<HexAddress>();
const CHECKSUM_CACHE = 4096;

/** EIP-55 mixed-case checksum encoding (what viem's `getAddress` returns). */
export function toChecksumAddress(a: Address): HexAddress {
  let c = CHECKSUMS.get(a);
  if (c === undefined) {
    if (CHECKSUMS.size >= CHECKSUM_CACHE) CHECKSUMS.clear();
    CHECKSUMS.set(a, (c = checksum(a)));
  }
  return c;
}

function checksum(a: Address): HexAddress {
  const lower = a.toString(16).padStart(40, '0');
  const hash = keccak256(new TextEncoder().encode(lower));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const c = lower[i]!;
    // The i-th nibble of the hash decides the case of the i-th hex digit.
    const nib = (hash[i >> 1]! >> (i & 1 ? 0 : 4)) & 15;
    out += nib >= 8 && c >= 'a' ? c.toUpperCase() : c;
  }
  return out as HexAddress;
}

export function addressFromBytes(b: Uint8Array): Address {
  return bytesToBigint(b);
}

/** Parses a 20-byte hex address; `what` names the field for the error. */
export function parseAddress(hex: string, what = 'address'): Address {
  const b = hexToBytes(hex, what);
  if (b.length !== 20) throw new HexError(`${what}: expected 20 bytes, got ${b.length}`);
  return bytesToBigint(b);
}
