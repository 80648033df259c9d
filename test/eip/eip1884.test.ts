/**
 * EIP-1884 (Istanbul): SLOAD 200 -> 800, BALANCE 400 -> 700, EXTCODEHASH 400 -> 700, and the new
 * SELFBALANCE (0x47, 5 gas).
 * https://eips.ethereum.org/EIPS/eip-1884
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, RETURN_TOP, run, expectRun, outWord } from './helpers.js';
import { Status } from '../../src/machine/status.js';

test('EIP-1884: SLOAD, BALANCE and EXTCODEHASH repriced (Petersburg vs Istanbul)', () => {
  // [code, gas before the priced opcode, Petersburg price, Istanbul price]
  const rows: [string, number, number, number][] = [
    ['PUSH1 0 SLOAD STOP', 3, 200, 800],
    ['ADDRESS BALANCE STOP', 2, 400, 700],
    ['ADDRESS EXTCODEHASH STOP', 2, 400, 700],
  ];
  for (const [code, pre, before, after] of rows) {
    expectRun(run(Fork.Petersburg, code), Status.Stop, pre + before, `Petersburg ${code}`);
    expectRun(run(Fork.Istanbul, code), Status.Stop, pre + after, `Istanbul ${code}`);
  }
});

test('EIP-1884: SELFBALANCE is undefined in Petersburg and costs 5 in Istanbul', () => {
  expectRun(run(Fork.Petersburg, 'SELFBALANCE STOP', { gas: 10_000n }), Status.UndefinedOpcode, 10_000, 'Petersburg');
  // SELFBALANCE (5) + RETURN_TOP (15) = 20; the run's value 7 is the receiver's balance.
  const r = run(Fork.Istanbul, `SELFBALANCE ${RETURN_TOP}`, { value: 7n });
  expectRun(r, Status.Return, 20, 'Istanbul');
  assert.equal(outWord(r), 7n);
  // ... and it equals ADDRESS BALANCE (2 + 700 + 15 = 717), which costs more.
  const b = run(Fork.Istanbul, `ADDRESS BALANCE ${RETURN_TOP}`, { value: 7n });
  expectRun(b, Status.Return, 717, 'Istanbul ADDRESS BALANCE');
  assert.equal(outWord(b), 7n);
});
