/**
 * MLOAD's word cache (src/machine/wordCache.ts): after every kind of write to memory, MLOAD must return the
 * bytes now in memory, never a word the cache kept from before. Each program stores a word A at an aligned
 * offset, loads it (so the cache holds it), overwrites memory there another way, loads again and returns
 * what it loaded; the expected bytes are written out by hand. Run on the inline loop (runCode) and with
 * every inlined byte dispatched through its handler, which must agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asm } from '../../src/spec/asm.js';
import { runCode } from '../../src/transition/runCode.js';
import { StateJournal } from '../../src/state/journal.js';
import { Status } from '../../src/machine/status.js';
import { Fork } from '../../src/spec/fork.js';
import { bytesToHex, EMPTY_BYTES } from '../../src/primitives/hex.js';
import { WORD_CACHE_SLOTS, forgetWords, loadWord, storeWord } from '../../src/machine/wordCache.js';
import { expandMemoryTo } from '../../src/machine/memory.js';
import type { Frame } from '../../src/machine/frame.js';
import type { Instruction } from '../../src/machine/instruction.js';
import { callMessage, testExecutor } from '../exec/harness.js';

const A = '0x' + 'aa'.repeat(32);
const B = '0x' + 'bb'.repeat(32);
const CALLEE = 0xc0den;

/** Loads the word at `at`, then stores it at 0x800 and returns those 32 bytes. */
const returnWordAt = (at: string) => `PUSH2 ${at} MLOAD PUSH2 0x800 MSTORE PUSH1 32 PUSH2 0x800 RETURN`;

function run(code: string, input: Uint8Array = EMPTY_BYTES): string {
  const state = new StateJournal();
  // the callee returns 32 bytes of 0xbb
  state.setCode(CALLEE, asm(`PUSH32 ${B} PUSH0 MSTORE PUSH1 32 PUSH0 RETURN`));
  state.finalizeTx(false);
  const r = runCode(asm(code), { fork: Fork.Cancun, gas: 1_000_000n, state, input });
  assert.equal(r.status, Status.Return, `${code}: ${r.error ?? ''}`);
  return bytesToHex(r.output);
}

/** Store A at 0 and load it (the cache now holds it). */
const CACHED_A = `PUSH32 ${A} PUSH0 MSTORE PUSH0 MLOAD POP`;

test('MLOAD after an aligned MSTORE over a cached word reads the new word', () => {
  assert.equal(run(`${CACHED_A} PUSH32 ${B} PUSH0 MSTORE ${returnWordAt('0')}`), B);
});

test('MLOAD after MSTORE8 into a cached word reads the changed byte', () => {
  assert.equal(run(`${CACHED_A} PUSH1 0x11 PUSH1 5 MSTORE8 ${returnWordAt('0')}`), '0x' + 'aa'.repeat(5) + '11' + 'aa'.repeat(26));
});

test('MLOAD after an unaligned MSTORE overlapping two cached words reads both halves right', () => {
  const code = `${CACHED_A} PUSH32 ${A} PUSH1 32 MSTORE PUSH1 32 MLOAD POP PUSH32 ${B} PUSH1 16 MSTORE`;
  assert.equal(run(`${code} ${returnWordAt('0')}`), '0x' + 'aa'.repeat(16) + 'bb'.repeat(16));
  assert.equal(run(`${code} ${returnWordAt('32')}`), '0x' + 'bb'.repeat(16) + 'aa'.repeat(16));
});

test('MLOAD after MCOPY onto a cached word reads the copied bytes', () => {
  assert.equal(run(`${CACHED_A} PUSH32 ${B} PUSH1 64 MSTORE PUSH1 32 PUSH1 64 PUSH0 MCOPY ${returnWordAt('0')}`), B);
});

test('MLOAD after CALLDATACOPY, CODECOPY and RETURNDATACOPY onto a cached word reads the copied bytes', () => {
  const input = new Uint8Array(32).fill(0xbb);
  assert.equal(run(`${CACHED_A} PUSH1 32 PUSH0 PUSH0 CALLDATACOPY ${returnWordAt('0')}`, input), B);
  // CODECOPY of the code's first 32 bytes: PUSH32 (0x7f) then 31 bytes of A
  assert.equal(run(`${CACHED_A} PUSH1 32 PUSH0 PUSH0 CODECOPY ${returnWordAt('0')}`), '0x7f' + 'aa'.repeat(31));
  // copying past the data zero-fills
  assert.equal(run(`${CACHED_A} PUSH1 32 PUSH2 0xffff PUSH0 CODECOPY ${returnWordAt('0')}`), '0x' + '00'.repeat(32));
  const call = `PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 0xc0de GAS CALL POP`;
  assert.equal(run(`${CACHED_A} ${call} PUSH1 32 PUSH0 PUSH0 RETURNDATACOPY ${returnWordAt('0')}`), B);
});

test("MLOAD after a CALL whose return data lands on a cached word reads the callee's output", () => {
  const call = `PUSH1 32 PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 0xc0de GAS CALL POP`;
  assert.equal(run(`${CACHED_A} ${call} ${returnWordAt('0')}`), B);
});

test('words that share a cache slot evict each other and both read back right', () => {
  const far = `0x${(WORD_CACHE_SLOTS * 32).toString(16)}`;
  const code = `PUSH32 ${A} PUSH0 MSTORE PUSH32 ${B} PUSH2 ${far} MSTORE PUSH0 MLOAD POP PUSH2 ${far} MLOAD POP`;
  assert.equal(run(`${code} ${returnWordAt('0')}`), A);
  assert.equal(run(`${code} ${returnWordAt(far)}`), B);
});

test('an opcode override that writes memory directly: MLOAD afterwards reads its bytes', () => {
  // 0x0c (undefined in Cancun) overridden: fills the word at 0 with 0xbb
  const fill: Instruction = (f) => {
    f.mem.fill(0xbb, 0, 32);
    return Status.Continue;
  };
  const state = new StateJournal();
  const code = asm(`${CACHED_A}`);
  const full = new Uint8Array([...code, 0x0c, ...asm(returnWordAt('0'))]);
  state.setCode(CALLEE, full);
  const exec = testExecutor(state, { opcodes: { 0x0c: fill } });
  const r = exec.execute(callMessage(CALLEE, 100_000n));
  assert.equal(r.status, Status.Return);
  assert.equal(bytesToHex(r.output), B);
});

test('loadWord/storeWord/forgetWords on a frame: hits return the stored bigint, forgotten words are read from the bytes', () => {
  const state = new StateJournal();
  state.setCode(CALLEE, Uint8Array.of(0));
  // a frame from a real run is not exposed; build one through the executor's frame for code STOP
  let frame: Frame | undefined;
  const grab: Instruction = (f) => {
    frame = f;
    return Status.Stop;
  };
  state.setCode(CALLEE, Uint8Array.of(0x0c));
  const exec = testExecutor(state, { opcodes: { 0x0c: grab } });
  exec.execute({ ...callMessage(CALLEE, 100_000n), depth: 1 });
  const f = frame!;
  f.gas = 1_000_000;
  assert.ok(expandMemoryTo(f, 4096));
  const v = 0x1234n << 200n;
  storeWord(f, 64, v);
  assert.equal(loadWord(f, 64), v);
  f.mem[64 + 31] = 1; // a write the cache is not told about...
  forgetWords(f, 64 + 31, 1); // ...until it is
  assert.equal(loadWord(f, 64), v | 1n);
  // unaligned loads bypass the cache
  assert.equal(loadWord(f, 65), ((v | 1n) << 8n) & ((1n << 256n) - 1n));
  // a range wider than the cache forgets everything
  storeWord(f, 0, 7n);
  f.mem[31] = 8;
  forgetWords(f, 0, 4096);
  assert.equal(loadWord(f, 0), 8n);
});
