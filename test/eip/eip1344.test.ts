/**
 * EIP-1344 (Istanbul): CHAINID (0x46, 2 gas) pushes the chain id (EIP-155's).
 * https://eips.ethereum.org/EIPS/eip-1344
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, RETURN_TOP, StateJournal, put, run, expectRun, outWord, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';

test('EIP-1344: CHAINID is undefined in Petersburg', () => {
  expectRun(run(Fork.Petersburg, 'CHAINID', { gas: 10_000n }), Status.UndefinedOpcode, 10_000, 'Petersburg');
});

test('EIP-1344: CHAINID pushes the chain id, 2 gas (Istanbul)', () => {
  for (const chainId of [1n, 5n, 1337n, (1n << 64n) - 1n]) {
    // CHAINID (2) + RETURN_TOP (15) = 17
    const r = run(Fork.Istanbul, `CHAINID ${RETURN_TOP}`, { chainId });
    expectRun(r, Status.Return, 17, `chain ${chainId}`);
    assert.equal(outWord(r), chainId);
  }
});

test('EIP-1344: a transaction sees the chain it runs on', () => {
  // CHAINID (2) PUSH1 0 (3) SSTORE 20000 (non-zero into an empty slot, Istanbul): 21000 + 20005 = 41005
  const C = 0xc0n;
  const state = put(new StateJournal(), C, { code: 'CHAINID PUSH1 0 SSTORE STOP' });
  const r = sendTx(Fork.Istanbul, { to: C }, { state, chainId: 61n });
  expectTx(r.receipt, Status.Stop, 41005, 'Istanbul');
  assert.equal(r.state.getStorage(C, 0n), 61n);
});
