/**
 * The loop runs frequent instructions inline (loop.ts) and the rest through their handlers. This checks
 * the two paths agree: random programs over the inlined instructions run once with the fork's table and
 * once with a table that dispatches every byte through a wrapper of its handler, which the loop neither
 * inlines nor includes in a run's checks (so each instruction is checked by itself); status, gas left,
 * output and memory-derived output must match.
 * It also checks the override hook: a replaced handler runs even for a byte the loop would inline.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Status } from '../../src/machine/status.js';
import { NOT_INLINED, tableFor, withHandler, type OpTable } from '../../src/machine/table.js';
import { Fork } from '../../src/spec/fork.js';
import { bytesToHex } from '../../src/primitives/hex.js';
import { executeCode, perInstruction } from './harness.js';

/** The per-instruction reference table (harness.ts), with nothing left for the loop to inline. */
function handlersOnly(t: OpTable): OpTable {
  const out = perInstruction(t);
  for (let op = 0; op < 256; op++) assert.equal(out.inline[op], NOT_INLINED, `byte ${op} still inlined`);
  return out;
}

function execute(code: Uint8Array, fork: Fork, table: OpTable | undefined, gas: bigint) {
  return executeCode(code, gas, table, fork);
}

/** xorshift32: deterministic programs. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const INLINED_OPS = [
  0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0b, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c,
  0x1d, 0x5f, 0x50, 0x51, 0x52, 0x56, 0x57, 0x5b,
];

/** A random program: pushes of small, large and offset-like values, inlined ops, DUP/SWAP, then RETURN of memory. */
function program(r: () => number): Uint8Array {
  const out: number[] = [];
  const n = 20 + Math.floor(r() * 80);
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.35) {
      const len = r() < 0.6 ? 1 : r() < 0.5 ? 2 : 1 + Math.floor(r() * 32);
      out.push(0x5f + len);
      for (let j = 0; j < len; j++) out.push(r() < 0.2 ? 0xff : Math.floor(r() * 256));
    } else if (k < 0.5) out.push(0x80 + Math.floor(r() * 4));
    else if (k < 0.6) out.push(0x90 + Math.floor(r() * 4));
    else out.push(INLINED_OPS[Math.floor(r() * INLINED_OPS.length)]!);
  }
  // RETURN(0, 64): shows memory and the result of MSTOREs.
  out.push(0x60, 0x40, 0x60, 0x00, 0xf3);
  return Uint8Array.from(out);
}

test('inline dispatch and handler dispatch agree on random programs (Frontier, Constantinople, Osaka)', () => {
  const r = rng(20261121);
  for (const fork of [Fork.Frontier, Fork.Constantinople, Fork.Osaka]) {
    const plain = handlersOnly(tableFor(fork));
    const statuses = new Set<Status>();
    for (let i = 0; i < 400; i++) {
      const code = program(r);
      const gas = BigInt(50 + Math.floor(r() * 3000));
      const a = execute(code, fork, undefined, gas);
      const b = execute(code, fork, plain, gas);
      const what = `fork ${fork} program ${bytesToHex(code)} gas ${gas}`;
      assert.equal(a.status, b.status, what);
      assert.equal(a.gasLeft, b.gasLeft, what);
      assert.equal(bytesToHex(a.output), bytesToHex(b.output), what);
      statuses.add(a.status);
    }
    // The programs reach success, out of gas, stack underflow and bad jumps, not just one outcome.
    assert.ok(statuses.size >= 3, `outcomes seen: ${[...statuses].join(',')}`);
  }
});

test('a handler override replaces an instruction the loop would run inline', () => {
  const t = tableFor(Fork.Cancun);
  assert.equal(t.inline[0x01], 0x01);
  // ADD overridden as "push 42 and drop both operands", at 7 gas.
  const custom = withHandler(
    t,
    0x01,
    (f) => {
      f.sp -= 1;
      f.stack[f.sp - 1] = 42n;
      return Status.Continue;
    },
    7,
  );
  assert.equal(custom.inline[0x01], NOT_INLINED);
  // PUSH1 1 PUSH1 2 ADD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
  const code = Uint8Array.from([0x60, 1, 0x60, 2, 0x01, 0x60, 0, 0x52, 0x60, 32, 0x60, 0, 0xf3]);
  const plain = execute(code, Fork.Cancun, undefined, 100n);
  const over = execute(code, Fork.Cancun, custom, 100n);
  assert.equal(BigInt(bytesToHex(plain.output)), 3n);
  assert.equal(BigInt(bytesToHex(over.output)), 42n);
  assert.equal(plain.gasLeft - over.gasLeft, 4n, 'ADD costs 3, the override 7');
});

/**
 * Programs with jumps between JUMPDEST-led segments (loops included: gas bounds them), for the block
 * checks of loop.ts: every segment is a block entered by a jump, a JUMPI falling through or a JUMPDEST
 * reached in sequence, and some contain instructions that run through their handlers (GAS, MSIZE, PC).
 */
function jumpyProgram(r: () => number, stackPrefix: number): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < stackPrefix; i++) out.push(0x60, i & 0xff);
  const segments = 3 + Math.floor(r() * 6);
  const starts: number[] = [];
  const fixups: number[] = [];
  for (let s = 0; s < segments; s++) {
    starts.push(out.length);
    out.push(0x5b);
    const n = Math.floor(r() * 12);
    for (let i = 0; i < n; i++) {
      const k = r();
      if (k < 0.3) out.push(0x60, Math.floor(r() * 256));
      else if (k < 0.4) out.push(0x80 + Math.floor(r() * 3));
      else if (k < 0.5) out.push(0x90 + Math.floor(r() * 2));
      else if (k < 0.55)
        out.push([0x5a, 0x59, 0x58][Math.floor(r() * 3)]!); // GAS, MSIZE, PC: handlers
      else if (k < 0.6)
        out.push(0x60, Math.floor(r() * 96), 0x51); // MLOAD near the start of memory
      else if (k < 0.65)
        out.push(0x60, Math.floor(r() * 96), 0x52); // MSTORE
      else if (k < 0.7)
        out.push(0x5b); // a JUMPDEST in the middle
      else out.push(INLINED_OPS[Math.floor(r() * (INLINED_OPS.length - 3))]!); // no JUMP/JUMPI/JUMPDEST here
    }
    const end = r();
    if (end < 0.4) {
      out.push(0x61, 0, 0); // PUSH2 target
      fixups.push(out.length - 2);
      out.push(end < 0.2 ? 0x56 : 0x57); // JUMP / JUMPI (with whatever is below as the condition)
    } else if (end < 0.45) {
      out.push(0x60, 3, 0x56); // an invalid jump
    }
  }
  for (const at of fixups) {
    const t = starts[Math.floor(r() * starts.length)]!;
    out[at] = t >> 8;
    out[at + 1] = t & 0xff;
  }
  out.push(0x60, 0x40, 0x60, 0x00, 0xf3);
  return Uint8Array.from(out);
}

test('block checks: gas limits up to the need (each one near it), and stacks near 1024, give the per-instruction outcome', () => {
  const r = rng(20261205);
  for (const fork of [Fork.Berlin, Fork.Osaka]) {
    const plain = handlersOnly(tableFor(fork));
    const statuses = new Set<Status>();
    for (let i = 0; i < 60; i++) {
      const deep = i % 4 === 3;
      const code = jumpyProgram(r, deep ? 1000 + Math.floor(r() * 24) : Math.floor(r() * 4));
      const full = execute(code, fork, plain, 20_000n);
      const need = Number(20_000n - full.gasLeft);
      // Every 29th gas limit (97th when deep) up to the need, and each limit within 3 of it.
      const step = deep ? 97 : 29;
      const limits = new Set<number>();
      for (let g = deep ? 2950 : 0; g <= Math.min(need + 3, 20_000); g += step) limits.add(g);
      for (let g = Math.max(0, need - 3); g <= Math.min(need + 3, 20_000); g++) limits.add(g);
      for (const g of limits) {
        const gas = BigInt(g);
        const a = execute(code, fork, undefined, gas);
        const b = execute(code, fork, plain, gas);
        const what = `fork ${fork} program ${bytesToHex(code)} gas ${gas}`;
        assert.equal(a.status, b.status, what);
        assert.equal(a.gasLeft, b.gasLeft, what);
        assert.equal(bytesToHex(a.output), bytesToHex(b.output), what);
        statuses.add(a.status);
      }
    }
    assert.ok(
      statuses.has(Status.OutOfGas) && statuses.has(Status.Return) && statuses.has(Status.StackOverflow),
      `outcomes seen: ${[...statuses].join(',')}`,
    );
  }
});
