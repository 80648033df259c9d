/**
 * Readers that turn decoded RLP items into typed fields, each naming the field it rejects.
 * Integers must be canonical (no leading zero bytes; zero is the empty string), as go-ethereum and the
 * execution-specs require for every consensus structure.
 */
import type { Address } from '../address.js';
import { bytesToBigint } from '../hex.js';
import type { RlpItem } from './encode.js';
import { RlpError } from './errors.js';

/** The item as a byte string; `what` names the field for the error. */
export function readBytes(item: RlpItem, what: string): Uint8Array {
  if (!(item instanceof Uint8Array)) throw new RlpError('wrong-kind', `${what}: expected a byte string, got a list`);
  return item;
}

/** The item as a list, optionally of exactly `count` elements. */
export function readList(item: RlpItem, what: string, count?: number): readonly RlpItem[] {
  if (item instanceof Uint8Array) throw new RlpError('wrong-kind', `${what}: expected a list, got a byte string`);
  if (count !== undefined && item.length !== count)
    throw new RlpError('wrong-count', `${what}: expected ${count} elements, got ${item.length}`);
  return item;
}

/** A canonical unsigned integer of at most `maxBytes` bytes (default 32: a 256-bit word). */
export function readUint(item: RlpItem, what: string, maxBytes = 32): bigint {
  const b = readBytes(item, what);
  if (b.length > 0 && b[0] === 0) throw new RlpError('leading-zeros', `${what}: integer has leading zero bytes`);
  if (b.length > maxBytes) throw new RlpError('wrong-size', `${what}: integer of ${b.length} bytes exceeds ${maxBytes * 8} bits`);
  return bytesToBigint(b);
}

/** A canonical unsigned integer that must fit 53 bits, as a number (lengths, small counters). */
export function readSmallUint(item: RlpItem, what: string): number {
  const v = readUint(item, what, 7);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RlpError('wrong-size', `${what}: integer exceeds 2^53-1`);
  return Number(v);
}

/** A byte string of exactly `size` bytes (hashes, storage keys, bloom filters). */
export function readFixedBytes(item: RlpItem, what: string, size: number): Uint8Array {
  const b = readBytes(item, what);
  if (b.length !== size) throw new RlpError('wrong-size', `${what}: expected ${size} bytes, got ${b.length}`);
  return b;
}

/** A 20-byte address. */
export function readAddress(item: RlpItem, what: string): Address {
  return bytesToBigint(readFixedBytes(item, what, 20));
}

/** A 20-byte address, or null for the empty string (a transaction's `to` for contract creation). */
export function readOptionalAddress(item: RlpItem, what: string): Address | null {
  const b = readBytes(item, what);
  return b.length === 0 ? null : readAddress(b, what);
}
