/**
 * EIP-3529 (London): refunds reduced. No refund for SELFDESTRUCT (was 24000); the SSTORE clearing refund
 * is SSTORE_RESET_GAS + ACCESS_LIST_STORAGE_KEY_COST = 2900 + 1900 = 4800 (was 15000); and a transaction
 * gets at most gasUsed / 5 back (was / 2).
 * https://eips.ethereum.org/EIPS/eip-3529
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, StateJournal, put, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const C = 0xc0n;

function send(fork: Fork, code: string, storage: Record<string, bigint> = {}) {
  const state = put(new StateJournal(), C, { code, nonce: 1n, balance: 0n, storage });
  return sendTx(fork, { to: C, gasLimit: 200_000n }, { state });
}

test('EIP-3529: SELFDESTRUCT refunds 24000 in Berlin, nothing in London', () => {
  // ADDRESS (2) SELFDESTRUCT (5000, beneficiary = itself: warm, exists): 5002; 21000 + 5002 = 26002.
  // Berlin: refund min(24000, floor(26002 / 2) = 13001) = 13001: 26002 - 13001 = 13001.
  let r = send(Fork.Berlin, 'ADDRESS SELFDESTRUCT');
  expectTx(r.receipt, Status.SelfDestruct, 13001, 'Berlin');
  assert.equal(r.state.exists(C), false);
  // London: no refund: 26002.
  r = send(Fork.London, 'ADDRESS SELFDESTRUCT');
  expectTx(r.receipt, Status.SelfDestruct, 26002, 'London');
});

test('EIP-3529: clearing a slot refunds 4800 instead of 15000, capped at a fifth instead of half', () => {
  // PUSH1 0 PUSH1 0 SSTORE on slot 0 = 1: 3 + 3 + 2100 (cold) + 2900 = 5006; 21000 + 5006 = 26006.
  // Berlin: refund min(15000, floor(26006 / 2) = 13003) = 13003: 13003.
  expectTx(send(Fork.Berlin, 'PUSH1 0 PUSH1 0 SSTORE STOP', { 0: 1n }).receipt, Status.Stop, 13003, 'Berlin');
  // London: refund min(4800, floor(26006 / 5) = 5201) = 4800: 21206.
  expectTx(send(Fork.London, 'PUSH1 0 PUSH1 0 SSTORE STOP', { 0: 1n }).receipt, Status.Stop, 21206, 'London');
});

test('EIP-3529: the one-fifth cap binds', () => {
  // Clear slots 0..3 (all 1): 4 * (6 + 2100 + 2900) = 20024; 21000 + 20024 = 41024.
  // London: refund 4 * 4800 = 19200, capped at floor(41024 / 5) = 8204: 41024 - 8204 = 32820.
  // Berlin: refund 4 * 15000 = 60000, capped at floor(41024 / 2) = 20512: 20512.
  const code = 'PUSH1 0 PUSH1 0 SSTORE PUSH1 0 PUSH1 1 SSTORE PUSH1 0 PUSH1 2 SSTORE PUSH1 0 PUSH1 3 SSTORE STOP';
  const slots = { 0: 1n, 1: 1n, 2: 1n, 3: 1n };
  expectTx(send(Fork.London, code, slots).receipt, Status.Stop, 32820, 'London');
  expectTx(send(Fork.Berlin, code, slots).receipt, Status.Stop, 20512, 'Berlin');
});

test('EIP-3529: restoring a slot within the transaction (EIP-2200 refunds with the London numbers)', () => {
  // 0 -> 1 -> 0 on a cold slot: 2100 + 20000 + 100 (dirty, warm) + 12 = 22212; refund 20000 - 100 = 19900.
  // 21000 + 22212 = 43212. London: cap floor(43212 / 5) = 8642: 34570. Berlin: cap 21606: 43212 - 19900 = 23312.
  const code = 'PUSH1 1 PUSH1 0 SSTORE PUSH1 0 PUSH1 0 SSTORE STOP';
  expectTx(send(Fork.London, code).receipt, Status.Stop, 34570, 'London');
  expectTx(send(Fork.Berlin, code).receipt, Status.Stop, 23312, 'Berlin');
  // 1 -> 0 -> 1: 2100 + 2900 + 100 + 12 = 5112; refund: +clear, -clear, + (5000 - 2100 - 100) = 2800.
  // 21000 + 5112 = 26112. London: min(2800, 5222) = 2800: 23312. Berlin: min(2800, 13056): 23312.
  const back = 'PUSH1 0 PUSH1 0 SSTORE PUSH1 1 PUSH1 0 SSTORE STOP';
  expectTx(send(Fork.London, back, { 0: 1n }).receipt, Status.Stop, 23312, 'London restore');
  expectTx(send(Fork.Berlin, back, { 0: 1n }).receipt, Status.Stop, 23312, 'Berlin restore');
});
