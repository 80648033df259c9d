/**
 * 256-bit EVM words. The representation is hidden behind this module: today a non-negative bigint
 * below 2^256 (BENCHMARKS.md records why). Instruction bodies only use the functions here, so another
 * representation (limbs in typed arrays) can replace it without touching the opcode semantics.
 */

export type Word = bigint;

const TWO256 = 1n << 256n;
const MASK256 = TWO256 - 1n;
const SIGN_BIT = 1n << 255n;
export const ZERO: Word = 0n;
export const ONE: Word = 1n;

/** Small constants, so that pushing a boolean or a byte never allocates. */
export const SMALL: readonly Word[] = Array.from({ length: 257 }, (_, i) => BigInt(i));

export function add(a: Word, b: Word): Word {
  const r = a + b;
  return r > MASK256 ? r - TWO256 : r;
}

export function sub(a: Word, b: Word): Word {
  const r = a - b;
  return r < 0n ? r + TWO256 : r;
}

export function mul(a: Word, b: Word): Word {
  return BigInt.asUintN(256, a * b);
}

/** DIV: division by zero is zero (Yellow Paper). */
export function div(a: Word, b: Word): Word {
  return b === 0n ? 0n : a / b;
}

/** SDIV: two's complement, truncated toward zero; -2^255 / -1 overflows back to -2^255. */
export function sdiv(a: Word, b: Word): Word {
  if (b === 0n) return 0n;
  return BigInt.asUintN(256, BigInt.asIntN(256, a) / BigInt.asIntN(256, b));
}

export function mod(a: Word, b: Word): Word {
  return b === 0n ? 0n : a % b;
}

/** SMOD: the result takes the sign of the dividend (as bigint % does). */
export function smod(a: Word, b: Word): Word {
  if (b === 0n) return 0n;
  return BigInt.asUintN(256, BigInt.asIntN(256, a) % BigInt.asIntN(256, b));
}

/** ADDMOD with an unbounded intermediate (the sum may exceed 2^256). */
export function addmod(a: Word, b: Word, n: Word): Word {
  return n === 0n ? 0n : (a + b) % n;
}

/** MULMOD with an unbounded (512-bit) intermediate. */
export function mulmod(a: Word, b: Word, n: Word): Word {
  return n === 0n ? 0n : (a * b) % n;
}

/** EXP modulo 2^256 by square-and-multiply. */
export function exp(base: Word, exponent: Word): Word {
  if (exponent === 0n) return 1n;
  if (base < 2n) return base;
  if (base === 2n) return exponent < 256n ? 1n << exponent : 0n;
  let result = 1n;
  let b = base;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = BigInt.asUintN(256, result * b);
    e >>= 1n;
    if (e > 0n) b = BigInt.asUintN(256, b * b);
  }
  return result;
}

/** Number of bytes in the exponent (EXP dynamic gas). */
export function byteLength(x: Word): number {
  if (x === 0n) return 0;
  return (x.toString(16).length + 1) >> 1;
}

/** SIGNEXTEND: extend the sign of the (b+1)-byte value x. */
export function signextend(b: Word, x: Word): Word {
  if (b >= 31n) return x;
  return BigInt.asUintN(256, BigInt.asIntN(Number(b) * 8 + 8, x));
}

export function slt(a: Word, b: Word): Word {
  return BigInt.asIntN(256, a) < BigInt.asIntN(256, b) ? 1n : 0n;
}

export function sgt(a: Word, b: Word): Word {
  return BigInt.asIntN(256, a) > BigInt.asIntN(256, b) ? 1n : 0n;
}

export function eq(a: Word, b: Word): Word {
  return a === b ? 1n : 0n;
}

export function not(a: Word): Word {
  return MASK256 ^ a;
}

/** BYTE: the i-th byte counting from the most significant. */
export function byte(i: Word, x: Word): Word {
  if (i >= 32n) return 0n;
  return (x >> (248n - (i << 3n))) & 0xffn;
}

/** SHL (EIP-145). */
export function shl(shift: Word, x: Word): Word {
  return shift >= 256n ? 0n : BigInt.asUintN(256, x << shift);
}

/** SHR (EIP-145). */
export function shr(shift: Word, x: Word): Word {
  return shift >= 256n ? 0n : x >> shift;
}

/** SAR (EIP-145): arithmetic shift; shifts of 256 or more give 0 or -1. */
export function sar(shift: Word, x: Word): Word {
  const neg = x >= SIGN_BIT;
  if (shift >= 256n) return neg ? MASK256 : 0n;
  return BigInt.asUintN(256, BigInt.asIntN(256, x) >> shift);
}

/** CLZ (EIP-7939): count of leading zero bits; 256 for zero. */
export function clz(x: Word): Word {
  if (x === 0n) return 256n;
  return SMALL[256 - x.toString(2).length]!;
}

/** Reads a big-endian word from `len` (<= 32) bytes of `src` at `offset` (no bounds padding). */
export function wordFromBytes(src: Uint8Array, offset: number, len: number): Word {
  // Skip leading zero bytes: memory words are mostly small (offsets, lengths, flags).
  let i = offset;
  const end = offset + len;
  while (i < end && src[i] === 0) i++;
  const n = end - i;
  if (n <= 6) {
    let v = 0;
    for (; i < end; i++) v = v * 256 + src[i]!;
    return v < 257 ? SMALL[v]! : BigInt(v);
  }
  // Right-align the significant bytes in a scratch word and combine four 64-bit reads.
  SCRATCH.fill(0, 0, 32 - n);
  for (let j = 32 - n; i < end; i++, j++) SCRATCH[j] = src[i]!;
  return (
    (SCRATCH_VIEW.getBigUint64(0) << 192n) |
    (SCRATCH_VIEW.getBigUint64(8) << 128n) |
    (SCRATCH_VIEW.getBigUint64(16) << 64n) |
    SCRATCH_VIEW.getBigUint64(24)
  );
}

const SCRATCH = new Uint8Array(32);
const SCRATCH_VIEW = new DataView(SCRATCH.buffer);

/** Writes x as 32 big-endian bytes into dst at offset. */
export function wordToBytes(x: Word, dst: Uint8Array, offset: number): void {
  if (x < 0x100000000n) {
    dst.fill(0, offset, offset + 28);
    let v = Number(x);
    for (let i = 31; i >= 28; i--) {
      dst[offset + i] = v & 0xff;
      v >>>= 8;
    }
    return;
  }
  // setBigUint64 stores its argument modulo 2^64.
  SCRATCH_VIEW.setBigUint64(0, x >> 192n);
  SCRATCH_VIEW.setBigUint64(8, x >> 128n);
  SCRATCH_VIEW.setBigUint64(16, x >> 64n);
  SCRATCH_VIEW.setBigUint64(24, x);
  dst.set(SCRATCH, offset);
}


import { keccak256 } from '../crypto/keccak.js';

/** keccak256 of bytes as a word (KECCAK256, CREATE2 and BLOCKHASH helpers). */
export function bytesToWordKeccak(data: Uint8Array): Word {
  return wordFromBytes(keccak256(data), 0, 32);
}
