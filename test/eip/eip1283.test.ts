/**
 * EIP-1283 (Constantinople only): net gas metering for SSTORE against the slot's value at the start of
 * the transaction (no-op and dirty writes cost 200). Petersburg (EIP-1716) removed it again, back to the
 * legacy rule (20000 to set a zero slot, 5000 otherwise, 15000 refund for clearing). EIP-2200 brings net
 * metering back in Istanbul (eip2200.test.ts).
 * Run as whole transactions so refunds are applied (capped at half the gas used).
 * https://eips.ethereum.org/EIPS/eip-1283, https://eips.ethereum.org/EIPS/eip-1716
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, StateJournal, put, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const C = 0xc0n;

function txGas(fork: Fork, code: string, original: bigint): bigint {
  const state = put(new StateJournal(), C, { code, nonce: 1n, storage: original === 0n ? {} : { 0: original } });
  const { receipt } = sendTx(fork, { to: C, gasLimit: 200_000n }, { state });
  assert.equal(receipt.rejected, undefined);
  assert.ok(receipt.success, String(receipt.error));
  return receipt.gasUsed;
}

/** 21000 + execution gas, minus the refund capped at half of that (quotient 2 before EIP-3529). */
function charged(used: number, refund: number): bigint {
  const total = 21000 + used;
  return BigInt(total - Math.min(refund, Math.floor(total / 2)));
}

// The EIP-1283 test table: code, original, EIP-1283 [used gas, refund], legacy [used gas, refund].
// Legacy by hand: each SSTORE costs 20000 when it writes non-zero into a zero slot, else 5000, and
// refunds 15000 when it clears a non-zero slot; every PUSH1 costs 3 (4 pushes = 12, 6 pushes = 18).
const TABLE: [string, bigint, [number, number], [number, number]][] = [
  ['0x60006000556000600055', 0n, [412, 0], [10012, 0]], // 0 -> 0 -> 0: 5000 + 5000
  ['0x60006000556001600055', 0n, [20212, 0], [25012, 0]], // 0 -> 0 -> 1: 5000 + 20000
  ['0x60016000556000600055', 0n, [20212, 19800], [25012, 15000]], // 0 -> 1 -> 0: 20000 + 5000 (refund)
  ['0x60016000556002600055', 0n, [20212, 0], [25012, 0]], // 0 -> 1 -> 2: 20000 + 5000
  ['0x60016000556001600055', 0n, [20212, 0], [25012, 0]], // 0 -> 1 -> 1: 20000 + 5000
  ['0x60006000556000600055', 1n, [5212, 15000], [10012, 15000]], // 1 -> 0 -> 0: 5000 (refund) + 5000
  ['0x60006000556001600055', 1n, [5212, 4800], [25012, 15000]], // 1 -> 0 -> 1: 5000 (refund) + 20000
  ['0x60006000556002600055', 1n, [5212, 0], [25012, 15000]], // 1 -> 0 -> 2: 5000 (refund) + 20000
  ['0x60026000556000600055', 1n, [5212, 15000], [10012, 15000]], // 1 -> 2 -> 0: 5000 + 5000 (refund)
  ['0x60026000556003600055', 1n, [5212, 0], [10012, 0]], // 1 -> 2 -> 3
  ['0x60026000556001600055', 1n, [5212, 4800], [10012, 0]], // 1 -> 2 -> 1
  ['0x60026000556002600055', 1n, [5212, 0], [10012, 0]], // 1 -> 2 -> 2
  ['0x60016000556000600055', 1n, [5212, 15000], [10012, 15000]], // 1 -> 1 -> 0
  ['0x60016000556002600055', 1n, [5212, 0], [10012, 0]], // 1 -> 1 -> 2
  ['0x60016000556001600055', 1n, [412, 0], [10012, 0]], // 1 -> 1 -> 1
  ['0x600160005560006000556001600055', 0n, [40218, 19800], [45018, 15000]], // 0 -> 1 -> 0 -> 1: 20000 + 5000 (r) + 20000
  ['0x600060005560016000556000600055', 1n, [10218, 19800], [30018, 30000]], // 1 -> 0 -> 1 -> 0: 5000 (r) + 20000 + 5000 (r)
];

test("EIP-1283: the EIP's table in Constantinople", () => {
  for (const [code, original, [used, refund]] of TABLE) {
    assert.equal(txGas(Fork.Constantinople, code, original), charged(used, refund), `${code} original ${original}`);
  }
});

test('EIP-1283: Byzantium (before) and Petersburg (after its removal) use the legacy rule on the same table', () => {
  for (const [code, original, , [used, refund]] of TABLE) {
    assert.equal(txGas(Fork.Byzantium, code, original), charged(used, refund), `Byzantium ${code} original ${original}`);
    assert.equal(txGas(Fork.Petersburg, code, original), charged(used, refund), `Petersburg ${code} original ${original}`);
  }
});

test('EIP-1283: worked examples with the numbers written out', () => {
  // 0 -> 1 -> 0 in Constantinople: 20000 + 200 + 12 = 20212, refund 20000 - 200 = 19800;
  // 41212 - min(19800, 20606) = 21412.
  assert.equal(txGas(Fork.Constantinople, '0x60016000556000600055', 0n), 21412n);
  // Petersburg: 20000 + 5000 + 12 = 25012, refund 15000; 46012 - min(15000, 23006) = 31012.
  assert.equal(txGas(Fork.Petersburg, '0x60016000556000600055', 0n), 31012n);
  // 1 -> 0 -> 1 -> 0 in Petersburg: 30018 used, refund 30000 capped at floor(51018 / 2) = 25509: 25509.
  assert.equal(txGas(Fork.Petersburg, '0x600060005560016000556000600055', 1n), 25509n);
});

test('EIP-1283: a no-op SSTORE with only the 2300 stipend succeeds in Constantinople (the reentrancy hole)', () => {
  // A contract CALLs (value 1, so the callee gets the 2300 stipend and 0 requested) a callee that writes
  // its slot's current value back: PUSH1 0 PUSH1 0 SSTORE = 3 + 3 + 200 under EIP-1283, but 5000 under
  // the legacy rule, which does not fit into 2300.
  // Caller: 7 pushes 21 + CALL 700 + 9000 (value) - 2300 (stipend, counted back below) ... flag to slot 1.
  const callee = 0xcaen;
  const run = (fork: Fork) => {
    const state = put(new StateJournal(), C, {
      code: `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 1 PUSH2 ${callee} PUSH1 0 CALL PUSH1 1 SSTORE STOP`,
      nonce: 1n,
      balance: 1n,
    });
    put(state, callee, { code: 'PUSH1 0 PUSH1 0 SSTORE STOP', nonce: 1n });
    return sendTx(fork, { to: C, gasLimit: 200_000n }, { state });
  };
  // Constantinople: caller 21 + 700 + 9000; the callee uses 206 of its 2300 and returns 2094;
  // PUSH1 1 SSTORE of flag 1 into an empty slot: 3 + 20000. 21000 + 21 + 9700 - 2094 + 20003 = 48630.
  let r = run(Fork.Constantinople);
  expectTx(r.receipt, Status.Stop, 21000 + 21 + 9700 - 2094 + 20003, 'Constantinople');
  assert.equal(r.state.getStorage(C, 1n), 1n, 'the callee succeeded');
  // Petersburg: the callee runs out of gas (uses all 2300); flag 0 into an empty slot costs 5000:
  // 21000 + 21 + 9700 + 5003 = 35724.
  r = run(Fork.Petersburg);
  expectTx(r.receipt, Status.Stop, 21000 + 21 + 9700 + 5003, 'Petersburg');
  assert.equal(r.state.getStorage(C, 1n), 0n, 'the callee failed');
});
