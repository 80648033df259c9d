/**
 * 1024-deep call and create chains: the executor keeps its own frame stack, so depth 1024 is reached
 * without recursion in JavaScript (and without a RangeError), the 1025th call fails softly, and all of
 * it is fast.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asm } from '../../src/spec/asm.js';
import { Fork } from '../../src/spec/fork.js';
import { Status } from '../../src/machine/status.js';
import { StateJournal } from '../../src/state/journal.js';
import { DEFAULT_RECEIVER, DEFAULT_SENDER } from '../../src/transition/runCode.js';
import { hostileRun } from './helpers.js';

// d = calldata[0] + 1; storage[d] = 1; CALL(self, GAS - 2^16, calldata = d). Frontier has no 63/64 rule,
// so the call asks for less than all the gas left; from Tangerine Whistle the 63/64 rule leaves
// 1e15 * (63/64)^1024 ~ 1e8 gas at the bottom, enough for every level.
const SELF_CALL = asm(`
  PUSH1 0 CALLDATALOAD PUSH1 1 ADD
  PUSH1 1 DUP2 SSTORE
  PUSH1 0 MSTORE
  PUSH1 0 PUSH1 0 PUSH1 32 PUSH1 0 PUSH1 0 ADDRESS PUSH3 0x010000 GAS SUB CALL
  STOP`);
const GAS = 1_000_000_000_000_000n;

for (const fork of [Fork.Frontier, Fork.Berlin, Fork.Cancun, Fork.Osaka]) {
  test(`depth: a self-call chain reaches depth 1024 and stops there (fork ${String(fork)})`, () => {
    const state = new StateJournal();
    const r = hostileRun(SELF_CALL, { fork, gas: GAS, state }, 'self-call chain');
    assert.equal(r.status, Status.Stop, r.error ?? '');
    // execution-specs: a call fails when message.depth + 1 > 1024, so frames at depth 0..1024 run (each
    // storing d = depth + 1) and the CALL made at depth 1024 fails.
    const storage = state.accounts.get(DEFAULT_RECEIVER)!.storage;
    assert.equal(storage.get(1025n), 1n, 'the frame at depth 1024 ran');
    assert.equal(storage.get(1026n), undefined, 'no frame at depth 1025');
    assert.equal(storage.size, 1025);
  });
}

test('depth: a chain of 1024 nested CREATEs (each init code creates the next) ends softly at the limit', () => {
  // init code: copy own code to memory and CREATE it; then STOP (deploys empty code).
  const init = asm('CODESIZE PUSH1 0 PUSH1 0 CODECOPY CODESIZE PUSH1 0 PUSH1 0 CREATE STOP');
  const state = new StateJournal();
  const r = hostileRun(init, { fork: Fork.Cancun, gas: GAS, state }, 'create chain');
  assert.equal(r.status, Status.Stop, r.error ?? '');
  // Init frames run at depths 1..1024 (one new account each); the CREATE made at depth 1024 fails its
  // depth check before the nonce is incremented (execution-specs generic_create), so the accounts at
  // depths 1..1023 end with nonce 2 (1 from EIP-161 creation + 1 for their own CREATE) and the last with 1.
  let created = 0;
  for (const [addr, a] of state.accounts) if (addr !== DEFAULT_RECEIVER && a.nonce === 2n) created++;
  assert.equal(created, 1023, 'created accounts that created again (nonce 1 + 1)');
  let all = 0;
  for (const addr of state.accounts.keys()) if (addr !== DEFAULT_RECEIVER && addr !== DEFAULT_SENDER) all++;
  assert.equal(all, 1024, '1024 created accounts');
});

test('depth: DELEGATECALL and STATICCALL chains to depth 1024 do not overflow the JavaScript stack', () => {
  for (const op of ['DELEGATECALL', 'STATICCALL']) {
    const src = `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 ADDRESS GAS ${op} PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN`;
    const r = hostileRun(asm(src), { fork: Fork.Cancun, gas: GAS }, `${op} chain`);
    assert.equal(r.status, Status.Return, `${op}: ${r.error}`);
    assert.equal(r.output[31], 1, `${op}: the call from depth 0 succeeded`);
  }
});
