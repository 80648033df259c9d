/**
 * EIP-1559 (London): a per-block base fee that is burned; type-2 transactions with maxFeePerGas and
 * maxPriorityFeePerGas. The effective gas price is baseFee + min(maxPriorityFee, maxFee - baseFee); the
 * coinbase receives only the tip part. maxFee < baseFee or maxPriorityFee > maxFee makes a transaction
 * invalid, and the sender must afford gasLimit * maxFee + value. Legacy transactions pay gasPrice, of
 * which gasPrice - baseFee is the tip.
 * https://eips.ethereum.org/EIPS/eip-1559
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, StateJournal, TxType, TX_SENDER, put, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const COINBASE = 0xc0bn;
const TO = 0xeen;
const ETHER = 10n ** 18n;

function dynamicTx(maxFeePerGas: bigint, maxPriorityFeePerGas: bigint, extra: object = {}) {
  return {
    type: TxType.FeeMarket,
    chainId: 1n,
    v: 0n,
    gasPrice: undefined,
    maxFeePerGas,
    maxPriorityFeePerGas,
    to: TO,
    gasLimit: 21000n,
    ...extra,
  };
}

function fresh(): StateJournal {
  return put(new StateJournal(), TX_SENDER, { balance: ETHER });
}

test('EIP-1559: type-2 transactions are not valid in Berlin', () => {
  const r = sendTx(Fork.Berlin, dynamicTx(30n, 5n), { env: { coinbase: COINBASE } });
  assert.match(r.receipt.rejected ?? '', /not supported/);
});

test('EIP-1559: the base fee is burned, the tip goes to the coinbase', () => {
  // base fee 10, max fee 30, tip cap 5: effective price 10 + min(5, 20) = 15.
  const { receipt, state } = sendTx(Fork.London, dynamicTx(30n, 5n), { state: fresh(), env: { coinbase: COINBASE, baseFee: 10n } });
  expectTx(receipt, Status.Stop, 21000, 'London');
  assert.equal(state.getBalance(TX_SENDER), ETHER - 21000n * 15n, 'the sender pays 21000 * 15 = 315000');
  assert.equal(state.getBalance(COINBASE), 21000n * 5n, 'the coinbase gets 21000 * 5 = 105000');
  // 21000 * 10 = 210000 wei left the supply.
  const total = state.getBalance(TX_SENDER) + state.getBalance(COINBASE) + state.getBalance(TO);
  assert.equal(ETHER - total, 210000n);
});

test('EIP-1559: the max fee caps the tip', () => {
  // base fee 10, max fee 12, tip cap 5: tip min(5, 12 - 10) = 2, effective 12.
  // A contract stores GASPRICE: GASPRICE (2) PUSH1 0 (3) SSTORE (2100 cold + 20000) = 22105; 21000 + 22105 = 43105.
  const state = put(fresh(), TO, { code: 'GASPRICE PUSH1 0 SSTORE STOP' });
  const { receipt } = sendTx(Fork.London, dynamicTx(12n, 5n, { gasLimit: 100_000n }), { state, env: { coinbase: COINBASE, baseFee: 10n } });
  expectTx(receipt, Status.Stop, 43105, 'London');
  assert.equal(state.getStorage(TO, 0n), 12n, 'GASPRICE is the effective price');
  assert.equal(state.getBalance(TX_SENDER), ETHER - 43105n * 12n);
  assert.equal(state.getBalance(COINBASE), 43105n * 2n);
});

test('EIP-1559: invalid fee fields', () => {
  const env = { coinbase: COINBASE, baseFee: 10n };
  // max fee below the base fee
  assert.match(sendTx(Fork.London, dynamicTx(9n, 1n), { state: fresh(), env }).receipt.rejected ?? '', /less than block base fee/);
  // tip cap above the max fee
  assert.match(sendTx(Fork.London, dynamicTx(30n, 31n), { state: fresh(), env }).receipt.rejected ?? '', /priority fee/);
  // a legacy gas price below the base fee
  assert.match(sendTx(Fork.London, { to: TO, gasPrice: 9n }, { state: fresh(), env }).receipt.rejected ?? '', /less than block base fee/);
  // max fee exactly the base fee, tip 0: valid, effective price 10, the coinbase gets nothing.
  const { receipt, state } = sendTx(Fork.London, dynamicTx(10n, 0n), { state: fresh(), env });
  expectTx(receipt, Status.Stop, 21000, 'max fee = base fee');
  assert.equal(state.getBalance(COINBASE), 0n);
  assert.equal(state.getBalance(TX_SENDER), ETHER - 210000n);
});

test('EIP-1559: the balance check uses the max fee, not the effective price', () => {
  const env = { coinbase: COINBASE, baseFee: 10n };
  // Balance 21000 * 15 covers the effective price but not 21000 * 30 (gasLimit * maxFee): rejected.
  let state = put(new StateJournal(), TX_SENDER, { balance: 21000n * 15n });
  assert.match(sendTx(Fork.London, dynamicTx(30n, 5n), { state, env }).receipt.rejected ?? '', /insufficient funds/);
  // Balance 21000 * 30: valid, and 21000 * 15 is left.
  state = put(new StateJournal(), TX_SENDER, { balance: 21000n * 30n });
  const { receipt } = sendTx(Fork.London, dynamicTx(30n, 5n), { state, env });
  expectTx(receipt, Status.Stop, 21000, 'exact balance');
  assert.equal(state.getBalance(TX_SENDER), 21000n * 15n);
});

test('EIP-1559: legacy transactions: the whole price to the coinbase in Berlin, only above the base fee in London', () => {
  let r = sendTx(Fork.Berlin, { to: TO, gasPrice: 15n }, { state: fresh(), env: { coinbase: COINBASE, baseFee: 10n } });
  expectTx(r.receipt, Status.Stop, 21000, 'Berlin');
  assert.equal(r.state.getBalance(COINBASE), 21000n * 15n);
  r = sendTx(Fork.London, { to: TO, gasPrice: 15n }, { state: fresh(), env: { coinbase: COINBASE, baseFee: 10n } });
  expectTx(r.receipt, Status.Stop, 21000, 'London');
  assert.equal(r.state.getBalance(COINBASE), 21000n * 5n);
  assert.equal(r.state.getBalance(TX_SENDER), ETHER - 21000n * 15n);
});
