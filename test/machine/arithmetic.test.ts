import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asm } from '../../src/spec/asm.js';
import { runCode } from '../../src/transition/runCode.js';
import { Fork } from '../../src/spec/fork.js';
import { bytesToHex } from '../../src/primitives/hex.js';

const M = (1n << 256n) - 1n;
const hex32 = (v: bigint) => '0x' + v.toString(16).padStart(64, '0');

/** Runs `ops` on two pushed operands (b pushed first, so a is on top) and returns the word left. */
function binop(op: string, a: bigint, b: bigint, fork = Fork.Cancun): string {
  const code = asm(`PUSH32 ${b} PUSH32 ${a} ${op} PUSH0 MSTORE PUSH1 32 PUSH0 RETURN`);
  const r = runCode(code, { fork });
  assert.ok(r.success, String(r.error));
  return bytesToHex(r.output);
}

const cases: [string, bigint, bigint, bigint][] = [
  ['ADD', M, 1n, 0n],
  ['ADD', 5n, 7n, 12n],
  ['SUB', 0n, 1n, M],
  ['MUL', M, M, 1n],
  ['MUL', 1n << 128n, 1n << 128n, 0n],
  ['DIV', 7n, 0n, 0n],
  ['DIV', 7n, 2n, 3n],
  ['SDIV', M, 1n, M], // -1 / 1
  ['SDIV', 1n << 255n, M, 1n << 255n], // -2^255 / -1 overflows
  ['SDIV', M - 8n, 2n, M - 3n], // -9 / 2 = -4 (toward zero)
  ['MOD', 7n, 0n, 0n],
  ['SMOD', M - 7n, 3n, M - 1n], // -8 % 3 = -2
  ['SMOD', 8n, M - 2n, 2n], // 8 % -3 = 2
  ['EXP', 2n, 255n, 1n << 255n],
  ['EXP', 2n, 256n, 0n],
  ['EXP', 3n, 0n, 1n],
  ['EXP', 0n, 0n, 1n],
  ['SIGNEXTEND', 0n, 0xffn, M],
  ['SIGNEXTEND', 0n, 0x7fn, 0x7fn],
  ['SIGNEXTEND', 31n, 0x80n, 0x80n],
  ['SIGNEXTEND', 1n, 0x18000n, M - 0x7fffn],
  ['LT', 1n, 2n, 1n],
  ['SLT', M, 0n, 1n],
  ['SGT', M, 0n, 0n],
  ['BYTE', 31n, 0x1234n, 0x34n],
  ['BYTE', 32n, 0x1234n, 0n],
  ['SHL', 4n, 1n, 16n],
  ['SHL', 256n, 1n, 0n],
  ['SHR', 255n, 1n << 255n, 1n],
  ['SAR', 4n, M, M],
  ['SAR', 256n, 1n << 255n, M],
  ['SAR', 256n, 1n, 0n],
];

test('binary word operations follow the Yellow Paper and EIP-145', () => {
  for (const [op, a, b, want] of cases) assert.equal(binop(op, a, b), hex32(want), `${op}(${a}, ${b})`);
});

test('ADDMOD and MULMOD keep the full intermediate', () => {
  const addmod = asm(`PUSH1 10 PUSH32 ${M} PUSH32 ${M} ADDMOD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN`);
  // (2^256-1)*2 mod 10 = (2^257 - 2) mod 10
  assert.equal(bytesToHex(runCode(addmod).output), hex32((2n * M) % 10n));
  const mulmod = asm(`PUSH1 12 PUSH32 ${M} PUSH32 ${M} MULMOD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN`);
  assert.equal(bytesToHex(runCode(mulmod).output), hex32((M * M) % 12n));
});

test('exact gas: PUSH1 PUSH1 ADD STOP costs 9', () => {
  const r = runCode(asm('PUSH1 1 PUSH1 2 ADD STOP'));
  assert.equal(r.gasUsed, 9n);
});

test('EXP charges 50 gas per exponent byte since EIP-160, 10 before', () => {
  const code = asm('PUSH2 0x0100 PUSH1 2 EXP STOP');
  assert.equal(runCode(code, { fork: Fork.Cancun }).gasUsed, 3n + 3n + 10n + 100n);
  assert.equal(runCode(code, { fork: Fork.Homestead }).gasUsed, 3n + 3n + 10n + 20n);
});
