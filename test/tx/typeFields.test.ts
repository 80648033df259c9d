/**
 * A transaction's consensus fields are its type's (execution-specs): a Transaction object that also holds
 * a field of another type (a t8n or API input with `type` 0 and an `authorizationList`) is charged and run
 * as its type. Found by the three-way fuzzer (test/fuzz/cases/seed7002-case57432.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TxType, accessListOf, authorizationsOf, blobHashesOf, type Transaction } from '../../src/tx/types.js';
import { intrinsicGas } from '../../src/transition/intrinsic.js';
import { rulesFor } from '../../src/spec/rules.js';
import { Fork } from '../../src/spec/fork.js';

const base: Transaction = {
  type: TxType.Legacy,
  chainId: 1n,
  nonce: 0n,
  gasPrice: 1n,
  gasLimit: 100_000n,
  to: 0x1000n,
  value: 0n,
  data: new Uint8Array(),
  accessList: [{ address: 0x2000n, storageKeys: [1n] }],
  blobVersionedHashes: [new Uint8Array(32)],
  authorizationList: [{ chainId: 1n, address: 0x3000n, nonce: 0n, yParity: 0n, r: 1n, s: 1n }],
  v: 27n,
  r: 1n,
  s: 1n,
};

test('each type reads only its own fields', () => {
  assert.equal(accessListOf(base).length, 0);
  assert.equal(blobHashesOf(base).length, 0);
  assert.equal(authorizationsOf(base).length, 0);
  assert.equal(accessListOf({ ...base, type: TxType.AccessList }).length, 1);
  assert.equal(blobHashesOf({ ...base, type: TxType.Blob }).length, 1);
  assert.equal(authorizationsOf({ ...base, type: TxType.SetCode }).length, 1);
});

test('intrinsic gas: no access-list or authorization charge on a legacy transaction holding them', () => {
  const rules = rulesFor(Fork.Prague);
  assert.equal(intrinsicGas(base, rules), 21000n);
  assert.equal(intrinsicGas({ ...base, type: TxType.AccessList }, rules), 21000n + 2400n + 1900n);
  assert.equal(intrinsicGas({ ...base, type: TxType.SetCode, accessList: [] }, rules), 21000n + 25000n);
});
