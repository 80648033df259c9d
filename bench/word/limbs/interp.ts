/**
 * Prototype A: the mini interpreter with the stack as ONE Uint32Array of 1024 words x 8 limbs (plus a
 * few scratch words), arithmetic in ./u256.ts. Nothing on the hot path allocates: PUSH immediates are
 * pre-decoded into a Uint32Array, DUP/SWAP copy eight limbs, MLOAD/MSTORE move bytes to/from limbs.
 *
 * Three handler tables share everything but the division family:
 * - `native`: DIV/SDIV/MOD/SMOD/ADDMOD/MULMOD in limbs (Knuth D on 16-bit digits, a double fast path
 *   below 2^53, a shift for power-of-two divisors);
 * - `bigintDiv`: those six convert their operands to bigint and back (what a limb design could do to
 *   avoid writing long division);
 * - `wasm`: as native, but MULMOD/ADDMOD run in WebAssembly (./u256.wat, i64 arithmetic) on a stack
 *   that lives in the wasm memory, so the kernel reads the limbs in place.
 * The shell (frame, loop, stack/gas checks from evmkit's London table) is the control's, ../bigint/.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import * as U from './u256.js';
import * as W from '../../../src/word/index.js';
import { Status, keepsGas, statusName, type RunResult } from '../shell/status.js';
import { STATIC_GAS, STACK_MIN, STACK_MAX, STACK_LIMIT, EXP_BYTE_GAS, SSTORE_SENTRY_GAS } from '../shell/table.js';
import { MAX_MEMORY, copyGas, copyPadded, growBuffer, memoryCost } from '../shell/memory.js';
import { analyzeShape } from '../shell/analysis.js';
import { SlotStore } from '../shell/storage.js';
import { checkGas, type MiniMessage } from '../shell/env.js';
import { instantiateKernels, STACK_BYTE_OFFSET } from './wasm.js';

if (!U.LITTLE_ENDIAN) throw new Error('limbs prototype: needs a little-endian host');

type Handler = (f: LimbFrame) => Status;

/** Words past the 1024 stack slots: EXP's temporaries (so u256 functions work on one array). */
const SCRATCH_WORDS = 2;
const T0 = STACK_LIMIT * 8;
const T1 = T0 + 8;

interface Prepared {
  readonly code: Uint8Array;
  readonly codeLength: number;
  readonly jumpdests: Uint8Array;
  /** Limbs of PUSH immediates, 8 per PUSH site. */
  readonly pushData: Uint32Array;
  /** By pc of a PUSH: the offset of its limbs in pushData. */
  readonly pushIndex: Int32Array;
}

const prepared = new WeakMap<Uint8Array, Prepared>();

function prepare(code: Uint8Array): Prepared {
  let p = prepared.get(code);
  if (p === undefined) {
    const shape = analyzeShape(code);
    const pushData = new Uint32Array(shape.pushSites.length * 8);
    const pushIndex = new Int32Array(shape.length);
    shape.pushSites.forEach((pc, k) => {
      U.fromBytes(pushData, k * 8, shape.padded, pc + 1, shape.padded[pc]! - 0x5f);
      pushIndex[pc] = k * 8;
    });
    p = { code: shape.padded, codeLength: shape.length, jumpdests: shape.jumpdests, pushData, pushIndex };
    prepared.set(code, p);
  }
  return p;
}

const STACK_LIMBS = (STACK_LIMIT + SCRATCH_WORDS) * 8;

class LimbFrame {
  pc = 0;
  gas: number;
  /** Stack height in words; word i is at stack[8i .. 8i+7]. */
  sp = 0;
  readonly stack: Uint32Array;
  /** The same memory as 64-bit elements, for the bigint bridge. */
  readonly stack64: BigUint64Array;
  /** Byte offset of the stack in its buffer (the wasm kernels address words by byte offset). */
  readonly stackByte: number;
  mem: Uint8Array = new Uint8Array(0);
  memWords = 0;
  output: Uint8Array = new Uint8Array(0);
  readonly code: Uint8Array;
  readonly codeLength: number;
  readonly jumpdests: Uint8Array;
  readonly pushData: Uint32Array;
  readonly pushIndex: Int32Array;
  readonly storage = new SlotStore();
  constructor(
    p: Prepared,
    readonly msg: MiniMessage,
    readonly handlers: readonly Handler[],
    stack: Uint32Array = new Uint32Array(STACK_LIMBS),
  ) {
    this.stack = stack;
    this.stack64 = new BigUint64Array(stack.buffer, stack.byteOffset, stack.length >>> 1);
    this.stackByte = stack.byteOffset;
    this.code = p.code;
    this.codeLength = p.codeLength;
    this.jumpdests = p.jumpdests;
    this.pushData = p.pushData;
    this.pushIndex = p.pushIndex;
    this.gas = checkGas(msg.gas);
  }
}

// ---------------------------------------------------------------- helpers

function expandTo(f: LimbFrame, end: number): boolean {
  if (end > MAX_MEMORY) return false;
  const words = (end + 31) >>> 5;
  if (words <= f.memWords) return true;
  if ((f.gas -= memoryCost(words) - memoryCost(f.memWords)) < 0) return false;
  if (words * 32 > f.mem.length) f.mem = growBuffer(f.mem, f.memWords * 32, words * 32);
  f.memWords = words;
  return true;
}

/** A memory offset or size as a number, or -1 when it is 2^31 or more (out of gas for any use). */
function memArg(s: Uint32Array, a: number): number {
  return U.fitsLimb(s, a) && s[a]! < MAX_MEMORY ? s[a]! : -1;
}

/** Expands memory for [off, off+size); size 0 never expands (nor checks off). */
function expand(f: LimbFrame, off: number, size: number): boolean {
  if (size === 0) return true;
  if (off < 0 || size < 0) return false;
  return expandTo(f, off + size);
}

/** Pushes a value below 2^32. */
function pushU32(f: LimbFrame, v: number): Status {
  U.setU32(f.stack, f.sp++ << 3, v);
  return Status.Continue;
}

function pushBig(f: LimbFrame, v: bigint): Status {
  U.setBigint(f.stack64, f.sp++ << 3, v);
  return Status.Continue;
}

// ---------------------------------------------------------------- handlers

const H: Handler[] = new Array<Handler>(256).fill(() => Status.Unsupported);

H[0x00] = () => Status.Stop;
H[0x01] = (f) => {
  const a = --f.sp << 3;
  U.add(f.stack, a - 8, a, a - 8);
  return Status.Continue;
};
H[0x02] = (f) => {
  const a = --f.sp << 3;
  U.mul(f.stack, a - 8, a, a - 8);
  return Status.Continue;
};
H[0x03] = (f) => {
  const a = --f.sp << 3;
  U.sub(f.stack, a - 8, a, a - 8);
  return Status.Continue;
};
H[0x04] = (f) => {
  const a = --f.sp << 3;
  U.divmod(f.stack, a, a - 8, a - 8, -1, false);
  return Status.Continue;
};
H[0x05] = (f) => {
  const a = --f.sp << 3;
  U.divmod(f.stack, a, a - 8, a - 8, -1, true);
  return Status.Continue;
};
H[0x06] = (f) => {
  const a = --f.sp << 3;
  U.divmod(f.stack, a, a - 8, -1, a - 8, false);
  return Status.Continue;
};
H[0x07] = (f) => {
  const a = --f.sp << 3;
  U.divmod(f.stack, a, a - 8, -1, a - 8, true);
  return Status.Continue;
};
H[0x08] = (f) => {
  const a = (f.sp -= 2) << 3; // a = top (at a+8), b (at a), n (at a-8)
  U.addmod(f.stack, a - 8, a + 8, a, a - 8);
  return Status.Continue;
};
H[0x09] = (f) => {
  const a = (f.sp -= 2) << 3;
  U.mulmod(f.stack, a - 8, a + 8, a, a - 8);
  return Status.Continue;
};
/** EXP: square-and-multiply in scratch words T0 (result) and T1 (base power). */
H[0x0a] = (f) => {
  const s = f.stack;
  const b = --f.sp << 3;
  const e = b - 8;
  const len = U.byteLength(s, e);
  if (len !== 0 && (f.gas -= EXP_BYTE_GAS * len) < 0) return Status.OutOfGas;
  U.setU32(s, T0, 1);
  U.copy(s, T1, s, b);
  const bits = len * 8;
  for (let i = 0; i < bits; i++) {
    if ((s[e + (i >>> 5)]! >>> (i & 31)) & 1) U.mul(s, T0, T0, T1);
    if (i + 1 < bits) U.mul(s, T1, T1, T1);
  }
  U.copy(s, e, s, T0);
  return Status.Continue;
};
H[0x0b] = (f) => {
  const s = f.stack;
  const b = --f.sp << 3;
  if (U.fitsLimb(s, b) && s[b]! < 31) U.signextend(s, b - 8, s[b]!);
  return Status.Continue;
};
H[0x10] = (f) => {
  const a = --f.sp << 3;
  U.setU32(f.stack, a - 8, U.lt(f.stack, a, a - 8) ? 1 : 0);
  return Status.Continue;
};
H[0x11] = (f) => {
  const a = --f.sp << 3;
  U.setU32(f.stack, a - 8, U.lt(f.stack, a - 8, a) ? 1 : 0);
  return Status.Continue;
};
H[0x12] = (f) => {
  const a = --f.sp << 3;
  U.setU32(f.stack, a - 8, U.slt(f.stack, a, a - 8) ? 1 : 0);
  return Status.Continue;
};
H[0x13] = (f) => {
  const a = --f.sp << 3;
  U.setU32(f.stack, a - 8, U.slt(f.stack, a - 8, a) ? 1 : 0);
  return Status.Continue;
};
H[0x14] = (f) => {
  const a = --f.sp << 3;
  U.setU32(f.stack, a - 8, U.eq(f.stack, a, a - 8) ? 1 : 0);
  return Status.Continue;
};
H[0x15] = (f) => {
  const a = (f.sp - 1) << 3;
  U.setU32(f.stack, a, U.isZero(f.stack, a) ? 1 : 0);
  return Status.Continue;
};
H[0x16] = (f) => {
  const s = f.stack;
  const a = --f.sp << 3;
  const r = a - 8;
  s[r] &= s[a]!;
  s[r + 1] &= s[a + 1]!;
  s[r + 2] &= s[a + 2]!;
  s[r + 3] &= s[a + 3]!;
  s[r + 4] &= s[a + 4]!;
  s[r + 5] &= s[a + 5]!;
  s[r + 6] &= s[a + 6]!;
  s[r + 7] &= s[a + 7]!;
  return Status.Continue;
};
H[0x17] = (f) => {
  const s = f.stack;
  const a = --f.sp << 3;
  const r = a - 8;
  s[r] |= s[a]!;
  s[r + 1] |= s[a + 1]!;
  s[r + 2] |= s[a + 2]!;
  s[r + 3] |= s[a + 3]!;
  s[r + 4] |= s[a + 4]!;
  s[r + 5] |= s[a + 5]!;
  s[r + 6] |= s[a + 6]!;
  s[r + 7] |= s[a + 7]!;
  return Status.Continue;
};
H[0x18] = (f) => {
  const s = f.stack;
  const a = --f.sp << 3;
  const r = a - 8;
  s[r] ^= s[a]!;
  s[r + 1] ^= s[a + 1]!;
  s[r + 2] ^= s[a + 2]!;
  s[r + 3] ^= s[a + 3]!;
  s[r + 4] ^= s[a + 4]!;
  s[r + 5] ^= s[a + 5]!;
  s[r + 6] ^= s[a + 6]!;
  s[r + 7] ^= s[a + 7]!;
  return Status.Continue;
};
H[0x19] = (f) => {
  const s = f.stack;
  const r = (f.sp - 1) << 3;
  for (let i = 0; i < 8; i++) s[r + i] = ~s[r + i]!;
  return Status.Continue;
};
H[0x1a] = (f) => {
  const s = f.stack;
  const a = --f.sp << 3;
  const i = U.fitsLimb(s, a) && s[a]! < 32 ? s[a]! : 32;
  U.setU32(s, a - 8, i < 32 ? U.byteAt(s, a - 8, i) : 0);
  return Status.Continue;
};
H[0x1b] = (f) => {
  const s = f.stack;
  const a = --f.sp << 3;
  if (U.fitsLimb(s, a) && s[a]! < 256) U.shl(s, a - 8, a - 8, s[a]!);
  else U.setU32(s, a - 8, 0);
  return Status.Continue;
};
H[0x1c] = (f) => {
  const s = f.stack;
  const a = --f.sp << 3;
  if (U.fitsLimb(s, a) && s[a]! < 256) U.shr(s, a - 8, a - 8, s[a]!, 0);
  else U.setU32(s, a - 8, 0);
  return Status.Continue;
};
H[0x1d] = (f) => {
  const s = f.stack;
  const a = --f.sp << 3;
  const fill = U.isNegative(s, a - 8) ? 0xffffffff : 0;
  const n = U.fitsLimb(s, a) && s[a]! < 256 ? s[a]! : 256;
  if (n < 256) U.shr(s, a - 8, a - 8, n, fill);
  else for (let i = 0; i < 8; i++) s[a - 8 + i] = fill;
  return Status.Continue;
};
H[0x20] = (f) => {
  const s = f.stack;
  const a = --f.sp << 3;
  const off = memArg(s, a);
  const size = memArg(s, a - 8);
  if (!expand(f, off, size) || (f.gas -= 2 * copyGas(size)) < 0) return Status.OutOfGas;
  const o = size === 0 ? 0 : off;
  U.fromBytes32(s, a - 8, keccak_256(f.mem.subarray(o, o + size)), 0);
  return Status.Continue;
};
H[0x30] = (f) => pushBig(f, f.msg.address);
H[0x32] = (f) => pushBig(f, f.msg.origin);
H[0x33] = (f) => pushBig(f, f.msg.caller);
H[0x34] = (f) => pushBig(f, f.msg.value);
H[0x35] = (f) => {
  const s = f.stack;
  const a = (f.sp - 1) << 3;
  const input = f.msg.input;
  if (!U.fitsLimb(s, a) || s[a]! >= input.length) U.setU32(s, a, 0);
  else U.fromBytesPadded(s, a, input, s[a]!);
  return Status.Continue;
};
H[0x36] = (f) => pushU32(f, f.msg.input.length);
function copyOp(f: LimbFrame, data: Uint8Array): Status {
  const s = f.stack;
  const a = (f.sp -= 3) << 3; // size at a, src at a+8, dst at a+16
  if (U.isZero(s, a)) return Status.Continue;
  const size = memArg(s, a);
  const dst = memArg(s, a + 16);
  if (!expand(f, dst, size) || (f.gas -= copyGas(size)) < 0) return Status.OutOfGas;
  const src = U.fitsLimb(s, a + 8) && s[a + 8]! < data.length ? s[a + 8]! : data.length;
  copyPadded(f.mem, dst, data, src, size);
  return Status.Continue;
}
H[0x37] = (f) => copyOp(f, f.msg.input);
H[0x38] = (f) => pushU32(f, f.codeLength);
H[0x39] = (f) => copyOp(f, f.code.subarray(0, f.codeLength));
H[0x3a] = (f) => pushBig(f, f.msg.gasPrice);
/** No calls happen in a prototype run, so the return-data buffer is always empty. */
H[0x3d] = (f) => pushU32(f, 0);
H[0x50] = (f) => {
  f.sp--;
  return Status.Continue;
};
H[0x51] = (f) => {
  const s = f.stack;
  const a = (f.sp - 1) << 3;
  const off = memArg(s, a);
  if (off < 0 || !expandTo(f, off + 32)) return Status.OutOfGas;
  U.fromBytes32(s, a, f.mem, off);
  return Status.Continue;
};
H[0x52] = (f) => {
  const s = f.stack;
  const a = (f.sp -= 2) << 3; // value at a, offset at a+8
  const off = memArg(s, a + 8);
  if (off < 0 || !expandTo(f, off + 32)) return Status.OutOfGas;
  U.toBytes32(s, a, f.mem, off);
  return Status.Continue;
};
H[0x53] = (f) => {
  const s = f.stack;
  const a = (f.sp -= 2) << 3;
  const off = memArg(s, a + 8);
  if (off < 0 || !expandTo(f, off + 1)) return Status.OutOfGas;
  f.mem[off] = s[a]!;
  return Status.Continue;
};
H[0x54] = (f) => {
  const a = (f.sp - 1) << 3;
  const key = U.toBigint(f.stack64, a);
  if ((f.gas -= f.storage.sloadExtraGas(key)) < 0) return Status.OutOfGas;
  U.setBigint(f.stack64, a, f.storage.load(key));
  return Status.Continue;
};
H[0x55] = (f) => {
  if (f.gas <= SSTORE_SENTRY_GAS) return Status.OutOfGas; // EIP-2200 sentry
  const a = (f.sp -= 2) << 3; // value at a, key at a+8
  const key = U.toBigint(f.stack64, a + 8);
  const value = U.toBigint(f.stack64, a);
  if ((f.gas -= f.storage.sstoreGas(key, value)) < 0) return Status.OutOfGas;
  f.storage.store(key, value);
  return Status.Continue;
};
function jumpTo(f: LimbFrame, a: number): Status {
  const s = f.stack;
  if (!U.fitsLimb(s, a)) return Status.InvalidJump;
  const d = s[a]!;
  if (d >= f.codeLength || f.jumpdests[d] !== 1) return Status.InvalidJump;
  f.pc = d;
  return Status.Continue;
}
H[0x56] = (f) => jumpTo(f, --f.sp << 3);
H[0x57] = (f) => {
  const a = (f.sp -= 2) << 3; // condition at a, destination at a+8
  if (U.isZero(f.stack, a)) return Status.Continue;
  return jumpTo(f, a + 8);
};
H[0x58] = (f) => pushU32(f, f.pc - 1);
H[0x59] = (f) => pushU32(f, f.memWords * 32);
H[0x5a] = (f) => {
  U.setSafe(f.stack, f.sp++ << 3, f.gas);
  return Status.Continue;
};
H[0x5b] = () => Status.Continue;
for (let n = 1; n <= 32; n++) {
  H[0x5f + n] = (f) => {
    U.copy(f.stack, f.sp++ << 3, f.pushData, f.pushIndex[f.pc - 1]!);
    f.pc += n;
    return Status.Continue;
  };
}
for (let n = 1; n <= 16; n++) {
  H[0x7f + n] = (f) => {
    const r = f.sp++ << 3;
    U.copy(f.stack, r, f.stack, r - 8 * n);
    return Status.Continue;
  };
  H[0x8f + n] = (f) => {
    const s = f.stack;
    const top = (f.sp - 1) << 3;
    const other = top - 8 * n;
    for (let i = 0; i < 8; i++) {
      const t = s[top + i]!;
      s[top + i] = s[other + i]!;
      s[other + i] = t;
    }
    return Status.Continue;
  };
}
function returnData(f: LimbFrame): boolean {
  const s = f.stack;
  const a = (f.sp -= 2) << 3; // size at a, offset at a+8
  if (U.isZero(s, a)) return true;
  const size = memArg(s, a);
  const off = memArg(s, a + 8);
  if (!expand(f, off, size)) return false;
  f.output = f.mem.slice(off, off + size);
  return true;
}
H[0xf3] = (f) => (returnData(f) ? Status.Return : Status.OutOfGas);
H[0xfd] = (f) => (returnData(f) ? Status.Revert : Status.OutOfGas);
H[0xfe] = () => Status.InvalidOpcode;

/** Native limb arithmetic throughout. */
export const NATIVE_HANDLERS: readonly Handler[] = H.slice();

// The division family through bigint: operands out of the limbs, evmkit's word functions, result back.
function viaBigint2(fn: (x: bigint, y: bigint) => bigint): Handler {
  return (f) => {
    const a = --f.sp << 3;
    U.setBigint(f.stack64, a - 8, fn(U.toBigint(f.stack64, a), U.toBigint(f.stack64, a - 8)));
    return Status.Continue;
  };
}
function viaBigint3(fn: (x: bigint, y: bigint, n: bigint) => bigint): Handler {
  return (f) => {
    const a = (f.sp -= 2) << 3;
    const s64 = f.stack64;
    U.setBigint(s64, a - 8, fn(U.toBigint(s64, a + 8), U.toBigint(s64, a), U.toBigint(s64, a - 8)));
    return Status.Continue;
  };
}
const HB = H.slice();
HB[0x04] = viaBigint2(W.div);
HB[0x05] = viaBigint2(W.sdiv);
HB[0x06] = viaBigint2(W.mod);
HB[0x07] = viaBigint2(W.smod);
HB[0x08] = viaBigint3(W.addmod);
HB[0x09] = viaBigint3(W.mulmod);
/** Division family through bigint. */
export const BIGINT_DIV_HANDLERS: readonly Handler[] = HB;

// MULMOD/ADDMOD in WebAssembly, on a stack inside the kernels' memory (one frame at a time here; a
// real design would give each call depth its own region of that memory).
const K = instantiateKernels();
const WASM_STACK = new Uint32Array(K.memory.buffer, STACK_BYTE_OFFSET, STACK_LIMBS);
const HW = H.slice();
HW[0x08] = (f) => {
  const a = (f.sp -= 2) << 3; // operands at limb offsets a+8, a, a-8 (result)
  const base = f.stackByte;
  K.addmod(base + 4 * (a + 8), base + 4 * a, base + 4 * (a - 8), base + 4 * (a - 8));
  return Status.Continue;
};
HW[0x09] = (f) => {
  const a = (f.sp -= 2) << 3;
  const base = f.stackByte;
  K.mulmod(base + 4 * (a + 8), base + 4 * a, base + 4 * (a - 8), base + 4 * (a - 8));
  return Status.Continue;
};
/** MULMOD/ADDMOD in wasm (frames must use WASM_STACK). */
export const WASM_HANDLERS: readonly Handler[] = HW;

// ---------------------------------------------------------------- loop

function interpret(f: LimbFrame): Status {
  const code = f.code;
  const handlers = f.handlers;
  for (;;) {
    const pc = f.pc;
    const op = code[pc]!;
    const sp = f.sp;
    if (sp < STACK_MIN[op]!) return Status.StackUnderflow;
    if (sp > STACK_MAX[op]!) return Status.StackOverflow;
    if ((f.gas -= STATIC_GAS[op]!) < 0) return Status.OutOfGas;
    f.pc = pc + 1;
    const status = handlers[op]!(f);
    if (status !== Status.Continue) return status;
  }
}

/** The same loop counting instructions (kept apart so the timed loop carries no counter). */
function interpretCounting(f: LimbFrame): { status: Status; count: number } {
  const code = f.code;
  const handlers = f.handlers;
  let count = 0;
  for (;;) {
    const pc = f.pc;
    const op = code[pc]!;
    const sp = f.sp;
    count++;
    if (sp < STACK_MIN[op]!) return { status: Status.StackUnderflow, count };
    if (sp > STACK_MAX[op]!) return { status: Status.StackOverflow, count };
    if ((f.gas -= STATIC_GAS[op]!) < 0) return { status: Status.OutOfGas, count };
    f.pc = pc + 1;
    const status = handlers[op]!(f);
    if (status !== Status.Continue) return { status, count };
  }
}

function result(f: LimbFrame, msg: MiniMessage, status: Status, instructions?: number): RunResult {
  const gasLeft = keepsGas(status) ? BigInt(f.gas) : 0n;
  return { status: statusName(status, f.code[f.pc - 1]!), output: f.output, gasUsed: msg.gas - gasLeft, instructions };
}

export function runLimbs(code: Uint8Array, msg: MiniMessage, handlers: readonly Handler[] = NATIVE_HANDLERS): RunResult {
  const f = new LimbFrame(prepare(code), msg, handlers);
  return result(f, msg, interpret(f));
}

export function runLimbsBigintDiv(code: Uint8Array, msg: MiniMessage): RunResult {
  return runLimbs(code, msg, BIGINT_DIV_HANDLERS);
}

/** MULMOD/ADDMOD in wasm; the stack is the wasm memory's (reused by every run, not reallocated). */
export function runLimbsWasm(code: Uint8Array, msg: MiniMessage): RunResult {
  const f = new LimbFrame(prepare(code), msg, WASM_HANDLERS, WASM_STACK);
  return result(f, msg, interpret(f));
}

/** Runs once counting instructions (not for timing). */
export function countLimbs(code: Uint8Array, msg: MiniMessage): RunResult {
  const f = new LimbFrame(prepare(code), msg, NATIVE_HANDLERS);
  const r = interpretCounting(f);
  return result(f, msg, r.status, r.count);
}
