/**
 * EIP-3855 (Shanghai): PUSH0 (0x5f) pushes 0 for 2 gas (PUSH1 0 costs 3 and a byte more).
 * https://eips.ethereum.org/EIPS/eip-3855 (stack cases are the EIP's)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, run, expectRun, outWord } from './helpers.js';
import { Status } from '../../src/machine/status.js';

test('EIP-3855: PUSH0 is undefined in Paris', () => {
  expectRun(run(Fork.Paris, 'PUSH0', { gas: 10_000n }), Status.UndefinedOpcode, 10_000, 'Paris');
});

test('EIP-3855: PUSH0 pushes 0 for 2 gas (Shanghai)', () => {
  // Put 0xff at memory 0..31, then store PUSH0's 0 over it and return the word:
  //   PUSH1 0xff (3) PUSH1 0 (3) MSTORE (3 + 3); PUSH0 (2) PUSH0 (2) MSTORE (3); PUSH1 32 (3) PUSH0 (2) RETURN (0)
  const r = run(Fork.Shanghai, `PUSH1 0xff PUSH1 0 MSTORE PUSH0 PUSH0 MSTORE PUSH1 32 PUSH0 RETURN`);
  // 3 + 3 + 6 + 2 + 2 + 3 + 3 + 2 = 24
  expectRun(r, Status.Return, 24, 'Shanghai');
  assert.equal(outWord(r), 0n);
  // A single PUSH0: 2.
  expectRun(run(Fork.Shanghai, 'PUSH0 STOP'), Status.Stop, 2, 'one PUSH0');
});

test('EIP-3855: 1024 PUSH0 fill the stack; 1025 overflow', () => {
  // 1024 * 2 = 2048
  expectRun(run(Fork.Shanghai, 'PUSH0 '.repeat(1024) + 'STOP'), Status.Stop, 2048, '1024');
  // The 1025th fails: stack overflow, all gas (100000) used.
  expectRun(run(Fork.Shanghai, 'PUSH0 '.repeat(1025) + 'STOP', { gas: 100_000n }), Status.StackOverflow, 100_000, '1025');
});
