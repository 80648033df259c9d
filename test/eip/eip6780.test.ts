/**
 * EIP-6780 (Cancun): SELFDESTRUCT deletes the account (code, storage, nonce) only when it was created in
 * the same transaction; otherwise it just moves the whole balance to the beneficiary (to itself: nothing
 * happens, nothing is burned). Gas is unchanged: 5000, + 2600 cold beneficiary (EIP-2929), + 25000 when
 * value goes to an empty account (EIP-161); no refund (EIP-3529).
 * https://eips.ethereum.org/EIPS/eip-6780
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, StateJournal, TX_SENDER, hexToBytes, put, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';
import { createAddress } from '../../src/state/addresses.js';

const C = 0xc0n;
const B = 0xbbn; // beneficiary, absent at first

function pre(code: string): StateJournal {
  return put(new StateJournal(), C, { code, nonce: 1n, balance: 100n, storage: { 0: 1n } });
}

test('EIP-6780: a pre-existing contract is deleted in Shanghai, only emptied of its balance in Cancun', () => {
  // PUSH1 B (3) SELFDESTRUCT 5000 + 2600 (B cold) + 25000 (100 wei to an absent account): 32603; 21000 + 32603 = 53603
  let r = sendTx(Fork.Shanghai, { to: C }, { state: pre(`PUSH1 ${B} SELFDESTRUCT`) });
  expectTx(r.receipt, Status.SelfDestruct, 53603, 'Shanghai');
  assert.equal(r.state.exists(C), false, 'Shanghai deletes the account');
  assert.equal(r.state.getBalance(B), 100n);

  r = sendTx(Fork.Cancun, { to: C }, { state: pre(`PUSH1 ${B} SELFDESTRUCT`) });
  expectTx(r.receipt, Status.SelfDestruct, 53603, 'Cancun');
  assert.equal(r.state.getBalance(B), 100n, 'the balance moves');
  assert.equal(r.state.getBalance(C), 0n);
  assert.equal(r.state.getCode(C).length, 3, 'the code stays');
  assert.equal(r.state.getStorage(C, 0n), 1n, 'the storage stays');
  assert.equal(r.state.getNonce(C), 1n);
});

test('EIP-6780: a pre-existing contract destroying itself to itself keeps its balance in Cancun', () => {
  // ADDRESS (2) SELFDESTRUCT 5000 (itself: warm, not empty): 21000 + 5002 = 26002
  let r = sendTx(Fork.Shanghai, { to: C }, { state: pre('ADDRESS SELFDESTRUCT') });
  expectTx(r.receipt, Status.SelfDestruct, 26002, 'Shanghai');
  assert.equal(r.state.exists(C), false, 'Shanghai: deleted, the 100 wei are burned');
  r = sendTx(Fork.Cancun, { to: C }, { state: pre('ADDRESS SELFDESTRUCT') });
  expectTx(r.receipt, Status.SelfDestruct, 26002, 'Cancun');
  assert.equal(r.state.getBalance(C), 100n, 'Cancun: nothing moves, nothing is burned');
  assert.equal(r.state.getStorage(C, 0n), 1n);
});

test('EIP-6780: a contract created in the same transaction is still deleted', () => {
  // Creation transaction with value 7, initcode PUSH1 B SELFDESTRUCT (0x60bbff: 3 non-zero bytes):
  // intrinsic 53000 + 3 * 16 + 1 initcode word * 2 (EIP-3860) = 53050;
  // execution 3 + 5000 + 2600 + 25000 (7 wei to an absent B) = 32603. Total 85653.
  const init = hexToBytes(`0x60${B.toString(16)}ff`);
  const addr = createAddress(TX_SENDER, 0n);
  for (const fork of [Fork.Shanghai, Fork.Cancun]) {
    const r = sendTx(fork, { to: null, data: init, value: 7n });
    expectTx(r.receipt, Status.SelfDestruct, 85653, `fork ${fork}`);
    assert.equal(r.state.exists(addr), false, `fork ${fork}: deleted`);
    assert.equal(r.state.getBalance(B), 7n);
  }
});

test('EIP-6780: created by CREATE and destroyed in a later call of the same transaction: deleted', () => {
  // F: CREATE a child whose runtime code is PUSH1 B SELFDESTRUCT, then CALL it.
  //   runtime 0x60bbff (3 bytes); initcode PUSH3 0x60bbff PUSH1 0 MSTORE PUSH1 3 PUSH1 29 RETURN
  //   = 0x6260bbff600052600360 1df3 (12 bytes): 3 + 3 + 6 + 3 + 3 = 18, deposit 3 * 200 = 600.
  // F: PUSH12 init (3) PUSH1 0 (3) MSTORE (6) PUSH1 12 PUSH1 20 PUSH1 0 (9) CREATE (32000 + 2 * 1 word) = 32023;
  //   child 618; then CALL(gas 0xffff, child, value 0): PUSH1 0 x5 (15) DUP6 (3) PUSH2 (3) CALL 100 (child warm:
  //   created in this transaction) + child 3 + 5000 + 2600 (B cold) = 7603 (no balance: no 25000); STOP.
  //   32023 + 618 + 15 + 3 + 3 + 100 + 7603 = 40365; 21000 + 40365 = 61365.
  const F = 0xf0n;
  const child = createAddress(F, 1n);
  const code =
    'PUSH12 0x6260bbff6000526003601df3 PUSH1 0 MSTORE PUSH1 12 PUSH1 20 PUSH1 0 CREATE ' +
    'PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 DUP6 PUSH2 0xffff CALL STOP';
  for (const fork of [Fork.Shanghai, Fork.Cancun]) {
    const state = put(new StateJournal(), F, { code, nonce: 1n });
    const r = sendTx(fork, { to: F }, { state });
    expectTx(r.receipt, Status.Stop, 61365, `fork ${fork}`);
    assert.equal(r.state.exists(child), false, `fork ${fork}: the child is gone`);
  }
});
