/**
 * EIP-1153 (Cancun): transient storage: TLOAD (0x5c) and TSTORE (0x5d), 100 gas each (no cold/warm, no
 * refunds), per contract address, kept across calls of one transaction, discarded at its end, undone by
 * a revert, and TSTORE is forbidden in a static context.
 * https://eips.ethereum.org/EIPS/eip-1153
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, RETURN_TOP, DEFAULT_RECEIVER, StateJournal, hexToBytes, put, run, expectRun, outWord, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const D = 0xd0n;

test('EIP-1153: TLOAD and TSTORE are undefined in Shanghai', () => {
  expectRun(run(Fork.Shanghai, 'PUSH0 TLOAD', { gas: 10_000n }), Status.UndefinedOpcode, 10_000, 'TLOAD');
  expectRun(run(Fork.Shanghai, 'PUSH1 1 PUSH0 TSTORE', { gas: 10_000n }), Status.UndefinedOpcode, 10_000, 'TSTORE');
});

test('EIP-1153: TSTORE then TLOAD, 100 gas each (Cancun)', () => {
  // PUSH1 7 (3) PUSH0 (2) TSTORE (100) PUSH0 (2) TLOAD (100) RETURN_TOP (15) = 222
  const r = run(Fork.Cancun, `PUSH1 7 PUSH0 TSTORE PUSH0 TLOAD ${RETURN_TOP}`);
  expectRun(r, Status.Return, 222, 'Cancun');
  assert.equal(outWord(r), 7n);
  assert.equal(r.state.getStorage(DEFAULT_RECEIVER, 0n), 0n, 'persistent storage is untouched');
  // An unwritten slot reads 0, still 100: PUSH1 (3) TLOAD (100) RETURN_TOP (15) = 118; repeated, still 100.
  const z = run(Fork.Cancun, `PUSH1 9 TLOAD POP PUSH1 9 TLOAD ${RETURN_TOP}`);
  expectRun(z, Status.Return, 3 + 100 + 2 + 3 + 100 + 15, 'unset slot');
  assert.equal(outWord(z), 0n);
});

test('EIP-1153: the value is visible to later frames of the same contract (DELEGATECALL reads it)', () => {
  // D: PUSH0 TLOAD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN = 2 + 100 + 2 + 6 + 3 + 2 + 0 = 115
  const state = put(new StateJournal(), D, { code: 'PUSH0 TLOAD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN' });
  // caller: PUSH1 42 PUSH0 TSTORE (105); DELEGATECALL(GAS, D, 0, 0, 0, 32): PUSH1 32, 3 PUSH0, PUSH2, GAS = 3 + 6 + 3 + 2 = 14;
  //   DELEGATECALL 100 + 2500 (D cold) + 3 (return area, 1 word) + 115; POP 2; PUSH1 32 PUSH0 RETURN 5.
  //   105 + 14 + 2603 + 115 + 2 + 5 = 2844
  const r = run(Fork.Cancun, `PUSH1 42 PUSH0 TSTORE PUSH1 32 PUSH0 PUSH0 PUSH0 PUSH2 ${D} GAS DELEGATECALL POP PUSH1 32 PUSH0 RETURN`, {
    state,
  });
  expectRun(r, Status.Return, 2844, 'Cancun');
  assert.equal(outWord(r), 42n);
});

test('EIP-1153: transient storage belongs to an address (a CALLed contract sees its own, empty)', () => {
  // Same as above with CALL: D reads D's transient storage: 0. CALL has one more argument (value, PUSH0 2): 2846.
  const state = put(new StateJournal(), D, { code: 'PUSH0 TLOAD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN' });
  const r = run(Fork.Cancun, `PUSH1 42 PUSH0 TSTORE PUSH1 32 PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 ${D} GAS CALL POP PUSH1 32 PUSH0 RETURN`, {
    state,
  });
  expectRun(r, Status.Return, 2846, 'Cancun');
  assert.equal(outWord(r), 0n);
});

test('EIP-1153: a revert undoes TSTORE', () => {
  // D (run by DELEGATECALL in the caller's context): PUSH1 99 PUSH0 TSTORE PUSH0 PUSH0 REVERT = 3 + 2 + 100 + 2 + 2 = 109
  const state = put(new StateJournal(), D, { code: 'PUSH1 99 PUSH0 TSTORE PUSH0 PUSH0 REVERT' });
  // caller: PUSH1 1 PUSH0 TSTORE (105); 4 PUSH0 + PUSH2 + GAS (8 + 3 + 2 = 13); DELEGATECALL 2600 + 109; POP 2;
  //   PUSH0 TLOAD (102); RETURN_TOP 15. 105 + 13 + 2709 + 2 + 102 + 15 = 2946
  const r = run(Fork.Cancun, `PUSH1 1 PUSH0 TSTORE PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 ${D} GAS DELEGATECALL POP PUSH0 TLOAD ${RETURN_TOP}`, {
    state,
  });
  expectRun(r, Status.Return, 2946, 'Cancun');
  assert.equal(outWord(r), 1n, 'the value from before the reverted frame');
});

test('EIP-1153: TSTORE is forbidden under STATICCALL, TLOAD is allowed', () => {
  // STATICCALL(10000, D, 0, 0, 0, 0): 4 PUSH0 (8) PUSH2 (3) PUSH2 (3) STATICCALL 2600 + callee; RETURN_TOP 15
  const tstore = put(new StateJournal(), D, { code: 'PUSH1 1 PUSH0 TSTORE STOP' });
  const code = `PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 ${D} PUSH2 10000 STATICCALL ${RETURN_TOP}`;
  let r = run(Fork.Cancun, code, { state: tstore });
  expectRun(r, Status.Return, 14 + 2600 + 10000 + 15, 'TSTORE in static'); // 12629: the callee's 10000 are lost
  assert.equal(outWord(r), 0n);
  // TLOAD: PUSH0 TLOAD POP = 104
  const tload = put(new StateJournal(), D, { code: 'PUSH0 TLOAD POP STOP' });
  r = run(Fork.Cancun, code, { state: tload });
  expectRun(r, Status.Return, 14 + 2600 + 104 + 15, 'TLOAD in static'); // 2733
  assert.equal(outWord(r), 1n);
});

test('EIP-1153: transient storage is discarded at the end of the transaction', () => {
  // C: with calldata, TSTORE(0, 42); without, SSTORE(0, TLOAD(0) + 1).
  //   0 CALLDATASIZE  1 PUSH1 12  3 JUMPI  4 PUSH0  5 TLOAD  6 PUSH1 1  8 ADD  9 PUSH0  10 SSTORE  11 STOP
  //   12 JUMPDEST  13 PUSH1 42  15 PUSH0  16 TSTORE  17 STOP
  const C = 0xc0n;
  const state = put(new StateJournal(), C, {
    code: 'CALLDATASIZE PUSH1 12 JUMPI PUSH0 TLOAD PUSH1 1 ADD PUSH0 SSTORE STOP JUMPDEST PUSH1 42 PUSH0 TSTORE STOP',
  });
  // tx 1 (data 0x01: 16): 21016 + 2 + 3 + 10 + 1 + 3 + 2 + 100 = 21137
  let r = sendTx(Fork.Cancun, { to: C, data: hexToBytes('0x01') }, { state });
  expectTx(r.receipt, Status.Stop, 21137, 'write');
  // tx 2: 21000 + 2 + 3 + 10 + 2 + 100 + 3 + 3 + 2 + (2100 + 20000) = 43225; TLOAD saw 0, so slot 0 = 1.
  r = sendTx(Fork.Cancun, { to: C, nonce: 1n }, { state });
  expectTx(r.receipt, Status.Stop, 43225, 'read');
  assert.equal(state.getStorage(C, 0n), 1n);
});

test('EIP-1153: TSTORE has no EIP-2200 sentry: it works with 2300 gas or less left', () => {
  // PUSH1 1 (3) PUSH0 (2) TSTORE (100) with exactly 105 gas: 0 left at the end.
  expectRun(run(Fork.Cancun, 'PUSH1 1 PUSH0 TSTORE STOP', { gas: 105n }), Status.Stop, 105, 'TSTORE with 105 gas');
  // SSTORE with 2305 gas: 2300 left after the pushes, the sentry fails it.
  expectRun(run(Fork.Cancun, 'PUSH1 1 PUSH0 SSTORE STOP', { gas: 2305n }), Status.OutOfGas, 2305, 'SSTORE with 2305 gas');
});
