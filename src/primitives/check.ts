/**
 * Input checks for public entry points. Each takes the value and the name of the field it came in (e.g.
 * 'setBalance: balance') and returns the core's representation, or throws an error naming the field and the
 * value: a TypeError for the wrong kind of value (a number where a bigint is wanted, a string that is not
 * hex, ...), a RangeError for a value of the right kind outside its range (negative, over 2^256-1, a
 * 21-byte address). The core trusts what these return and never checks again in the hot path.
 */
import { hexToBytes } from './hex.js';
import { toChecksumAddress, type Address } from './address.js';

export const U256_MAX = (1n << 256n) - 1n;
export const U64_MAX = (1n << 64n) - 1n;
export const ADDRESS_MAX = (1n << 160n) - 1n;

/** A value as an error message shows it: bigints with their `n`, strings quoted, long ones cut. */
export function describe(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? v.slice(0, 80) + '…' : v);
  if (typeof v === 'number') return `the number ${v}`;
  if (v === null) return 'null';
  if (v instanceof Uint8Array) return `a Uint8Array(${v.length})`;
  if (Array.isArray(v)) return `an array(${v.length})`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

function bound(max: bigint): string {
  if (max === U256_MAX) return '2^256-1';
  if (max === U64_MAX) return '2^64-1';
  if (max === ADDRESS_MAX) return '2^160-1';
  return String(max);
}

/**
 * A quantity (value, balance, gas, fee, nonce...): a bigint in 0..max. A number is refused with a
 * TypeError (quantities are bigints: `100000n`), so a mix-up never becomes a silent conversion.
 */
export function checkQuantity(v: unknown, field: string, max: bigint = U256_MAX): bigint {
  if (typeof v !== 'bigint') {
    const hint = typeof v === 'number' && Number.isSafeInteger(v) ? ` (quantities are bigints: ${v}n)` : '';
    throw new TypeError(`${field}: expected a bigint, got ${describe(v)}${hint}`);
  }
  if (v < 0n || v > max) throw new RangeError(`${field}: ${describe(v)} is out of range 0..${bound(max)}`);
  return v;
}

/**
 * A small count that viem gives as a number (nonces, chain ids and yParity in requests and
 * authorizations): a non-negative safe integer or a bigint in 0..max.
 */
export function checkCount(v: unknown, field: string, max: bigint = U64_MAX): bigint {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${field}: ${describe(v)} is not a non-negative integer`);
    return checkQuantity(BigInt(v), field, max);
  }
  return checkQuantity(v, field, max);
}

/**
 * A 256-bit word given as a bigint or as 0x-hex of at most 32 bytes (storage keys and values, hashes):
 * '0x00', '0x0', 0n all mean slot 0. A number is refused (TypeError), as is hex longer than 32 bytes.
 */
export function checkWord(v: unknown, field: string): bigint {
  if (typeof v === 'bigint') return checkQuantity(v, field, U256_MAX);
  if (typeof v === 'string') {
    if (!/^0x[0-9a-fA-F]*$/.test(v)) throw new TypeError(`${field}: expected a bigint or 0x-hex, got ${describe(v)}`);
    if (v.length > 66) throw new RangeError(`${field}: ${describe(v)} is longer than 32 bytes`);
    return v.length === 2 ? 0n : BigInt(v);
  }
  const hint = typeof v === 'number' && Number.isSafeInteger(v) ? ` (use ${v}n or a 0x-hex string)` : '';
  throw new TypeError(`${field}: expected a bigint or 0x-hex, got ${describe(v)}${hint}`);
}

/**
 * An address: 0x + 40 hex digits (lowercase, uppercase, or EIP-55 mixed case with a valid checksum, as
 * viem's isAddress), or a bigint in 0..2^160-1 (the core's form).
 */
export function checkAddress(v: unknown, field: string): Address {
  if (typeof v === 'bigint') return checkQuantity(v, field, ADDRESS_MAX);
  if (typeof v !== 'string') throw new TypeError(`${field}: expected an address (0x + 40 hex digits), got ${describe(v)}`);
  if (!/^0x[0-9a-fA-F]{40}$/.test(v)) {
    if (/^0x[0-9a-fA-F]*$/.test(v)) throw new RangeError(`${field}: ${describe(v)} is not 20 bytes (0x + 40 hex digits)`);
    throw new TypeError(`${field}: expected an address (0x + 40 hex digits), got ${describe(v)}`);
  }
  const a = BigInt(v);
  const body = v.slice(2);
  if (body !== body.toLowerCase() && body !== body.toUpperCase() && toChecksumAddress(a) !== v) {
    throw new TypeError(`${field}: ${describe(v)} has an invalid EIP-55 checksum (expected ${toChecksumAddress(a)})`);
  }
  return a;
}

/** Bytes: a Uint8Array (used as is) or 0x-hex with whole bytes. */
export function checkBytes(v: unknown, field: string): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') {
    if (!v.startsWith('0x')) throw new TypeError(`${field}: expected 0x-hex or a Uint8Array, got ${describe(v)}`);
    return hexToBytes(v, field);
  }
  throw new TypeError(`${field}: expected 0x-hex or a Uint8Array, got ${describe(v)}`);
}

/** A 32-byte hash given as 0x + 64 hex digits or 32 bytes. */
export function checkHash(v: unknown, field: string): Uint8Array {
  const b = checkBytes(v, field);
  if (b.length !== 32) throw new RangeError(`${field}: expected 32 bytes, got ${b.length}`);
  return b;
}

/** A plain-number option (milliseconds, counts): a non-negative finite number. */
export function checkNumber(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`${field}: expected a number, got ${describe(v)}`);
  if (v < 0) throw new RangeError(`${field}: ${describe(v)} is negative`);
  return v;
}
