/**
 * Hostile bytecode: jumps into PUSH data, PUSH truncated by the end of the code, stack underflow and
 * overflow, every undefined opcode in every fork, RETURNDATACOPY out of bounds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asm } from '../../src/spec/asm.js';
import { Fork, forkName } from '../../src/spec/fork.js';
import { Status } from '../../src/machine/status.js';
import { ALL_FORKS, code, definedOpcodes, hostileRun } from './helpers.js';

const GAS = 1_000_000n;

test('jump into PUSH data is an invalid jump, even where the byte is 0x5b', () => {
  // PUSH1 dest JUMP PUSH2 0x5b5b STOP: offset 3 is PUSH2, 4 and 5 its data.
  for (const dest of ['04', '05']) {
    const r = hostileRun(code(`60${dest} 56 61 5b5b 00`), { fork: Fork.Cancun, gas: GAS }, 'jump into data');
    assert.equal(r.status, Status.InvalidJump, `dest ${dest}`);
    assert.equal(r.gasUsed, GAS, 'an exceptional halt consumes all gas');
  }
  // JUMPI with a true condition into PUSH32 data made of JUMPDEST bytes.
  const r = hostileRun(code('6001 6007 57 00 00 7f' + '5b'.repeat(32)), { fork: Fork.Cancun, gas: GAS }, 'jumpi into data');
  assert.equal(r.status, Status.InvalidJump);
  // The same byte outside PUSH data is a valid destination.
  const ok = hostileRun(code('6003 56 5b 00'), { fork: Fork.Cancun, gas: GAS }, 'valid jump');
  assert.equal(ok.status, Status.Stop);
});

test('jump beyond the code, and to 2^64 and 2^256-1, is an invalid jump', () => {
  for (const dest of ['0x10', '0xffffffffffffffff', '0x' + 'ff'.repeat(32)]) {
    const r = hostileRun(asm(`PUSH ${dest} JUMP`), { fork: Fork.Cancun, gas: GAS }, `jump ${dest}`);
    assert.equal(r.status, Status.InvalidJump, dest);
  }
});

test('a PUSH truncated by the end of the code runs (zero-padded) and then stops', () => {
  // PUSH2/PUSH32 with fewer data bytes than it needs, as the last instruction: 3 gas, then the implicit
  // STOP past the end. Nothing can run after it, so its value is unobservable; what matters is no read
  // past the buffer and no crash.
  for (const hex of ['61ab', '7f0102', '7f', '60']) {
    const r = hostileRun(code(hex), { fork: Fork.Cancun, gas: GAS }, `truncated ${hex}`);
    assert.equal(r.status, Status.Stop, hex);
    assert.equal(r.gasUsed, 3n, hex);
  }
  // A JUMPDEST byte inside the missing data (past the end) is not a destination.
  const r = hostileRun(code('6004 56 7f 5b'), { fork: Fork.Cancun, gas: GAS }, 'jump into truncated push data');
  assert.equal(r.status, Status.InvalidJump);
});

test('stack underflow: every arity, and the halt consumes all gas', () => {
  for (const [src, what] of [
    ['ADD', 'ADD on empty'],
    ['PUSH1 1 ADD', 'ADD with one item'],
    ['PUSH1 1 PUSH1 1 ADDMOD', 'ADDMOD with two'],
    ['POP', 'POP on empty'],
    ['DUP1', 'DUP1 on empty'],
    ['PUSH1 1 SWAP1', 'SWAP1 with one'],
    ['PUSH1 1 DUP2', 'DUP2 with one'],
    ['PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 CALL', 'CALL with six'],
  ] as const) {
    const r = hostileRun(asm(src), { fork: Fork.Cancun, gas: GAS }, what);
    assert.equal(r.status, Status.StackUnderflow, what);
    assert.equal(r.gasUsed, GAS, what);
  }
  // DUP16 / SWAP16 with exactly 16 items is fine; with 15 it underflows.
  const fifteen = 'PUSH1 1 '.repeat(15);
  assert.equal(hostileRun(asm(`${fifteen} PUSH1 1 DUP16`), { fork: Fork.Cancun, gas: GAS }, 'DUP16 16').status, Status.Stop);
  assert.equal(hostileRun(asm(`${fifteen} DUP16`), { fork: Fork.Cancun, gas: GAS }, 'DUP16 15').status, Status.StackUnderflow);
  assert.equal(hostileRun(asm(`${fifteen} PUSH1 1 SWAP16`), { fork: Fork.Cancun, gas: GAS }, 'SWAP16 16').status, Status.StackUnderflow);
  assert.equal(hostileRun(asm(`${fifteen} PUSH1 1 PUSH1 1 SWAP16`), { fork: Fork.Cancun, gas: GAS }, 'SWAP16 17').status, Status.Stop);
});

test('stack overflow: the 1025th item halts; 1024 items are fine', () => {
  const pushes = (n: number): Uint8Array => new Uint8Array(n).fill(0x58); // PC, 2 gas each
  assert.equal(hostileRun(pushes(1024), { fork: Fork.Cancun, gas: GAS }, '1024 items').status, Status.Stop);
  const r = hostileRun(pushes(1025), { fork: Fork.Cancun, gas: GAS }, '1025 items');
  assert.equal(r.status, Status.StackOverflow);
  assert.equal(r.gasUsed, GAS);
  // A loop that pushes forever: JUMPDEST PC PUSH1 0 JUMP overflows after 1024 iterations.
  const loop = hostileRun(asm('JUMPDEST PC PUSH1 0 JUMP'), { fork: Fork.Cancun, gas: GAS }, 'push loop');
  assert.equal(loop.status, Status.StackOverflow);
  // DUP1 on a full stack overflows too (it needs one more slot).
  const dup = new Uint8Array(1025).fill(0x58);
  dup[1024] = 0x80;
  assert.equal(hostileRun(dup, { fork: Fork.Cancun, gas: GAS }, 'DUP1 on 1024').status, Status.StackOverflow);
});

test('every undefined opcode in every fork halts with all gas consumed; every defined one does not', () => {
  for (const fork of ALL_FORKS) {
    const defined = definedOpcodes(fork);
    for (let op = 0; op < 256; op++) {
      // Enough stack for any instruction: 17 zeros (PUSH1 0), then the opcode, then STOP.
      const prog = new Uint8Array(17 * 2 + 2);
      prog[2 * 17] = op;
      for (let i = 0; i < 17; i++) prog[2 * i] = 0x60;
      const r = hostileRun(prog, { fork, gas: GAS }, `${forkName(fork)} 0x${op.toString(16)}`);
      const what = `${forkName(fork)} opcode 0x${op.toString(16).padStart(2, '0')}`;
      if (op === 0xfe) {
        assert.equal(r.status, Status.InvalidOpcode, what);
      } else if (!defined.has(op)) {
        assert.equal(r.status, Status.UndefinedOpcode, `${what} should be undefined`);
        assert.equal(r.gasUsed, GAS, `${what}: all gas`);
      } else {
        assert.notEqual(r.status, Status.UndefinedOpcode, `${what} should be defined`);
      }
    }
  }
});

test('RETURNDATACOPY out of bounds halts; at the exact bound it works', () => {
  // Call identity (0x04) with 32 bytes of input, so the return data is 32 bytes long.
  const call = 'PUSH1 32 PUSH1 0 PUSH1 32 PUSH1 0 PUSH1 0 PUSH1 4 GAS CALL POP';
  const cases: [string, Status][] = [
    [`${call} PUSH1 32 PUSH1 0 PUSH1 0 RETURNDATACOPY`, Status.Stop],
    [`${call} PUSH1 33 PUSH1 0 PUSH1 0 RETURNDATACOPY`, Status.ReturnDataOutOfBounds],
    [`${call} PUSH1 1 PUSH1 32 PUSH1 0 RETURNDATACOPY`, Status.ReturnDataOutOfBounds],
    [`${call} PUSH1 0 PUSH1 32 PUSH1 0 RETURNDATACOPY`, Status.Stop],
    [`${call} PUSH1 0 PUSH1 33 PUSH1 0 RETURNDATACOPY`, Status.ReturnDataOutOfBounds],
    // Stack order: size, data offset, memory offset (top). A data offset of 2^256-1 plus a size of 1
    // overflows 256 bits: out of bounds, not a wrap-around; with size 0 it is still past the end.
    [`${call} PUSH1 1 PUSH32 0x${'ff'.repeat(32)} PUSH1 0 RETURNDATACOPY`, Status.ReturnDataOutOfBounds],
    [`${call} PUSH1 0 PUSH32 0x${'ff'.repeat(32)} PUSH1 0 RETURNDATACOPY`, Status.ReturnDataOutOfBounds],
    // A huge size: execution-specs charge copy and memory gas before the bounds check, so out of gas.
    [`${call} PUSH32 0x${'ff'.repeat(32)} PUSH1 0 PUSH1 0 RETURNDATACOPY`, Status.OutOfGas],
    [`${call} PUSH8 0xffffffffffffffff PUSH1 0 PUSH1 0 RETURNDATACOPY`, Status.OutOfGas],
    // No call yet: the return data is empty.
    ['PUSH1 1 PUSH1 0 PUSH1 0 RETURNDATACOPY', Status.ReturnDataOutOfBounds],
    ['PUSH1 0 PUSH1 0 PUSH1 0 RETURNDATACOPY', Status.Stop],
  ];
  for (const [src, status] of cases) {
    const r = hostileRun(asm(src), { fork: Fork.Cancun, gas: GAS }, src);
    assert.equal(r.status, status, src);
    if (status !== Status.Stop) assert.equal(r.gasUsed, GAS, `${src}: all gas`);
  }
});
