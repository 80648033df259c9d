/**
 * Memory expansion to huge offsets and lengths: every such access must end in out-of-gas (all gas
 * consumed) quickly, without allocating the memory it asks for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asm } from '../../src/spec/asm.js';
import { Fork } from '../../src/spec/fork.js';
import { Status } from '../../src/machine/status.js';
import { hostileRun } from './helpers.js';

const HUGE = [
  '0xffffffffffffffff',
  '0x100000000',
  '0xffffffff',
  '0x' + 'ff'.repeat(32),
  '0x' + '80' + '00'.repeat(31),
  '0x7fffffffffffffff',
];

const CASES: readonly [string, (big: string) => string][] = [
  ['MSTORE at offset', (b) => `PUSH1 1 PUSH ${b} MSTORE`],
  ['MSTORE8 at offset', (b) => `PUSH1 1 PUSH ${b} MSTORE8`],
  ['MLOAD at offset', (b) => `PUSH ${b} MLOAD`],
  ['CALLDATACOPY length', (b) => `PUSH ${b} PUSH1 0 PUSH1 0 CALLDATACOPY`],
  ['CODECOPY length', (b) => `PUSH ${b} PUSH1 0 PUSH1 0 CODECOPY`],
  ['EXTCODECOPY length', (b) => `PUSH ${b} PUSH1 0 PUSH1 0 ADDRESS EXTCODECOPY`],
  ['MCOPY length', (b) => `PUSH ${b} PUSH1 0 PUSH1 0 MCOPY`],
  ['MCOPY destination', (b) => `PUSH1 1 PUSH1 0 PUSH ${b} MCOPY`],
  ['KECCAK256 length', (b) => `PUSH ${b} PUSH1 0 KECCAK256`],
  ['LOG0 length', (b) => `PUSH ${b} PUSH1 0 LOG0`],
  ['RETURN length', (b) => `PUSH ${b} PUSH1 0 RETURN`],
  ['REVERT length', (b) => `PUSH ${b} PUSH1 0 REVERT`],
  ['CALL return area', (b) => `PUSH ${b} PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 4 GAS CALL`],
  ['CALL argument area', (b) => `PUSH1 0 PUSH1 0 PUSH ${b} PUSH1 0 PUSH1 0 PUSH1 4 GAS CALL`],
  ['CREATE init code size', (b) => `PUSH ${b} PUSH1 0 PUSH1 0 CREATE`],
  ['CREATE2 init code size', (b) => `PUSH1 0 PUSH ${b} PUSH1 0 PUSH1 0 CREATE2`],
];

for (const [what, src] of CASES) {
  test(`huge memory: ${what} ends in out of gas without allocating`, () => {
    for (const big of HUGE) {
      const before = process.memoryUsage().rss;
      const gas = 30_000_000n;
      const r = hostileRun(asm(src(big)), { fork: Fork.Cancun, gas }, `${what} ${big}`);
      assert.equal(r.status, Status.OutOfGas, `${what} ${big}: ${r.error}`);
      assert.equal(r.gasUsed, gas, `${what} ${big}: all gas consumed`);
      // 0xffffffff bytes would be 4 GiB: far above what the process may grow by here.
      assert.ok(process.memoryUsage().rss - before < 256 * 1024 * 1024, `${what} ${big}: RSS grew`);
    }
  });
}

test('huge memory: a 2 MiB expansion (affordable with 30M gas) works and costs its formula', () => {
  // 3w + w^2/512 for w = 131072 words (4 MiB): 393216 + 33554432 > 30M, so 65536 words (2 MiB):
  // 196608 + 8388608 = 8585216, plus PUSH1 1 (3) PUSH3 (3) MSTORE8 (3).
  const r = hostileRun(asm('PUSH1 1 PUSH 0x1fffff MSTORE8'), { fork: Fork.Cancun, gas: 30_000_000n }, 'MSTORE8 at 2 MiB - 1');
  assert.equal(r.status, Status.Stop);
  assert.equal(r.gasUsed, 9n + 8_585_216n);
});
