/**
 * 256-bit EVM words. The representation is hidden behind this module: today a non-negative bigint
 * below 2^256 (BENCHMARKS.md records why). Instruction bodies only use the functions here, so another
 * representation (limbs in typed arrays) can replace it without touching the opcode semantics.
 */

import { createExpKernel, createExpKernelAsync, type ExpKernel } from './expKernel.js';

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

/** MUL: a product that fits keeps its bigint; the mask is cheaper than asUintN (bench/micro: 73 -> 67 ns, small 33 -> 26 ns). */
export function mul(a: Word, b: Word): Word {
  const r = a * b;
  return r > MASK256 ? r & MASK256 : r;
}

/** DIV: division by zero is zero (Yellow Paper). */
export function div(a: Word, b: Word): Word {
  return b === 0n ? 0n : a / b;
}

/**
 * SDIV: two's complement, truncated toward zero; -2^255 / -1 overflows back to -2^255. On magnitudes
 * (2^256 - x for a negative x) instead of BigInt.asIntN/asUintN, which allocate twice as much.
 */
export function sdiv(a: Word, b: Word): Word {
  if (b === 0n) return 0n;
  const na = a >= SIGN_BIT;
  const nb = b >= SIGN_BIT;
  if (!na && !nb) return a / b;
  const q = (na ? TWO256 - a : a) / (nb ? TWO256 - b : b);
  // -2^255 / -1: the quotient 2^255 is its own two's complement, as required
  return na === nb || q === 0n ? q : TWO256 - q;
}

export function mod(a: Word, b: Word): Word {
  return b === 0n ? 0n : a % b;
}

/** SMOD: the result takes the sign of the dividend (as bigint % does), on magnitudes like sdiv. */
export function smod(a: Word, b: Word): Word {
  if (b === 0n) return 0n;
  const na = a >= SIGN_BIT;
  const nb = b >= SIGN_BIT;
  if (!na && !nb) return a % b;
  const r = (na ? TWO256 - a : a) % (nb ? TWO256 - b : b);
  return na && r !== 0n ? TWO256 - r : r;
}

/** ADDMOD with an unbounded intermediate (the sum may exceed 2^256). */
export function addmod(a: Word, b: Word, n: Word): Word {
  return n === 0n ? 0n : (a + b) % n;
}

/** MULMOD with an unbounded (512-bit) intermediate. */
export function mulmod(a: Word, b: Word, n: Word): Word {
  return n === 0n ? 0n : (a * b) % n;
}

/**
 * EXP modulo 2^256. Square-and-multiply costs ~380 256-bit products for a 256-bit exponent; this needs
 * ~64, by 2-adic arithmetic:
 * - an even base: base^e has at least e factors of 2, so it is 0 once e >= 256 (and small otherwise);
 * - an odd base b: after K squarings b^(2^K) = 1 + y with y divisible by 2^(K+2) (b^2 = 1 mod 8, and
 *   each squaring adds a factor of 2 to y). So b^e = b^(e mod 2^K) * (1 + y)^E with E = e >> K, and
 *   (1 + y)^E = sum_i C(E, i) y^i, whose terms vanish mod 2^256 once i(K+2) - v2(i!) >= 256: about a dozen.
 *   The terms are built one from the other: t_i = t_(i-1) * y * (E - i + 1) / i, dividing by the odd
 *   part of i through its inverse and by the power of two as a shift, mod 2^320 so that the bits lost to
 *   the shifts (at most v2(i!) < 64) stay above 2^256.
 * Small exponents use square-and-multiply, which is cheaper there.
 */
export function exp(base: Word, exponent: Word): Word {
  if (exponent === 0n) return 1n;
  if (base < 2n) return base;
  if (base === 2n) return exponent < 256n ? 1n << exponent : 0n;
  const k = exponent >= EXP_KERNEL_FROM ? (expKernel ?? expKernelAfterUse()) : null;
  if ((base & 1n) === 0n) {
    if (exponent >= 256n) return 0n;
    if (k === null) return expBySquaring(base, exponent);
    // base = 2^v o with o odd: base^e = o^e 2^(v e)
    const v = trailingZeros(base);
    const shift = v * Number(exponent);
    return shift >= 256 ? 0n : BigInt.asUintN(256, k.expOdd(base >> BigInt(v), exponent) << BigInt(shift));
  }
  if (k !== null) return k.expOdd(base, exponent);
  if (exponent < EXP_SQUARING_BELOW) return expBySquaring(base, exponent);
  // b^(e mod 2^K) along the squaring chain that ends at b^(2^K).
  let p = base;
  let r = 1n;
  let low = Number(exponent & EXP_LOW_MASK);
  for (let j = 0; j < EXP_K; j++) {
    if (low & 1) r = BigInt.asUintN(256, r * p);
    low >>>= 1;
    p = BigInt.asUintN(256, p * p);
  }
  const y = p - 1n;
  if (y === 0n) return r;
  const E = exponent >> EXP_K_BIG;
  const m = trailingZeros(y);
  let sum = 1n;
  let t = 1n;
  let v2Factorial = 0;
  for (let i = 1; ; i++) {
    const v = EXP_V2[i]!;
    v2Factorial += v;
    // every term from i on has at least i*m - v2(i!) factors of 2
    if (i * m - v2Factorial >= 256) break;
    const f = E - BigInt(i - 1);
    if (f === 0n) break; // C(E, i) = 0 from here on
    t = BigInt.asUintN(320, BigInt.asUintN(320, t * y) * f);
    t = BigInt.asUintN(320, t * EXP_INV[i]!) >> BigInt(v);
    sum += t;
  }
  return BigInt.asUintN(256, r * sum);
}

/**
 * The WebAssembly EXP kernel (./expKernel.ts: ~0.6 us for any exponent, against 1-2 us for an 8-bit and
 * 6-11 us for a 256-bit exponent on bigints), used for exponents from EXP_KERNEL_FROM on. Like keccak's, it
 * is instantiated once the process has done EXP_KERNEL_AFTER such EXPs (ski rental: instantiating costs
 * 2-8 ms, about what 1024 slow EXPs cost; a process that never gets there pays no WebAssembly memory for
 * it). Where WebAssembly is missing bigints stay; where a synchronous compile is refused (a browser's main
 * thread, past 4 KB) it is compiled asynchronously and used from when it is ready.
 */
let expKernel: ExpKernel | null = null;
let expKernelTried = false;
let expCalls = 0;
const EXP_KERNEL_AFTER = 1024;
const EXP_KERNEL_FROM = 16n;

function expKernelAfterUse(): ExpKernel | null {
  if (expKernelTried || ++expCalls < EXP_KERNEL_AFTER) return null;
  return loadExpKernel();
}

/** Instantiates the EXP kernel now (benchmarks and tests; otherwise it loads after use). */
export function loadExpKernel(): ExpKernel | null {
  if (!expKernelTried) {
    expKernelTried = true;
    expKernel = createExpKernel();
    if (expKernel === null) {
      void createExpKernelAsync().then((k) => {
        expKernel = k;
      });
    }
  }
  return expKernel;
}

/** Which EXP runs for exponents from 16 on. */
export function expBackend(): 'wasm' | 'bigint' {
  return expKernel === null ? 'bigint' : 'wasm';
}

/** Square-and-multiply modulo 2^256. */
function expBySquaring(base: Word, exponent: Word): Word {
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

const EXP_K = 21;
const EXP_K_BIG = BigInt(EXP_K);
const EXP_LOW_MASK = (1n << EXP_K_BIG) - 1n;
/** Below this square-and-multiply is as cheap (about 60 products either way at 2^40). */
const EXP_SQUARING_BELOW = 1n << 40n;
/** For i up to 64: v2(i), and the inverse of the odd part of i modulo 2^320 (Newton's iteration). */
const EXP_V2: number[] = [0];
const EXP_INV: bigint[] = [0n];
for (let i = 1; i <= 64; i++) {
  let odd = i;
  let v = 0;
  while ((odd & 1) === 0) {
    odd >>= 1;
    v++;
  }
  const x = BigInt(odd);
  let inv = 1n;
  for (let j = 0; j < 9; j++) inv = BigInt.asUintN(320, inv * (2n - x * inv)); // 1 -> 512 correct bits
  EXP_V2.push(v);
  EXP_INV.push(inv);
}

/** Trailing zero bits of a non-zero word. */
function trailingZeros(x: Word): number {
  let n = 0;
  while ((x & 0xffffffffn) === 0n) {
    x >>= 32n;
    n += 32;
  }
  const low = Number(x & 0xffffffffn);
  return n + 31 - Math.clz32(low & -low);
}

/**
 * Number of bytes in the exponent (EXP dynamic gas): the smallest n with x < 2^(8n), by binary search over
 * 32 constants (five comparisons, which allocate nothing; `toString(16)` cost 60-260 ns per EXP).
 */
export function byteLength(x: Word): number {
  if (x === 0n) return 0;
  let lo = 1;
  let hi = 32;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < BYTE_BOUND[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** BYTE_BOUND[n] = 2^(8n). */
const BYTE_BOUND: readonly bigint[] = Array.from({ length: 33 }, (_, n) => 1n << BigInt(8 * n));

/** SIGNEXTEND: extend the sign of the (b+1)-byte value x. */
export function signextend(b: Word, x: Word): Word {
  if (b >= 31n) return x;
  const i = Number(b);
  // with precomputed masks: one test of the sign bit and one and/or, no asIntN/asUintN round trip
  return (x & EXT_SIGN[i]!) !== 0n ? x | EXT_HIGH[i]! : x & EXT_LOW[i]!;
}

/** For SIGNEXTEND of a (b+1)-byte value: its sign bit, its bits, and the bits above them. */
const EXT_SIGN: bigint[] = [];
const EXT_LOW: bigint[] = [];
const EXT_HIGH: bigint[] = [];
for (let i = 0; i < 31; i++) {
  const bits = BigInt(8 * i + 8);
  EXT_SIGN.push(1n << (bits - 1n));
  EXT_LOW.push((1n << bits) - 1n);
  EXT_HIGH.push(MASK256 ^ ((1n << bits) - 1n));
}

/** SLT: by the sign bits first, then as unsigned (same-signed words order alike either way). */
export function slt(a: Word, b: Word): Word {
  const na = a >= SIGN_BIT;
  if (na !== b >= SIGN_BIT) return na ? 1n : 0n;
  return a < b ? 1n : 0n;
}

export function sgt(a: Word, b: Word): Word {
  const na = a >= SIGN_BIT;
  if (na !== b >= SIGN_BIT) return na ? 0n : 1n;
  return a > b ? 1n : 0n;
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
  // a negative x shifts in ones: the complement of (the complement shifted)
  return neg ? MASK256 ^ ((MASK256 ^ x) >> shift) : x >> shift;
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
    // Stores, four to an iteration: a fill() call costs more than the 28 bytes (bench: 15-22 vs 36 ns).
    const e = offset + 28;
    for (let i = offset; i < e; i += 4) {
      dst[i] = 0;
      dst[i + 1] = 0;
      dst[i + 2] = 0;
      dst[i + 3] = 0;
    }
    const v = Number(x);
    dst[e] = v >>> 24;
    dst[e + 1] = (v >>> 16) & 0xff;
    dst[e + 2] = (v >>> 8) & 0xff;
    dst[e + 3] = v & 0xff;
    return;
  }
  // setBigUint64 stores its argument modulo 2^64.
  SCRATCH_VIEW.setBigUint64(0, x >> 192n);
  SCRATCH_VIEW.setBigUint64(8, x >> 128n);
  SCRATCH_VIEW.setBigUint64(16, x >> 64n);
  SCRATCH_VIEW.setBigUint64(24, x);
  dst.set(SCRATCH, offset);
}

import { keccak256Word, keccak256WordAt } from '../crypto/keccak.js';

/** keccak256 of bytes as a word (KECCAK256, CREATE2 and BLOCKHASH helpers). */
export function bytesToWordKeccak(data: Uint8Array): Word {
  return keccak256Word(data);
}

/** keccak256 of `len` bytes of `src` at `off` as a word (KECCAK256 on frame memory). */
export function keccakWordAt(src: Uint8Array, off: number, len: number): Word {
  return keccak256WordAt(src, off, len);
}
