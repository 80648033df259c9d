/**
 * 0x05 MODEXP (Byzantium, EIP-198; execution-specs `precompiled_contracts/modexp.py`).
 *
 * Input: baseLen(32) || expLen(32) || modLen(32) || base || exp || mod, every field zero-padded past the
 * end of the input. Output: base^exp mod mod as exactly modLen bytes (all zero when mod is 0; empty when
 * baseLen and modLen are both 0).
 *
 * Three price lists, one object each; the registry (registry.ts) puts the right one at 0x05 per fork:
 * - {@link modexpEip198}  Byzantium .. Istanbul (EIP-198): mult_complexity(max) * adjusted_exp_len / 20.
 * - {@link modexpEip2565} Berlin .. Prague (EIP-2565): ceil(max/8)^2 * iterations / 3, at least 200.
 * - {@link modexpEip7883} Osaka (EIP-7883 prices, min 500, doubled word complexity, 16 per exp byte over 32;
 *   EIP-7823 bounds: a base, exponent or modulus length over 1024 bytes makes the call fail).
 *
 * Lengths are 256-bit values taken from the input: every gas computation is in bigints, and nothing is
 * allocated from a length without a bound. The computation is bigint square-and-multiply with a sliding
 * window (JavaScript has no native modular exponentiation); its work is bounded by the input bytes.
 */
import type { Rules } from '../spec/rules.js';
import { bytesToBigint, hexToBytes } from '../primitives/hex.js';
import type { Precompile } from './types.js';
import { readUint } from './input.js';

const EMPTY = new Uint8Array(0);

/** The three length words and the first (up to) 32 bytes of the exponent: all that the gas depends on. */
export interface ModexpHeader {
  readonly baseLen: bigint;
  readonly expLen: bigint;
  readonly modLen: bigint;
  /** The first min(32, expLen) bytes of the exponent as a big-endian integer (zero-padded past the input). */
  readonly expHead: bigint;
}

function modexpHeader(input: Uint8Array): ModexpHeader {
  const baseLen = readUint(input, 0n, 32);
  const expLen = readUint(input, 32n, 32);
  const modLen = readUint(input, 64n, 32);
  const expHead = readUint(input, 96n + baseLen, Number(expLen < 32n ? expLen : 32n));
  return { baseLen, expLen, modLen, expHead };
}

function bitLength(x: bigint): bigint {
  return x === 0n ? 0n : BigInt(x.toString(2).length);
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** Index of the highest set bit of the exponent head (0 when the head is 0): the "bits part" of every EIP. */
function headBits(expHead: bigint): bigint {
  const bl = bitLength(expHead);
  return bl > 0n ? bl - 1n : 0n;
}

/**
 * Iteration count shared by EIP-198, EIP-2565 and EIP-7883: the bit index of the exponent head, plus
 * `perByte` for every exponent byte beyond the first 32 (8 before Osaka, 16 from EIP-7883); at least 1.
 */
function iterationCount(h: ModexpHeader, perByte: bigint): bigint {
  const count = h.expLen <= 32n ? headBits(h.expHead) : perByte * (h.expLen - 32n) + headBits(h.expHead);
  return max(count, 1n);
}

/** EIP-198 gas: mult_complexity(max(baseLen, modLen)) * max(adjusted_exponent_length, 1) / GQUADDIVISOR (20). */
function modexpGasEip198(h: ModexpHeader): bigint {
  const x = max(h.baseLen, h.modLen);
  let complexity: bigint;
  if (x <= 64n) complexity = x * x;
  else if (x <= 1024n) complexity = (x * x) / 4n + 96n * x - 3072n;
  else complexity = (x * x) / 16n + 480n * x - 199680n;
  return (complexity * iterationCount(h, 8n)) / 20n;
}

/** EIP-2565 gas: max(200, ceil(max(baseLen, modLen) / 8)^2 * iterations / 3). */
function modexpGasEip2565(h: ModexpHeader): bigint {
  const words = (max(h.baseLen, h.modLen) + 7n) / 8n;
  return max(200n, (words * words * iterationCount(h, 8n)) / 3n);
}

/**
 * EIP-7883 gas: max(500, complexity * iterations), complexity 16 up to 32 bytes and 2 * ceil(max/8)^2 above,
 * iterations counting 16 per exponent byte beyond 32.
 */
function modexpGasEip7883(h: ModexpHeader): bigint {
  const x = max(h.baseLen, h.modLen);
  const words = (x + 7n) / 8n;
  const complexity = x <= 32n ? 16n : 2n * words * words;
  return max(500n, complexity * iterationCount(h, 16n));
}

/** EIP-7823 (Osaka): the largest base, exponent and modulus length the precompile accepts, in bytes. */
const MODEXP_MAX_INPUT_FIELD_SIZE = 1024n;

/**
 * A modulus length beyond this many bytes (16 MiB) cannot be paid for under any price list: its
 * multiplication complexity alone costs more than 2^39 gas (EIP-198: 2^44 / 20, EIP-2565: 2^42 / 3).
 * The output buffer therefore never has to be larger; a larger modLen fails instead of allocating.
 */
const MAX_OUTPUT_BYTES = 1n << 24n;

/** A zero-padded field of the input: value = `head` * 2^`zeroBits` (`head` holds the bytes inside the input). */
interface Field {
  readonly head: bigint;
  readonly zeroBits: bigint;
}

function field(input: Uint8Array, start: bigint, len: bigint): Field {
  const n = BigInt(input.length);
  if (len === 0n || start >= n) return { head: 0n, zeroBits: 0n };
  const end = start + len;
  const availEnd = end < n ? end : n;
  const head = bytesToBigint(input.subarray(Number(start), Number(availEnd)));
  return { head, zeroBits: 8n * (end - availEnd) };
}

/**
 * base^exp mod m (m >= 1) by left-to-right sliding-window exponentiation (window 4-5 bits for long
 * exponents). Plain bigint arithmetic: V8 has no modular exponentiation, and measured, neither Montgomery
 * nor Barrett reduction in bigints beats `%` at these sizes.
 */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  if (m === 1n) return 0n;
  base %= m;
  if (exp === 0n) return 1n;
  if (base === 0n) return 0n;
  const bits = exp.toString(2);
  const n = bits.length;
  const WINDOW = n > 256 ? 5 : n > 32 ? 4 : 1;
  // Odd powers base^1, base^3, ..., base^(2^WINDOW - 1).
  const odd: bigint[] = [base];
  if (WINDOW > 1) {
    const sq = (base * base) % m;
    for (let i = 1; i < 1 << (WINDOW - 1); i++) odd.push((odd[i - 1]! * sq) % m);
  }
  let r = 1n;
  let i = 0;
  while (i < n) {
    if (bits.charCodeAt(i) === 48 /* '0' */) {
      r = (r * r) % m;
      i++;
      continue;
    }
    let j = Math.min(i + WINDOW, n);
    while (bits.charCodeAt(j - 1) === 48) j--;
    const window = parseInt(bits.slice(i, j), 2);
    for (let k = i; k < j; k++) r = (r * r) % m;
    r = (r * odd[(window - 1) >> 1]!) % m;
    i = j;
  }
  return r;
}

/** The MODEXP operation itself; `maxFieldLen` is the EIP-7823 bound (undefined before Osaka). */
function modexpRun(input: Uint8Array, maxFieldLen: bigint | undefined): Uint8Array | null {
  const baseLen = readUint(input, 0n, 32);
  const expLen = readUint(input, 32n, 32);
  const modLen = readUint(input, 64n, 32);
  if (maxFieldLen !== undefined && (baseLen > maxFieldLen || expLen > maxFieldLen || modLen > maxFieldLen)) {
    return null;
  }
  if (baseLen === 0n && modLen === 0n) return EMPTY;
  if (modLen > MAX_OUTPUT_BYTES) return null; // unreachable under any gas limit, see MAX_OUTPUT_BYTES
  const len = Number(modLen);
  const expStart = 96n + baseLen;
  const mod = field(input, expStart + expLen, modLen);
  if (mod.head === 0n) return new Uint8Array(len);
  // A nonzero modulus has a byte inside the input, so the base and the exponent, which come before it,
  // lie wholly inside the input: only the modulus can have a zero-padded tail (bounded by modLen).
  const m = mod.head << mod.zeroBits;
  const base = field(input, 96n, baseLen).head;
  const exp = field(input, expStart, expLen).head;
  return toBytes(modPow(base, exp, m), len);
}

/** v (< 256^len) as exactly `len` big-endian bytes. */
function toBytes(v: bigint, len: number): Uint8Array {
  return hexToBytes(v.toString(16).padStart(2 * len, '0'));
}

/** MODEXP with EIP-198 prices (Byzantium .. Istanbul). */
export const modexpEip198: Precompile = {
  name: 'MODEXP',
  gas(input: Uint8Array, _rules: Rules): bigint {
    return modexpGasEip198(modexpHeader(input));
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array | null {
    return modexpRun(input, undefined);
  },
};

/** MODEXP with EIP-2565 prices (Berlin .. Prague). */
export const modexpEip2565: Precompile = {
  name: 'MODEXP',
  gas(input: Uint8Array, _rules: Rules): bigint {
    return modexpGasEip2565(modexpHeader(input));
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array | null {
    return modexpRun(input, undefined);
  },
};

/** MODEXP with EIP-7883 prices and the EIP-7823 input bounds (Osaka). */
export const modexpEip7883: Precompile = {
  name: 'MODEXP',
  gas(input: Uint8Array, _rules: Rules): bigint {
    return modexpGasEip7883(modexpHeader(input));
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array | null {
    return modexpRun(input, MODEXP_MAX_INPUT_FIELD_SIZE);
  },
};
