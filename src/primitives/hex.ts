/** Hex and byte helpers shared by every layer. Errors name what was malformed. */

const HEX_CHARS = '0123456789abcdef';
const HEX_TABLE: string[] = [];
for (let i = 0; i < 256; i++) HEX_TABLE.push(HEX_CHARS[i >> 4]! + HEX_CHARS[i & 15]!);

/**
 * A `0x`-prefixed hex string: bytes, hashes, addresses (viem's `Hex`). The public API takes and returns
 * byte strings, hashes and addresses as this type, so values pass to and from viem without casts.
 */
export type Hex = `0x${string}`;

/** A 32-byte hash as `0x` + 64 hex digits (viem's `Hash`). */
export type Hash = `0x${string}`;

/** Thrown for malformed hex (a TypeError: the value is not hex of the right shape). */
export class HexError extends TypeError {
  override name = 'HexError';
}

/** ASCII codes of the hex digits, and the buffer long inputs' digits are written to. */
const DIGIT_CODES = Uint8Array.from(HEX_CHARS, (c) => c.charCodeAt(0));
let hexChars = new Uint8Array(1024);
const ASCII = typeof TextDecoder === 'function' ? new TextDecoder() : undefined;
/** From this many bytes on, the digits are written to a buffer and decoded once (one flat string, not a chain of concatenations). */
const DECODE_FROM = 48;

/** Bytes to a lowercase `0x`-prefixed hex string. */
export function bytesToHex(bytes: Uint8Array): Hex {
  const n = bytes.length;
  if (n < DECODE_FROM || ASCII === undefined) {
    let out: Hex = '0x';
    for (let i = 0; i < n; i++) out += HEX_TABLE[bytes[i]!];
    return out;
  }
  const len = 2 + 2 * n;
  if (hexChars.length < len) hexChars = new Uint8Array(Math.max(len, hexChars.length * 2));
  const o = hexChars;
  o[0] = 48; // '0'
  o[1] = 120; // 'x'
  for (let i = 0, j = 2; i < n; i++, j += 2) {
    const x = bytes[i]!;
    o[j] = DIGIT_CODES[x >> 4]!;
    o[j + 1] = DIGIT_CODES[x & 15]!;
  }
  return ASCII.decode(o.subarray(0, len)) as Hex;
}

function nibble(code: number, s: string, what: string): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  throw new HexError(`${what}: invalid hex character '${String.fromCharCode(code)}' in ${abbreviate(s)}`);
}

function abbreviate(s: string): string {
  return s.length > 40 ? JSON.stringify(s.slice(0, 40) + '…') : JSON.stringify(s);
}

/** Hex string (with or without `0x`) to bytes. Odd length is rejected: bytes must be whole. */
export function hexToBytes(hex: string, what = 'hex'): Uint8Array {
  if (typeof hex !== 'string') throw new HexError(`${what}: expected a hex string, got ${typeof hex}`);
  const start = hex.startsWith('0x') || hex.startsWith('0X') ? 2 : 0;
  const len = hex.length - start;
  if (len % 2 !== 0) throw new HexError(`${what}: odd-length hex ${abbreviate(hex)}`);
  const out = new Uint8Array(len / 2);
  for (let i = 0; i < out.length; i++) {
    const j = start + 2 * i;
    out[i] = (nibble(hex.charCodeAt(j), hex, what) << 4) | nibble(hex.charCodeAt(j + 1), hex, what);
  }
  return out;
}

/** Parses a hex or decimal quantity ("0x1f", "31", "0x" = 0) to a bigint. */
export function parseQuantity(v: string | number | bigint, what = 'quantity'): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || v < 0) throw new HexError(`${what}: not a non-negative integer: ${v}`);
    return BigInt(v);
  }
  if (typeof v !== 'string') throw new HexError(`${what}: expected a quantity string, got ${typeof v}`);
  const s = v.trim();
  if (s === '0x' || s === '0X') return 0n;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return BigInt(s);
  if (/^[0-9]+$/.test(s)) return BigInt(s);
  throw new HexError(`${what}: not a hex or decimal quantity: ${abbreviate(s)}`);
}

/** A bigint to a minimal hex quantity ("0x0", "0x1f"). */
export function toQuantity(v: bigint | number): Hex {
  return `0x${v.toString(16)}`;
}

function hexDigit(c: number): number {
  return c <= 57 ? c - 48 : c - 87;
}

/**
 * A non-negative bigint as a big-endian byte array of exactly `len` bytes (truncating high bits; a
 * negative value gives zeros). Through one toString(16) rather than a bigint shift per byte: each shift
 * allocates a bigint, and addresses, topics and slots go through here on every log and state commit.
 */
export function bigintToBytes(v: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  if (v <= 0n) return out;
  if (v <= 0xffffffffn) {
    let n = Number(v);
    for (let i = len - 1; i >= 0 && n > 0; i--, n >>>= 8) out[i] = n & 0xff;
    return out;
  }
  const hex = v.toString(16);
  let j = hex.length;
  for (let i = len - 1; i >= 0 && j > 0; i--, j -= 2)
    out[i] = j >= 2 ? (hexDigit(hex.charCodeAt(j - 2)) << 4) | hexDigit(hex.charCodeAt(j - 1)) : hexDigit(hex.charCodeAt(j - 1));
  return out;
}

/** Minimal big-endian bytes of a non-negative bigint (0 -> empty), as RLP wants integers. */
export function bigintToMinimalBytes(v: bigint): Uint8Array {
  if (v === 0n) return new Uint8Array(0);
  if (v > 0n && v <= 0xffffffffn) {
    // Nonces, gas, timestamps, block numbers: no string in between.
    const n = Number(v);
    const len = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
    const out = new Uint8Array(len);
    for (let i = len - 1, x = n; i >= 0; i--, x >>>= 8) out[i] = x & 0xff;
    return out;
  }
  let hex = v.toString(16);
  if (hex.length & 1) hex = '0' + hex;
  return hexToBytes(hex);
}

/** Big-endian bytes to a bigint. */
export function bytesToBigint(b: Uint8Array): bigint {
  if (b.length === 0) return 0n;
  let hex = '0x';
  for (let i = 0; i < b.length; i++) hex += HEX_TABLE[b[i]!];
  return BigInt(hex);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export const EMPTY_BYTES = new Uint8Array(0);
