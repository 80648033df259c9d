/**
 * EIP-140 (Byzantium): REVERT (0xfd) stops the frame, undoes its state changes, returns data to the
 * caller and keeps the unused gas. Before Byzantium 0xfd is undefined (an exceptional halt using all gas).
 * https://eips.ethereum.org/EIPS/eip-140
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, DEFAULT_RECEIVER, RETURN_TOP, StateJournal, bytesToHex, outWord, put, run, expectRun, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';

test('EIP-140: REVERT is undefined before Byzantium', () => {
  expectRun(run(Fork.SpuriousDragon, 'PUSH1 0 PUSH1 0 REVERT', { gas: 100_000n }), Status.UndefinedOpcode, 100_000, 'SD');
});

test("EIP-140: REVERT returns its data, keeps the gas left and undoes the frame's writes (Byzantium)", () => {
  // PUSH1 1 PUSH1 0 SSTORE: 3 + 3 + 20000; PUSH1 0xab PUSH1 0 MSTORE8: 3 + 3 + 3 + 3 (memory);
  // PUSH1 1 PUSH1 0 REVERT: 3 + 3 + 0. Total 20024 of 100000; the rest is not consumed.
  const r = run(Fork.Byzantium, 'PUSH1 1 PUSH1 0 SSTORE PUSH1 0xab PUSH1 0 MSTORE8 PUSH1 1 PUSH1 0 REVERT', { gas: 100_000n });
  expectRun(r, Status.Revert, 20024, 'Byzantium');
  assert.equal(bytesToHex(r.output), '0xab');
  assert.equal(r.state.getStorage(DEFAULT_RECEIVER, 0n), 0n, 'the write is undone');
});

test('EIP-140: REVERT memory expansion is paid (REVERT(0, 64): 2 words)', () => {
  // PUSH1 64 (3) PUSH1 0 (3) REVERT (0 + memCost(2) = 6) = 12
  const r = run(Fork.Byzantium, 'PUSH1 64 PUSH1 0 REVERT');
  expectRun(r, Status.Revert, 12, 'Byzantium');
  assert.equal(r.output.length, 64);
});

test('EIP-140: a reverting callee returns its unused gas and its data to the caller', () => {
  const child = 0xc41dn;
  const state = () => put(new StateJournal(), child, { code: 'PUSH1 7 PUSH1 0 SSTORE PUSH1 0xab PUSH1 0 MSTORE8 PUSH1 1 PUSH1 0 REVERT' });
  // Caller: CALL(gas 50000, child, 0, args 0/0, ret 0/1), then stores the flag at 32 and returns 64 bytes.
  //   7 pushes: 21; CALL 700 + 3 (ret area: 1 word); PUSH1 32 MSTORE: 3 + 3 + 3 (2nd word); PUSH1 PUSH1 RETURN: 6
  const code = `PUSH1 1 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH3 ${child} PUSH2 50000 CALL PUSH1 32 MSTORE PUSH1 64 PUSH1 0 RETURN`;

  // Byzantium: the child uses 20024 (as above) and reverts: 21 + 703 + 20024 + 9 + 6 = 20763.
  const b = run(Fork.Byzantium, code, { state: state() });
  expectRun(b, Status.Return, 20763, 'Byzantium');
  assert.equal(b.output[0], 0xab, 'the revert data lands in the return area');
  assert.equal(b.output[63], 0, 'CALL pushed 0');
  assert.equal(b.state.getStorage(child, 0n), 0n);

  // Spurious Dragon: 0xfd is undefined in the child, which consumes all 50000: 21 + 703 + 50000 + 9 + 6 = 50739.
  const s = run(Fork.SpuriousDragon, code, { state: state() });
  expectRun(s, Status.Return, 50739, 'SD');
  assert.equal(s.output[0], 0, 'no data comes back');
  assert.equal(s.output[63], 0);
});

test('EIP-140: a transaction that reverts pays for what it ran and gets no refund', () => {
  const C = 0xc0n;
  // Slot 0 holds 1; clearing it costs 5000 and would refund 15000 (Byzantium, legacy SSTORE rule).
  // Revert: 3 + 3 + 5000 + 3 + 3 = 5012; 21000 + 5012 = 26012, the refund goes with the revert.
  let st = put(new StateJournal(), C, { code: 'PUSH1 0 PUSH1 0 SSTORE PUSH1 0 PUSH1 0 REVERT', storage: { 0: 1n } });
  let r = sendTx(Fork.Byzantium, { to: C, gasLimit: 100_000n }, { state: st });
  expectTx(r.receipt, Status.Revert, 26012, 'Byzantium revert');
  assert.equal(r.state.getStorage(C, 0n), 1n);
  // The same write followed by STOP: 21000 + 5006 = 26006, refund min(15000, 26006 / 2 = 13003): 13003.
  st = put(new StateJournal(), C, { code: 'PUSH1 0 PUSH1 0 SSTORE STOP', storage: { 0: 1n } });
  r = sendTx(Fork.Byzantium, { to: C, gasLimit: 100_000n }, { state: st });
  expectTx(r.receipt, Status.Stop, 13003, 'Byzantium stop');
});

test('EIP-140: REVERT in initcode fails the creation but returns the unused gas', () => {
  // Initcode PUSH1 0 PUSH1 0 REVERT (0x60006000fd): 6 gas.
  // PUSH5 (3) PUSH1 0 (3) MSTORE (6) = 12; PUSH1 5 PUSH1 27 PUSH1 0 = 9; CREATE 32000.
  const code = `PUSH5 0x60006000fd PUSH1 0 MSTORE PUSH1 5 PUSH1 27 PUSH1 0 CREATE ${RETURN_TOP}`;
  // Byzantium: the child uses 6 and gives the rest back; RETURN_TOP 12: 12 + 9 + 32000 + 6 + 12 = 32039.
  const b = run(Fork.Byzantium, code, { gas: 100_000n });
  expectRun(b, Status.Return, 32039, 'Byzantium');
  assert.equal(outWord(b), 0n, 'CREATE pushes 0');
  assert.equal(b.state.getNonce(DEFAULT_RECEIVER), 1n, 'the creator nonce is used');
  // Spurious Dragon: 0xfd is undefined; of 100000 - 32021 = 67979 the child gets 67979 - 1062 = 66917 and
  // loses all: 32021 + 66917 + 12 = 98950.
  const s = run(Fork.SpuriousDragon, code, { gas: 100_000n });
  expectRun(s, Status.Return, 98950, 'SD');
  assert.equal(outWord(s), 0n);
});
