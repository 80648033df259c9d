/**
 * EIP-2200 (Istanbul): net gas metering for SSTORE, like EIP-1283 but with SLOAD_GAS (800, EIP-1884)
 * for no-op and dirty writes, and a sentry: SSTORE fails when the gas left is at most the call stipend
 * (2300), so a callee running on the stipend can never write.
 * https://eips.ethereum.org/EIPS/eip-2200
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, StateJournal, put, run, expectRun, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const C = 0xc0n;

function txGas(fork: Fork, code: string, original: bigint): bigint {
  const state = put(new StateJournal(), C, { code, nonce: 1n, storage: original === 0n ? {} : { 0: original } });
  const { receipt } = sendTx(fork, { to: C, gasLimit: 200_000n }, { state });
  assert.ok(receipt.success, String(receipt.error ?? receipt.rejected));
  return receipt.gasUsed;
}

/** 21000 + execution gas, minus the refund capped at half of that. */
function charged(used: number, refund: number): bigint {
  const total = 21000 + used;
  return BigInt(total - Math.min(refund, Math.floor(total / 2)));
}

// The EIP's table: code, original, used gas, refund.
const TABLE: [string, bigint, number, number][] = [
  ['0x60006000556000600055', 0n, 1612, 0], // 800 + 800 + 12
  ['0x60006000556001600055', 0n, 20812, 0], // 800 + 20000 + 12
  ['0x60016000556000600055', 0n, 20812, 19200], // 20000 + 800, refund 20000 - 800
  ['0x60016000556002600055', 0n, 20812, 0],
  ['0x60016000556001600055', 0n, 20812, 0],
  ['0x60006000556000600055', 1n, 5812, 15000], // 5000 (refund 15000) + 800
  ['0x60006000556001600055', 1n, 5812, 4200], // 5000 + 800, refund 15000 - 15000 + (5000 - 800)
  ['0x60006000556002600055', 1n, 5812, 0],
  ['0x60026000556000600055', 1n, 5812, 15000],
  ['0x60026000556003600055', 1n, 5812, 0],
  ['0x60026000556001600055', 1n, 5812, 4200],
  ['0x60026000556002600055', 1n, 5812, 0],
  ['0x60016000556000600055', 1n, 5812, 15000],
  ['0x60016000556002600055', 1n, 5812, 0],
  ['0x60016000556001600055', 1n, 1612, 0],
  ['0x600160005560006000556001600055', 0n, 40818, 19200],
  ['0x600060005560016000556000600055', 1n, 10818, 19200],
];

test("EIP-2200: the EIP's table in Istanbul", () => {
  for (const [code, original, used, refund] of TABLE) {
    assert.equal(txGas(Fork.Istanbul, code, original), charged(used, refund), `${code} original ${original}`);
  }
});

test('EIP-2200: the same writes in Petersburg use the legacy rule', () => {
  // 0 -> 0 -> 0: 5000 + 5000 + 12 = 10012 (Istanbul: 1612)
  assert.equal(txGas(Fork.Petersburg, '0x60006000556000600055', 0n), 21000n + 10012n);
  assert.equal(txGas(Fork.Istanbul, '0x60006000556000600055', 0n), 21000n + 1612n);
  // 1 -> 1 -> 1: Petersburg 10012, Istanbul 800 + 800 + 12 = 1612
  assert.equal(txGas(Fork.Petersburg, '0x60016000556001600055', 1n), 21000n + 10012n);
  assert.equal(txGas(Fork.Istanbul, '0x60016000556001600055', 1n), 21000n + 1612n);
});

test('EIP-2200: the sentry: SSTORE with 2300 gas or less left fails, even for a no-op', () => {
  const code = 'PUSH1 0 PUSH1 0 SSTORE STOP';
  // 2306 gas: the pushes (6) leave 2300, not above the stipend: out of gas, all 2306 used.
  expectRun(run(Fork.Istanbul, code, { gas: 2306n }), Status.OutOfGas, 2306, 'Istanbul 2306');
  // 2307 gas: 2301 left: the no-op write costs SLOAD_GAS 800: 6 + 800 = 806.
  expectRun(run(Fork.Istanbul, code, { gas: 2307n }), Status.Stop, 806, 'Istanbul 2307');
  // Constantinople (EIP-1283, no sentry): 6 + 200 = 206 with 2306 gas.
  expectRun(run(Fork.Constantinople, code, { gas: 2306n }), Status.Stop, 206, 'Constantinople 2306');
  // Petersburg: the legacy 5000 does not fit: out of gas.
  expectRun(run(Fork.Petersburg, code, { gas: 2306n }), Status.OutOfGas, 2306, 'Petersburg 2306');
});

test('EIP-2200: a callee running on the 2300 stipend cannot write (Istanbul)', () => {
  // Caller: CALL(gas 0, callee, value 1): 7 pushes 21 + 700 + 9000; the callee gets only the 2300 stipend.
  // Callee: PUSH1 0 PUSH1 0 SSTORE: 2294 left at the SSTORE, the sentry fails it, all 2300 used.
  // Then PUSH1 1 SSTORE of the flag 0 into an empty slot: no-op, 3 + 800 (cold slots only come with Berlin).
  // 21000 + 21 + 9700 + 803 = 31524.
  const callee = 0xcaen;
  const state = put(new StateJournal(), C, {
    code: `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 1 PUSH2 ${callee} PUSH1 0 CALL PUSH1 1 SSTORE STOP`,
    nonce: 1n,
    balance: 1n,
  });
  put(state, callee, { code: 'PUSH1 0 PUSH1 0 SSTORE STOP', nonce: 1n });
  const r = sendTx(Fork.Istanbul, { to: C, gasLimit: 200_000n }, { state });
  expectTx(r.receipt, Status.Stop, 31524, 'Istanbul');
  assert.equal(r.state.getStorage(C, 1n), 0n);
  assert.equal(r.state.getBalance(callee), 0n, 'the failed call moved no value');
});
