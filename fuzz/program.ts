/**
 * Bytecode generators for the differential fuzzer: raw random bytes, and structured programs made of
 * snippets that each push their own operands (so most of them run), exercising calls, creates, storage,
 * transient storage, memory growth, returndata, logs, reverts, self-destructs and precompiles with
 * random or well-formed inputs.
 */
import type { Rng } from './rng.js';

/** Addresses the generated programs know about: contracts in the pre-state, EOAs, nothing. */
export interface ProgramContext {
  readonly contracts: readonly bigint[];
  readonly others: readonly bigint[];
  /** Precompile addresses active in the fork. */
  readonly precompiles: readonly bigint[];
  /** Fork flags for opcodes that only exist later. */
  readonly push0: boolean;
  readonly cancun: boolean;
  /** CLZ (EIP-7939). */
  readonly osaka?: boolean;
  /**
   * False for the node-level differential: COINBASE, PREVRANDAO and BLOCKHASH read header fields that two
   * dev nodes choose differently (fee recipient, randomness, hashes of headers with different extra fields)
   * and are left out; the rest of the block context (number, timestamp, base fee, gas limit) is shared.
   */
  readonly blockContext?: boolean;
}

const MAX = (1n << 256n) - 1n;

export class Emitter {
  readonly bytes: number[] = [];
  op(...ops: number[]): this {
    for (const o of ops) this.bytes.push(o & 0xff);
    return this;
  }
  push(v: bigint, ctx?: ProgramContext): this {
    if (v < 0n) v = 0n;
    if (v === 0n && ctx?.push0) return this.op(0x5f);
    let hex = v.toString(16);
    if (hex.length % 2) hex = '0' + hex;
    const n = Math.min(32, Math.max(1, hex.length / 2));
    this.op(0x5f + n);
    for (let i = 0; i < n; i++) this.bytes.push(parseInt(hex.slice(2 * i, 2 * i + 2), 16));
    return this;
  }
  get length(): number {
    return this.bytes.length;
  }
  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** Values that hit edges: 0, 1, word bounds, sign bits, powers of two, small offsets, addresses. */
export function interestingValue(r: Rng, ctx: ProgramContext): bigint {
  switch (r.int(12)) {
    case 0:
      return 0n;
    case 1:
      return BigInt(r.range(1, 40));
    case 2:
      return r.pick([31n, 32n, 33n, 63n, 64n, 255n, 256n, 1023n, 1024n]);
    case 3:
      return MAX - BigInt(r.int(3));
    case 4:
      return 1n << BigInt(r.int(256));
    case 5:
      return (1n << 255n) + BigInt(r.int(3)) - 1n;
    case 6:
      return r.bigBits(r.pick([8, 16, 64, 128, 160, 256]));
    case 7:
      return r.pick([...ctx.contracts, ...ctx.others]);
    case 8:
      return r.pick(ctx.precompiles);
    case 9:
      return (1n << 64n) - BigInt(r.int(2)) - (r.chance(0.5) ? 0n : 1n << 63n);
    case 10:
      return BigInt(r.range(0, 0x10000));
    default:
      return BigInt(r.int(8));
  }
}

/** A memory offset: usually small, sometimes large enough to cost a lot, rarely absurd. */
function offset(r: Rng): bigint {
  const k = r.int(40);
  if (k < 30) return BigInt(r.int(256));
  if (k < 37) return BigInt(r.int(0x8000));
  if (k < 39) return BigInt(r.range(0x10000, 0x400000));
  return r.pick([1n << 32n, (1n << 64n) - 1n, MAX]);
}

function length(r: Rng): bigint {
  const k = r.int(40);
  if (k < 8) return 0n;
  if (k < 32) return BigInt(r.int(100));
  if (k < 39) return BigInt(r.int(0x2000));
  return r.pick([1n << 32n, MAX]);
}

function callGas(r: Rng, e: Emitter, ctx: ProgramContext): void {
  const k = r.int(4);
  if (k === 0)
    e.op(0x5a); // GAS
  else if (k === 1) e.push(BigInt(r.int(100_000)), ctx);
  else if (k === 2) e.push(BigInt(r.int(3000)), ctx);
  else e.push(interestingValue(r, ctx), ctx);
}

function target(r: Rng, ctx: ProgramContext): bigint {
  const k = r.int(10);
  if (k < 5) return r.pick(ctx.contracts);
  if (k < 8) return r.pick(ctx.precompiles);
  if (k < 9) return r.pick(ctx.others);
  return r.bigBits(160);
}

/** Writes well-formed-ish precompile input to memory at 0 and returns its length. */
function precompileInput(r: Rng, e: Emitter, ctx: ProgramContext, addr: bigint): number {
  const words: bigint[] = [];
  if (addr === 5n) {
    const bl = BigInt(r.int(70)),
      el = r.chance(0.1) ? BigInt(r.int(600)) : BigInt(r.int(40)),
      ml = BigInt(r.int(70));
    words.push(bl, el, ml);
    for (let i = 0; i < 6; i++) words.push(r.bigBits(256));
  } else if (addr === 6n || addr === 7n) {
    // The bn254 generator (1, 2), doubled or scaled, or random coordinates.
    const good = r.chance(0.6);
    words.push(good ? 1n : r.bigBits(256), good ? 2n : r.bigBits(256));
    if (addr === 6n) words.push(r.chance(0.5) ? 1n : 0n, r.chance(0.5) ? 2n : 0n);
    else words.push(interestingValue(r, ctx));
  } else if (addr === 8n) {
    const n = r.int(3) * 6;
    for (let i = 0; i < n; i++) words.push(r.chance(0.5) ? 0n : r.bigBits(256));
  } else if (addr === 9n) {
    words.push(BigInt(r.int(16)) << 224n);
    for (let i = 0; i < 6; i++) words.push(r.bigBits(256));
  } else {
    const n = r.int(8);
    for (let i = 0; i < n; i++) words.push(r.bigBits(256));
  }
  words.forEach((w, i) =>
    e
      .push(w, ctx)
      .push(BigInt(i * 32), ctx)
      .op(0x52),
  );
  let len = words.length * 32;
  if (addr === 9n) len = 213;
  else if (r.chance(0.3)) len = Math.max(0, len + r.range(-31, 31));
  return len;
}

/** A tiny init code: returns `runtime` (copied from its own tail), or reverts, or runs random bytes. */
export function initCode(r: Rng, ctx: ProgramContext, runtime: Uint8Array): Uint8Array {
  const e = new Emitter();
  const k = r.int(10);
  if (k < 7) {
    // PUSH len DUP1 PUSH off PUSH 0 CODECOPY PUSH 0 RETURN (offset fixed up below)
    const body = new Emitter();
    if (r.chance(0.3))
      body
        .push(BigInt(r.int(5)), ctx)
        .push(BigInt(r.int(5)), ctx)
        .op(0x55); // SSTORE in init
    // k === 6: an EIP-3541 0xEF (or other) first byte on the deployed code
    const code = k === 6 ? Uint8Array.from([r.pick([0xef, 0x00, 0x60]), ...runtime]) : runtime;
    const head = body.bytes.length + 13;
    e.op(...body.bytes).op(
      0x61,
      code.length >> 8,
      code.length & 0xff,
      0x80,
      0x61,
      head >> 8,
      head & 0xff,
      0x60,
      0x00,
      0x39,
      0x60,
      0x00,
      0xf3,
    );
    e.op(...code);
    return e.toBytes();
  }
  if (k < 8)
    return e
      .push(BigInt(r.int(40)), ctx)
      .push(0n, ctx)
      .op(0xfd)
      .toBytes();
  return r.bytes(r.int(24));
}

/**
 * Makes the value on top of the stack observable (most results would otherwise be dropped): stores it
 * to memory inside the region programs usually return, or to a storage slot (state root), or leaves it.
 */
function observe(r: Rng, e: Emitter, ctx: ProgramContext): void {
  const k = r.int(10);
  if (k < 4) e.push(BigInt(r.int(4) * 32), ctx).op(0x52);
  else if (k < 7) e.push(0x100n + BigInt(r.int(8)), ctx).op(0x55);
}

/** One snippet: operands, then the operation. */
function snippet(r: Rng, e: Emitter, ctx: ProgramContext, depth: number): void {
  const k = r.int(100);
  if (k < 12) {
    // arithmetic / bitwise / comparison with interesting operands
    const ops = [
      0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a,
      0x1b, 0x1c, 0x1d,
    ];
    if (ctx.osaka) ops.push(0x1e, 0x1e);
    const op = r.pick(ops);
    const n = op === 0x08 || op === 0x09 ? 3 : op === 0x15 || op === 0x19 || op === 0x1e ? 1 : 2;
    for (let i = 0; i < n; i++) e.push(interestingValue(r, ctx), ctx);
    e.op(op);
    observe(r, e, ctx);
  } else if (k < 22) {
    // memory: MSTORE, MSTORE8, MLOAD, MSIZE, MCOPY
    const m = r.int(5);
    if (m === 0) e.push(interestingValue(r, ctx), ctx).push(offset(r), ctx).op(0x52);
    else if (m === 1) e.push(interestingValue(r, ctx), ctx).push(offset(r), ctx).op(0x53);
    else if (m === 2) {
      e.push(offset(r), ctx).op(0x51);
      observe(r, e, ctx);
    } else if (m === 3 && ctx.cancun) e.push(length(r), ctx).push(offset(r), ctx).push(offset(r), ctx).op(0x5e);
    else e.op(0x59);
  } else if (k < 32) {
    // storage and transient storage on small keys
    const key = r.chance(0.8) ? BigInt(r.int(6)) : interestingValue(r, ctx);
    const m = r.int(ctx.cancun ? 4 : 2);
    if (m === 0)
      e.push(r.chance(0.4) ? 0n : interestingValue(r, ctx), ctx)
        .push(key, ctx)
        .op(0x55);
    else if (m === 1) e.push(key, ctx).op(0x54);
    else if (m === 2) e.push(interestingValue(r, ctx), ctx).push(key, ctx).op(0x5d);
    else e.push(key, ctx).op(0x5c);
    if (m === 1 || m === 3) observe(r, e, ctx);
  } else if (k < 50 && depth < 2) {
    // calls
    const kind = r.pick([0xf1, 0xf1, 0xf2, 0xf4, 0xfa]);
    const to = target(r, ctx);
    let inOff = offset(r),
      inLen = length(r);
    if (ctx.precompiles.includes(to) && r.chance(0.7)) {
      inOff = 0n;
      inLen = BigInt(precompileInput(r, e, ctx, to));
    }
    e.push(r.chance(0.7) ? BigInt(r.int(64)) : length(r), ctx)
      .push(offset(r), ctx)
      .push(inLen, ctx)
      .push(inOff, ctx);
    if (kind === 0xf1 || kind === 0xf2) e.push(r.chance(0.6) ? 0n : r.chance(0.9) ? BigInt(r.int(1000)) : interestingValue(r, ctx), ctx);
    e.push(to, ctx);
    callGas(r, e, ctx);
    e.op(kind);
    observe(r, e, ctx);
    if (r.chance(0.5)) {
      // look at the return data
      if (r.chance(0.3)) e.op(0x3d);
      else if (r.chance(0.6))
        e.op(0x3d).push(0n, ctx).push(offset(r), ctx).op(0x3e); // RETURNDATACOPY(off, 0, RETURNDATASIZE)
      else
        e.push(r.chance(0.8) ? BigInt(r.int(40)) : length(r), ctx)
          .push(BigInt(r.int(40)), ctx)
          .push(offset(r), ctx)
          .op(0x3e);
    }
  } else if (k < 58 && depth < 2) {
    // creates: init code stored in memory word by word
    const runtime = r.chance(0.5) ? program(r, ctx, depth + 1, r.range(2, 12)) : r.bytes(r.int(20));
    const init = initCode(r, ctx, runtime);
    const base = BigInt(r.int(64));
    for (let i = 0; i < init.length; i += 32) {
      let w = 0n;
      for (let j = 0; j < 32; j++) w = (w << 8n) | BigInt(init[i + j] ?? 0);
      e.push(w, ctx)
        .push(base + BigInt(i), ctx)
        .op(0x52);
    }
    const create2 = r.chance(0.5);
    if (create2) e.push(BigInt(r.int(3)), ctx);
    e.push(BigInt(init.length), ctx)
      .push(base, ctx)
      .push(r.chance(0.7) ? 0n : BigInt(r.int(100)), ctx)
      .op(create2 ? 0xf5 : 0xf0);
    if (r.chance(0.3)) e.op(0x80, 0x3b); // DUP1 EXTCODESIZE
    observe(r, e, ctx);
  } else if (k < 63) {
    // logs
    const n = r.int(5);
    for (let i = 0; i < n; i++) e.push(interestingValue(r, ctx), ctx);
    e.push(r.chance(0.8) ? BigInt(r.int(64)) : length(r), ctx)
      .push(offset(r), ctx)
      .op(0xa0 + n);
  } else if (k < 78) {
    // environment and block information
    const blockContext = ctx.blockContext !== false;
    const all = [0x30, 0x32, 0x33, 0x34, 0x36, 0x38, 0x3a, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x5a, 0x58];
    const ops = blockContext ? all : all.filter((o) => o !== 0x41 && o !== 0x44);
    if (ctx.cancun) ops.push(0x4a);
    let m = r.int(8);
    if (m === 4 && !blockContext) m = 7;
    if (m === 0) e.push(target(r, ctx), ctx).op(r.pick([0x31, 0x3b, 0x3f]));
    else if (m === 1) e.push(length(r), ctx).push(interestingValue(r, ctx), ctx).push(offset(r), ctx).push(target(r, ctx), ctx).op(0x3c);
    else if (m === 2)
      e.push(length(r), ctx)
        .push(BigInt(r.int(80)), ctx)
        .push(offset(r), ctx)
        .op(r.pick([0x37, 0x39]));
    else if (m === 3) e.push(r.chance(0.7) ? BigInt(r.int(80)) : interestingValue(r, ctx), ctx).op(0x35);
    else if (m === 4)
      e.op(0x43)
        .push(BigInt(r.int(260)), ctx)
        .op(0x90, 0x03, 0x40); // BLOCKHASH(number - k)
    else if (m === 5)
      e.push(length(r), ctx).push(offset(r), ctx).op(0x20); // KECCAK256
    else if (m === 6 && ctx.cancun) e.push(BigInt(r.int(3)), ctx).op(0x49);
    else e.op(r.pick(ops));
    if (m !== 1 && m !== 2) observe(r, e, ctx);
  } else if (k < 84) {
    if (ctx.osaka && r.chance(0.2)) {
      // CLZ at the word's edges: 0, 1, each power of two and its neighbours, all ones
      const b = BigInt(r.int(256));
      e.push(r.pick([0n, MAX, (1n << b) - 1n, 1n << b, (1n << b) + 1n]), ctx).op(0x1e);
      observe(r, e, ctx);
      return;
    }
    // EXP, SIGNEXTEND, BYTE and the shifts with a small width / index / shift and a full random word
    const op = r.pick([0x0a, 0x0b, 0x1a, 0x1b, 0x1c, 0x1d]);
    const small = op >= 0x1b ? BigInt(r.int(260)) : BigInt(r.int(34));
    e.push(r.chance(0.5) ? r.bigBits(256) : interestingValue(r, ctx), ctx)
      .push(r.chance(0.7) ? small : interestingValue(r, ctx), ctx)
      .op(op);
    observe(r, e, ctx);
  } else if (k < 88) {
    // a forward conditional jump over a random snippet
    const sub = new Emitter();
    snippet(r, sub, ctx, depth);
    e.push(r.chance(0.5) ? 0n : 1n, ctx);
    const dest = e.length + 4 + sub.length;
    e.op(0x61, dest >> 8, dest & 0xff, 0x57);
    e.op(...sub.bytes);
    if (r.chance(0.9)) e.op(0x5b);
    else e.op(0x00);
  } else if (k < 92) {
    // stack shuffling: usually on operands pushed here, sometimes on whatever is there (may underflow)
    if (r.chance(0.8)) for (let i = 0; i < 17; i++) e.push(interestingValue(r, ctx), ctx);
    e.op(r.pick([0x50, 0x80 + r.int(16), 0x90 + r.int(16)]));
  } else if (k < 94) {
    e.push(target(r, ctx), ctx).op(0xff); // SELFDESTRUCT
  } else if (k < 96) {
    e.op(...r.bytes(r.range(1, 4))); // raw bytes: undefined opcodes, truncated pushes, jumps
  } else if (k < 97) {
    e.push(BigInt(r.int(200)), ctx).op(0x56); // JUMP somewhere
  } else {
    e.op(0x5a, 0x50); // GAS POP
  }
}

/** A structured program of about `n` snippets ending in STOP, RETURN or REVERT. */
export function program(r: Rng, ctx: ProgramContext, depth: number, n: number): Uint8Array {
  const e = new Emitter();
  for (let i = 0; i < n; i++) snippet(r, e, ctx, depth);
  const end = r.int(10);
  if (end < 4)
    e.push(r.chance(0.8) ? BigInt(r.int(100)) : length(r), ctx)
      .push(BigInt(r.int(64)), ctx)
      .op(0xf3);
  else if (end < 6)
    e.push(BigInt(r.int(100)), ctx)
      .push(BigInt(r.int(64)), ctx)
      .op(0xfd);
  else if (end < 7) e.op(0xfe);
  else e.op(0x00);
  return e.toBytes();
}

/** Random bytes, half of them biased to defined opcodes with small pushes. */
export function randomCode(r: Rng, n: number): Uint8Array {
  if (r.chance(0.5)) return r.bytes(n);
  const out: number[] = [];
  while (out.length < n) {
    const b = r.u32() & 0xff;
    if (b >= 0x60 && b < 0x80) out.push(0x60, r.int(r.chance(0.5) ? 64 : 256));
    else out.push(b);
  }
  return Uint8Array.from(out);
}
