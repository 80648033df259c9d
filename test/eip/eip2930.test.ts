/**
 * EIP-2930 (Berlin): type-1 transactions with an access list; each address costs 2400 and each storage
 * key 1900 of intrinsic gas (duplicates are charged again). Before Berlin the type is not valid.
 * https://eips.ethereum.org/EIPS/eip-2930
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, TxType, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';
import { intrinsicGas } from '../../src/transition/intrinsic.js';
import { rulesFor } from '../../src/spec/rules.js';
import { isTxTypeSupported } from '../../src/tx/index.js';

const A = 0xa1n;
const B = 0xb2n;

test('EIP-2930: type-1 transactions are rejected before Berlin', () => {
  const r = sendTx(Fork.Istanbul, { type: TxType.AccessList, chainId: 1n, to: 0xeen, v: 0n });
  assert.match(r.receipt.rejected ?? '', /not supported/);
  assert.equal(isTxTypeSupported(TxType.AccessList, rulesFor(Fork.Istanbul)), false);
  assert.equal(isTxTypeSupported(TxType.AccessList, rulesFor(Fork.Berlin)), true);
});

test('EIP-2930: access list intrinsic gas: 2400 per address, 1900 per key, duplicates included', () => {
  const rows: [string, { address: bigint; storageKeys: bigint[] }[], number][] = [
    ['empty list', [], 21000],
    ['one address', [{ address: A, storageKeys: [] }], 21000 + 2400],
    ['one address, one key', [{ address: A, storageKeys: [1n] }], 21000 + 2400 + 1900],
    // A twice (2 addresses), keys 1, 2 and 1 again (3 keys): 21000 + 2 * 2400 + 3 * 1900 = 31500
    [
      'duplicates',
      [
        { address: A, storageKeys: [1n, 2n] },
        { address: A, storageKeys: [1n] },
      ],
      31500,
    ],
    // two addresses, four keys: 21000 + 4800 + 7600 = 33400
    [
      'two addresses',
      [
        { address: A, storageKeys: [1n, 2n, 3n] },
        { address: B, storageKeys: [0n] },
      ],
      33400,
    ],
  ];
  for (const [name, accessList, gas] of rows) {
    const r = sendTx(Fork.Berlin, { type: TxType.AccessList, chainId: 1n, to: 0xeen, v: 0n, accessList });
    // A transfer to an account without code: the gas used is the intrinsic gas.
    expectTx(r.receipt, Status.Stop, gas, name);
    const t = {
      type: TxType.AccessList,
      chainId: 1n,
      nonce: 0n,
      gasPrice: 1n,
      gasLimit: 0n,
      to: 0xeen,
      value: 0n,
      data: new Uint8Array(0),
      accessList,
      v: 0n,
      r: 1n,
      s: 1n,
    };
    assert.equal(intrinsicGas(t, rulesFor(Fork.Berlin)), BigInt(gas), `${name}: intrinsicGas()`);
  }
});

test('EIP-2930: the gas limit must cover the access list', () => {
  const accessList = [{ address: A, storageKeys: [1n] }];
  // 21000 + 2400 + 1900 = 25300
  const low = sendTx(Fork.Berlin, { type: TxType.AccessList, chainId: 1n, to: 0xeen, v: 0n, accessList, gasLimit: 25299n });
  assert.match(low.receipt.rejected ?? '', /intrinsic gas too low/);
  const ok = sendTx(Fork.Berlin, { type: TxType.AccessList, chainId: 1n, to: 0xeen, v: 0n, accessList, gasLimit: 25300n });
  expectTx(ok.receipt, Status.Stop, 25300, 'exact');
});

test('EIP-2930: a legacy transaction in Berlin pays nothing for access lists (it has none)', () => {
  expectTx(sendTx(Fork.Berlin, { to: 0xeen }).receipt, Status.Stop, 21000, 'legacy');
});
