/**
 * Prototype B2: the small-number fast path in its plainest form. The stack is one JS array of
 * `number | bigint`: a value below 2^53 is a JS number, a larger one a bigint (canonical, so equal
 * values have equal types). Handlers test `typeof` and use doubles when both operands are numbers and
 * the result stays below 2^53, else evmkit's bigint word functions, normalizing the result.
 *
 * Against prototype B (../hybrid/) this measures V8's own boxing: numbers up to 2^31 are Smis (no
 * allocation), numbers from 2^31 to 2^53 become heap numbers when stored into the array, bigints are
 * heap objects either way. The shell is the control's, ../bigint/.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import * as W from '../../../src/word/index.js';
import { Status, keepsGas, statusName, type RunResult } from '../shell/status.js';
import { STATIC_GAS, STACK_MIN, STACK_MAX, STACK_LIMIT, EXP_BYTE_GAS, SSTORE_SENTRY_GAS } from '../shell/table.js';
import { MAX_MEMORY, copyGas, copyPadded, growBuffer, memoryCost } from '../shell/memory.js';
import { analyzeShape } from '../shell/analysis.js';
import { SlotStore } from '../shell/storage.js';
import { checkGas, type MiniMessage } from '../shell/env.js';

type Slot = number | bigint;
type Handler = (f: MixedFrame) => Status;

const MAX_SAFE = Number.MAX_SAFE_INTEGER; // 2^53 - 1
const MAX_SAFE_BIG = BigInt(MAX_SAFE);
const TWO32 = 4294967296;

interface Prepared {
  readonly code: Uint8Array;
  readonly codeLength: number;
  readonly jumpdests: Uint8Array;
  /** PUSH immediates by pc, canonical. */
  readonly pushValues: Slot[];
}

const prepared = new WeakMap<Uint8Array, Prepared>();

function prepare(code: Uint8Array): Prepared {
  let p = prepared.get(code);
  if (p === undefined) {
    const shape = analyzeShape(code);
    const pushValues: Slot[] = new Array<Slot>(shape.length).fill(0n);
    for (const pc of shape.pushSites) pushValues[pc] = norm(W.wordFromBytes(shape.padded, pc + 1, shape.padded[pc]! - 0x5f));
    p = { code: shape.padded, codeLength: shape.length, jumpdests: shape.jumpdests, pushValues };
    prepared.set(code, p);
  }
  return p;
}

class MixedFrame {
  pc = 0;
  gas: number;
  sp = 0;
  /** Filled with 0n so the array is PACKED_ELEMENTS from the start (no elements-kind transitions). */
  readonly stack: Slot[] = new Array<Slot>(STACK_LIMIT).fill(0n);
  mem: Uint8Array = new Uint8Array(0);
  memWords = 0;
  output: Uint8Array = new Uint8Array(0);
  readonly code: Uint8Array;
  readonly codeLength: number;
  readonly jumpdests: Uint8Array;
  readonly pushValues: Slot[];
  readonly storage = new SlotStore();
  constructor(
    p: Prepared,
    readonly msg: MiniMessage,
  ) {
    this.code = p.code;
    this.codeLength = p.codeLength;
    this.jumpdests = p.jumpdests;
    this.pushValues = p.pushValues;
    this.gas = checkGas(msg.gas);
  }
}

// ---------------------------------------------------------------- conversions (slow path)

function big(x: Slot): bigint {
  if (typeof x === 'bigint') return x;
  return x < 257 ? W.SMALL[x]! : BigInt(x); // SMALL: evmkit's cached small bigints
}

function norm(v: bigint): Slot {
  return v <= MAX_SAFE_BIG ? Number(v) : v;
}

function load32(src: Uint8Array, off: number): Slot {
  let z = 0;
  for (let k = 0; k < 25; k++) z |= src[off + k]!;
  const b25 = src[off + 25]!;
  if (z === 0 && b25 < 0x20) {
    const hi = (b25 << 16) | (src[off + 26]! << 8) | src[off + 27]!;
    const lo = ((src[off + 28]! << 24) | (src[off + 29]! << 16) | (src[off + 30]! << 8) | src[off + 31]!) >>> 0;
    return hi * TWO32 + lo;
  }
  return W.wordFromBytes(src, off, 32);
}

function store32(x: Slot, dst: Uint8Array, off: number): void {
  if (typeof x === 'bigint') {
    W.wordToBytes(x, dst, off);
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

function expandTo(f: MixedFrame, end: number): boolean {
  if (end > MAX_MEMORY) return false;
  const words = (end + 31) >>> 5;
  if (words <= f.memWords) return true;
  if ((f.gas -= memoryCost(words) - memoryCost(f.memWords)) < 0) return false;
  if (words * 32 > f.mem.length) f.mem = growBuffer(f.mem, f.memWords * 32, words * 32);
  f.memWords = words;
  return true;
}

function memArg(x: Slot): number {
  return typeof x === 'number' && x < MAX_MEMORY ? x : -1;
}

function expand(f: MixedFrame, off: number, size: number): boolean {
  if (size === 0) return true;
  if (off < 0 || size < 0) return false;
  return expandTo(f, off + size);
}

function push(f: MixedFrame, v: Slot): Status {
  f.stack[f.sp++] = v;
  return Status.Continue;
}

/** Only for rare ops (shared closure feedback: `fast` is not inlined); hot ops are written out. */
function binary(fast: (a: number, b: number) => number, slow: (a: bigint, b: bigint) => bigint): Handler {
  return (f) => {
    const s = f.stack;
    const i = --f.sp;
    const a = s[i]!;
    const b = s[i - 1]!;
    if (typeof a === 'number' && typeof b === 'number') {
      const r = fast(a, b);
      if (r >= 0) {
        s[i - 1] = r;
        return Status.Continue;
      }
    }
    s[i - 1] = norm(slow(big(a), big(b)));
    return Status.Continue;
  };
}

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
  const s = f.stack;
  const i = --f.sp;
  const a = s[i]!;
  const b = s[i - 1]!;
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= MAX_SAFE) {
      s[i - 1] = r;
      return Status.Continue;
    }
  }
  s[i - 1] = norm(W.add(big(a), big(b)));
  return Status.Continue;
};
H[0x02] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  const a = s[i]!;
  const b = s[i - 1]!;
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (r <= MAX_SAFE) {
      s[i - 1] = r;
      return Status.Continue;
    }
  }
  s[i - 1] = norm(W.mul(big(a), big(b)));
  return Status.Continue;
};
H[0x03] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  const a = s[i]!;
  const b = s[i - 1]!;
  if (typeof a === 'number' && typeof b === 'number' && a >= b) s[i - 1] = a - b;
  else s[i - 1] = norm(W.sub(big(a), big(b)));
  return Status.Continue;
};
H[0x04] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  const a = s[i]!;
  const b = s[i - 1]!;
  if (typeof a === 'number' && typeof b === 'number') s[i - 1] = b === 0 ? 0 : (a - (a % b)) / b;
  else s[i - 1] = norm(W.div(big(a), big(b)));
  return Status.Continue;
};
H[0x05] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  const a = s[i]!;
  const b = s[i - 1]!;
  if (typeof a === 'number' && typeof b === 'number') s[i - 1] = b === 0 ? 0 : (a - (a % b)) / b;
  else s[i - 1] = norm(W.sdiv(big(a), big(b)));
  return Status.Continue;
};
const modFast = (a: number, b: number): number => (b === 0 ? 0 : a % b);
H[0x06] = binary(modFast, W.mod);
H[0x07] = binary(modFast, W.smod);
H[0x08] = (f) => {
  const s = f.stack;
  const i = (f.sp -= 2);
  const a = s[i + 1]!;
  const b = s[i]!;
  const m = s[i - 1]!;
  if (typeof a === 'number' && typeof b === 'number' && typeof m === 'number' && a + b <= MAX_SAFE) s[i - 1] = m === 0 ? 0 : (a + b) % m;
  else s[i - 1] = norm(W.addmod(big(a), big(b), big(m)));
  return Status.Continue;
};
H[0x09] = (f) => {
  const s = f.stack;
  const i = (f.sp -= 2);
  const a = s[i + 1]!;
  const b = s[i]!;
  const m = s[i - 1]!;
  if (typeof a === 'number' && typeof b === 'number' && typeof m === 'number' && a * b <= MAX_SAFE) s[i - 1] = m === 0 ? 0 : (a * b) % m;
  else s[i - 1] = norm(W.mulmod(big(a), big(b), big(m)));
  return Status.Continue;
};
H[0x0a] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  const e = big(s[i - 1]!);
  if (e !== 0n && (f.gas -= EXP_BYTE_GAS * W.byteLength(e)) < 0) return Status.OutOfGas;
  s[i - 1] = norm(W.exp(big(s[i]!), e));
  return Status.Continue;
};
H[0x0b] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  const b = s[i]!;
  const x = s[i - 1]!;
  if (typeof b === 'number' && typeof x === 'number') {
    if (b >= 6) return Status.Continue; // x < 2^53: sign bit clear, x unchanged
    const m = 2 ** (8 * b + 8);
    const low = x % m;
    if (low < m / 2) {
      s[i - 1] = low;
      return Status.Continue;
    }
  }
  s[i - 1] = norm(W.signextend(big(b), big(x)));
  return Status.Continue;
};
/** Unsigned a < b; canonical form: a bigint exceeds every number. */
function lt(a: Slot, b: Slot): boolean {
  if (typeof a === 'number') return typeof b === 'number' ? a < b : true;
  return typeof b === 'number' ? false : a < b;
}
H[0x10] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  s[i - 1] = lt(s[i]!, s[i - 1]!) ? 1 : 0;
  return Status.Continue;
};
H[0x11] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  s[i - 1] = lt(s[i - 1]!, s[i]!) ? 1 : 0;
  return Status.Continue;
};
H[0x12] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  const a = s[i]!;
  const b = s[i - 1]!;
  s[i - 1] = (typeof a === 'number' && typeof b === 'number' ? a < b : W.slt(big(a), big(b)) === 1n) ? 1 : 0;
  return Status.Continue;
};
H[0x13] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  const a = s[i]!;
  const b = s[i - 1]!;
  s[i - 1] = (typeof a === 'number' && typeof b === 'number' ? a > b : W.sgt(big(a), big(b)) === 1n) ? 1 : 0;
  return Status.Continue;
};
H[0x14] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  s[i - 1] = s[i] === s[i - 1] ? 1 : 0; // canonical: === compares numbers and bigints by value
  return Status.Continue;
};
H[0x15] = (f) => {
  const i = f.sp - 1;
  f.stack[i] = f.stack[i] === 0 ? 1 : 0;
  return Status.Continue;
};
H[0x16] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  const a = s[i]!;
  const b = s[i - 1]!;
  s[i - 1] = typeof a === 'number' && typeof b === 'number' ? and53(a, b) : norm(big(a) & big(b));
  return Status.Continue;
};
H[0x17] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  const a = s[i]!;
  const b = s[i - 1]!;
  s[i - 1] = typeof a === 'number' && typeof b === 'number' ? or53(a, b) : norm(big(a) | big(b));
  return Status.Continue;
};
H[0x18] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  const a = s[i]!;
  const b = s[i - 1]!;
  s[i - 1] = typeof a === 'number' && typeof b === 'number' ? xor53(a, b) : norm(big(a) ^ big(b));
  return Status.Continue;
};
H[0x19] = (f) => {
  const i = f.sp - 1;
  f.stack[i] = norm(W.not(big(f.stack[i]!)));
  return Status.Continue;
};
H[0x1a] = binary((i, x) => (i >= 32 || i <= 24 ? 0 : Math.floor(x / 2 ** (8 * (31 - i))) % 256), W.byte);
H[0x1b] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  const sh = s[i]!;
  const x = s[i - 1]!;
  if (typeof sh === 'number' && typeof x === 'number') {
    if (sh >= 256 || x === 0) {
      s[i - 1] = 0;
      return Status.Continue;
    }
    const r = x * 2 ** sh;
    if (r <= MAX_SAFE) {
      s[i - 1] = r;
      return Status.Continue;
    }
  }
  s[i - 1] = norm(W.shl(big(sh), big(x)));
  return Status.Continue;
};
H[0x1c] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  const sh = s[i]!;
  const x = s[i - 1]!;
  if (typeof sh === 'bigint') s[i - 1] = 0;
  else if (typeof x === 'number') s[i - 1] = sh >= 53 ? 0 : Math.floor(x / 2 ** sh);
  else s[i - 1] = norm(W.shr(sh < 257 ? W.SMALL[sh]! : BigInt(sh), x));
  return Status.Continue;
};
H[0x1d] = binary((sh, x) => (sh >= 53 ? 0 : Math.floor(x / 2 ** sh)), W.sar); // x >= 0: SAR = SHR
H[0x20] = (f) => {
  const s = f.stack;
  const i = --f.sp;
  const off = memArg(s[i]!);
  const size = memArg(s[i - 1]!);
  if (!expand(f, off, size) || (f.gas -= 2 * copyGas(size)) < 0) return Status.OutOfGas;
  const o = size === 0 ? 0 : off;
  s[i - 1] = load32(keccak_256(f.mem.subarray(o, o + size)), 0);
  return Status.Continue;
};
H[0x30] = (f) => push(f, norm(f.msg.address));
H[0x32] = (f) => push(f, norm(f.msg.origin));
H[0x33] = (f) => push(f, norm(f.msg.caller));
H[0x34] = (f) => push(f, norm(f.msg.value));
H[0x35] = (f) => {
  const s = f.stack;
  const i = f.sp - 1;
  const input = f.msg.input;
  const off = s[i]!;
  if (typeof off === 'bigint' || off >= input.length) s[i] = 0;
  else if (off + 32 <= input.length) s[i] = load32(input, off);
  else {
    const buf = new Uint8Array(32);
    buf.set(input.subarray(off));
    s[i] = load32(buf, 0);
  }
  return Status.Continue;
};
H[0x36] = (f) => push(f, f.msg.input.length);
function copyOp(f: MixedFrame, data: Uint8Array): Status {
  const s = f.stack;
  const i = (f.sp -= 3); // size at i, src at i+1, dst at i+2
  if (s[i] === 0) return Status.Continue;
  const size = memArg(s[i]!);
  const dst = memArg(s[i + 2]!);
  if (!expand(f, dst, size) || (f.gas -= copyGas(size)) < 0) return Status.OutOfGas;
  const src = s[i + 1]!;
  copyPadded(f.mem, dst, data, typeof src === 'number' && src < data.length ? src : data.length, size);
  return Status.Continue;
}
H[0x37] = (f) => copyOp(f, f.msg.input);
H[0x38] = (f) => push(f, f.codeLength);
H[0x39] = (f) => copyOp(f, f.code.subarray(0, f.codeLength));
H[0x3a] = (f) => push(f, norm(f.msg.gasPrice));
/** No calls happen in a prototype run, so the return-data buffer is always empty. */
H[0x3d] = (f) => push(f, 0);
H[0x50] = (f) => {
  f.sp--;
  return Status.Continue;
};
H[0x51] = (f) => {
  const s = f.stack;
  const i = f.sp - 1;
  const off = memArg(s[i]!);
  if (off < 0 || !expandTo(f, off + 32)) return Status.OutOfGas;
  s[i] = load32(f.mem, off);
  return Status.Continue;
};
H[0x52] = (f) => {
  const s = f.stack;
  const i = (f.sp -= 2); // value at i, offset at i+1
  const off = memArg(s[i + 1]!);
  if (off < 0 || !expandTo(f, off + 32)) return Status.OutOfGas;
  store32(s[i]!, f.mem, off);
  return Status.Continue;
};
H[0x53] = (f) => {
  const s = f.stack;
  const i = (f.sp -= 2);
  const off = memArg(s[i + 1]!);
  if (off < 0 || !expandTo(f, off + 1)) return Status.OutOfGas;
  const x = s[i]!;
  f.mem[off] = typeof x === 'number' ? x & 0xff : Number(x & 0xffn);
  return Status.Continue;
};
H[0x54] = (f) => {
  const s = f.stack;
  const i = f.sp - 1;
  const key = big(s[i]!);
  if ((f.gas -= f.storage.sloadExtraGas(key)) < 0) return Status.OutOfGas;
  s[i] = norm(f.storage.load(key));
  return Status.Continue;
};
H[0x55] = (f) => {
  if (f.gas <= SSTORE_SENTRY_GAS) return Status.OutOfGas; // EIP-2200 sentry
  const s = f.stack;
  const i = (f.sp -= 2); // value at i, key at i+1
  const key = big(s[i + 1]!);
  const value = big(s[i]!);
  if ((f.gas -= f.storage.sstoreGas(key, value)) < 0) return Status.OutOfGas;
  f.storage.store(key, value);
  return Status.Continue;
};
function jumpTo(f: MixedFrame, d: Slot): Status {
  if (typeof d === 'bigint' || d >= f.codeLength || f.jumpdests[d] !== 1) return Status.InvalidJump;
  f.pc = d;
  return Status.Continue;
}
H[0x56] = (f) => jumpTo(f, f.stack[--f.sp]!);
H[0x57] = (f) => {
  const s = f.stack;
  const i = (f.sp -= 2); // condition at i, destination at i+1
  if (s[i] === 0) return Status.Continue;
  return jumpTo(f, s[i + 1]!);
};
H[0x58] = (f) => push(f, f.pc - 1);
H[0x59] = (f) => push(f, f.memWords * 32);
H[0x5a] = (f) => push(f, f.gas);
H[0x5b] = () => Status.Continue;
for (let n = 1; n <= 32; n++) {
  H[0x5f + n] = (f) => {
    f.stack[f.sp++] = f.pushValues[f.pc - 1]!;
    f.pc += n;
    return Status.Continue;
  };
}
for (let n = 1; n <= 16; n++) {
  H[0x7f + n] = (f) => {
    const s = f.stack;
    s[f.sp] = s[f.sp - n]!;
    f.sp++;
    return Status.Continue;
  };
  H[0x8f + n] = (f) => {
    const s = f.stack;
    const top = f.sp - 1;
    const other = top - n;
    const t = s[top]!;
    s[top] = s[other]!;
    s[other] = t;
    return Status.Continue;
  };
}
function returnData(f: MixedFrame): boolean {
  const s = f.stack;
  const i = (f.sp -= 2); // size at i, offset at i+1
  if (s[i] === 0) return true;
  const size = memArg(s[i]!);
  const off = memArg(s[i + 1]!);
  if (!expand(f, off, size)) return false;
  f.output = f.mem.slice(off, off + size);
  return true;
}
H[0xf3] = (f) => (returnData(f) ? Status.Return : Status.OutOfGas);
H[0xfd] = (f) => (returnData(f) ? Status.Revert : Status.OutOfGas);
H[0xfe] = () => Status.InvalidOpcode;

const HANDLERS: readonly Handler[] = H;

// ---------------------------------------------------------------- loop

function interpret(f: MixedFrame): Status {
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

export function runMixed(code: Uint8Array, msg: MiniMessage): RunResult {
  const f = new MixedFrame(prepare(code), msg);
  const status = interpret(f);
  const gasLeft = keepsGas(status) ? BigInt(f.gas) : 0n;
  return { status: statusName(status, f.code[f.pc - 1]!), output: f.output, gasUsed: msg.gas - gasLeft };
}
