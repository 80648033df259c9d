/**
 * RLP encoding (Yellow Paper appendix B). Two passes: measure every list's payload once (pre-order),
 * then write into a single exactly-sized buffer, so nested lists cost no intermediate copies.
 */
import type { Address } from '../address.js';
import { addressToBytes } from '../address.js';
import { bigintToMinimalBytes } from '../hex.js';

/** An RLP item: a byte string or a (nested) list of items. */
export type RlpItem = Uint8Array | readonly RlpItem[];

/** Bytes of the header that prefixes a payload of `len` bytes (1 for short forms, 1 + length-of-length for long). */
function headerLength(len: number): number {
  if (len < 56) return 1;
  let n = 1;
  while (len >= 256) {
    len = Math.floor(len / 256);
    n++;
  }
  return 1 + n;
}

/** Writes the header for a payload of `len` bytes at `pos`; `short` is 0x80 (string) or 0xc0 (list). */
function writeHeader(out: Uint8Array, pos: number, len: number, short: number): number {
  if (len < 56) {
    out[pos] = short + len;
    return pos + 1;
  }
  const lenOfLen = headerLength(len) - 1;
  out[pos] = short + 55 + lenOfLen;
  for (let i = lenOfLen; i >= 1; i--) {
    out[pos + i] = len & 0xff;
    len = Math.floor(len / 256);
  }
  return pos + 1 + lenOfLen;
}

function stringLength(b: Uint8Array): number {
  if (b.length === 1 && b[0]! < 0x80) return 1;
  return headerLength(b.length) + b.length;
}

/** Encoded size of `item`; pushes each list's payload length to `lists` in pre-order. */
function measure(item: RlpItem, lists: number[]): number {
  if (item instanceof Uint8Array) return stringLength(item);
  const slot = lists.length;
  lists.push(0);
  let payload = 0;
  for (let i = 0; i < item.length; i++) payload += measure(item[i]!, lists);
  lists[slot] = payload;
  return headerLength(payload) + payload;
}

interface Cursor {
  pos: number;
  list: number;
}

function write(item: RlpItem, out: Uint8Array, lists: number[], c: Cursor): void {
  if (item instanceof Uint8Array) {
    if (item.length === 1 && item[0]! < 0x80) {
      out[c.pos++] = item[0]!;
      return;
    }
    c.pos = writeHeader(out, c.pos, item.length, 0x80);
    out.set(item, c.pos);
    c.pos += item.length;
    return;
  }
  c.pos = writeHeader(out, c.pos, lists[c.list++]!, 0xc0);
  for (let i = 0; i < item.length; i++) write(item[i]!, out, lists, c);
}

/** RLP-encodes a byte string or a nested list of byte strings. */
export function encodeRlp(item: RlpItem): Uint8Array {
  if (item instanceof Uint8Array) return encodeRlpBytes(item);
  const lists: number[] = [];
  const out = new Uint8Array(measure(item, lists));
  write(item, out, lists, { pos: 0, list: 0 });
  return out;
}

/** RLP encoding of one byte string (the common case, without the list machinery). */
export function encodeRlpBytes(b: Uint8Array): Uint8Array {
  if (b.length === 1 && b[0]! < 0x80) return Uint8Array.of(b[0]!);
  const out = new Uint8Array(headerLength(b.length) + b.length);
  out.set(b, writeHeader(out, 0, b.length, 0x80));
  return out;
}

/**
 * Wraps items that are already RLP-encoded in a list header: the trie uses this to embed child nodes
 * (< 32 bytes) as raw RLP rather than as byte strings.
 */
export function encodeRlpListOfEncoded(encoded: readonly Uint8Array[]): Uint8Array {
  let payload = 0;
  for (let i = 0; i < encoded.length; i++) payload += encoded[i]!.length;
  const out = new Uint8Array(headerLength(payload) + payload);
  let pos = writeHeader(out, 0, payload, 0xc0);
  for (let i = 0; i < encoded.length; i++) {
    out.set(encoded[i]!, pos);
    pos += encoded[i]!.length;
  }
  return out;
}

/** An unsigned integer as an RLP item: minimal big-endian bytes, zero as the empty string. */
export function uintItem(v: bigint | number): Uint8Array {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`RLP: not a non-negative safe integer: ${v}`);
    if (v < 256) return v === 0 ? new Uint8Array(0) : Uint8Array.of(v);
    v = BigInt(v);
  }
  if (v < 0n) throw new RangeError(`RLP: negative integer ${v}`);
  return bigintToMinimalBytes(v);
}

/** A 20-byte address as an RLP item; `null` (contract creation) is the empty string. */
export function addressItem(a: Address | null): Uint8Array {
  return a === null ? new Uint8Array(0) : addressToBytes(a);
}

/** RLP encoding of an unsigned integer. */
export function encodeRlpUint(v: bigint | number): Uint8Array {
  return encodeRlpBytes(uintItem(v));
}
