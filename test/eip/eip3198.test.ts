/**
 * EIP-3198 (London): BASEFEE (0x48, 2 gas) pushes the block's base fee.
 * https://eips.ethereum.org/EIPS/eip-3198
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, RETURN_TOP, run, expectRun, outWord } from './helpers.js';
import { Status } from '../../src/machine/status.js';

test('EIP-3198: BASEFEE is undefined in Berlin', () => {
  expectRun(run(Fork.Berlin, 'BASEFEE', { gas: 10_000n, env: { baseFee: 7n } }), Status.UndefinedOpcode, 10_000, 'Berlin');
});

test('EIP-3198: BASEFEE pushes the base fee, 2 gas (London)', () => {
  for (const baseFee of [0n, 7n, 1_000_000_000n, (1n << 256n) - 1n]) {
    // BASEFEE (2) + RETURN_TOP (15) = 17
    const r = run(Fork.London, `BASEFEE ${RETURN_TOP}`, { env: { baseFee } });
    expectRun(r, Status.Return, 17, `base fee ${baseFee}`);
    assert.equal(outWord(r), baseFee);
  }
});
