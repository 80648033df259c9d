/**
 * 256-bit words as eight 32-bit limbs in a Uint32Array (prototype A).
 *
 * A word is addressed by the offset of its least significant limb (a multiple of 8): limb i holds bits
 * 32i..32i+31, so word w of a stack lives at s[8w .. 8w+7]. Every function takes the array and offsets,
 * and writes results in place; a result may alias an operand (the stack pops two and overwrites the
 * second). Nothing here allocates: scratch digits are module-level typed arrays.
 *
 * Limb arithmetic stays exact: sums of two limbs and a carry are < 2^33 (doubles); products use 16-bit
 * digits multiplied with Math.imul and summed in int32 halves. Division is Knuth's algorithm D on 16-bit
 * digits (Hacker's Delight `divmnu`), int32 in its inner loop, so DIV/MOD/ADDMOD/MULMOD never touch bigint.
 */

export const LIMBS = 8;
const TWO32 = 4294967296;

/** True on little-endian hosts, which `toBigint`/`setBigint` rely on (they alias a BigUint64Array). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

// ---------------------------------------------------------------- small values

export function isZero(s: Uint32Array, a: number): boolean {
  return (s[a]! | s[a + 1]! | s[a + 2]! | s[a + 3]! | s[a + 4]! | s[a + 5]! | s[a + 6]! | s[a + 7]!) === 0;
}

/** Whether limbs 1..7 are zero (the value fits in limb 0). */
export function fitsLimb(s: Uint32Array, a: number): boolean {
  return (s[a + 1]! | s[a + 2]! | s[a + 3]! | s[a + 4]! | s[a + 5]! | s[a + 6]! | s[a + 7]!) === 0;
}

/** The value as a JS number when below 2^53, else -1. */
export function toSafe(s: Uint32Array, a: number): number {
  if ((s[a + 2]! | s[a + 3]! | s[a + 4]! | s[a + 5]! | s[a + 6]! | s[a + 7]!) !== 0) return -1;
  const hi = s[a + 1]!;
  return hi < 0x200000 ? hi * TWO32 + s[a]! : -1;
}

/** Writes a number in [0, 2^53). */
export function setSafe(s: Uint32Array, r: number, v: number): void {
  s[r] = v; // ToUint32: the low limb
  s[r + 1] = v / TWO32; // ToUint32 truncates: the high part
  s[r + 2] = 0;
  s[r + 3] = 0;
  s[r + 4] = 0;
  s[r + 5] = 0;
  s[r + 6] = 0;
  s[r + 7] = 0;
}

/** Writes a value below 2^32 (booleans, sizes, bytes). */
export function setU32(s: Uint32Array, r: number, v: number): void {
  s[r] = v;
  s[r + 1] = 0;
  s[r + 2] = 0;
  s[r + 3] = 0;
  s[r + 4] = 0;
  s[r + 5] = 0;
  s[r + 6] = 0;
  s[r + 7] = 0;
}

export function copy(s: Uint32Array, r: number, src: Uint32Array, a: number): void {
  s[r] = src[a]!;
  s[r + 1] = src[a + 1]!;
  s[r + 2] = src[a + 2]!;
  s[r + 3] = src[a + 3]!;
  s[r + 4] = src[a + 4]!;
  s[r + 5] = src[a + 5]!;
  s[r + 6] = src[a + 6]!;
  s[r + 7] = src[a + 7]!;
}

// ---------------------------------------------------------------- add, sub, compare

/** r = a + b mod 2^256 (unrolled carry chain). */
export function add(s: Uint32Array, r: number, a: number, b: number): void {
  let t = s[a]! + s[b]!;
  s[r] = t;
  t = s[a + 1]! + s[b + 1]! + (t > 0xffffffff ? 1 : 0);
  s[r + 1] = t;
  t = s[a + 2]! + s[b + 2]! + (t > 0xffffffff ? 1 : 0);
  s[r + 2] = t;
  t = s[a + 3]! + s[b + 3]! + (t > 0xffffffff ? 1 : 0);
  s[r + 3] = t;
  t = s[a + 4]! + s[b + 4]! + (t > 0xffffffff ? 1 : 0);
  s[r + 4] = t;
  t = s[a + 5]! + s[b + 5]! + (t > 0xffffffff ? 1 : 0);
  s[r + 5] = t;
  t = s[a + 6]! + s[b + 6]! + (t > 0xffffffff ? 1 : 0);
  s[r + 6] = t;
  s[r + 7] = s[a + 7]! + s[b + 7]! + (t > 0xffffffff ? 1 : 0);
}

/** r = a - b mod 2^256. */
export function sub(s: Uint32Array, r: number, a: number, b: number): void {
  let t = s[a]! - s[b]!;
  s[r] = t; // ToUint32 wraps a negative difference
  t = s[a + 1]! - s[b + 1]! - (t < 0 ? 1 : 0);
  s[r + 1] = t;
  t = s[a + 2]! - s[b + 2]! - (t < 0 ? 1 : 0);
  s[r + 2] = t;
  t = s[a + 3]! - s[b + 3]! - (t < 0 ? 1 : 0);
  s[r + 3] = t;
  t = s[a + 4]! - s[b + 4]! - (t < 0 ? 1 : 0);
  s[r + 4] = t;
  t = s[a + 5]! - s[b + 5]! - (t < 0 ? 1 : 0);
  s[r + 5] = t;
  t = s[a + 6]! - s[b + 6]! - (t < 0 ? 1 : 0);
  s[r + 6] = t;
  s[r + 7] = s[a + 7]! - s[b + 7]! - (t < 0 ? 1 : 0);
}

/** Unsigned a < b. */
export function lt(s: Uint32Array, a: number, b: number): boolean {
  for (let i = 7; i >= 0; i--) {
    const x = s[a + i]!;
    const y = s[b + i]!;
    if (x !== y) return x < y;
  }
  return false;
}

/** Signed (two's complement) a < b: the top limbs compare as int32, the rest unsigned. */
export function slt(s: Uint32Array, a: number, b: number): boolean {
  const x = s[a + 7]! | 0;
  const y = s[b + 7]! | 0;
  if (x !== y) return x < y;
  for (let i = 6; i >= 0; i--) {
    const u = s[a + i]!;
    const v = s[b + i]!;
    if (u !== v) return u < v;
  }
  return false;
}

export function eq(s: Uint32Array, a: number, b: number): boolean {
  return (
    s[a] === s[b] &&
    s[a + 1] === s[b + 1] &&
    s[a + 2] === s[b + 2] &&
    s[a + 3] === s[b + 3] &&
    s[a + 4] === s[b + 4] &&
    s[a + 5] === s[b + 5] &&
    s[a + 6] === s[b + 6] &&
    s[a + 7] === s[b + 7]
  );
}

export function isNegative(s: Uint32Array, a: number): boolean {
  return s[a + 7]! >= 0x80000000;
}

// ---------------------------------------------------------------- shifts, bytes

/** r = x << n (n < 256); r may alias x. Walks down so each source limb is read before it is written. */
export function shl(s: Uint32Array, r: number, x: number, n: number): void {
  const q = n >>> 5;
  const b = n & 31;
  for (let i = 7; i >= 0; i--) {
    const j = i - q;
    if (j < 0) s[r + i] = 0;
    else if (b === 0) s[r + i] = s[x + j]!;
    else s[r + i] = (s[x + j]! << b) | (j > 0 ? s[x + j - 1]! >>> (32 - b) : 0);
  }
}

/** r = x >> n (n < 256), filling with `fill` (0 or 0xffffffff for SAR); r may alias x. Walks up. */
export function shr(s: Uint32Array, r: number, x: number, n: number, fill: number): void {
  const q = n >>> 5;
  const b = n & 31;
  for (let i = 0; i < 8; i++) {
    const j = i + q;
    const lo = j < 8 ? s[x + j]! : fill;
    if (b === 0) s[r + i] = lo;
    else s[r + i] = (lo >>> b) | ((j + 1 < 8 ? s[x + j + 1]! : fill) << (32 - b));
  }
}

/** SIGNEXTEND(b, x) for b < 31, in place on x. */
export function signextend(s: Uint32Array, x: number, b: number): void {
  const t = 8 * b + 7; // the sign bit
  const limb = t >>> 5;
  const bit = t & 31;
  const keep = 0xffffffff >>> (31 - bit); // bits 0..bit
  const v = s[x + limb]!;
  const negative = ((v >>> bit) & 1) === 1;
  s[x + limb] = negative ? v | ~keep : v & keep;
  const fill = negative ? 0xffffffff : 0;
  for (let i = limb + 1; i < 8; i++) s[x + i] = fill;
}

/** BYTE(i, x) for i < 32: the i-th byte counting from the most significant. */
export function byteAt(s: Uint32Array, x: number, i: number): number {
  const k = 31 - i;
  return (s[x + (k >>> 2)]! >>> ((k & 3) * 8)) & 0xff;
}

/** Number of significant bytes (EXP gas). */
export function byteLength(s: Uint32Array, a: number): number {
  for (let i = 7; i >= 0; i--) {
    const v = s[a + i]!;
    if (v !== 0) return 4 * i + 4 - (Math.clz32(v) >>> 3);
  }
  return 0;
}

// ---------------------------------------------------------------- bytes <-> limbs

/** Reads 32 big-endian bytes at src[off..off+32) (the caller guarantees they exist). */
export function fromBytes32(s: Uint32Array, r: number, src: Uint8Array, off: number): void {
  for (let i = 7, o = off; i >= 0; i--, o += 4) {
    s[r + i] = (src[o]! << 24) | (src[o + 1]! << 16) | (src[o + 2]! << 8) | src[o + 3]!;
  }
}

/** Reads `len` (<= 32) big-endian bytes as a word (PUSH immediates). */
export function fromBytes(s: Uint32Array, r: number, src: Uint8Array, off: number, len: number): void {
  setU32(s, r, 0);
  for (let k = 0; k < len; k++) {
    const pos = len - 1 - k; // byte significance
    s[r + (pos >>> 2)]! |= src[off + k]! << ((pos & 3) * 8);
  }
}

/** Reads 32 bytes at src[off..), zero past the end of src (CALLDATALOAD). */
export function fromBytesPadded(s: Uint32Array, r: number, src: Uint8Array, off: number): void {
  if (off + 32 <= src.length) {
    fromBytes32(s, r, src, off);
    return;
  }
  setU32(s, r, 0);
  for (let k = 0; k < 32 && off + k < src.length; k++) {
    const pos = 31 - k;
    s[r + (pos >>> 2)]! |= src[off + k]! << ((pos & 3) * 8);
  }
}

/** Writes the word as 32 big-endian bytes at dst[off..off+32). */
export function toBytes32(s: Uint32Array, a: number, dst: Uint8Array, off: number): void {
  for (let i = 7, o = off; i >= 0; i--, o += 4) {
    const v = s[a + i]!;
    dst[o] = v >>> 24;
    dst[o + 1] = v >>> 16;
    dst[o + 2] = v >>> 8;
    dst[o + 3] = v;
  }
}

// ---------------------------------------------------------------- bigint bridge (storage keys, fallback)

/** The word as a bigint, through a BigUint64Array view of the same buffer (little-endian hosts). */
export function toBigint(s64: BigUint64Array, a: number): bigint {
  const q = a >>> 1;
  const x = s64[q]!;
  const hi = s64[q + 1]! | s64[q + 2]! | s64[q + 3]!;
  if (hi === 0n) return x;
  return x | (s64[q + 1]! << 64n) | (s64[q + 2]! << 128n) | (s64[q + 3]! << 192n);
}

/** Writes a bigint in [0, 2^256) (a BigUint64Array store keeps the low 64 bits). */
export function setBigint(s64: BigUint64Array, r: number, x: bigint): void {
  const q = r >>> 1;
  s64[q] = x;
  s64[q + 1] = x >> 64n;
  s64[q + 2] = x >> 128n;
  s64[q + 3] = x >> 192n;
}

// ---------------------------------------------------------------- 16-bit digits (MUL and division)

/** Scratch digit arrays (little-endian base 2^16). */
const DA = new Int32Array(16);
const DB = new Int32Array(16);
/** Dividend, up to 512 bits (MULMOD), plus one digit for normalization. */
const U = new Int32Array(33);
const UN = new Int32Array(33);
const V = new Int32Array(16);
const Q = new Int32Array(33);

/**
 * Loads word a into 16-bit digits, optionally negated (two's complement, for SDIV/SMOD);
 * returns the number of significant digits.
 */
function loadDigits(s: Uint32Array, a: number, d: Int32Array, negate: boolean): number {
  let n = 0;
  let carry = 1;
  for (let i = 0; i < 8; i++) {
    let v = s[a + i]!;
    let lo = v & 0xffff;
    let hi = v >>> 16;
    if (negate) {
      lo = (lo ^ 0xffff) + carry;
      carry = lo >>> 16;
      lo &= 0xffff;
      hi = (hi ^ 0xffff) + carry;
      carry = hi >>> 16;
      hi &= 0xffff;
      v = lo | hi;
    }
    d[2 * i] = lo;
    d[2 * i + 1] = hi;
    if (v !== 0) n = hi !== 0 ? 2 * i + 2 : 2 * i + 1;
  }
  return n;
}

/** Stores 16 digits (count significant, the rest zero) as a word, optionally negated. */
function storeDigits(d: Int32Array, count: number, s: Uint32Array, r: number, negate: boolean): void {
  let carry = 1;
  for (let i = 0; i < 8; i++) {
    let lo = 2 * i < count ? d[2 * i]! : 0;
    let hi = 2 * i + 1 < count ? d[2 * i + 1]! : 0;
    if (negate) {
      lo = (lo ^ 0xffff) + carry;
      carry = lo >>> 16;
      lo &= 0xffff;
      hi = (hi ^ 0xffff) + carry;
      carry = hi >>> 16;
      hi &= 0xffff;
    }
    s[r + i] = lo | (hi << 16);
  }
}

/**
 * Column k of the product of DA (na digits) and DB (nb digits), plus `carry`: returns the column's digit
 * and leaves the next carry in `colCarry`. All int32: a 16x16-bit product by Math.imul is split into
 * its 16-bit halves before summing, so a 16-term column never leaves int32 (no doubles in the loop).
 */
let colCarry = 0;
function column(k: number, na: number, nb: number, carry: number): number {
  let lo = carry;
  let hi = 0;
  for (let i = k - nb + 1 > 0 ? k - nb + 1 : 0, top = k < na - 1 ? k : na - 1; i <= top; i++) {
    const p = Math.imul(DA[i]!, DB[k - i]!); // the uint32 product, as int32 bits
    lo += p & 0xffff;
    hi += p >>> 16;
  }
  colCarry = (lo >>> 16) + hi;
  return lo & 0xffff;
}

/** r = a * b mod 2^256: schoolbook on 16-bit digits, columns skipped past the operands' length. */
export function mul(s: Uint32Array, r: number, a: number, b: number): void {
  const na = loadDigits(s, a, DA, false);
  const nb = loadDigits(s, b, DB, false);
  if (na === 0 || nb === 0) {
    setU32(s, r, 0);
    return;
  }
  let carry = 0;
  for (let k = 0; k < 16; k += 2) {
    const lo = column(k, na, nb, carry);
    const hi = column(k + 1, na, nb, colCarry);
    carry = colCarry;
    s[r + (k >>> 1)] = lo | (hi << 16);
  }
}

/**
 * Divides U (m significant digits) by V (n significant digits, n >= 1): quotient digits into Q
 * (m - n + 1 of them, or none when m < n), remainder into U[0..n-1] (digits above it zeroed).
 */
function divideDigits(m: number, n: number): number {
  if (m < n) return 0; // quotient 0, remainder U as is
  if (n === 1) {
    const d = V[0]!;
    let rem = 0;
    for (let i = m - 1; i >= 0; i--) {
      const num = rem * 65536 + U[i]!;
      const q = Math.floor(num / d);
      Q[i] = q;
      rem = num - q * d;
    }
    U[0] = rem;
    for (let i = 1; i < m; i++) U[i] = 0;
    return m;
  }
  // Knuth D: normalize so the divisor's top digit has its high bit set.
  const sh = Math.clz32(V[n - 1]!) - 16;
  for (let i = n - 1; i > 0; i--) V[i] = ((V[i]! << sh) | (V[i - 1]! >>> (16 - sh))) & 0xffff;
  V[0] = (V[0]! << sh) & 0xffff;
  UN[m] = U[m - 1]! >>> (16 - sh);
  for (let i = m - 1; i > 0; i--) UN[i] = ((U[i]! << sh) | (U[i - 1]! >>> (16 - sh))) & 0xffff;
  UN[0] = (U[0]! << sh) & 0xffff;
  const vTop = V[n - 1]!;
  const vNext = V[n - 2]!;
  for (let j = m - n; j >= 0; j--) {
    const num = UN[j + n]! * 65536 + UN[j + n - 1]!;
    let qhat = Math.floor(num / vTop);
    let rhat = num - qhat * vTop;
    while (qhat >= 65536 || qhat * vNext > rhat * 65536 + UN[j + n - 2]!) {
      qhat--;
      rhat += vTop;
      if (rhat >= 65536) break;
    }
    // UN[j..j+n] -= qhat * V
    // (all int32: qhat <= 0xffff here, so Math.imul gives the exact product's bits)
    let borrow = 0;
    let t = 0;
    for (let i = 0; i < n; i++) {
      const p = Math.imul(qhat, V[i]!);
      t = UN[i + j]! - borrow - (p & 0xffff);
      UN[i + j] = t & 0xffff;
      borrow = (p >>> 16) - (t >> 16);
    }
    t = UN[j + n]! - borrow;
    UN[j + n] = t & 0xffff;
    Q[j] = qhat;
    if (t < 0) {
      // qhat was one too large (rare): add the divisor back
      Q[j] = qhat - 1;
      let carry = 0;
      for (let i = 0; i < n; i++) {
        t = UN[i + j]! + V[i]! + carry;
        UN[i + j] = t & 0xffff;
        carry = t >>> 16;
      }
      UN[j + n] = (UN[j + n]! + carry) & 0xffff;
    }
  }
  // Unnormalize the remainder into U.
  for (let i = 0; i < n - 1; i++) U[i] = ((UN[i]! >>> sh) | (UN[i + 1]! << (16 - sh))) & 0xffff;
  U[n - 1] = UN[n - 1]! >>> sh;
  for (let i = n; i < m; i++) U[i] = 0;
  return m - n + 1;
}

/** k when the word is exactly 2^k, else -1. */
function log2Exact(s: Uint32Array, b: number): number {
  let k = -1;
  for (let i = 0; i < 8; i++) {
    const v = s[b + i]!;
    if (v === 0) continue;
    if (k >= 0 || (v & (v - 1)) !== 0) return -1;
    k = 32 * i + 31 - Math.clz32(v);
  }
  return k;
}

/**
 * DIV/MOD/SDIV/SMOD: writes a / b (when q >= 0) and a % b (when rem >= 0); b = 0 gives 0. Signed:
 * operands by magnitude, the quotient negative when the signs differ, the remainder with a's sign.
 * Fast paths: dividend and divisor below 2^53 in doubles (`%` is exact on integers); a power-of-two
 * divisor of a non-negative dividend as a shift.
 */
export function divmod(s: Uint32Array, a: number, b: number, q: number, rem: number, signed: boolean): void {
  const negA = signed && isNegative(s, a);
  const negB = signed && isNegative(s, b);
  if (!negA && !negB) {
    const x = toSafe(s, a);
    const y = toSafe(s, b);
    if (x >= 0 && y >= 0) {
      const rr = y === 0 ? 0 : x % y;
      const qq = y === 0 ? 0 : (x - rr) / y;
      if (q >= 0) setSafe(s, q, qq);
      if (rem >= 0) setSafe(s, rem, rr);
      return;
    }
  }
  if (!negA && !negB) {
    // A power-of-two divisor (solc's pre-Constantinople shift idiom): a shift and a mask.
    const k = log2Exact(s, b);
    if (k >= 0) {
      if (rem >= 0) {
        // rem may alias b (already read) but not a
        for (let i = 0; i < 8; i++) {
          const bitsBelow = k - 32 * i; // bits of limb i that stay
          s[rem + i] = bitsBelow >= 32 ? s[a + i]! : bitsBelow <= 0 ? 0 : s[a + i]! & (0xffffffff >>> (32 - bitsBelow));
        }
      }
      if (q >= 0) shr(s, q, a, k, 0);
      return;
    }
  }
  const m = loadDigits(s, a, U, negA);
  const n = loadDigits(s, b, V, negB);
  if (n === 0) {
    if (q >= 0) setU32(s, q, 0);
    if (rem >= 0) setU32(s, rem, 0);
    return;
  }
  const qn = divideDigits(m, n);
  if (q >= 0) storeDigits(Q, qn, s, q, negA !== negB);
  if (rem >= 0) storeDigits(U, m < n ? m : n, s, rem, negA);
}

/** ADDMOD: (a + b) % n with the 257-bit sum; n = 0 gives 0. */
export function addmod(s: Uint32Array, r: number, a: number, b: number, n: number): void {
  const vn = loadDigits(s, n, V, false);
  if (vn === 0) {
    setU32(s, r, 0);
    return;
  }
  loadDigits(s, a, DA, false);
  loadDigits(s, b, DB, false);
  let carry = 0;
  let m = 0;
  for (let i = 0; i < 16; i++) {
    const t = DA[i]! + DB[i]! + carry;
    U[i] = t & 0xffff;
    carry = t >>> 16;
    if (U[i] !== 0) m = i + 1;
  }
  U[16] = carry;
  if (carry !== 0) m = 17;
  divideDigits(m, vn);
  storeDigits(U, m < vn ? m : vn, s, r, false);
}

/** MULMOD: (a * b) % n with the full 512-bit product; n = 0 gives 0. */
export function mulmod(s: Uint32Array, r: number, a: number, b: number, n: number): void {
  const vn = loadDigits(s, n, V, false);
  const na = loadDigits(s, a, DA, false);
  const nb = loadDigits(s, b, DB, false);
  if (vn === 0 || na === 0 || nb === 0) {
    setU32(s, r, 0);
    return;
  }
  let carry = 0;
  let m = 0;
  const top = na + nb; // the product has at most na + nb digits
  for (let k = 0; k < top; k++) {
    const d = column(k, na, nb, carry);
    carry = colCarry;
    U[k] = d;
    if (d !== 0) m = k + 1;
  }
  divideDigits(m, vn);
  storeDigits(U, m < vn ? m : vn, s, r, false);
}
