/**
 * Control: the prototypes' mini interpreter with bigint words, i.e. evmkit's representation (the word
 * functions are evmkit's own, src/word/word.ts) in the prototypes' shell. Comparing it with the
 * baseline measures what the shell leaves out (executor, journal, frame setup); comparing the prototypes
 * with it measures the word representation alone.
 *
 * Shell (shared by every prototype): a Frame object, a 256-entry handler table of `(f) => Status`, a loop
 * with pc/sp/gas on the frame that checks stack bounds and static gas from evmkit's London table, exactly
 * as src/interpreter/loop.ts does. One account's storage; no calls, creates or logs.
 */
import * as W from '../../../src/word/index.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { Status, keepsGas, statusName, type RunResult } from '../shell/status.js';
import { STATIC_GAS, STACK_MIN, STACK_MAX, STACK_LIMIT, EXP_BYTE_GAS, SSTORE_SENTRY_GAS } from '../shell/table.js';
import { MAX_MEMORY, copyGas, copyPadded, growBuffer, memoryCost } from '../shell/memory.js';
import { analyzeShape } from '../shell/analysis.js';
import { SlotStore } from '../shell/storage.js';
import { checkGas, type MiniMessage } from '../shell/env.js';

type Word = bigint;
type Handler = (f: BigFrame) => Status;

interface Prepared {
  readonly code: Uint8Array;
  readonly codeLength: number;
  readonly jumpdests: Uint8Array;
  /** PUSH immediates by pc. */
  readonly pushValues: Word[];
}

const prepared = new WeakMap<Uint8Array, Prepared>();

/** Code analysis, cached per code like evmkit's `analyze`. */
function prepare(code: Uint8Array): Prepared {
  let p = prepared.get(code);
  if (p === undefined) {
    const shape = analyzeShape(code);
    const pushValues: Word[] = new Array(shape.length);
    for (const pc of shape.pushSites) pushValues[pc] = W.wordFromBytes(shape.padded, pc + 1, shape.padded[pc]! - 0x5f);
    p = { code: shape.padded, codeLength: shape.length, jumpdests: shape.jumpdests, pushValues };
    prepared.set(code, p);
  }
  return p;
}

class BigFrame {
  pc = 0;
  gas: number;
  sp = 0;
  readonly stack: Word[] = new Array<Word>(STACK_LIMIT).fill(0n);
  mem: Uint8Array = new Uint8Array(0);
  memWords = 0;
  output: Uint8Array = new Uint8Array(0);
  readonly code: Uint8Array;
  readonly codeLength: number;
  readonly jumpdests: Uint8Array;
  readonly pushValues: Word[];
  readonly storage = new SlotStore();
  constructor(p: Prepared, readonly msg: MiniMessage) {
    this.code = p.code;
    this.codeLength = p.codeLength;
    this.jumpdests = p.jumpdests;
    this.pushValues = p.pushValues;
    this.gas = checkGas(msg.gas);
  }
}

// ---------------------------------------------------------------- helpers

/** Offsets at or past this are out of gas (a constant, as evmkit's MAX_OFFSET: no BigInt per call). */
const MAX_OFFSET = BigInt(MAX_MEMORY);

function small(n: number): Word {
  return n < 257 ? W.SMALL[n]! : BigInt(n);
}

function expandTo(f: BigFrame, end: number): boolean {
  if (end > MAX_MEMORY) return false;
  const words = (end + 31) >>> 5;
  if (words <= f.memWords) return true;
  if ((f.gas -= memoryCost(words) - memoryCost(f.memWords)) < 0) return false;
  if (words * 32 > f.mem.length) f.mem = growBuffer(f.mem, f.memWords * 32, words * 32);
  f.memWords = words;
  return true;
}

/** Expands memory for [off, off+size); size 0 never expands. */
function expand(f: BigFrame, off: Word, size: Word): boolean {
  if (size === 0n) return true;
  if (off >= MAX_OFFSET || size >= MAX_OFFSET) return false;
  return expandTo(f, Number(off) + Number(size));
}

// ---------------------------------------------------------------- handlers

const H: Handler[] = new Array<Handler>(256).fill(() => Status.Unsupported);

H[0x00] = () => Status.Stop;
H[0x01] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.add(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x02] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.mul(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x03] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.sub(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x04] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.div(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x05] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.sdiv(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x06] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.mod(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x07] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.smod(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x08] = (f) => {
  const s = f.stack;
  const sp = (f.sp -= 2);
  s[sp - 1] = W.addmod(s[sp + 1]!, s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x09] = (f) => {
  const s = f.stack;
  const sp = (f.sp -= 2);
  s[sp - 1] = W.mulmod(s[sp + 1]!, s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x0a] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  const e = s[sp - 1]!;
  if (e !== 0n && (f.gas -= EXP_BYTE_GAS * W.byteLength(e)) < 0) return Status.OutOfGas;
  s[sp - 1] = W.exp(s[sp]!, e);
  return Status.Continue;
};
H[0x0b] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.signextend(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x10] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.lt(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x11] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.gt(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x12] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.slt(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x13] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.sgt(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x14] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.eq(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x15] = (f) => {
  const i = f.sp - 1;
  f.stack[i] = f.stack[i] === 0n ? 1n : 0n;
  return Status.Continue;
};
H[0x16] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp]! & s[sp - 1]!;
  return Status.Continue;
};
H[0x17] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp]! | s[sp - 1]!;
  return Status.Continue;
};
H[0x18] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp]! ^ s[sp - 1]!;
  return Status.Continue;
};
H[0x19] = (f) => {
  const i = f.sp - 1;
  f.stack[i] = W.not(f.stack[i]!);
  return Status.Continue;
};
H[0x1a] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.byte(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x1b] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.shl(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x1c] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.shr(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x1d] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.sar(s[sp]!, s[sp - 1]!);
  return Status.Continue;
};
H[0x20] = (f) => {
  const s = f.stack;
  const sp = --f.sp;
  const off = s[sp]!;
  const size = s[sp - 1]!;
  if (!expand(f, off, size) || (f.gas -= 2 * copyGas(Number(size))) < 0) return Status.OutOfGas;
  const o = size === 0n ? 0 : Number(off);
  s[sp - 1] = W.wordFromBytes(keccak_256(f.mem.subarray(o, o + Number(size))), 0, 32);
  return Status.Continue;
};
H[0x30] = (f) => {
  f.stack[f.sp++] = f.msg.address;
  return Status.Continue;
};
H[0x32] = (f) => {
  f.stack[f.sp++] = f.msg.origin;
  return Status.Continue;
};
H[0x33] = (f) => {
  f.stack[f.sp++] = f.msg.caller;
  return Status.Continue;
};
H[0x34] = (f) => {
  f.stack[f.sp++] = f.msg.value;
  return Status.Continue;
};
H[0x35] = (f) => {
  const s = f.stack;
  const i = f.sp - 1;
  const off = s[i]!;
  const input = f.msg.input;
  if (off >= BigInt(input.length)) {
    s[i] = 0n;
    return Status.Continue;
  }
  const o = Number(off);
  if (o + 32 <= input.length) s[i] = W.wordFromBytes(input, o, 32);
  else {
    const buf = new Uint8Array(32);
    buf.set(input.subarray(o));
    s[i] = W.wordFromBytes(buf, 0, 32);
  }
  return Status.Continue;
};
H[0x36] = (f) => {
  f.stack[f.sp++] = small(f.msg.input.length);
  return Status.Continue;
};
function copyOp(f: BigFrame, data: Uint8Array): Status {
  const s = f.stack;
  const sp = (f.sp -= 3);
  const dst = s[sp + 2]!;
  const src = s[sp + 1]!;
  const size = s[sp]!;
  if (size === 0n) return Status.Continue;
  if (!expand(f, dst, size) || (f.gas -= copyGas(Number(size))) < 0) return Status.OutOfGas;
  copyPadded(f.mem, Number(dst), data, src >= BigInt(data.length) ? data.length : Number(src), Number(size));
  return Status.Continue;
}
H[0x37] = (f) => copyOp(f, f.msg.input);
H[0x38] = (f) => {
  f.stack[f.sp++] = small(f.codeLength);
  return Status.Continue;
};
H[0x39] = (f) => copyOp(f, f.code.subarray(0, f.codeLength));
H[0x3a] = (f) => {
  f.stack[f.sp++] = f.msg.gasPrice;
  return Status.Continue;
};
/** No calls happen in a prototype run, so the return-data buffer is always empty. */
H[0x3d] = (f) => {
  f.stack[f.sp++] = 0n;
  return Status.Continue;
};
H[0x50] = (f) => {
  f.sp--;
  return Status.Continue;
};
H[0x51] = (f) => {
  const s = f.stack;
  const i = f.sp - 1;
  const off = s[i]!;
  if (off >= MAX_OFFSET || !expandTo(f, Number(off) + 32)) return Status.OutOfGas;
  s[i] = W.wordFromBytes(f.mem, Number(off), 32);
  return Status.Continue;
};
H[0x52] = (f) => {
  const s = f.stack;
  const sp = (f.sp -= 2);
  const off = s[sp + 1]!;
  if (off >= MAX_OFFSET || !expandTo(f, Number(off) + 32)) return Status.OutOfGas;
  W.wordToBytes(s[sp]!, f.mem, Number(off));
  return Status.Continue;
};
H[0x53] = (f) => {
  const s = f.stack;
  const sp = (f.sp -= 2);
  const off = s[sp + 1]!;
  if (off >= MAX_OFFSET || !expandTo(f, Number(off) + 1)) return Status.OutOfGas;
  f.mem[Number(off)] = Number(s[sp]! & 0xffn);
  return Status.Continue;
};
H[0x54] = (f) => {
  const i = f.sp - 1;
  const key = f.stack[i]!;
  if ((f.gas -= f.storage.sloadExtraGas(key)) < 0) return Status.OutOfGas;
  f.stack[i] = f.storage.load(key);
  return Status.Continue;
};
H[0x55] = (f) => {
  if (f.gas <= SSTORE_SENTRY_GAS) return Status.OutOfGas; // EIP-2200 sentry
  const s = f.stack;
  const sp = (f.sp -= 2);
  const key = s[sp + 1]!;
  const value = s[sp]!;
  if ((f.gas -= f.storage.sstoreGas(key, value)) < 0) return Status.OutOfGas;
  f.storage.store(key, value);
  return Status.Continue;
};
function jumpTo(f: BigFrame, dest: Word): Status {
  if (dest >= 0x1000000n) return Status.InvalidJump;
  const d = Number(dest);
  if (d >= f.codeLength || f.jumpdests[d] !== 1) return Status.InvalidJump;
  f.pc = d;
  return Status.Continue;
}
H[0x56] = (f) => jumpTo(f, f.stack[--f.sp]!);
H[0x57] = (f) => {
  const s = f.stack;
  const sp = (f.sp -= 2);
  if (s[sp]! === 0n) return Status.Continue;
  return jumpTo(f, s[sp + 1]!);
};
H[0x58] = (f) => {
  f.stack[f.sp++] = small(f.pc - 1);
  return Status.Continue;
};
H[0x59] = (f) => {
  f.stack[f.sp++] = small(f.memWords * 32);
  return Status.Continue;
};
H[0x5a] = (f) => {
  f.stack[f.sp++] = BigInt(f.gas);
  return Status.Continue;
};
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
function returnData(f: BigFrame): boolean {
  const s = f.stack;
  const sp = (f.sp -= 2);
  const off = s[sp + 1]!;
  const size = s[sp]!;
  if (!expand(f, off, size)) return false;
  if (size !== 0n) f.output = f.mem.slice(Number(off), Number(off) + Number(size));
  return true;
}
H[0xf3] = (f) => (returnData(f) ? Status.Return : Status.OutOfGas);
H[0xfd] = (f) => (returnData(f) ? Status.Revert : Status.OutOfGas);
H[0xfe] = () => Status.InvalidOpcode;

const HANDLERS: readonly Handler[] = H;

// ---------------------------------------------------------------- loop

function interpret(f: BigFrame): Status {
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

export function runBigint(code: Uint8Array, msg: MiniMessage): RunResult {
  const f = new BigFrame(prepare(code), msg);
  const status = interpret(f);
  const gasLeft = keepsGas(status) ? BigInt(f.gas) : 0n;
  return { status: statusName(status, f.code[f.pc - 1]!), output: f.output, gasUsed: msg.gas - gasLeft };
}
