/**
 * EXP, MODEXP and KECCAK256 on huge operands and lengths: priced from the lengths before any work or
 * allocation, so an unaffordable request fails fast and an affordable large one finishes in time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asm } from '../../src/spec/asm.js';
import { Fork } from '../../src/spec/fork.js';
import { Status } from '../../src/machine/status.js';
import { bytesToBigint } from '../../src/primitives/hex.js';
import { hostileRun } from './helpers.js';

const MAX = '0x' + 'ff'.repeat(32);
const RET = 'PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN';

test('EXP with a 256-bit exponent: priced by exponent bytes, exact results', () => {
  const cases: [string, string, bigint][] = [
    ['0x02', MAX, 0n], // 2^(2^256-1) mod 2^256
    [MAX, MAX, (1n << 256n) - 1n], // (-1)^odd
    [MAX, '0x' + 'ff'.repeat(31) + 'fe', 1n], // (-1)^even
    ['0x00', '0x00', 1n], // 0^0 = 1
    ['0x03', '0x0100', 3n ** 256n % (1n << 256n)], // 3^256 mod 2^256
  ];
  for (const [base, exp, want] of cases) {
    const r = hostileRun(asm(`PUSH ${exp} PUSH ${base} EXP ${RET}`), { fork: Fork.Cancun, gas: 100_000n }, `EXP ${base} ${exp}`);
    assert.equal(r.status, Status.Return);
    assert.equal(bytesToBigint(r.output), want, `${base}^${exp}`);
  }
  // Gas: EIP-160 prices 50 per exponent byte (Spurious Dragon on): 32 bytes -> 10 + 1600.
  const r = hostileRun(asm(`PUSH ${MAX} PUSH1 2 EXP`), { fork: Fork.Cancun, gas: 100_000n }, 'EXP gas');
  assert.equal(r.gasUsed, 3n + 3n + 10n + 50n * 32n);
});

/** Code that calls MODEXP (0x05) with the three length words and `tail` bytes after them, returning success. */
function modexpCall(baseLen: string, expLen: string, modLen: string, tail: number, callGas = 'GAS'): Uint8Array {
  return asm(
    `PUSH ${baseLen} PUSH1 0 MSTORE PUSH ${expLen} PUSH1 32 MSTORE PUSH ${modLen} PUSH1 64 MSTORE ` +
      // fill `tail` bytes after the header with 0xff..: MSTORE words of ones
      Array.from({ length: Math.ceil(tail / 32) }, (_, i) => `PUSH ${MAX} PUSH ${96 + 32 * i} MSTORE`).join(' ') +
      ` PUSH1 0 PUSH1 0 PUSH ${96 + tail} PUSH1 0 PUSH1 0 PUSH1 5 ${callGas} CALL ${RET}`,
  );
}

test('MODEXP with huge length words fails the call quickly (gas beyond any limit), for every price list', () => {
  for (const fork of [Fork.Byzantium, Fork.Berlin, Fork.Cancun, Fork.Osaka]) {
    for (const [b, e, m] of [
      [MAX, '0x01', '0x01'],
      ['0x01', MAX, '0x01'],
      ['0x01', '0x01', MAX],
      ['0x0100000000', '0x0100000000', '0x0100000000'],
      ['0xffffffffffffffff', '0x00', '0xffffffffffffffff'],
      ['0x00', '0x0100000000000000000000', '0x00'],
    ]) {
      const r = hostileRun(modexpCall(b!, e!, m!, 64), { fork, gas: 10_000_000n }, `MODEXP ${b} ${e} ${m}`);
      assert.equal(r.status, Status.Return, `fork ${String(fork)} ${b} ${e} ${m}: ${r.error ?? ''}`);
      // baseLen = modLen = 0 is free and succeeds (empty output) in every price list but Osaka's,
      // where a 2^88-byte exponent length is over EIP-7823's bound; everything else fails.
      const freeCase = b === '0x00' && m === '0x00' && fork !== Fork.Osaka;
      assert.equal(bytesToBigint(r.output), freeCase ? 1n : 0n, `fork ${String(fork)} ${b} ${e} ${m}: call success flag`);
    }
  }
});

test('MODEXP with large but affordable operands (512-byte base, exponent and modulus) runs in time', () => {
  const r = hostileRun(modexpCall('0x0200', '0x0200', '0x0200', 1536), { fork: Fork.Cancun, gas: 100_000_000n }, 'MODEXP 512');
  assert.equal(r.status, Status.Return, r.error ?? '');
  assert.equal(bytesToBigint(r.output), 1n, 'the call succeeded');
});

test('KECCAK256 over 1 MiB is priced and hashed in time; over 2^32 bytes it is out of gas at once', () => {
  const ok = hostileRun(asm(`PUSH 0x100000 PUSH1 0 KECCAK256 ${RET}`), { fork: Fork.Cancun, gas: 30_000_000n }, 'keccak 1 MiB');
  assert.equal(ok.status, Status.Return, ok.error ?? '');
  // keccak256 of 1 MiB of zeros.
  assert.equal(ok.output.length, 32);
  // 30 + 6 * 32768 words + memory 3 * 32768 + 32768^2 / 512; PUSH3, PUSH1 before it (6); after it
  // PUSH1 0 MSTORE PUSH1 32 PUSH1 0 (12, memory already grown) and RETURN (0).
  const words = 32768n;
  const hashGas = 30n + 6n * words + 3n * words + (words * words) / 512n;
  assert.equal(ok.gasUsed, 6n + hashGas + 12n);
  const big = hostileRun(asm(`PUSH 0x0100000000 PUSH1 0 KECCAK256`), { fork: Fork.Cancun, gas: 30_000_000n }, 'keccak 4 GiB');
  assert.equal(big.status, Status.OutOfGas);
});

test('SHA256, RIPEMD160 and IDENTITY on 1 MiB of input run in time', () => {
  for (const addr of ['0x02', '0x03', '0x04']) {
    const src = `PUSH1 32 PUSH1 0 PUSH 0x100000 PUSH1 0 PUSH1 0 PUSH1 ${addr} GAS CALL ${RET}`;
    const r = hostileRun(asm(src), { fork: Fork.Cancun, gas: 30_000_000n }, `precompile ${addr} on 1 MiB`);
    assert.equal(r.status, Status.Return, r.error ?? '');
    assert.equal(bytesToBigint(r.output), 1n, `${addr} succeeded`);
  }
});
