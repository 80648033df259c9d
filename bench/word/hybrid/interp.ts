/**
 * Prototype B: a small-number fast path. A stack slot is a double in `num` (a Float64Array, so never
 * boxed) when the value is below 2^53, else `num` holds the tag BIG (-1) and the value is the bigint in
 * the parallel array `big`. The representation is canonical (a value below 2^53 is never a bigint), so
 * EQ/ISZERO/JUMPI never look at `big`. Every handler tries doubles first (exact below 2^53: `+`, `*` when
 * the result is still safe, `%`, division by powers of two) and falls back to evmkit's bigint word
 * functions (src/word/word.ts) when an operand or the result is large, normalizing the result.
 *
 * The shell (frame, loop, stack/gas checks from evmkit's London table) is the control's, ../bigint/.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import * as W from '../../../src/word/index.js';
import { Status, keepsGas, statusName, type RunResult } from '../shell/status.js';
import { STATIC_GAS, STACK_MIN, STACK_MAX, STACK_LIMIT, EXP_BYTE_GAS, SSTORE_SENTRY_GAS } from '../shell/table.js';
import { MAX_MEMORY, copyGas, copyPadded, growBuffer, memoryCost } from '../shell/memory.js';
import { analyzeShape } from '../shell/analysis.js';
import { SlotStore } from '../shell/storage.js';
import { checkGas, type MiniMessage } from '../shell/env.js';

type Handler = (f: HybridFrame) => Status;

/** `num[i] === BIG`: the value is `big[i]` (>= 2^53). */
const BIG = -1;
const MAX_SAFE = Number.MAX_SAFE_INTEGER; // 2^53 - 1
const MAX_SAFE_BIG = BigInt(MAX_SAFE);
const TWO32 = 4294967296;

interface Prepared {
  readonly code: Uint8Array;
  readonly codeLength: number;
  readonly jumpdests: Uint8Array;
  /** PUSH immediates by pc: the number, or BIG with the bigint in pushBig. */
  readonly pushNum: Float64Array;
  readonly pushBig: bigint[];
}

const prepared = new WeakMap<Uint8Array, Prepared>();

function prepare(code: Uint8Array): Prepared {
  let p = prepared.get(code);
  if (p === undefined) {
    const shape = analyzeShape(code);
    const pushNum = new Float64Array(shape.length);
    const pushBig: bigint[] = new Array<bigint>(shape.length).fill(0n);
    for (const pc of shape.pushSites) {
      const v = W.wordFromBytes(shape.padded, pc + 1, shape.padded[pc]! - 0x5f);
      if (v <= MAX_SAFE_BIG) pushNum[pc] = Number(v);
      else {
        pushNum[pc] = BIG;
        pushBig[pc] = v;
      }
    }
    p = { code: shape.padded, codeLength: shape.length, jumpdests: shape.jumpdests, pushNum, pushBig };
    prepared.set(code, p);
  }
  return p;
}

class HybridFrame {
  pc = 0;
  gas: number;
  sp = 0;
  readonly num = new Float64Array(STACK_LIMIT);
  readonly big: bigint[] = new Array<bigint>(STACK_LIMIT).fill(0n);
  mem: Uint8Array = new Uint8Array(0);
  memWords = 0;
  output: Uint8Array = new Uint8Array(0);
  readonly code: Uint8Array;
  readonly codeLength: number;
  readonly jumpdests: Uint8Array;
  readonly pushNum: Float64Array;
  readonly pushBig: bigint[];
  readonly storage = new SlotStore();
  constructor(
    p: Prepared,
    readonly msg: MiniMessage,
  ) {
    this.code = p.code;
    this.codeLength = p.codeLength;
    this.jumpdests = p.jumpdests;
    this.pushNum = p.pushNum;
    this.pushBig = p.pushBig;
    this.gas = checkGas(msg.gas);
  }
}

// ---------------------------------------------------------------- slot access (slow path)

/** Slot i as a bigint. */
function get(f: HybridFrame, i: number): bigint {
  const x = f.num[i]!;
  return x < 0 ? f.big[i]! : x < 257 ? W.SMALL[x]! : BigInt(x); // SMALL: evmkit's cached small bigints
}

/** Stores a bigint result in canonical form. */
function set(f: HybridFrame, i: number, v: bigint): void {
  if (v <= MAX_SAFE_BIG) f.num[i] = Number(v);
  else {
    f.num[i] = BIG;
    f.big[i] = v;
  }
}

/** Reads 32 big-endian bytes (present in src) into slot i. */
function load32(f: HybridFrame, i: number, src: Uint8Array, off: number): void {
  let z = 0;
  for (let k = 0; k < 25; k++) z |= src[off + k]!;
  const b25 = src[off + 25]!;
  if (z === 0 && b25 < 0x20) {
    // at most 53 bits: bytes 25..31
    const hi = (b25 << 16) | (src[off + 26]! << 8) | src[off + 27]!;
    const lo = ((src[off + 28]! << 24) | (src[off + 29]! << 16) | (src[off + 30]! << 8) | src[off + 31]!) >>> 0;
    f.num[i] = hi * TWO32 + lo;
  } else {
    f.num[i] = BIG;
    f.big[i] = W.wordFromBytes(src, off, 32);
  }
}

/** Writes slot i as 32 big-endian bytes. */
function store32(f: HybridFrame, i: number, dst: Uint8Array, off: number): void {
  const x = f.num[i]!;
  if (x < 0) {
    W.wordToBytes(f.big[i]!, dst, off);
    return;
  }
  dst.fill(0, off, off + 24);
  const hi = Math.floor(x / TWO32);
  const lo = x >>> 0;
  dst[off + 24] = hi >>> 24;
  dst[off + 25] = hi >>> 16;
  dst[off + 26] = hi >>> 8;
  dst[off + 27] = hi;
  dst[off + 28] = lo >>> 24;
  dst[off + 29] = lo >>> 16;
  dst[off + 30] = lo >>> 8;
  dst[off + 31] = lo;
}

// ---------------------------------------------------------------- helpers

function expandTo(f: HybridFrame, end: number): boolean {
  if (end > MAX_MEMORY) return false;
  const words = (end + 31) >>> 5;
  if (words <= f.memWords) return true;
  if ((f.gas -= memoryCost(words) - memoryCost(f.memWords)) < 0) return false;
  if (words * 32 > f.mem.length) f.mem = growBuffer(f.mem, f.memWords * 32, words * 32);
  f.memWords = words;
  return true;
}

/** Slot i as a memory offset/size, or -1 when it is 2^31 or more. */
function memArg(f: HybridFrame, i: number): number {
  const x = f.num[i]!;
  return x >= 0 && x < MAX_MEMORY ? x : -1;
}

function expand(f: HybridFrame, off: number, size: number): boolean {
  if (size === 0) return true;
  if (off < 0 || size < 0) return false;
  return expandTo(f, off + size);
}

function pushNumber(f: HybridFrame, v: number): Status {
  f.num[f.sp++] = v;
  return Status.Continue;
}

function pushBigint(f: HybridFrame, v: bigint): Status {
  set(f, f.sp++, v);
  return Status.Continue;
}

/**
 * A binary op with a double fast path `fast` (returns -1 when it cannot answer) and a bigint fallback.
 * Only for rare ops: closures from one site share V8's feedback, so `fast` is a call that is not inlined.
 * The hot ops are written out below, as evmkit writes every handler out.
 */
function binary(fast: (a: number, b: number) => number, slow: (a: bigint, b: bigint) => bigint): Handler {
  return (f) => {
    const n = f.num;
    const i = --f.sp;
    const a = n[i]!;
    const b = n[i - 1]!;
    if (a >= 0 && b >= 0) {
      const r = fast(a, b);
      if (r >= 0) {
        n[i - 1] = r;
        return Status.Continue;
      }
    }
    set(f, i - 1, slow(get(f, i), get(f, i - 1)));
    return Status.Continue;
  };
}

/** Bitwise ops on two doubles below 2^53: the low 32 bits (ToInt32 is exact modulo 2^32) and the rest. */
function and53(a: number, b: number): number {
  if (a < TWO32 && b < TWO32) return (a & b) >>> 0;
  return (((a / TWO32) & (b / TWO32)) >>> 0) * TWO32 + ((a & b) >>> 0);
}
function or53(a: number, b: number): number {
  if (a < TWO32 && b < TWO32) return (a | b) >>> 0;
  return (((a / TWO32) | (b / TWO32)) >>> 0) * TWO32 + ((a | b) >>> 0);
}
function xor53(a: number, b: number): number {
  if (a < TWO32 && b < TWO32) return (a ^ b) >>> 0;
  return (((a / TWO32) ^ (b / TWO32)) >>> 0) * TWO32 + ((a ^ b) >>> 0);
}

// ---------------------------------------------------------------- handlers

const H: Handler[] = new Array<Handler>(256).fill(() => Status.Unsupported);

H[0x00] = () => Status.Stop;
H[0x01] = (f) => {
  const n = f.num;
  const i = --f.sp;
  const a = n[i]!;
  const b = n[i - 1]!;
  if (a >= 0 && b >= 0) {
    const r = a + b; // exact when the sum is safe; a larger true sum rounds to >= 2^53
    if (r <= MAX_SAFE) {
      n[i - 1] = r;
      return Status.Continue;
    }
  }
  set(f, i - 1, W.add(get(f, i), get(f, i - 1)));
  return Status.Continue;
};
H[0x02] = (f) => {
  const n = f.num;
  const i = --f.sp;
  const a = n[i]!;
  const b = n[i - 1]!;
  if (a >= 0 && b >= 0) {
    const r = a * b; // exact when safe; a larger true product rounds to >= 2^53
    if (r <= MAX_SAFE) {
      n[i - 1] = r;
      return Status.Continue;
    }
  }
  set(f, i - 1, W.mul(get(f, i), get(f, i - 1)));
  return Status.Continue;
};
H[0x03] = (f) => {
  const n = f.num;
  const i = --f.sp;
  const a = n[i]!;
  const b = n[i - 1]!;
  if (a >= b && b >= 0) n[i - 1] = a - b;
  else set(f, i - 1, W.sub(get(f, i), get(f, i - 1)));
  return Status.Continue;
};
/** Below 2^53, `%` is exact and so is (a - a % b) / b. Both operands non-negative: SDIV = DIV. */
H[0x04] = (f) => {
  const n = f.num;
  const i = --f.sp;
  const a = n[i]!;
  const b = n[i - 1]!;
  if (a >= 0 && b >= 0) n[i - 1] = b === 0 ? 0 : (a - (a % b)) / b;
  else set(f, i - 1, W.div(get(f, i), get(f, i - 1)));
  return Status.Continue;
};
H[0x05] = (f) => {
  const n = f.num;
  const i = --f.sp;
  const a = n[i]!;
  const b = n[i - 1]!;
  if (a >= 0 && b >= 0) n[i - 1] = b === 0 ? 0 : (a - (a % b)) / b;
  else set(f, i - 1, W.sdiv(get(f, i), get(f, i - 1)));
  return Status.Continue;
};
const modFast = (a: number, b: number): number => (b === 0 ? 0 : a % b);
H[0x06] = binary(modFast, W.mod);
H[0x07] = binary(modFast, W.smod);
H[0x08] = (f) => {
  const n = f.num;
  const i = (f.sp -= 2); // a at i+1, b at i, modulus at i-1
  const a = n[i + 1]!;
  const b = n[i]!;
  const m = n[i - 1]!;
  if (a >= 0 && b >= 0 && m >= 0 && a + b <= MAX_SAFE) n[i - 1] = m === 0 ? 0 : (a + b) % m;
  else set(f, i - 1, W.addmod(get(f, i + 1), get(f, i), get(f, i - 1)));
  return Status.Continue;
};
H[0x09] = (f) => {
  const n = f.num;
  const i = (f.sp -= 2);
  const a = n[i + 1]!;
  const b = n[i]!;
  const m = n[i - 1]!;
  if (a >= 0 && b >= 0 && m >= 0 && a * b <= MAX_SAFE) n[i - 1] = m === 0 ? 0 : (a * b) % m;
  else set(f, i - 1, W.mulmod(get(f, i + 1), get(f, i), get(f, i - 1)));
  return Status.Continue;
};
H[0x0a] = (f) => {
  const i = --f.sp;
  const e = get(f, i - 1);
  if (e !== 0n && (f.gas -= EXP_BYTE_GAS * W.byteLength(e)) < 0) return Status.OutOfGas;
  set(f, i - 1, W.exp(get(f, i), e));
  return Status.Continue;
};
H[0x0b] = (f) => {
  const n = f.num;
  const i = --f.sp;
  const b = n[i]!;
  const x = n[i - 1]!;
  if (x >= 0 && b >= 0) {
    // x < 2^53: for b >= 6 the sign bit (8b+7 >= 55) is clear and x already fits, so it is unchanged
    if (b >= 6) return Status.Continue;
    const m = 2 ** (8 * b + 8);
    const low = x % m;
    if (low < m / 2) {
      n[i - 1] = low;
      return Status.Continue;
    }
  }
  set(f, i - 1, W.signextend(get(f, i), get(f, i - 1)));
  return Status.Continue;
};
/** Unsigned i < j on slots; a big value exceeds every number (canonical form). */
function ltSlots(f: HybridFrame, i: number, j: number): boolean {
  const a = f.num[i]!;
  const b = f.num[j]!;
  if (a >= 0) return b >= 0 ? a < b : true;
  if (b >= 0) return false;
  return f.big[i]! < f.big[j]!;
}
H[0x10] = (f) => {
  const i = --f.sp;
  f.num[i - 1] = ltSlots(f, i, i - 1) ? 1 : 0;
  return Status.Continue;
};
H[0x11] = (f) => {
  const i = --f.sp;
  f.num[i - 1] = ltSlots(f, i - 1, i) ? 1 : 0;
  return Status.Continue;
};
H[0x12] = (f) => {
  const n = f.num;
  const i = --f.sp;
  const a = n[i]!;
  const b = n[i - 1]!;
  n[i - 1] = (a >= 0 && b >= 0 ? a < b : W.slt(get(f, i), get(f, i - 1)) === 1n) ? 1 : 0;
  return Status.Continue;
};
H[0x13] = (f) => {
  const n = f.num;
  const i = --f.sp;
  const a = n[i]!;
  const b = n[i - 1]!;
  n[i - 1] = (a >= 0 && b >= 0 ? a > b : W.sgt(get(f, i), get(f, i - 1)) === 1n) ? 1 : 0;
  return Status.Continue;
};
H[0x14] = (f) => {
  const n = f.num;
  const i = --f.sp;
  const a = n[i]!;
  const b = n[i - 1]!;
  n[i - 1] = (a >= 0 || b >= 0 ? a === b : f.big[i] === f.big[i - 1]) ? 1 : 0;
  return Status.Continue;
};
H[0x15] = (f) => {
  const i = f.sp - 1;
  f.num[i] = f.num[i] === 0 ? 1 : 0;
  return Status.Continue;
};
H[0x16] = (f) => {
  const n = f.num;
  const i = --f.sp;
  const a = n[i]!;
  const b = n[i - 1]!;
  if (a >= 0 && b >= 0) n[i - 1] = and53(a, b);
  else set(f, i - 1, get(f, i) & get(f, i - 1));
  return Status.Continue;
};
H[0x17] = (f) => {
  const n = f.num;
  const i = --f.sp;
  const a = n[i]!;
  const b = n[i - 1]!;
  if (a >= 0 && b >= 0) n[i - 1] = or53(a, b);
  else set(f, i - 1, get(f, i) | get(f, i - 1));
  return Status.Continue;
};
H[0x18] = (f) => {
  const n = f.num;
  const i = --f.sp;
  const a = n[i]!;
  const b = n[i - 1]!;
  if (a >= 0 && b >= 0) n[i - 1] = xor53(a, b);
  else set(f, i - 1, get(f, i) ^ get(f, i - 1));
  return Status.Continue;
};
H[0x19] = (f) => {
  const i = f.sp - 1;
  set(f, i, W.not(get(f, i)));
  return Status.Continue;
};
H[0x1a] = binary((i, x) => (i >= 32 || i <= 24 ? 0 : Math.floor(x / 2 ** (8 * (31 - i))) % 256), W.byte);
H[0x1b] = (f) => {
  const n = f.num;
  const i = --f.sp;
  const sh = n[i]!;
  const x = n[i - 1]!;
  if (sh >= 0 && x >= 0) {
    if (sh >= 256 || x === 0) {
      n[i - 1] = 0;
      return Status.Continue;
    }
    const r = x * 2 ** sh; // exact: a power-of-two scaling
    if (r <= MAX_SAFE) {
      n[i - 1] = r;
      return Status.Continue;
    }
  }
  set(f, i - 1, W.shl(get(f, i), get(f, i - 1)));
  return Status.Continue;
};
H[0x1c] = (f) => {
  const n = f.num;
  const i = --f.sp;
  const sh = n[i]!;
  const x = n[i - 1]!;
  if (sh < 0) n[i - 1] = 0; // a shift of 2^53 or more
  else if (x >= 0) n[i - 1] = sh >= 53 ? 0 : Math.floor(x / 2 ** sh);
  else set(f, i - 1, W.shr(sh < 257 ? W.SMALL[sh]! : BigInt(sh), f.big[i - 1]!));
  return Status.Continue;
};
H[0x1d] = binary((s, x) => (s >= 53 ? 0 : Math.floor(x / 2 ** s)), W.sar); // x >= 0: SAR = SHR
H[0x20] = (f) => {
  const i = --f.sp;
  const off = memArg(f, i);
  const size = memArg(f, i - 1);
  if (!expand(f, off, size) || (f.gas -= 2 * copyGas(size)) < 0) return Status.OutOfGas;
  const o = size === 0 ? 0 : off;
  load32(f, i - 1, keccak_256(f.mem.subarray(o, o + size)), 0);
  return Status.Continue;
};
H[0x30] = (f) => pushBigint(f, f.msg.address);
H[0x32] = (f) => pushBigint(f, f.msg.origin);
H[0x33] = (f) => pushBigint(f, f.msg.caller);
H[0x34] = (f) => pushBigint(f, f.msg.value);
H[0x35] = (f) => {
  const i = f.sp - 1;
  const input = f.msg.input;
  const off = f.num[i]!;
  if (off < 0 || off >= input.length) f.num[i] = 0;
  else if (off + 32 <= input.length) load32(f, i, input, off);
  else {
    const buf = new Uint8Array(32);
    buf.set(input.subarray(off));
    load32(f, i, buf, 0);
  }
  return Status.Continue;
};
H[0x36] = (f) => pushNumber(f, f.msg.input.length);
function copyOp(f: HybridFrame, data: Uint8Array): Status {
  const i = (f.sp -= 3); // size at i, src at i+1, dst at i+2
  if (f.num[i] === 0) return Status.Continue;
  const size = memArg(f, i);
  const dst = memArg(f, i + 2);
  if (!expand(f, dst, size) || (f.gas -= copyGas(size)) < 0) return Status.OutOfGas;
  const src = f.num[i + 1]!;
  copyPadded(f.mem, dst, data, src >= 0 && src < data.length ? src : data.length, size);
  return Status.Continue;
}
H[0x37] = (f) => copyOp(f, f.msg.input);
H[0x38] = (f) => pushNumber(f, f.codeLength);
H[0x39] = (f) => copyOp(f, f.code.subarray(0, f.codeLength));
H[0x3a] = (f) => pushBigint(f, f.msg.gasPrice);
/** No calls happen in a prototype run, so the return-data buffer is always empty. */
H[0x3d] = (f) => pushNumber(f, 0);
H[0x50] = (f) => {
  f.sp--;
  return Status.Continue;
};
H[0x51] = (f) => {
  const i = f.sp - 1;
  const off = memArg(f, i);
  if (off < 0 || !expandTo(f, off + 32)) return Status.OutOfGas;
  load32(f, i, f.mem, off);
  return Status.Continue;
};
H[0x52] = (f) => {
  const i = (f.sp -= 2); // value at i, offset at i+1
  const off = memArg(f, i + 1);
  if (off < 0 || !expandTo(f, off + 32)) return Status.OutOfGas;
  store32(f, i, f.mem, off);
  return Status.Continue;
};
H[0x53] = (f) => {
  const i = (f.sp -= 2);
  const off = memArg(f, i + 1);
  if (off < 0 || !expandTo(f, off + 1)) return Status.OutOfGas;
  const x = f.num[i]!;
  f.mem[off] = x >= 0 ? x & 0xff : Number(f.big[i]! & 0xffn);
  return Status.Continue;
};
H[0x54] = (f) => {
  const i = f.sp - 1;
  const key = get(f, i);
  if ((f.gas -= f.storage.sloadExtraGas(key)) < 0) return Status.OutOfGas;
  set(f, i, f.storage.load(key));
  return Status.Continue;
};
H[0x55] = (f) => {
  if (f.gas <= SSTORE_SENTRY_GAS) return Status.OutOfGas; // EIP-2200 sentry
  const i = (f.sp -= 2); // value at i, key at i+1
  const key = get(f, i + 1);
  const value = get(f, i);
  if ((f.gas -= f.storage.sstoreGas(key, value)) < 0) return Status.OutOfGas;
  f.storage.store(key, value);
  return Status.Continue;
};
function jumpTo(f: HybridFrame, d: number): Status {
  if (d < 0 || d >= f.codeLength || f.jumpdests[d] !== 1) return Status.InvalidJump;
  f.pc = d;
  return Status.Continue;
}
H[0x56] = (f) => jumpTo(f, f.num[--f.sp]!);
H[0x57] = (f) => {
  const i = (f.sp -= 2); // condition at i, destination at i+1
  if (f.num[i] === 0) return Status.Continue;
  return jumpTo(f, f.num[i + 1]!);
};
H[0x58] = (f) => pushNumber(f, f.pc - 1);
H[0x59] = (f) => pushNumber(f, f.memWords * 32);
H[0x5a] = (f) => pushNumber(f, f.gas);
H[0x5b] = () => Status.Continue;
for (let n = 1; n <= 32; n++) {
  H[0x5f + n] = (f) => {
    const at = f.pc - 1;
    const x = f.pushNum[at]!;
    const i = f.sp++;
    f.num[i] = x;
    if (x < 0) f.big[i] = f.pushBig[at]!;
    f.pc += n;
    return Status.Continue;
  };
}
for (let k = 1; k <= 16; k++) {
  H[0x7f + k] = (f) => {
    const i = f.sp++;
    const x = f.num[i - k]!;
    f.num[i] = x;
    if (x < 0) f.big[i] = f.big[i - k]!;
    return Status.Continue;
  };
  H[0x8f + k] = (f) => {
    const n = f.num;
    const top = f.sp - 1;
    const other = top - k;
    const x = n[top]!;
    const y = n[other]!;
    n[top] = y;
    n[other] = x;
    if (x < 0 || y < 0) {
      const b = f.big;
      const t = b[top]!;
      b[top] = b[other]!;
      b[other] = t;
    }
    return Status.Continue;
  };
}
function returnData(f: HybridFrame): boolean {
  const i = (f.sp -= 2); // size at i, offset at i+1
  if (f.num[i] === 0) return true;
  const size = memArg(f, i);
  const off = memArg(f, i + 1);
  if (!expand(f, off, size)) return false;
  f.output = f.mem.slice(off, off + size);
  return true;
}
H[0xf3] = (f) => (returnData(f) ? Status.Return : Status.OutOfGas);
H[0xfd] = (f) => (returnData(f) ? Status.Revert : Status.OutOfGas);
H[0xfe] = () => Status.InvalidOpcode;

const HANDLERS: readonly Handler[] = H;

// ---------------------------------------------------------------- loop

function interpret(f: HybridFrame): Status {
  const code = f.code;
  for (;;) {
    const pc = f.pc;
    const op = code[pc]!;
    const sp = f.sp;
    if (sp < STACK_MIN[op]!) return Status.StackUnderflow;
    if (sp > STACK_MAX[op]!) return Status.StackOverflow;
    if ((f.gas -= STATIC_GAS[op]!) < 0) return Status.OutOfGas;
    f.pc = pc + 1;
    const status = HANDLERS[op]!(f);
    if (status !== Status.Continue) return status;
  }
}

export function runHybrid(code: Uint8Array, msg: MiniMessage): RunResult {
  const f = new HybridFrame(prepare(code), msg);
  const status = interpret(f);
  const gasLeft = keepsGas(status) ? BigInt(f.gas) : 0n;
  return { status: statusName(status, f.code[f.pc - 1]!), output: f.output, gasUsed: msg.gas - gasLeft };
}
