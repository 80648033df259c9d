import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asm } from '../../src/spec/asm.js';
import { runCode } from '../../src/transition/runCode.js';
import { StateJournal } from '../../src/state/journal.js';
import { Account } from '../../src/state/account.js';
import { Status } from '../../src/machine/status.js';
import { Fork } from '../../src/spec/fork.js';
import {
  MemoryPool,
  expandMemoryTo,
  memoryCost,
  recycleMemory,
  releaseFrame,
  RESERVE_FROM,
  RESERVE_MAX,
} from '../../src/machine/memory.js';
import { Frame } from '../../src/machine/frame.js';
import type { Message } from '../../src/machine/message.js';
import { callMessage } from '../exec/harness.js';
import { tableFor } from '../../src/machine/table.js';
import type { Host } from '../../src/machine/host.js';
import { EMPTY_BYTES } from '../../src/primitives/hex.js';

const MARKER = 0xa1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90n;
const words = (end: number): number => Math.ceil(end / 32);
const word = (out: Uint8Array, i: number): bigint => BigInt('0x' + Buffer.from(out.subarray(32 * i, 32 * i + 32)).toString('hex'));

test('memory grown step by step across RESERVE_FROM: contents survive, bytes past the active size read zero, MSIZE and gas exact', () => {
  // The first step past RESERVE_FROM moves memory into a buffer sized by the gas left; later steps
  // grow inside it.
  const a = RESERVE_FROM + 40_000; // MSTORE8 target, first step past the threshold
  const b = 2 * RESERVE_FROM + 100_000; // MLOAD past the active size
  const c = 6 * RESERVE_FROM + 7; // MLOAD far past it (unaligned)
  const src = [
    `PUSH32 ${MARKER} PUSH0 MSTORE`, // mem[0..32) = marker
    `PUSH1 0xaa PUSH3 ${a} MSTORE8`, // one byte at a
    'MSIZE', // r0
    `PUSH3 ${b} MLOAD`, // r1: zero
    'MSIZE', // r2
    `PUSH3 ${a - 1} MLOAD`, // r3: 0x00aa00.. (the byte at a survived two growths)
    `PUSH3 ${c} MLOAD`, // r4: zero
    'PUSH0 MLOAD', // r5: the marker
    'MSIZE', // r6
    `PUSH3 ${b - 32} MLOAD`, // r7: zero (the region just below b was never written)
    // store r7..r0 at 0, 32, ..., 224 (all inside active memory: no expansion) and return them
    ...Array.from({ length: 8 }, (_, i) => `PUSH1 ${32 * i} MSTORE`),
    'PUSH1 0 PUSH2 256 SWAP1 RETURN',
  ];
  const r = runCode(asm(src.join(' ')), { gas: 100_000_000n, fork: Fork.Cancun });
  assert.equal(r.status, Status.Return);
  const out = r.output;
  assert.equal(out.length, 256);
  // returned in reverse order: out[0] = r7 ... out[7] = r0
  const res = Array.from({ length: 8 }, (_, i) => word(out, 7 - i));
  assert.equal(res[0], BigInt(words(a + 1) * 32));
  assert.equal(res[1], 0n);
  assert.equal(res[2], BigInt(words(b + 32) * 32));
  assert.equal(res[3], 0xaan << 240n);
  assert.equal(res[4], 0n);
  // the marker was overwritten by the result stores only after it was read
  assert.equal(res[5], MARKER);
  assert.equal(res[6], BigInt(words(c + 32) * 32));
  assert.equal(res[7], 0n);
  // gas: static costs plus the expansion to the final size (each step charged on the difference)
  const staticGas = 3 + 2 + 3 + (3 + 3 + 3) + 2 + (3 + 3) + 2 + (3 + 3) + (3 + 3) + (2 + 3) + 2 + (3 + 3) + 8 * (3 + 3) + (3 + 3 + 3);
  assert.equal(r.gasUsed, BigInt(staticGas + memoryCost(words(c + 32))));
});

test('a callee that grew a large memory returns its data intact after its frame ends', () => {
  const callee = 0xbeefn;
  const state = new StateJournal();
  const hi = 3 * RESERVE_FROM;
  // callee: marker at hi (memory grows to ~768 KB), RETURN the 32 bytes at hi
  state.accounts.set(callee, new Account(0n, 0n, asm(`PUSH32 ${MARKER} PUSH3 ${hi} MSTORE PUSH1 32 PUSH3 ${hi} RETURN`)));
  // caller: call twice (the second callee frame starts from empty memory), return both results
  const call = (ret: number): string => `PUSH1 32 PUSH1 ${ret} PUSH0 PUSH0 PUSH0 PUSH2 ${callee} GAS CALL POP`;
  const r = runCode(asm(`${call(0)} ${call(32)} PUSH1 64 PUSH0 RETURN`), { gas: 100_000_000n, state, fork: Fork.Cancun });
  assert.equal(r.status, Status.Return);
  assert.equal(word(r.output, 0), MARKER);
  assert.equal(word(r.output, 1), MARKER);
});

const pool = new MemoryPool();

function bareFrame(gas: bigint): Frame {
  const msg: Message = callMessage(2n, gas);
  // expandMemoryTo only touches memory and gas: no host needed
  return new Frame(undefined as unknown as Host, msg, EMPTY_BYTES, tableFor(Fork.Cancun), pool);
}

test('expandMemoryTo: past RESERVE_FROM one buffer as large as the gas left could fill (capped), no copy after; gas exact', () => {
  pool.clear();
  const f = bareFrame(10_000_000n);
  assert.ok(expandMemoryTo(f, 1000));
  f.mem[999] = 7;
  assert.ok(expandMemoryTo(f, RESERVE_FROM - 32)); // doubling below the threshold
  assert.equal(f.mem.length, RESERVE_FROM);
  assert.ok(expandMemoryTo(f, RESERVE_FROM + 1)); // the reservation
  const reserved = f.mem;
  // 10M gas pays for at most W words with W^2/512 + 3W <= 10M: W = 70,790 (2,265,280 bytes) -> 35 pages of 64 KB
  assert.equal(reserved.length, 35 * 65536);
  reserved[RESERVE_FROM] = 9;
  assert.ok(expandMemoryTo(f, 3 * RESERVE_FROM));
  assert.equal(f.mem, reserved, 'no reallocation inside the reservation');
  assert.equal(f.mem[999], 7);
  assert.equal(f.mem[RESERVE_FROM], 9);
  assert.ok(
    f.mem.subarray(RESERVE_FROM + 1).every((b) => b === 0),
    'past the written bytes all zero',
  );
  assert.equal(f.memWords, words(3 * RESERVE_FROM));
  assert.equal(f.gas, 10_000_000 - memoryCost(words(3 * RESERVE_FROM)));
  // what the gas cannot pay is out of gas: nothing changes but the gas charged
  const before = f.mem;
  assert.equal(expandMemoryTo(f, reserved.length + 1), false);
  assert.equal(f.mem, before);
  assert.equal(f.memWords, words(3 * RESERVE_FROM));
  recycleMemory(f);
  pool.clear();
});

test('expandMemoryTo: the reservation is capped at RESERVE_MAX, and doubling resumes past it', () => {
  pool.clear();
  const f = bareFrame(2n ** 62n); // gas past a JS number's exact range: the bigint reserve is in use
  assert.ok(expandMemoryTo(f, RESERVE_FROM + 1));
  assert.equal(f.mem.length, RESERVE_MAX);
  f.mem[RESERVE_FROM] = 5;
  assert.ok(expandMemoryTo(f, RESERVE_MAX + 1));
  assert.equal(f.mem.length, 2 * RESERVE_MAX);
  assert.equal(f.mem[RESERVE_FROM], 5);
  recycleMemory(f); // no longer a reservation: left to the GC
  assert.equal(f.mem.length, 2 * RESERVE_MAX);
});

test('expandMemoryTo: a frame whose gas pays for no more than the doubled size gets the doubled size', () => {
  pool.clear();
  const need = words(RESERVE_FROM + 1);
  const f = bareFrame(BigInt(memoryCost(need)));
  assert.ok(expandMemoryTo(f, RESERVE_FROM + 1));
  assert.equal(f.gas, 0);
  assert.equal(f.mem.length, 2 * RESERVE_FROM);
  recycleMemory(f);
  pool.clear();
});

test("recycleMemory: a finished frame's reserved buffer is zeroed and reused by the next frame that grows past RESERVE_FROM", () => {
  pool.clear();
  const a = bareFrame(10_000_000n);
  assert.ok(expandMemoryTo(a, 3 * RESERVE_FROM));
  const buf = a.mem;
  buf.fill(0xee, 0, 3 * RESERVE_FROM);
  recycleMemory(a);
  assert.equal(a.mem.length, 0);
  assert.equal(a.memWords, 0);
  assert.ok(
    buf.every((b) => b === 0),
    'zeroed where it was used',
  );
  const b = bareFrame(10_000_000n);
  assert.ok(expandMemoryTo(b, 100));
  b.mem[5] = 1;
  assert.ok(expandMemoryTo(b, RESERVE_FROM + 1));
  assert.equal(b.mem, buf, 'the kept buffer is reused');
  assert.equal(b.mem[5], 1);
  assert.ok(b.mem.subarray(6).every((x) => x === 0));
  assert.equal(b.gas, 10_000_000 - memoryCost(words(RESERVE_FROM + 1)));
  recycleMemory(b);
  pool.clear();
  // a small memory is left alone
  const c = bareFrame(1_000_000n);
  assert.ok(expandMemoryTo(c, 4096));
  const m = c.mem;
  recycleMemory(c);
  assert.equal(c.mem, m);
  assert.equal(c.memWords, 128);
});

test('expandMemoryTo: at most a few frames hold reservations at once; past that, frames double (deep call chains)', () => {
  pool.clear();
  const frames = Array.from({ length: 6 }, () => bareFrame(10_000_000n));
  for (const f of frames) assert.ok(expandMemoryTo(f, RESERVE_FROM + 1));
  const sizes = frames.map((f) => f.mem.length);
  assert.deepEqual(sizes.slice(0, 4), Array(4).fill(35 * 65536));
  assert.deepEqual(sizes.slice(4), [2 * RESERVE_FROM, 2 * RESERVE_FROM]);
  for (const f of frames) recycleMemory(f);
  // the four reservations went back to the pool; the doubled buffers stay with their frames
  assert.deepEqual(
    frames.map((f) => f.mem.length),
    [0, 0, 0, 0, 2 * RESERVE_FROM, 2 * RESERVE_FROM],
  );
  const next = bareFrame(10_000_000n);
  assert.ok(expandMemoryTo(next, RESERVE_FROM + 1));
  assert.equal(next.mem.length, 35 * 65536);
  recycleMemory(next);
  pool.clear();
});

test("releaseFrame: a finished frame's stack and small memory go back to the pool, zeroed where used, and the next frame takes them", () => {
  pool.clear();
  const a = bareFrame(1_000_000n);
  const stack = a.stack;
  assert.ok(expandMemoryTo(a, 2000));
  const mem = a.mem;
  mem.fill(0xab, 0, 2016);
  releaseFrame(a);
  assert.equal(a.mem.length, 0);
  assert.ok(
    mem.every((x) => x === 0),
    'zeroed',
  );
  const b = bareFrame(1_000_000n);
  // an outermost frame (depth 0) gets a fresh, young stack (Frame's constructor); nested frames take the pool's
  assert.notEqual(b.stack, stack, 'the outermost frame gets a fresh stack');
  assert.equal(pool.takeStack(), stack, 'the stack is reused by the next nested frame');
  assert.ok(expandMemoryTo(b, 64));
  assert.equal(b.mem, mem, 'the small buffer is reused');
  assert.equal(b.memWords, 2);
  releaseFrame(b);
  pool.clear();
});

test('pooled stacks: a callee never sees what an earlier frame left above its stack pointer', () => {
  const state = new StateJournal();
  const pusher = 0xaaaan;
  const dupper = 0xbbbbn;
  // pusher leaves five words on its stack; dupper runs DUP1 on an empty stack (underflow: the CALL fails),
  // then SWAP1 with one item (underflow again)
  state.accounts.set(pusher, new Account(0n, 0n, asm('PUSH1 1 PUSH1 2 PUSH1 3 PUSH1 4 PUSH1 5 STOP')));
  state.accounts.set(dupper, new Account(0n, 0n, asm('DUP1 STOP')));
  const call = (to: bigint): string => `PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 ${to} GAS CALL`;
  const code = `${call(pusher)} ${call(dupper)} ${call(pusher)} ${call(dupper)} PUSH0 MSTORE PUSH1 32 MSTORE PUSH1 64 MSTORE PUSH1 96 MSTORE PUSH1 128 PUSH0 RETURN`;
  const p = new MemoryPool();
  for (let run = 0; run < 3; run++) {
    const r = runCode(asm(code), { gas: 1_000_000n, state, fork: Fork.Cancun, memoryPool: p });
    assert.equal(r.status, Status.Return);
    // results in reverse order: dupper 0, pusher 1, dupper 0, pusher 1
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => word(r.output, i)),
      [0n, 1n, 0n, 1n],
    );
  }
});
