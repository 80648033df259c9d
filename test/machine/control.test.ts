import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asm } from '../../src/spec/asm.js';
import { runCode } from '../../src/transition/runCode.js';
import { Status } from '../../src/machine/status.js';
import { Fork } from '../../src/spec/fork.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/hex.js';

test('JUMP to a JUMPDEST works; into PUSH data fails and consumes all gas', () => {
  const ok = runCode(asm('PUSH1 4 JUMP INVALID JUMPDEST STOP'), { gas: 100n });
  assert.equal(ok.status, Status.Stop);
  assert.equal(ok.gasUsed, 3n + 8n + 1n);
  // 0x5b inside PUSH1's immediate is data, not a destination
  const bad = runCode(hexToBytes('0x6003566000'.replace('6000', '605b')), { gas: 100n });
  assert.equal(bad.status, Status.InvalidJump);
  assert.equal(bad.gasUsed, 100n);
});

test('JUMPI falls through on zero and jumps otherwise', () => {
  const r = runCode(asm('PUSH1 0 PUSH1 7 JUMPI PUSH1 1 JUMPDEST PUSH1 0 MSTORE8 PUSH1 1 PUSH1 0 RETURN'));
  assert.equal(bytesToHex(r.output), '0x01');
});

test('a truncated PUSH at the end of code reads zeros', () => {
  const r = runCode(hexToBytes('0x61ff'));
  assert.equal(r.status, Status.Stop);
});

test('stack underflow and overflow are exceptional halts', () => {
  assert.equal(runCode(asm('ADD')).status, Status.StackUnderflow);
  const overflow = new Uint8Array(1025).fill(0x5f); // 1025 x PUSH0
  assert.equal(runCode(overflow).status, Status.StackOverflow);
  const full = new Uint8Array(1024).fill(0x5f);
  assert.equal(runCode(full).status, Status.Stop);
});

test('opcodes undefined in a fork halt: PUSH0 before Shanghai, MCOPY before Cancun', () => {
  assert.equal(runCode(asm('PUSH0'), { fork: Fork.Paris }).status, Status.UndefinedOpcode);
  assert.equal(runCode(asm('PUSH0'), { fork: Fork.Shanghai }).status, Status.Stop);
  assert.equal(runCode(asm('PUSH0 PUSH0 PUSH0 MCOPY'), { fork: Fork.Shanghai }).status, Status.UndefinedOpcode);
  assert.equal(runCode(asm('INVALID'), { gas: 50n }).gasUsed, 50n);
});

test('REVERT returns data and keeps the remaining gas', () => {
  const r = runCode(asm('PUSH1 0xaa PUSH0 MSTORE8 PUSH1 1 PUSH0 REVERT'), { gas: 1000n });
  assert.equal(r.status, Status.Revert);
  assert.equal(bytesToHex(r.output), '0xaa');
  assert.equal(r.gasUsed, 3n + 2n + 3n + 3n /* mem */ + 3n + 2n);
});

test('memory expansion is charged quadratically and MSIZE reports words', () => {
  // MSTORE at 0x3e0 touches words 0..31 => 32 words: 3*32 + 32*32/512 = 98
  const r = runCode(asm('PUSH1 1 PUSH2 0x3e0 MSTORE MSIZE STOP'));
  assert.equal(r.gasUsed, 3n + 3n + 3n + 98n + 2n);
  const huge = runCode(asm('PUSH1 1 PUSH32 0xffffffffffff MSTORE'), { gas: 1_000_000n });
  assert.equal(huge.status, Status.OutOfGas);
});
