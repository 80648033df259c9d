/**
 * EIP-145 (Constantinople): SHL (0x1b), SHR (0x1c), SAR (0x1d), 3 gas each, shift on top of the value.
 * Before Constantinople the bytes are undefined. Test cases are the EIP's own.
 * https://eips.ethereum.org/EIPS/eip-145
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, RETURN_TOP, run, expectRun, outWord } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const ONES = (1n << 256n) - 1n;
const MIN = 1n << 255n; // 0x8000...00
const MAX = MIN - 1n; // 0x7fff...ff

// [op, value, shift, result]
const CASES: [string, bigint, bigint, bigint][] = [
  ['SHL', 1n, 0x00n, 1n],
  ['SHL', 1n, 0x01n, 2n],
  ['SHL', 1n, 0xffn, MIN],
  ['SHL', 1n, 0x100n, 0n],
  ['SHL', 1n, 0x101n, 0n],
  ['SHL', ONES, 0x00n, ONES],
  ['SHL', ONES, 0x01n, ONES - 1n],
  ['SHL', ONES, 0xffn, MIN],
  ['SHL', ONES, 0x100n, 0n],
  ['SHL', 0n, 0x01n, 0n],
  ['SHL', MAX, 0x01n, ONES - 1n],
  ['SHR', 1n, 0x00n, 1n],
  ['SHR', 1n, 0x01n, 0n],
  ['SHR', MIN, 0x01n, 1n << 254n],
  ['SHR', MIN, 0xffn, 1n],
  ['SHR', MIN, 0x100n, 0n],
  ['SHR', MIN, 0x101n, 0n],
  ['SHR', ONES, 0x00n, ONES],
  ['SHR', ONES, 0x01n, MAX],
  ['SHR', ONES, 0xffn, 1n],
  ['SHR', ONES, 0x100n, 0n],
  ['SHR', 0n, 0x01n, 0n],
  ['SAR', 1n, 0x00n, 1n],
  ['SAR', 1n, 0x01n, 0n],
  ['SAR', MIN, 0x01n, MIN | (1n << 254n)], // 0xc000...00
  ['SAR', MIN, 0xffn, ONES],
  ['SAR', MIN, 0x100n, ONES],
  ['SAR', MIN, 0x101n, ONES],
  ['SAR', ONES, 0x00n, ONES],
  ['SAR', ONES, 0x01n, ONES],
  ['SAR', ONES, 0xffn, ONES],
  ['SAR', ONES, 0x100n, ONES],
  ['SAR', 0n, 0x01n, 0n],
  ['SAR', 1n << 254n, 0xfen, 1n], // 0x4000...00 >> 254
  ['SAR', MAX, 0xf8n, 0x7fn],
  ['SAR', MAX, 0xfen, 1n],
  ['SAR', MAX, 0xffn, 0n],
  ['SAR', MAX, 0x100n, 0n],
];

test("EIP-145: the EIP's test cases, 3 gas each (Constantinople)", () => {
  for (const [op, value, shift, want] of CASES) {
    // PUSH32 (3) PUSH32 (3) op (3) RETURN_TOP (15) = 24
    const r = run(Fork.Constantinople, `PUSH32 ${value} PUSH32 ${shift} ${op} ${RETURN_TOP}`);
    expectRun(r, Status.Return, 24, `${op} ${value.toString(16)} by ${shift}`);
    assert.equal(outWord(r), want, `${op} 0x${value.toString(16)} by 0x${shift.toString(16)}`);
  }
});

test('EIP-145: SHL, SHR and SAR are undefined in Byzantium', () => {
  for (const op of ['SHL', 'SHR', 'SAR']) {
    expectRun(run(Fork.Byzantium, `PUSH1 1 PUSH1 1 ${op} STOP`, { gas: 30_000n }), Status.UndefinedOpcode, 30_000, `Byzantium ${op}`);
    expectRun(run(Fork.Constantinople, `PUSH1 1 PUSH1 1 ${op} STOP`, { gas: 30_000n }), Status.Stop, 9, `Constantinople ${op}`);
  }
});
