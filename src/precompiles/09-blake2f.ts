/**
 * 0x09 BLAKE2F (Istanbul, EIP-152; execution-specs `precompiled_contracts/blake2f.py`).
 *
 * Input, exactly 213 bytes: rounds(4, big-endian) || h(64: 8 x u64 LE) || m(128: 16 x u64 LE)
 * || t(16: 2 x u64 LE) || f(1). Any other length, or f not 0/1, is a failure.
 * Output: the new state h (64 bytes, u64 LE). Gas: 1 per round.
 *
 * The compression function F with a caller-chosen round count is not exported by any crypto library
 * we use (@noble/hashes keeps its BLAKE2b compress private, with 12 fixed rounds), so it is written here,
 * exactly as RFC 7693 section 3.2 specifies it: a fixed permutation over sixteen 64-bit words, kept as
 * pairs of 32-bit halves (lo, hi) in a Uint32Array so that no round allocates.
 */
import type { Rules } from '../fork/rules.js';
import type { Precompile } from './types.js';

const INPUT_LENGTH = 213;

/** RFC 7693 message schedule SIGMA, rows 0..9 (round i uses row i mod 10). */
const SIGMA: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/** BLAKE2b IV (the SHA-512 IV), as [lo, hi] 32-bit halves of each 64-bit word. */
const IV = new Uint32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a,
  0xade682d1, 0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
]);

// Word i of v lives at v[2i] (low half) and v[2i+1] (high half); likewise for m.
const v = new Uint32Array(32);
const m = new Uint32Array(32);

/** v[a] += v[b] + x (mod 2^64), with x the message word at index 2*mi. */
function add3(a: number, b: number, mi: number): void {
  const lo = v[2 * a]! + v[2 * b]! + m[mi]!;
  v[2 * a + 1] = v[2 * a + 1]! + v[2 * b + 1]! + m[mi + 1]! + ((lo / 0x100000000) | 0);
  v[2 * a] = lo;
}

/** v[a] += v[b] (mod 2^64). */
function add2(a: number, b: number): void {
  const lo = v[2 * a]! + v[2 * b]!;
  v[2 * a + 1] = v[2 * a + 1]! + v[2 * b + 1]! + ((lo / 0x100000000) | 0);
  v[2 * a] = lo;
}

/** v[d] = rotr64(v[d] ^ v[a], n) for n in {32, 24, 16, 63}. */
function xorRotr(d: number, a: number, n: number): void {
  const lo = v[2 * d]! ^ v[2 * a]!;
  const hi = v[2 * d + 1]! ^ v[2 * a + 1]!;
  if (n === 32) {
    v[2 * d] = hi;
    v[2 * d + 1] = lo;
  } else if (n < 32) {
    v[2 * d] = (lo >>> n) | (hi << (32 - n));
    v[2 * d + 1] = (hi >>> n) | (lo << (32 - n));
  } else {
    // rotr 63 = rotl 1
    v[2 * d] = (lo << 1) | (hi >>> 31);
    v[2 * d + 1] = (hi << 1) | (lo >>> 31);
  }
}

/** The mixing function G (RFC 7693 3.1) with message words x = m[s[x]], y = m[s[y]]. */
function mix(a: number, b: number, c: number, d: number, x: number, y: number): void {
  add3(a, b, 2 * x);
  xorRotr(d, a, 32);
  add2(c, d);
  xorRotr(b, c, 24);
  add3(a, b, 2 * y);
  xorRotr(d, a, 16);
  add2(c, d);
  xorRotr(b, c, 63);
}

/**
 * F(h, m, t, f) with `rounds` rounds (RFC 7693 3.2, EIP-152). `h` is 16 u32 halves and is updated in place;
 * `msg` is 32 u32 halves; t0/t1 are the counter words as [lo, hi] pairs.
 */
export function blake2bCompress(
  rounds: number,
  h: Uint32Array,
  msg: Uint32Array,
  t: Uint32Array,
  final: boolean,
): void {
  v.set(h, 0);
  v.set(IV, 16);
  v[24] = v[24]! ^ t[0]!; // v12 ^= t0
  v[25] = v[25]! ^ t[1]!;
  v[26] = v[26]! ^ t[2]!; // v13 ^= t1
  v[27] = v[27]! ^ t[3]!;
  if (final) {
    v[28] = ~v[28]!; // v14 = ~v14
    v[29] = ~v[29]!;
  }
  m.set(msg);
  for (let i = 0; i < rounds; i++) {
    const s = SIGMA[i % 10]!;
    mix(0, 4, 8, 12, s[0]!, s[1]!);
    mix(1, 5, 9, 13, s[2]!, s[3]!);
    mix(2, 6, 10, 14, s[4]!, s[5]!);
    mix(3, 7, 11, 15, s[6]!, s[7]!);
    mix(0, 5, 10, 15, s[8]!, s[9]!);
    mix(1, 6, 11, 12, s[10]!, s[11]!);
    mix(2, 7, 8, 13, s[12]!, s[13]!);
    mix(3, 4, 9, 14, s[14]!, s[15]!);
  }
  for (let i = 0; i < 16; i++) h[i] = h[i]! ^ v[i]! ^ v[i + 16]!;
}

/** Little-endian u32 halves of `count` bytes at `offset` (count a multiple of 4). */
function readLE32(input: Uint8Array, offset: number, count: number): Uint32Array {
  const view = new DataView(input.buffer, input.byteOffset + offset, count);
  const out = new Uint32Array(count / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(4 * i, true);
  return out;
}

function rounds(input: Uint8Array): number {
  return ((input[0]! << 24) | (input[1]! << 16) | (input[2]! << 8) | input[3]!) >>> 0;
}

export const blake2f: Precompile = {
  name: 'BLAKE2F',
  gas(input: Uint8Array, _rules: Rules): bigint {
    // A malformed input fails whatever it is charged (go-ethereum charges 0); the rounds word is only
    // meaningful in a well-formed input.
    return input.length === INPUT_LENGTH ? BigInt(rounds(input)) : 0n;
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array | null {
    if (input.length !== INPUT_LENGTH) return null;
    const f = input[212]!;
    if (f !== 0 && f !== 1) return null;
    const h = readLE32(input, 4, 64);
    const msg = readLE32(input, 68, 128);
    const t = readLE32(input, 196, 16);
    blake2bCompress(rounds(input), h, msg, t, f === 1);
    const out = new Uint8Array(64);
    const view = new DataView(out.buffer);
    for (let i = 0; i < 16; i++) view.setUint32(4 * i, h[i]!, true);
    return out;
  },
};
