/**
 * EIP-4844 (Cancun): blob transactions (type 3) carry versioned hashes (version byte 0x01) and pay blob gas
 * (131072 per blob, at the blob base fee) besides execution gas; BLOBHASH (0x49, 3 gas) pushes the i-th
 * versioned hash of the transaction, or 0 past the end.
 * https://eips.ethereum.org/EIPS/eip-4844
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Fork,
  RETURN_TOP,
  StateJournal,
  TxType,
  TX_SENDER,
  bytesToBigint,
  put,
  run,
  expectRun,
  outWord,
  sendTx,
  expectTx,
} from './helpers.js';
import { Status } from '../../src/machine/status.js';

const C = 0xc0n;
const ETHER = 10n ** 18n;
const H0 = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : i));
const H1 = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : 0xff - i));

function blobTx(extra: object = {}) {
  return {
    type: TxType.Blob,
    chainId: 1n,
    v: 0n,
    gasPrice: undefined,
    maxFeePerGas: 1n,
    maxPriorityFeePerGas: 1n,
    maxFeePerBlobGas: 1n,
    blobVersionedHashes: [H0, H1],
    to: C,
    gasLimit: 200_000n,
    ...extra,
  };
}

test('EIP-4844: BLOBHASH is undefined and blob transactions invalid in Shanghai', () => {
  expectRun(run(Fork.Shanghai, 'PUSH0 BLOBHASH', { gas: 10_000n }), Status.UndefinedOpcode, 10_000, 'Shanghai BLOBHASH');
  const r = sendTx(Fork.Shanghai, blobTx());
  assert.match(r.receipt.rejected ?? '', /not supported/);
});

test('EIP-4844: BLOBHASH outside a blob transaction is 0, 3 gas', () => {
  // PUSH0 (2) BLOBHASH (3) RETURN_TOP (15) = 20
  const r = run(Fork.Cancun, `PUSH0 BLOBHASH ${RETURN_TOP}`);
  expectRun(r, Status.Return, 20, 'Cancun');
  assert.equal(outWord(r), 0n);
});

test('EIP-4844: BLOBHASH in a blob transaction; blob gas is charged on top of execution gas', () => {
  // C stores BLOBHASH(0), BLOBHASH(1), BLOBHASH(2), BLOBHASH(2^256 - 1) in slots 0..3:
  //   PUSH0 BLOBHASH PUSH0 SSTORE:           2 + 3 + 2 + (2100 + 20000) = 22107
  //   PUSH1 1 BLOBHASH PUSH1 1 SSTORE:       3 + 3 + 3 + 22100 = 22109
  //   PUSH1 2 BLOBHASH PUSH1 2 SSTORE:       3 + 3 + 3 + (2100 + 100: writing 0 over 0) = 2209
  //   PUSH32 max BLOBHASH PUSH1 3 SSTORE:    3 + 3 + 3 + 2200 = 2209
  //   21000 + 22107 + 22109 + 2209 + 2209 = 69634
  const max = (1n << 256n) - 1n;
  const state = put(new StateJournal(), C, {
    code: `PUSH0 BLOBHASH PUSH0 SSTORE PUSH1 1 BLOBHASH PUSH1 1 SSTORE PUSH1 2 BLOBHASH PUSH1 2 SSTORE PUSH32 ${max} BLOBHASH PUSH1 3 SSTORE STOP`,
  });
  put(state, TX_SENDER, { balance: ETHER });
  const r = sendTx(Fork.Cancun, blobTx(), { state });
  expectTx(r.receipt, Status.Stop, 69634, 'Cancun');
  assert.equal(r.receipt.blobGasUsed, 2n * 131072n);
  assert.equal(state.getStorage(C, 0n), bytesToBigint(H0));
  assert.equal(state.getStorage(C, 1n), bytesToBigint(H1));
  assert.equal(state.getStorage(C, 2n), 0n);
  assert.equal(state.getStorage(C, 3n), 0n);
  // Sender: 69634 gas at price 1 (base fee 0 + tip 1) and 2 * 131072 blob gas at blob base fee 1.
  assert.equal(state.getBalance(TX_SENDER), ETHER - 69634n - 262144n);
});

test('EIP-4844: blob transaction validity', () => {
  // No blobs, a bad version byte, a create, a max blob fee below the blob base fee (2 at excess 3338477).
  const bad = Uint8Array.from(H0);
  bad[0] = 0x02;
  const rows: [string, object, object][] = [
    ['no blobs', { blobVersionedHashes: [] }, {}],
    ['version byte', { blobVersionedHashes: [bad] }, {}],
    ['create', { to: null }, {}],
    ['blob fee cap', { maxFeePerBlobGas: 1n }, { excessBlobGas: 3338477n }],
  ];
  for (const [name, fields, env] of rows) {
    const r = sendTx(Fork.Cancun, blobTx(fields), { env });
    assert.ok(r.receipt.rejected !== undefined, `${name}: must be rejected`);
  }
  // The sender must afford gasLimit * maxFee + blob gas * maxFeePerBlobGas: 200000 + 262144 = 462144.
  let state = put(new StateJournal(), TX_SENDER, { balance: 462143n });
  assert.match(sendTx(Fork.Cancun, blobTx({ to: 0xeen }), { state }).receipt.rejected ?? '', /insufficient funds/);
  state = put(new StateJournal(), TX_SENDER, { balance: 462144n });
  const ok = sendTx(Fork.Cancun, blobTx({ to: 0xeen }), { state });
  expectTx(ok.receipt, Status.Stop, 21000, 'exact balance');
  assert.equal(state.getBalance(TX_SENDER), 462144n - 21000n - 262144n);
});
