/**
 * EIP-161 (Spurious Dragon), state trie clearing:
 *  a. new contracts start with nonce 1;
 *  b. CALL and SELFDESTRUCT charge the 25000 new-account gas only when they move value to an empty
 *     account (before: whenever the account did not exist);
 *  c. an empty account (no code, nonce 0, balance 0) that a transaction touches is deleted at its end.
 * https://eips.ethereum.org/EIPS/eip-161
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, DEFAULT_RECEIVER, StateJournal, put, run, expectRun, sendTx, expectTx, TX_SENDER } from './helpers.js';
import { Status } from '../../src/machine/status.js';
import { createAddress } from '../../src/state/addresses.js';

const ABSENT = 0xddn;
const EMPTY = 0xe0n; // exists, but has no code, nonce 0 and balance 0
const FULL = 0xf0n; // exists with a balance

function state(): StateJournal {
  const s = new StateJournal();
  put(s, EMPTY);
  put(s, FULL, { balance: 1n });
  return s;
}

/** CALL(gas 0, to, value, no args, no return): 7 pushes (21) + CALL. */
const callTo = (to: bigint, value: number) => `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 ${value} PUSH1 ${to} PUSH1 0 CALL STOP`;

test('EIP-161: CALL without value to an account that does not exist: 25000 before, nothing after', () => {
  // Tangerine Whistle: 21 + 700 + 25000 (new account) = 25721; the call creates the account.
  const t = run(Fork.TangerineWhistle, callTo(ABSENT, 0), { state: state() });
  expectRun(t, Status.Stop, 25721, 'TW');
  assert.equal(t.state.exists(ABSENT), true, 'TW: the callee now exists');
  // Spurious Dragon: 21 + 700 = 721; nothing is created.
  const s = run(Fork.SpuriousDragon, callTo(ABSENT, 0), { state: state() });
  expectRun(s, Status.Stop, 721, 'SD');
  assert.equal(s.state.exists(ABSENT), false, 'SD: the callee still does not exist');
});

test('EIP-161: CALL with value pays 25000 for an empty callee, whether absent or existing-but-empty', () => {
  // With value 1: 21 + 700 + 9000 (value transfer) [+ 25000 new account] - 2300 (the stipend comes back
  // unused from a callee without code).
  //   [fork, callee, expected]
  const rows: [Fork, bigint, number][] = [
    [Fork.TangerineWhistle, ABSENT, 21 + 700 + 9000 + 25000 - 2300], // 32421: absent
    [Fork.TangerineWhistle, EMPTY, 21 + 700 + 9000 - 2300], // 7421: exists, so no charge before EIP-161
    [Fork.TangerineWhistle, FULL, 21 + 700 + 9000 - 2300], // 7421
    [Fork.SpuriousDragon, ABSENT, 21 + 700 + 9000 + 25000 - 2300], // 32421
    [Fork.SpuriousDragon, EMPTY, 21 + 700 + 9000 + 25000 - 2300], // 32421: empty counts as new
    [Fork.SpuriousDragon, FULL, 21 + 700 + 9000 - 2300], // 7421
  ];
  for (const [fork, to, gas] of rows) {
    const r = run(fork, callTo(to, 1), { state: state(), value: 1n });
    expectRun(r, Status.Stop, gas, `fork ${fork} callee 0x${to.toString(16)}`);
    assert.equal(r.state.getBalance(to), to === FULL ? 2n : 1n);
  }
  // Without value, an existing empty account costs nothing extra in either fork: 21 + 700.
  expectRun(run(Fork.TangerineWhistle, callTo(EMPTY, 0), { state: state() }), Status.Stop, 721, 'TW empty, no value');
  expectRun(run(Fork.SpuriousDragon, callTo(EMPTY, 0), { state: state() }), Status.Stop, 721, 'SD empty, no value');
});

test('EIP-161: SELFDESTRUCT pays 25000 for a new beneficiary only when it moves value', () => {
  // PUSH1 (3) + SELFDESTRUCT 5000 [+ 25000]
  expectRun(run(Fork.TangerineWhistle, `PUSH1 ${ABSENT} SELFDESTRUCT`, { state: state() }), Status.SelfDestruct, 30003, 'TW, no balance');
  expectRun(run(Fork.SpuriousDragon, `PUSH1 ${ABSENT} SELFDESTRUCT`, { state: state() }), Status.SelfDestruct, 5003, 'SD, no balance');
  // With a balance of 1 (the run's value): 3 + 5000 + 25000 in Spurious Dragon, to an absent or an empty account.
  expectRun(
    run(Fork.SpuriousDragon, `PUSH1 ${ABSENT} SELFDESTRUCT`, { state: state(), value: 1n }),
    Status.SelfDestruct,
    30003,
    'SD, absent',
  );
  expectRun(
    run(Fork.SpuriousDragon, `PUSH1 ${EMPTY} SELFDESTRUCT`, { state: state(), value: 1n }),
    Status.SelfDestruct,
    30003,
    'SD, empty',
  );
  expectRun(
    run(Fork.SpuriousDragon, `PUSH1 ${FULL} SELFDESTRUCT`, { state: state(), value: 1n }),
    Status.SelfDestruct,
    5003,
    'SD, non-empty',
  );
});

test('EIP-161: contracts start with nonce 1 (CREATE and creation transactions)', () => {
  // PUSH1 0 x3 (9) + CREATE 32000; empty initcode runs nothing: 32009 in both forks.
  const created = createAddress(DEFAULT_RECEIVER, 0n);
  const t = run(Fork.TangerineWhistle, 'PUSH1 0 PUSH1 0 PUSH1 0 CREATE STOP');
  expectRun(t, Status.Stop, 32009, 'TW');
  assert.equal(t.state.exists(created), true);
  assert.equal(t.state.getNonce(created), 0n);
  const s = run(Fork.SpuriousDragon, 'PUSH1 0 PUSH1 0 PUSH1 0 CREATE STOP');
  expectRun(s, Status.Stop, 32009, 'SD');
  assert.equal(s.state.getNonce(created), 1n);

  // A creation transaction with empty initcode: 53000. The new account is empty in Tangerine Whistle
  // (nonce 0) but survives (no clearing); in Spurious Dragon it has nonce 1, so it is not empty.
  const addr = createAddress(TX_SENDER, 0n);
  let r = sendTx(Fork.TangerineWhistle, { to: null });
  expectTx(r.receipt, Status.Stop, 53000, 'TW create tx');
  assert.equal(r.state.getNonce(addr), 0n);
  assert.equal(r.state.exists(addr), true);
  r = sendTx(Fork.SpuriousDragon, { to: null });
  expectTx(r.receipt, Status.Stop, 53000, 'SD create tx');
  assert.equal(r.state.getNonce(addr), 1n);
  assert.equal(r.state.exists(addr), true);
});

test('EIP-161: an empty account touched by a transaction is deleted at its end (not before Spurious Dragon)', () => {
  // A zero-value transfer to the empty account: 21000 gas, touches it.
  let r = sendTx(Fork.TangerineWhistle, { to: EMPTY }, { state: state() });
  expectTx(r.receipt, Status.Stop, 21000, 'TW');
  assert.equal(r.state.exists(EMPTY), true, 'TW keeps the empty account');
  r = sendTx(Fork.SpuriousDragon, { to: EMPTY }, { state: state() });
  expectTx(r.receipt, Status.Stop, 21000, 'SD');
  assert.equal(r.state.exists(EMPTY), false, 'SD deletes the touched empty account');
  assert.equal(r.state.exists(FULL), true, 'an untouched account stays');

  // Touched by a CALL from a contract: 21000 + 21 + 700 = 21721.
  const C = 0xc0n;
  const st = put(state(), C, { code: callTo(EMPTY, 0) });
  r = sendTx(Fork.SpuriousDragon, { to: C }, { state: st });
  expectTx(r.receipt, Status.Stop, 21721, 'SD, CALL');
  assert.equal(r.state.exists(EMPTY), false);

  // A touch in a frame that fails is undone: CALL the empty account, then INVALID (all 100000 used).
  const st2 = put(state(), C, { code: `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 ${EMPTY} PUSH1 0 CALL INVALID` });
  r = sendTx(Fork.SpuriousDragon, { to: C, gasLimit: 100_000n }, { state: st2 });
  expectTx(r.receipt, Status.InvalidOpcode, 100_000, 'SD, CALL then INVALID');
  assert.equal(r.state.exists(EMPTY), true, 'the reverted touch does not delete');
});
