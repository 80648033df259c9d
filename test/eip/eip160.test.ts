/**
 * EIP-160 (Spurious Dragon): EXP costs 10 + 50 per byte of the exponent (was 10 + 10 per byte).
 * https://eips.ethereum.org/EIPS/eip-160
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, RETURN_TOP, run, expectRun, outWord } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const M = 1n << 256n;

test('EIP-160: EXP byte price 10 in Tangerine Whistle, 50 from Spurious Dragon', () => {
  // [exponent push, exponent bytes]; every case: exponent push (3) + PUSH1 3 (3) + EXP 10 + bytes * price.
  const rows: [string, number][] = [
    ['PUSH1 0', 0], // exponent 0: no byte charge
    ['PUSH1 0xff', 1],
    ['PUSH2 0x0102', 2],
    ['PUSH2 0x0001', 1], // leading zero bytes do not count: 0x0001 is one byte
    [`PUSH32 ${1n << 255n}`, 32],
  ];
  for (const [push, bytes] of rows) {
    const code = `${push} PUSH1 3 EXP STOP`;
    expectRun(run(Fork.TangerineWhistle, code), Status.Stop, 6 + 10 + 10 * bytes, `TW ${push}`);
    expectRun(run(Fork.SpuriousDragon, code), Status.Stop, 6 + 10 + 50 * bytes, `SD ${push}`);
  }
});

test('EIP-160: the result does not change, only the price (3 ** 0x0102 mod 2^256)', () => {
  // 3 + 3 + 10 + 2 * 50 = 116, then RETURN_TOP 15: 131
  const r = run(Fork.SpuriousDragon, `PUSH2 0x0102 PUSH1 3 EXP ${RETURN_TOP}`);
  expectRun(r, Status.Return, 131, 'SD');
  let want = 1n;
  for (let i = 0; i < 0x102; i++) want = (want * 3n) % M;
  assert.equal(outWord(r), want);
});

test('EIP-160: an EXP whose byte charge does not fit is out of gas', () => {
  // Spurious Dragon, 32-byte exponent: 6 + 10 + 1600 = 1616 needed; 1615 is not enough, all used.
  const code = `PUSH32 ${1n << 255n} PUSH1 3 EXP STOP`;
  expectRun(run(Fork.SpuriousDragon, code, { gas: 1615n }), Status.OutOfGas, 1615, 'SD 1615');
  expectRun(run(Fork.SpuriousDragon, code, { gas: 1616n }), Status.Stop, 1616, 'SD 1616');
  // The same gas is plenty in Tangerine Whistle: 6 + 10 + 320 = 336.
  expectRun(run(Fork.TangerineWhistle, code, { gas: 1615n }), Status.Stop, 336, 'TW 1615');
});
